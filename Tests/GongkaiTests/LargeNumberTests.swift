import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiWrite
import Testing

@testable import GongkaiRead

/// Numbers no count can be: the largest integer, twenty digits. Every one is an error finding, and no sum of them
/// stops a check, a read or a render.
@Suite("Numbers too large for a count")
struct LargeNumberTests {
    static let seed000 = "seeds/000_619992dd5b79419f.txt"
    static let receivedRow = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"
    static let litigationZeros = "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
    static let largest = String(Int.max)

    func text(_ edits: [(String, String)]) throws -> String {
        var text = try Fixtures.text(Self.seed000)
        for (old, new) in edits {
            #expect(text.contains(old), "the seed prints \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    func findings(_ edits: [(String, String)]) throws -> [Finding] {
        ReportChecker.check(try Fixtures.report(text: try text(edits)))
    }

    @Test("two cells of a 表三 row hold the largest integer: R5 for each, and R2 does not add them up")
    func largestIntegerInTable3() throws {
        let row = "一、本年新收政府信息公开申请数量\t\t\(Self.largest)\t\(Self.largest)\t0\t0\t0\t0\t0\t"
        let result = try findings([(Self.receivedRow, row)])
        let r5 = result.filter { $0.code == "R5" }
        #expect(r5.map { $0.figures.map(\.id.rawValue) } == [["t3.received.natural"], ["t3.received.commercial"]])
        #expect(r5.allSatisfy { $0.severity == .error && $0.message.contains("\(Self.largest)，数值大得不可能") })
        #expect(!result.contains { $0.code == "R2" })
    }

    @Test("two cells of a 表四 group hold the largest integer: R5 for each, and R7 does not add them up")
    func largestIntegerInTable4() throws {
        let line = "\(Self.largest)\t\(Self.largest)\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
        let result = try findings([(Self.litigationZeros, line)])
        #expect(result.filter { $0.code == "R5" }.count == 2)
        #expect(!result.contains { $0.code == "R7" })
    }

    @Test("a cell of twenty digits is an error, not a quietly unknown value")
    func twentyDigits() throws {
        let row = "一、本年新收政府信息公开申请数量\t\t99999999999999999999\t0\t0\t0\t0\t0\t0\t"
        let report = try Fixtures.report(text: try text([(Self.receivedRow, row)]))
        #expect(report[FigureID("t3.received.natural")] == .unknown)
        let result = ReportChecker.check(report)
        let finding = try #require(result.first { $0.code == "R5" })
        #expect(finding.severity == .error)
        #expect(finding.figures.map(\.id.rawValue) == ["t3.received.natural"])
        #expect(finding.message.contains("「99999999999999999999」"))
        #expect(finding.location?.line == 41)
    }

    @Test("one cell just within the bound is a number; one past it is an error")
    func bound() throws {
        func r5(_ value: String) throws -> Int {
            let row = "一、本年新收政府信息公开申请数量\t\t\(value)\t0\t0\t0\t0\t0\t\(value)\t"
            return try findings([(Self.receivedRow, row)]).filter { $0.code == "R5" }.count
        }
        #expect(try r5("999999999") == 0)
        #expect(try r5("1000000000") == 2)
    }

    @Test("a whole decimal beyond an integer's range is no integer")
    func wholeDecimalOutOfRange() throws {
        let huge = try #require(Decimal(string: "99999999999999999999", locale: nil))
        #expect(CellValue.decimal(huge).integer == nil)
        #expect(CellValue.decimal(-huge).integer == nil)
        #expect(CellValue.decimal(Decimal(12)).integer == 12)
        let row = "一、本年新收政府信息公开申请数量\t\t99999999999999999999.0\t0\t0\t0\t0\t0\t0\t"
        let result = try findings([(Self.receivedRow, row)])
        // A decimal in a count, and far too large: the sums leave it out rather than reading it wrapped.
        #expect(result.contains { $0.code == "R5" && $0.figures.map(\.id.rawValue) == ["t3.received.natural"] })
        #expect(!result.contains { $0.code == "R1" || $0.code == "R2" })
    }

    @Test("the narrative rules add up the largest integers without stopping")
    func narrativeSums() throws {
        let received = "一、本年新收政府信息公开申请数量\t\t\(Self.largest)\t\(Self.largest)\t0\t0\t0\t0\t\(Self.largest)\t"
        let carried = try #require(
            try Fixtures.text(Self.seed000).components(separatedBy: "\n").first { $0.hasPrefix("二、上年结转") }
        )
        let result = try findings([
            (Self.receivedRow, received),
            (carried, "二、上年结转政府信息公开申请数量\t\t\(Self.largest)\t0\t0\t0\t0\t0\t\(Self.largest)\t"),
        ])
        #expect(result.filter { $0.code == "R5" }.count == 5)
    }

    @Test("digits that must be split, beside rows holding the largest integer, are settled without stopping")
    func settlingBesideLargest() throws {
        let received = "一、本年新收政府信息公开申请数量\t\t\(Self.largest)\t0\t0\t0\t0\t0\t\(Self.largest)\t"
        let result = try findings([
            (Self.receivedRow, received),
            ("(七) 总计\t0\t0\t0\t0\t0\t0\t0\t\t", "(七) 总计100001011"),
        ])
        #expect(result.contains { $0.code == "R5" })
        let rows = ["received": [Int.max, 0, 0, 0, 0, 0, Int.max], "carried_over": [Int.max, 0, 0, 0, 0, 0, Int.max]]
        let holds = ApplicationsTableReader.tableArithmeticHolds(
            rows.merging(["total": [0, 0, 0, 0, 0, 0, 0], "carried_forward": [0, 0, 0, 0, 0, 0, 0]]) { $1 },
            template: .v2021
        )
        #expect(!holds)
    }

    @Test("a date of twenty Chinese digits is no date")
    func hugeYearInDate() throws {
        let text = try text([]) + "\n\n二二二二二二二二二二二二二二二二二二二二年一月一日\n"
        let report = try Fixtures.report(text: text)
        #expect(report.publicationDate == nil)
    }

    @Test("--fill-totals adds up the largest integers without stopping; the render is refused with R5")
    func fillTotals() throws {
        var yaml = ReportScaffold.yaml(agency: "某某县自然资源局", year: 2024, template: .v2021)
        let largest = [
            "t3.received.natural", "t3.received.commercial", "t3.carried_over.natural", "t3.granted.natural",
            "t3.partial.natural", "t4.review.upheld", "t4.review.corrected",
        ]
        for id in largest { yaml = yaml.replacingOccurrences(of: "\(id): 0 ", with: "\(id): \(Self.largest) ") }
        yaml = yaml.replacingOccurrences(of: "t3.carried_forward.natural: 0 ", with: "t3.carried_forward.natural: ")
        var report = try ReportDataFile.load(yaml, name: "a.yaml")
        TotalsFiller.fill(&report)
        // Sums that do not fit are left as they were.
        #expect(report[FigureID("t3.received.total")] == .integer(0))
        #expect(report[FigureID("t3.total.natural")] == .integer(0))
        #expect(report[FigureID("t3.carried_forward.natural")] == .blank)
        #expect(report[FigureID("t4.review.total")] == .integer(0))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-large-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("report.yaml")
        try Data(yaml.utf8).write(to: data)
        let render = try CLI.run(["render", data.path, "--fill-totals", "--to", "md"])
        #expect(render.status == 1)
        #expect(render.stderr.contains("[R5]"))
        let check = try CLI.run(["check", data.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("数值大得不可能"))
    }
}
