import Foundation
import GongkaiCheck
import GongkaiExtract
import GongkaiModel
import GongkaiRead
import Testing

/// Tables read by OCR from a scan keep each value both readers agreed on unless the table's own sums contradict it;
/// an empty cell read from a scan is never taken as printed empty.
@Suite("Tables recognised from scans")
struct RecognisedTableTests {
    static func recognised(_ text: String) throws -> (read: AnnualReport, plain: AnnualReport) {
        var document = TextExtractor.extract(text: text, name: "scan.pdf")
        let plain = try ReportReader.read(document)
        document.isRecognised = true
        return (try ReportReader.read(document), plain)
    }

    /// The seed's text with the cells of 表三's row starting `label` changed by `change` (given the row's cells, the
    /// label first).
    static func changed(_ text: String, row label: String, _ change: (inout [String]) throws -> Void) throws -> String {
        var lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains(label) })
        var cells = lines[index].components(separatedBy: "\t")
        try change(&cells)
        lines[index] = cells.joined(separator: "\t")
        return lines.joined(separator: "\n")
    }

    @Test("a consistent scan keeps every number as read, 表二's too; an empty cell is unknown, with a finding")
    func consistent() throws {
        let (read, plain) = try Self.recognised(try Fixtures.text("seeds/003_15a2a8efa849601b.txt"))
        var kept = 0
        for (id, figure) in read.figures {
            if let value = plain[id]?.number {
                #expect(figure.value.number == value, "\(id.rawValue)")
                kept += 1
            } else {
                #expect(figure.value == .unknown, "\(id.rawValue): a scan's empty cell taken as printed")
            }
        }
        #expect(kept > 150)
        #expect(read.figures.keys.contains { $0.rawValue.hasPrefix("t2.") && read[$0] != .unknown })
        let findings = ReportChecker.check(read)
        for (id, figure) in read.figures where figure.value == .unknown {
            #expect(
                findings.contains { $0.code == "unconfirmed-ocr" && $0.figures.contains { $0.id == id } },
                "\(id.rawValue) unknown without a finding"
            )
        }
    }

    @Test("a misread value breaks its sums: every value in them is unknown, the rest of the table is kept")
    func misread() throws {
        let text = try Fixtures.text("seeds/003_15a2a8efa849601b.txt")
        let (plainRead, _) = try Self.recognised(text)
        let total = try #require(plainRead[FigureID("t3.received.total")]?.integer)
        // 表三's 「一、本年新收」 row with its 总计 misread: its row and its column no longer add up.
        let misread = try Self.changed(text, row: "本年新收政府信息公开申请数量") { cells in
            let last = try #require(cells.lastIndex { Int($0.trimmingCharacters(in: .whitespaces)) != nil })
            cells[last] = String(total + 7)
        }
        let (read, _) = try Self.recognised(misread)
        var kept = 0
        for (id, figure) in read.figures where id.rawValue.hasPrefix("t3.") {
            // The row's sum and R1 in the 总计 column.
            let inBrokenSums =
                id.rawValue.hasPrefix("t3.received.")
                || ["t3.carried_over.total", "t3.total.total", "t3.carried_forward.total"].contains(id.rawValue)
            if inBrokenSums {
                #expect(figure.value == .unknown, "\(id.rawValue)")
            } else if figure.value != .unknown {
                #expect(figure.value == plainRead[id], "\(id.rawValue)")
                kept += 1
            }
        }
        #expect(kept > 100)
    }

    @Test("the same digit misread in two cells of a row that still adds up: the column sums leave both unknown")
    func misreadTwice() throws {
        let text = try Fixtures.text("seeds/003_15a2a8efa849601b.txt")
        let (plainRead, _) = try Self.recognised(text)
        let natural = try #require(plainRead[FigureID("t3.received.natural")]?.integer)
        let total = try #require(plainRead[FigureID("t3.received.total")]?.integer)
        // 自然人 and 总计 each read one more than printed: the row adds up, 新收 + 结转 = 总计 + 结转下年度 does not.
        let misread = try Self.changed(text, row: "本年新收政府信息公开申请数量") { cells in
            let numbers = cells.indices.filter { Int(cells[$0].trimmingCharacters(in: .whitespaces)) != nil }
            cells[try #require(numbers.first)] = String(natural + 1)
            cells[try #require(numbers.last)] = String(total + 1)
        }
        let (read, _) = try Self.recognised(misread)
        for id in ["t3.received.natural", "t3.received.total"] {
            #expect(read[FigureID(id)] == .unknown || read[FigureID(id)] == plainRead[FigureID(id)], "\(id)")
        }
        for (id, figure) in read.figures where figure.value != .unknown {
            #expect(figure.value == plainRead[id], "\(id.rawValue)")
        }
    }

    @Test("a value no reader got stays unknown, though a sum it alone is missing from would give it")
    func notWorkedOut() throws {
        let text = try Fixtures.text("seeds/003_15a2a8efa849601b.txt")
        let (plainRead, _) = try Self.recognised(text)
        let unread = try Self.changed(text, row: "本年新收政府信息公开申请数量") { cells in
            let numbers = cells.indices.filter { Int(cells[$0].trimmingCharacters(in: .whitespaces)) != nil }
            cells[numbers[1]] = ExtractedCell.unreadableText
        }
        let (read, _) = try Self.recognised(unread)
        #expect(read[FigureID("t3.received.commercial")] == .unknown)
        #expect(read[FigureID("t3.received.natural")] == plainRead[FigureID("t3.received.natural")])
        #expect(read[FigureID("t3.received.total")] == plainRead[FigureID("t3.received.total")])
    }
}
