import Foundation
import GongkaiModel
import GongkaiWrite
import Testing

/// A report written from last year's, and checked against it before it is published: `new --from` and
/// `check --previous`.
@Suite("Last year's report")
struct LastYearTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-last-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func line(of prefix: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(prefix) }.map { $0 + 1 }
    }

    @Test("new --from a published report carries the agency, 上年结转, 现行有效件数 and the text")
    func fromPublishedReport() throws {
        let last = Fixtures.url("real/shanghai-office-2025.md").path
        let expected = try Fixtures.expected("real/shanghai-office-2025.expected.json")
        let output = try folder().appendingPathComponent("report.yaml")
        let made = try CLI.run(["new", "--from", last, "-o", output.path])
        #expect(made.status == 0, "\(made.stderr)")
        let yaml = try String(contentsOf: output, encoding: .utf8)
        let report = try ReportDataFile.load(yaml, name: "report.yaml")
        #expect(report.year == 2026)
        #expect(report.agency == expected.agency)
        #expect(report.template == .v2021)
        for column in ["natural", "commercial", "research", "nonprofit", "legal", "other", "total"] {
            let carried = try #require(expected.figures["t3.carried_forward.\(column)"] ?? nil)
            #expect(report[FigureID("t3.carried_over.\(column)")]?.number == carried, "\(column)")
        }
        #expect(report[FigureID("t3.carried_over.total")] == .integer(293))
        // 现行有效件数 as Gongkai read it last year: a number is carried; a cell it could not read (規章's, in this
        // converted report) is left empty for the clerk, never guessed.
        let lastReport = try Fixtures.report("real/shanghai-office-2025.md")
        for row in ["rules", "normative"] {
            let id = FigureID("t2.\(row).in_force")
            switch lastReport[id] {
            case .unknown:
                #expect(report[id] == .blank, "\(row)")
                #expect(yaml.contains("  \(id.rawValue):  #"), "\(row)")
            default:
                let inForce = try #require(expected.figures[id.rawValue] ?? nil)
                #expect(report[id]?.number == inForce, "\(row)")
            }
        }
        #expect(lastReport[FigureID("t2.normative.in_force")] == .integer(189))
        // Figures not carried start at 0; each carried one says where it came from.
        #expect(report[FigureID("t3.received.natural")] == .integer(0))
        #expect(yaml.contains("t3.carried_over.natural: 290  # 二、上年结转政府信息公开申请数量 — 自然人（取自2025年度报告「结转下年度继续办理」）"))
        // Each part holds last year's text, to rewrite.
        let overview = try #require(lastReport.section(.overview)?.text)
        #expect(!overview.isEmpty)
        #expect(report.section(.overview)?.text == overview)

        // Checked against last year: no R6 while 上年结转 matches, text-unchanged for every part not rewritten.
        let checked = try CLI.run(["check", output.path, "--previous", last, "--format", "json"])
        #expect(!checked.stdout.contains("\"R6\""), "\(checked.stdout.prefix(2000))")
        #expect(checked.stdout.contains("\"text-unchanged\""))
        let edited = yaml.replacingOccurrences(
            of: "  t3.carried_over.natural: 290",
            with: "  t3.carried_over.natural: 289"
        )
        try Data(edited.utf8).write(to: output)
        let r6 = try CLI.run(["check", output.path, "--previous", last, "--level", "warning"])
        let lineNumber = try #require(Self.line(of: "  t3.carried_over.natural:", in: edited))
        #expect(r6.stdout.contains("\(output.path):\(lineNumber):3: 警告 [R6]"), "\(r6.stdout)")
        #expect(r6.stdout.contains("但2025年度报告「四、结转下年度继续办理」行「自然人」列为290"), "\(r6.stdout)")
        // Without --previous no cross-year rule runs.
        #expect(!(try CLI.run(["check", output.path, "--level", "warning"])).stdout.contains("[R6]"))
    }

    @Test("new --from last year's 2019-format data file carries 上一年项目数量 plus 本年增/减")
    func fromDataFile2019() throws {
        let scaffold = ReportScaffold.yaml(agency: "某某县交通运输局", year: 2019, template: .v2019)
            .replacingOccurrences(of: "  t2.licensing.prior: 0", with: "  t2.licensing.prior: 40")
            .replacingOccurrences(of: "  t2.licensing.change: 0", with: "  t2.licensing.change: -3")
            .replacingOccurrences(of: "  t2.fees.prior: 0", with: "  t2.fees.prior: 7")
        let folder = try folder()
        let last = folder.appendingPathComponent("2019.yaml")
        try Data(scaffold.utf8).write(to: last)
        let made = try CLI.run(["new", "--from", last.path])
        #expect(made.status == 0, "\(made.stderr)")
        let report = try ReportDataFile.load(made.stdout, name: "2020.yaml")
        #expect(report.year == 2020)
        #expect(report.template == .v2019)
        #expect(report.agency == "某某县交通运输局")
        #expect(report[FigureID("t2.licensing.prior")] == .integer(37))
        #expect(report[FigureID("t2.fees.prior")] == .integer(7))
        #expect(report[FigureID("t2.licensing.change")] == .integer(0))
        // Written to a file, it passes R12 against last year's.
        let next = folder.appendingPathComponent("2020.yaml")
        try Data(made.stdout.utf8).write(to: next)
        let checked = try CLI.run(["check", next.path, "--previous", last.path, "--level", "warning"])
        #expect(!checked.stdout.contains("[R12]"), "\(checked.stdout)")
        let wrong = made.stdout.replacingOccurrences(of: "  t2.licensing.prior: 37", with: "  t2.licensing.prior: 40")
        try Data(wrong.utf8).write(to: next)
        let r12 = try CLI.run(["check", next.path, "--previous", last.path, "--level", "warning"])
        #expect(r12.stdout.contains("[R12]"), "\(r12.stdout)")
    }

    @Test("--previous with a report of another year says no cross-year rule ran; an unreadable one stops")
    func previousOfAnotherYear() throws {
        let seed = Fixtures.url("seeds/000_619992dd5b79419f.txt").path
        let result = try CLI.run(["check", seed, "--previous", seed])
        #expect(result.stderr.contains("未做跨年度检查"), "\(result.stderr)")
        let missing = try CLI.run(["check", seed, "--previous", "/nonexistent/2022.txt"])
        #expect(missing.status == 2)
        let none = try CLI.run(["new", "--from", "/nonexistent/2022.txt"])
        #expect(none.status == 2)
        #expect(try CLI.run(["new"]).status != 0)
    }
}
