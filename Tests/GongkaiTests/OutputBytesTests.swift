import Foundation
import GongkaiModel
import Testing

@testable import GongkaiCorpus
@testable import GongkaiIsolation
@testable import GongkaiOutput

/// JSON and CSV are written as bytes, a run of text at a time; each byte-level path is checked here against the plain
/// definition it replaces, and what the workers write against what one process writes.
@Suite("Outputs written as bytes")
struct OutputBytesTests {
    /// Characters JSON and CSV treat specially, their neighbours in UTF-8 (other E2 lead bytes: “, ”, —, …), and
    /// ordinary text of each UTF-8 length.
    static let alphabet: [Unicode.Scalar] = [
        "\"", "\\", "\n", "\r", "\t", "\u{00}", "\u{01}", "\u{08}", "\u{0C}", "\u{1B}", "\u{1F}", " ", "!", "#", "[",
        "]", "a", "Z", "0", "9", ",", "'", "=", "+", "-", "@", ".", "\u{7F}", "\u{80}", "é", "\u{2027}", "\u{2028}",
        "\u{2029}", "\u{202A}", "\u{2000}", "\u{201C}", "\u{201D}", "\u{2014}", "\u{2026}", "\u{20AC}", "一", "申",
        "\u{3000}", "\u{FEFF}", "\u{1F600}",
    ]

    static func randomText(_ generator: inout SplitMix64, length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length { scalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
        return String(scalars)
    }

    /// The definition: each scalar escaped on its own.
    static func scalarQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// The definition: in quotes when the text holds a comma, a quote or a line break, every quote doubled; after a
    /// single quote when a spreadsheet would take it for a formula.
    static func scalarField(_ text: String) -> String {
        let first = text.unicodeScalars.first
        let isNumber =
            text.range(of: #"^[-+]?[0-9]*\.?[0-9]*$"#, options: .regularExpression) != nil
            && text.contains(where: \.isNumber)
        let formula = ["=", "+", "-", "@", "\t", "\r"].contains(first) && !isNumber
        let quoted = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        var body = formula ? "'" : ""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { body += "\"" }
            body.unicodeScalars.append(scalar)
        }
        return quoted ? "\"" + body + "\"" : body
    }

    @Test("JSON strings: the eight-bytes-at-a-time escape matches escaping scalar by scalar")
    func jsonQuoting() {
        var generator = SplitMix64(seed: 1_419)
        for round in 0..<4_000 {
            let text = Self.randomText(&generator, length: round % 41)
            #expect(JSONText.quoted(text) == Self.scalarQuoted(text), "\(Array(text.unicodeScalars))")
        }
        #expect(JSONText.quoted("a\u{2028}b\u{2029}“c”\u{1F}") == #""a\u2028b\u2029“c”\u001f""#)
    }

    @Test("CSV fields written as bytes match the definition")
    func csvFields() {
        var generator = SplitMix64(seed: 17)
        for round in 0..<4_000 {
            let text = Self.randomText(&generator, length: round % 13)
            #expect(CSVText.field(text) == Self.scalarField(text), "\(Array(text.unicodeScalars))")
        }
        // A quote followed by a combining mark is one character but still a quote to a CSV reader.
        #expect(CSVText.field("a\"\u{301},") == "\"a\"\"\u{301},\"")
    }

    @Test(
        "integers written as bytes match String(_:)",
        arguments: [0, 7, 9, 10, 99, 100, -1, -9, -10, 1_234_567, Int.max, Int.min, Int.min + 1]
    )
    func integers(_ value: Int) {
        var bytes = ByteBuffer(capacity: 1)
        IntegerText.append(value, to: &bytes)
        #expect(bytes.text == String(value))
    }

    @Test("a byte buffer that grows keeps every piece in order")
    func byteBufferGrows() {
        var bytes = ByteBuffer(capacity: 1)
        var expected = ""
        for index in 0..<2_000 {
            let piece = index % 3 == 0 ? "申请\(index)" : String(index)
            bytes.append(utf8Of: piece)
            bytes.append(UInt8(ascii: ","))
            expected += piece + ","
        }
        #expect(bytes.text == expected)
        #expect(bytes.count == expected.utf8.count)
    }

    @Test("a cell found by its id is the first row and column that prints it", arguments: ReportTemplate.allCases)
    func cellIndex(_ template: ReportTemplate) {
        let spec = NationalTemplates.spec(template)
        var seen = Set<FigureID>()
        var expectedOrder: [FigureID: Int] = [:]
        var index = 0
        for table in spec.tables {
            for row in table.rows + table.variantRows {
                for (column, id) in zip(row.columns, row.figureIDs) {
                    if seen.insert(id).inserted {
                        let cell = spec.cell(id)
                        #expect(cell?.row == row && cell?.column == column, "\(id)")
                    }
                    expectedOrder[id] = index
                    index += 1
                }
            }
        }
        #expect(spec.outputOrder == expectedOrder.sorted { $0.value < $1.value }.map(\.key))
        #expect(spec.cell("t9.nothing.here") == nil)
    }

    @Test("figures come in the format's order, ids the format does not have last, by id")
    func orderedFigures() throws {
        var report = try Fixtures.report("seeds/002_a03528d1c919b0a1.txt")
        for id in ["t3.zz.extra", "t3.aa.extra"] {
            report.figures[FigureID(id)] = Figure(id: FigureID(id), value: .integer(1), printed: "1")
        }
        var order: [FigureID: Int] = [:]
        for (index, id) in report.spec.tables.flatMap({ ($0.rows + $0.variantRows).flatMap(\.figureIDs) })
            .enumerated()
        {
            order[id] = index
        }
        let expected = report.figures.values.sorted {
            (order[$0.id] ?? Int.max, $0.id) < (order[$1.id] ?? Int.max, $1.id)
        }
        #expect(report.orderedFigures.map(\.id) == expected.map(\.id))
        #expect(report.orderedFigures.suffix(2).map(\.id.rawValue) == ["t3.aa.extra", "t3.zz.extra"])
    }

    static let seeds = Fixtures.seedNames.map { "seeds/\($0).txt" }

    /// The seeds read and checked in this process, as `parse` names them.
    func localReports() throws -> [(AnnualReport, [Finding])] {
        try Self.seeds.map { path in
            let request = ReadRequest(name: Fixtures.url(path).path, bytes: try Fixtures.data(path))
            guard case .report(let report, let findings, _) = ReportLoader.load(request) else {
                throw CocoaError(.fileReadCorruptFile)
            }
            return (report, findings)
        }
    }

    @Test(
        "parse --format json, jsonl and csv write in the workers what one process writes",
        arguments: ["json", "jsonl", "csv"]
    )
    func workersWriteTheSame(_ format: String) throws {
        let local = try localReports()
        let expected =
            switch format {
            case "json": ReportJSON.array(local) + "\n"
            case "jsonl": local.map { ReportJSON.object($0.0, findings: $0.1, pretty: false) + "\n" }.joined()
            default: ReportCSV.document(local.map(\.0))
            }
        let paths = Self.seeds.map { Fixtures.url($0).path }
        for jobs in ["1", "3"] {
            let result = try CLI.run(["parse", "--format", format, "--jobs", jobs] + paths)
            #expect(result.status == 0)
            #expect(result.stdout == expected, "--jobs \(jobs)")
        }
        let inProcess = try CLI.run(["parse", "--format", format] + paths, environment: ["GONGKAI_ISOLATION": "none"])
        #expect(inProcess.stdout == expected, "in process")
    }

    @Test("parse --format json: a file that cannot be read leaves a valid array of the others")
    func jsonArrayWithFailure() throws {
        let paths = [
            Fixtures.url(Self.seeds[0]).path, Fixtures.url("bad/empty.txt").path, Fixtures.url(Self.seeds[1]).path,
        ]
        let result = try CLI.run(["parse", "--format", "json"] + paths)
        #expect(result.status == 2)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["file"] as? String } == [paths[0], paths[2]])
        let none = try CLI.run(["parse", "--format", "json", paths[1]])
        #expect(none.status == 2)
        #expect(none.stdout == "[]\n")
    }
}
