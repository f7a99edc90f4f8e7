import ArgumentParser
import GongkaiCheck
import GongkaiCorpus
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
        let rolled = try storeRequest { try RegionRollup.build(store: store, region: region, year: year) }
        let rollup = rolled.rollup
        let findings = rolled.findings
        switch format {
        case .json:
            print(ReportJSON.object(rollup.report, findings: findings))
        case .text:
            print(TableText.render(rollup.report), terminator: "")
            print("")
            print(
                "汇总 \(rollup.included.count) 个机关的报告："
                    + rollup.included.map { TerminalText.line($0.agencyName) }.sorted().joined(separator: "、") + "。"
            )
            if !rolled.missing.isEmpty {
                print(
                    "缺少 \(rolled.missing.count) 个机关的报告（未计入）："
                        + rolled.missing.map { TerminalText.line($0.agency) }.joined(separator: "、") + "。"
                )
            } else {
                print("名录中本地区的机关都有报告。")
            }
            if !rolled.unreadable.isEmpty {
                print(
                    "语料库中另有 \(rolled.unreadable.count) 个文件无法读取，未能归入任何机关，其中可能有本地区的报告"
                        + "（见 gongkai ingest 的输出）。"
                )
            }
            if !rollup.excluded.isEmpty {
                print(
                    "未计入 \(rollup.excluded.count) 份格式不符的报告："
                        + rollup.excluded.map { TerminalText.line($0.agencyName) }.joined(separator: "、")
                )
            }
            for row in rolled.incompleteRows {
                print("\(row.label)：至多 \(row.reports) 份报告的 \(row.cells) 个单元格为空或无法确定，未计入。")
            }
            for finding in findings {
                print("\(finding.severity.chinese) [\(finding.code)] \(TerminalText.line(finding.message))")
            }
        }
        if ReportChecker.hasErrors(findings) { throw ExitCode(1) }
    }
}
