import Foundation
import GongkaiCheck
import GongkaiModel
import Testing

@testable import GongkaiCorpus
@testable import GongkaiRead

/// Flattened text where adjacent cells run together: split by the table's arithmetic when exactly one split fits.
@Suite("Run-together digits")
struct DigitSplittingTests {
    /// Seed 000 with some rows flattened: label and digits glued, no separators.
    func flattened(_ edits: [(String, String)]) throws -> AnnualReport {
        var text = try Fixtures.text("seeds/000_619992dd5b79419f.txt")
        for (old, new) in edits { text = text.replacingOccurrences(of: old, with: new) }
        return try Fixtures.report(text: text)
    }

    @Test("one split satisfies the row total: 731010883 → 73,1,0,1,0,8,83")
    func rowTotalDecides() throws {
        let report = try flattened([
            ("一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t", "一、本年新收政府信息公开申请数量731010883"),
            ("三、本年度办理结果\t(一) 予以公开\t0\t0\t0\t0\t0\t0\t0\t", "三、本年度办理结果\t(一) 予以公开731010883"),
            ("(七) 总计\t0\t0\t0\t0\t0\t0\t0\t\t", "(七) 总计731010883"),
        ])
        let ids = ["natural", "commercial", "research", "nonprofit", "legal", "other", "total"]
        let values = ids.map { report[FigureID("t3.received.\($0)")]?.integer }
        #expect(values == [73, 1, 0, 1, 0, 8, 83])
        #expect(report.figures[FigureID("t3.received.total")]?.printed == "83")
        #expect(report.figures[FigureID("t3.received.total")]?.location?.column == 24)
        // The tables are consistent; only the narrative (「未收到…申请」) contradicts them.
        #expect(ReportChecker.check(report).map(\.code) == ["R13"])
    }

    @Test("the table's 勾稽 settles a row its own total cannot")
    func tableArithmeticDecides() throws {
        // 100001011 splits two ways that both satisfy the row total: 1,0,0,0,0,10,11 and 10,0,0,0,1,0,11.
        // Only the first agrees, column by column, with （七）总计 and 四 (一 + 二 = （七） + 四).
        let report = try flattened([
            ("一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t", "一、本年新收政府信息公开申请数量100001011"),
            ("三、本年度办理结果\t(一) 予以公开\t0\t0\t0\t0\t0\t0\t0\t", "三、本年度办理结果\t(一) 予以公开\t1\t0\t0\t0\t0\t10\t11\t"),
            ("(七) 总计\t0\t0\t0\t0\t0\t0\t0\t\t", "(七) 总计\t1\t0\t0\t0\t0\t10\t11\t\t"),
        ])
        let ids = ["natural", "commercial", "research", "nonprofit", "legal", "other", "total"]
        #expect(ids.map { report[FigureID("t3.received.\($0)")]?.integer } == [1, 0, 0, 0, 0, 10, 11])
        #expect(report.table(.three)?.rows.first { $0.key == "received" }?.state == .complete)
    }

    @Test("two splits that both fit the whole table leave only the disputed cells unknown")
    func stillAmbiguous() throws {
        // Without the outcome rows to decide, natural/other and legal are disputed; the rest is agreed.
        let report = try flattened([
            ("一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t", "一、本年新收政府信息公开申请数量100001011"),
            ("(七) 总计\t0\t0\t0\t0\t0\t0\t0\t\t", "(七) 总计"),
        ])
        #expect(report[FigureID("t3.received.natural")] == .unknown)
        #expect(report[FigureID("t3.received.commercial")] == .integer(0))
        #expect(report[FigureID("t3.received.total")] == .integer(11))
        #expect(ReportChecker.check(report).contains { $0.code == "ambiguous-digits" && $0.message.contains("2种拆分方式") })
    }

    @Test("表二 digits without arithmetic stay unknown, with a finding")
    func ambiguousStaysUnknown() throws {
        let report = try flattened([("行政规范性文件\t0\t0\t0", "行政规范性文件124130"), ("行政许可\t28\t\t", "行政许可28")])
        #expect(report[FigureID("t2.licensing.decisions")] == .integer(28))
        for id in ["t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"] {
            #expect(report[FigureID(id)] == .unknown)
        }
        let finding = try #require(ReportChecker.check(report).first { $0.code == "ambiguous-digits" })
        #expect(finding.message.contains("124130"))
        #expect(finding.figures.map(\.id.rawValue).contains("t2.normative.issued"))
    }

    @Test("表四 as one run of fifteen digits")
    func litigationRun() throws {
        let report = try flattened([("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "110020000000000")])
        #expect(report[FigureID("t4.review.upheld")] == .integer(1))
        #expect(report[FigureID("t4.review.corrected")] == .integer(1))
        #expect(report[FigureID("t4.review.total")] == .integer(2))
        #expect(report[FigureID("t4.suit_after_review.total")] == .integer(0))
    }

    @Test("cutting from the right finds exactly the splits a full search under the row totals finds, in its order")
    func groupedSearchAgreesWithFullSearch() {
        var rng = SplitMix64(seed: 0xD161_7500)
        var ambiguousRows = 0
        var gaveUp = 0
        for trial in 0..<600 {
            let groupSize = trial % 3 == 0 ? 5 : 7
            let count = groupSize == 5 ? 15 : 7
            // Values that keep every group's total, or (one trial in four) random values that may not.
            var values: [Int] = []
            for _ in 0..<(count / groupSize) {
                let scale = rng.pick([2, 10, 100, 2_000])
                let parts = (0..<(groupSize - 1)).map { _ in rng.chance(40) ? 0 : rng.int(in: 0...scale) }
                values += parts + [trial % 4 == 3 ? rng.int(in: 0...scale * 4) : parts.reduce(0, +)]
            }
            // Printed with a space between some neighbours, glued elsewhere; a lone value is a fixed run.
            var runs: [String] = []
            var fixed: [Bool] = []
            var run: [String] = []
            for (index, value) in values.enumerated() {
                run.append(String(value))
                if index == values.count - 1 || rng.chance(25) {
                    runs.append(run.joined())
                    fixed.append(run.count == 1 && rng.chance(50))
                    run = []
                }
            }
            let rule = { (partial: [Int]) in
                partial.count % groupSize != 0
                    || partial[(partial.count - groupSize)..<(partial.count - 1)].reduce(0, +) == partial.last
            }
            let full = DigitSplitter.splits(runs, fixed: fixed, count: count, accept: rule)
            let grouped = DigitSplitter.splits(runs, fixed: fixed, count: count, groupSize: groupSize)
            // The full search gives up after two million steps; the comparison needs its answer.
            guard let full else {
                gaveUp += 1
                continue
            }
            #expect(grouped == full, "runs \(runs), fixed \(fixed)")
            if trial % 4 != 3 { #expect(full.contains(values), "runs \(runs): the printed values are a split") }
            if full.count > 1 { ambiguousRows += 1 }
        }
        // The cases include rows that split several ways, where the order matters.
        #expect(ambiguousRows > 20)
        #expect(gaveUp < 60)
    }
}
