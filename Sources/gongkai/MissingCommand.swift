import ArgumentParser
import GongkaiCorpus
import GongkaiOutput
import GongkaiStore

struct MissingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "missing",
        abstract: "List the agencies of the region tree with no report for a year.",
        discussion: """
            The agencies are those imported with `gongkai agency import-regions` (level agency), listed as a \
            table: the agency, its region's name and its region's code. Exit status: 0 when none is missing, 1 \
            when some are, 2 when no region tree has been imported (there is nothing to compare against).
            """
    )

    @Option(help: "The year.")
    var year: Int

    @Option(help: "Only agencies in this region (code or name) or below it.")
    var region: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.open(readOnly: true)
        guard try storeRequest({ try store.hasRegions() }) else {
            printError(
                "gongkai: 尚未导入地区和机关名录，无法判断哪些机关缺少报告；"
                    + "请先用 gongkai agency import-regions regions.csv 导入（CSV 列：code,name,parent,level）。"
            )
            throw ExitCode(2)
        }
        let missing = try storeRequest { try Review.missing(in: store, year: year, region: region) }
        if !missing.isEmpty { print("机关\t所属地区\t地区代码") }
        for agency in missing {
            print(
                [agency.agency, agency.region ?? "", agency.regionCode ?? ""].map(TerminalText.line)
                    .joined(separator: "\t")
            )
        }
        printError("gongkai: \(year)年度缺少 \(missing.count) 个机关的报告。")
        if !missing.isEmpty { throw ExitCode(1) }
    }
}
