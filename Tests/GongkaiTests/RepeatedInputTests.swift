import Foundation
import GongkaiCheck
import GongkaiModel
import Testing

/// Reports that print one line thousands of times: each is read, in time that grows with its length and no faster
/// (the measured times are in the change that made them so, not asserted here).
@Suite("Repeated rows and headings")
struct RepeatedInputTests {
    static let seed000 = "seeds/000_619992dd5b79419f.txt"

    /// Seed 000 with the line that starts with `prefix` printed `count` times.
    func repeated(_ prefix: String, _ count: Int) throws -> String {
        var lines = try Fixtures.text(Self.seed000).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix(prefix) })
        lines.insert(contentsOf: repeatElement(lines[index], count: count - 1), at: index + 1)
        return lines.joined(separator: "\n")
    }

    @Test("one 表三 row printed 8,000 times: read once, and the rows after it still read")
    func applicationsRow() throws {
        let report = try Fixtures.report(text: try repeated("一、本年新收政府信息公开申请数量", 8_000))
        let table = try #require(report.table(.three))
        #expect(table.rows.filter { $0.key == "received" }.count == 1)
        #expect(table.rows.contains { $0.key == "carried_forward" && $0.state == .complete })
        #expect(report[FigureID("t3.received.total")] == .integer(0))
        #expect(report[FigureID("t3.carried_forward.total")] == .integer(0))
    }

    @Test("an outcome row of 表三 printed 8,000 times")
    func outcomeRow() throws {
        let report = try Fixtures.report(text: try repeated("\t\t2.其他法律行政法规禁止公开", 8_000))
        let table = try #require(report.table(.three))
        #expect(table.rows.filter { $0.key == "denied.prohibited" }.count == 1)
        #expect(report[FigureID("t3.total.total")] == .integer(0))
    }

    @Test("one 表二 row printed 8,000 times")
    func proactiveRow() throws {
        let report = try Fixtures.report(text: try repeated("行政许可\t28", 8_000))
        #expect(report[FigureID("t2.licensing.decisions")] == .integer(28))
        #expect(report[FigureID("t2.fees.amount")] == .decimal(0))
    }

    @Test("表四's values printed on 8,000 lines: more values than cells")
    func litigationRows() throws {
        let report = try Fixtures.report(text: try repeated("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", 8_000))
        let table = try #require(report.table(.four))
        #expect(table.rows.allSatisfy { $0.state == .moreValues(printed: 120_000, expected: 15) })
    }

    @Test("a part's heading printed 8,000 times")
    func headings() throws {
        let report = try Fixtures.report(text: try repeated("#### 五、存在的主要问题及改进情况", 8_000))
        #expect(report.sections.filter { $0.kind == .problems }.count == 1)
        #expect(report[FigureID("t3.received.total")] == .integer(0))
    }

    @Test("a 表三 row repeated 8,000 times on one line")
    func oneLine() throws {
        let row = "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0"
        let text = try Fixtures.text(Self.seed000).replacingOccurrences(
            of: "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t",
            with: Array(repeating: row, count: 8_000).joined(separator: " ")
        )
        let report = try Fixtures.report(text: text)
        #expect(report.table(.three) != nil)
    }
}
