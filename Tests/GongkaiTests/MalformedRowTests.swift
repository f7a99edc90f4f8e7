import Foundation
import GongkaiCheck
import GongkaiModel
import Testing

@testable import GongkaiCorpus
@testable import GongkaiRead

/// Rows whose digits cannot be split into the row's columns at all: too few digits, more runs than columns, or no
/// split that keeps the row's totals. The row is reported and its cells are unknown; reading never stops.
@Suite("Rows that no split fits")
struct MalformedRowTests {
    let seed000 = "seeds/000_619992dd5b79419f.txt"
    let litigationZeros = "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"

    func edited(_ edits: [(String, String)]) throws -> String {
        var text = try Fixtures.text(seed000)
        for (old, new) in edits {
            #expect(text.contains(old), "the seed prints \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    @Test("表四 printed as eleven 0 cells and a final 00: fewer digits than cells")
    func litigationTooFewDigits() throws {
        let line = Array(repeating: "0", count: 11).joined(separator: "\t") + "\t00"
        let report = try Fixtures.report(text: try edited([(litigationZeros, line)]))
        let table = try #require(report.table(.four))
        #expect(table.rows.allSatisfy { $0.state == .fewerValues(printed: 13, expected: 15) })
        #expect(report[FigureID("t4.review.upheld")] == .unknown)
        let findings = ReportChecker.check(report)
        let finding = try #require(findings.first { $0.code == "missing-cells" && $0.table == .four })
        #expect(finding.message.contains("表四数据行只有13个数值，应有15个"))
    }

    @Test("check and parse on that report: findings and an exit status, not a crash")
    func litigationTooFewDigitsCommandLine() throws {
        let line = Array(repeating: "0", count: 11).joined(separator: "\t") + "\t00"
        let text = Data(try edited([(litigationZeros, line)]).utf8)
        let check = try CLI.run(["check", "-"], stdin: text)
        #expect(check.status == 1)
        #expect(check.stdout.contains("错误 [missing-cells] 表四数据行只有13个数值，应有15个"))
        let parse = try CLI.run(["parse", "--format", "json", "-"], stdin: text)
        #expect(parse.status == 0)
        #expect(parse.stdout.contains("\"t4.review.upheld\""))
    }

    @Test("表四 runs that no split keeps the three 总计 of")
    func litigationNoSplit() throws {
        // Fifteen values with a run that must be cut, but every cut breaks a group's 总计.
        let line = "1\t0\t0\t0\t5\t0\t0\t0\t0\t0\t0\t0\t0\t0\t07"
        let report = try Fixtures.report(text: try edited([(litigationZeros, line)]))
        let table = try #require(report.table(.four))
        #expect(table.rows.allSatisfy { if case .ambiguousDigits(_, 0) = $0.state { true } else { false } })
        #expect(ReportChecker.check(report).contains { $0.code == "ambiguous-digits" && $0.table == .four })
    }

    @Test("a 表三 row with a run and too few digits is a row with missing cells")
    func applicationsTooFewDigits() throws {
        let report = try Fixtures.report(
            text: try edited([
                ("一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t", "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t00\t")
            ])
        )
        let row = try #require(report.table(.three)?.rows.first { $0.key == "received" })
        #expect(row.state == .fewerValues(printed: 6, expected: 7))
        #expect(report[FigureID("t3.received.total")] == .unknown)
    }

    @Test("a 表二 row with more runs than columns is a row with extra values")
    func proactiveTooManyRuns() throws {
        let report = try Fixtures.report(text: try edited([("行政许可\t28\t\t", "行政许可\t28\t00\t05\t")]))
        let row = try #require(report.table(.two)?.rows.first { $0.key == "licensing" })
        #expect(row.state == .moreValues(printed: 3, expected: 1))
    }

    @Test("the splitter takes only runs of digits, and gives no split for anything else")
    func splitterRefusesEmptyRuns() {
        #expect(DigitSplitter.splits(["", "123"], count: 2, accept: { _ in true }) == [])
        #expect(DigitSplitter.splits(["1x3", "4"], count: 3, accept: { _ in true }) == [])
        #expect(DigitSplitter.splits([], count: 0, accept: { _ in true }) == [])
        #expect(DigitSplitter.splits(["12", "", "5"], count: 5, groupSize: 5) == [])
        #expect(DigitSplitter.splits(["123"], count: 2, accept: { _ in true }) == [[1, 23], [12, 3]])
    }

    @Test("any tokens: a row resolves to values, to a non-empty list of full-length splits, or to a reason")
    func resolveNeverYieldsAnEmptyOrShortSplit() {
        var rng = SplitMix64(seed: 0x0BAD_C0DE)
        let rows: [(RowSpec, Int?)] =
            [
                (NationalTemplates.v2021.table(.three).rows[0], 7),
                (NationalTemplates.v2021.table(.two).rows[0], nil),
                (
                    RowSpec(
                        table: .four,
                        key: "all",
                        name: "",
                        columns: NationalTemplates.v2021.table(.four).rows.flatMap(\.columns)
                    ), 5
                ),
            ] + NationalTemplates.v2021.table(.two).rows.filter { $0.columns.last?.kind == .amount }.map { ($0, nil) }
        for trial in 0..<4_000 {
            let (row, totals) = rows[trial % rows.count]
            var tokens: [TableToken] = []
            for index in 0..<rng.int(in: 0...(row.columns.count + 3)) {
                var text = String((0..<rng.int(in: 1...4)).map { _ in Character(String(rng.int(in: 0...9))) })
                if rng.chance(10) { text += "." + String(rng.int(in: 0...99)) }
                let isRun = text.count > 1 && text.first == "0" || rng.chance(30)
                tokens.append(
                    TableToken(
                        kind: isRun ? .digits : .value,
                        text: text,
                        location: .text(line: 1, column: 1 + 5 * index),
                        line: 1
                    )
                )
            }
            let capture = RowCapture(row: row, printedLabel: "", labelLocation: nil, values: tokens)
            switch RowOutcome.resolve(capture, totals: totals) {
            case .values(let figures):
                #expect(figures.count == row.columns.count, "tokens \(tokens.map(\.text))")
            case .candidates(let candidates, _, _):
                #expect(!candidates.isEmpty, "tokens \(tokens.map(\.text))")
                #expect(candidates.allSatisfy { $0.count == row.columns.count }, "tokens \(tokens.map(\.text))")
            case .unassigned:
                break
            }
        }
    }
}
