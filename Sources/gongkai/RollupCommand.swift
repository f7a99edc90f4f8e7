import ArgumentParser
import GongkaiCheck
import GongkaiModel
import GongkaiOutput
import GongkaiStore

struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "Sum tables 二, 三 and 四 over the agencies of a region for a year, and check the sums.",
        discussion: """
            Every cell of the format the year requires is summed over the current reports of the agencies in the \
            region and below it; a cell printed empty or undeterminable is left out of its sum (text output says how \
            often). The sums are checked by the rules on a report's own figures (R1, R2, R3, R7, R11…). The JSON \
            output is what `gongkai parse` writes, so `gongkai render rollup.json --to docx` lays it out.

            Exit status: 0, 1 when the sums break a rule, 2 when the region is not known.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "The region, by code or name.")
    var region: String

    @Option(help: "The year.")
    var year: Int

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.open(readOnly: true)
        let found = try storeRequest {
            guard let found = try store.region(region) else { throw StoreError.regionNotFound(region) }
            return found
        }
        let reports = try storeRequest { try store.reports(underRegion: found.code, year: year) }
        let rollup = Rollup(regionName: found.name, year: year, reports: reports)
        let findings = ReportChecker.check(rollup.report).filter(Rollup.appliesToSums)
        switch format {
        case .json:
            print(ReportJSON.object(rollup.report, findings: findings))
        case .text:
            print(TableText.render(rollup.report), terminator: "")
            print("")
            print(
                "汇总 \(rollup.included.count) 个机关的报告："
                    + rollup.included.map { TerminalText.line($0.agency.name) }.sorted().joined(separator: "、") + "。"
            )
            let missing = try storeRequest { try store.missing(year: year, region: found.code) }
            if !missing.isEmpty {
                print(
                    "缺少 \(missing.count) 个机关的报告（未计入）："
                        + missing.map { TerminalText.line($0.name) }.joined(separator: "、") + "。"
                )
            } else if try storeRequest({ try store.counts() }).regions > 0 {
                print("名录中本地区的机关都有报告。")
            }
            let failures = try storeRequest { try store.failures() }.count
            if failures > 0 {
                print("语料库中另有 \(failures) 个文件无法读取，未能归入任何机关，其中可能有本地区的报告（见 gongkai ingest 的输出）。")
            }
            if !rollup.excluded.isEmpty {
                print(
                    "未计入 \(rollup.excluded.count) 份格式不符的报告："
                        + rollup.excluded.map { TerminalText.line($0.agency.name) }.joined(separator: "、")
                )
            }
            let spec = rollup.report.spec
            var rows: [String: (cells: Int, reports: Int)] = [:]
            var order: [String] = []
            for (id, count) in rollup.incomplete {
                let label = spec.cell(id).map { "\($0.row.table.name)「\($0.row.fullLabel)」" } ?? id.rawValue
                if rows[label] == nil { order.append(label) }
                rows[label, default: (0, 0)].cells += 1
                rows[label, default: (0, 0)].reports = max(rows[label]?.reports ?? 0, count)
            }
            for label in order.sorted() {
                guard let row = rows[label] else { continue }
                print("\(label)：至多 \(row.reports) 份报告的 \(row.cells) 个单元格为空或无法确定，未计入。")
            }
            for finding in findings {
                print("\(finding.severity.chinese) [\(finding.code)] \(TerminalText.line(finding.message))")
            }
        }
        if ReportChecker.hasErrors(findings) { throw ExitCode(1) }
    }
}
