import Foundation
import GongkaiCheck
import GongkaiExtract
import GongkaiModel
import GongkaiRead
import Testing

/// Tables read by OCR from a scan keep only the values their own arithmetic confirms; an empty cell read from a scan is
/// never taken as printed empty.
@Suite("Tables recognised from scans")
struct RecognisedTableTests {
    static func recognised(_ text: String) throws -> (read: AnnualReport, plain: AnnualReport) {
        var document = TextExtractor.extract(text: text, name: "scan.pdf")
        let plain = try ReportReader.read(document)
        document.isRecognised = true
        return (try ReportReader.read(document), plain)
    }

    @Test("a consistent scan keeps 表三 and 表四 as read, and nothing of 表二 (it prints no sums)")
    func consistent() throws {
        let (read, plain) = try Self.recognised(try Fixtures.text("seeds/003_15a2a8efa849601b.txt"))
        var kept = 0
        for (id, figure) in read.figures {
            if id.rawValue.hasPrefix("t2.") {
                #expect(figure.value == .unknown, "\(id.rawValue)")
            } else if figure.value != .unknown {
                #expect(figure.value == plain[id], "\(id.rawValue)")
                #expect(figure.value != .blank, "\(id.rawValue): a scan's empty cell taken as printed")
                kept += 1
            }
        }
        #expect(kept > 100)
        let findings = ReportChecker.check(read)
        #expect(findings.contains { $0.code == "unconfirmed-ocr" })
        for (id, figure) in read.figures where figure.value == .unknown {
            #expect(
                findings.contains { $0.figures.contains { $0.id == id } },
                "\(id.rawValue) unknown without a finding"
            )
        }
    }

    @Test("a digit misread in a row of 表三 leaves the table unknown, since its sums no longer hold")
    func misread() throws {
        let text = try Fixtures.text("seeds/003_15a2a8efa849601b.txt")
        let (plainRead, _) = try Self.recognised(text)
        #expect(plainRead[FigureID("t3.received.total")] != .unknown)
        // 表三's 「一、本年新收」 row with its 总计 changed: the row no longer adds up, nor does the table.
        let lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("本年新收政府信息公开申请数量") })
        var cells = lines[index].components(separatedBy: "\t")
        let last = try #require(cells.lastIndex { Int($0.trimmingCharacters(in: .whitespaces)) != nil })
        cells[last] = String((Int(cells[last].trimmingCharacters(in: .whitespaces)) ?? 0) + 7)
        var changed = lines
        changed[index] = cells.joined(separator: "\t")
        let (read, _) = try Self.recognised(changed.joined(separator: "\n"))
        for (id, figure) in read.figures where id.rawValue.hasPrefix("t3.") {
            #expect(figure.value == .unknown, "\(id.rawValue)")
        }
    }
}
