import ArgumentParser
import GongkaiOutput
import GongkaiStore

struct MissingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "missing",
        abstract: "List the agencies of the region tree with no report for a year.",
        discussion: """
            The agencies are those imported with `gongkai agency import-regions` (level agency). Exit status: 0 \
            when none is missing, 1 when some are.
            """
    )

    @Option(help: "The year.")
    var year: Int

    @Option(help: "Only agencies in this region (code or name) or below it.")
    var region: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.open()
        let missing = try storeRequest { try store.missing(year: year, region: region) }
        for agency in missing {
            print(TerminalText.line(agency.regionCode ?? "") + "\t" + TerminalText.line(agency.name))
        }
        printError("gongkai: \(year)年度缺少 \(missing.count) 个机关的报告。")
        if !missing.isEmpty { throw ExitCode(1) }
    }
}
