import ArgumentParser
import Foundation
import GongkaiCorpus
import GongkaiStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the corpus: long CSV, JSON or an Excel workbook.",
        discussion: """
            csv: one figure a row, the columns of parse --format csv and of the figure_long view (report_id, agency_id, \
            agency, region_code, region, year, version, report_status, template, file, figure_id, table_name, \
            row_label, column_label, value, state, printed, source_line, source_column). json: {"schemaVersion": 2, \
            "reports": [...]}, one entry per report: its corpus ids and, under "report", the object parse --format \
            json writes (Docs/schema/export.schema.json). xlsx: one sheet per table with Chinese headers and one row \
            per report, and a sheet of findings; opens in Excel, WPS and LibreOffice.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, xlsx
    }

    @Option(name: .shortAndLong, help: "csv, json or xlsx.")
    var format: Format = .csv

    @Option(name: .shortAndLong, help: "Where to write (default for csv and json: standard output).")
    var output: String?

    @Option(help: "Only reports on this year.")
    var year: Int?

    @Option(help: "Only agencies in this region (code or name) or below it.")
    var region: String?

    @Flag(help: "Every stored version, not only the current ones.")
    var allVersions = false

    @Flag(help: "Replace the output file if it exists.")
    var overwrite = false

    /// The former name of --overwrite, still accepted.
    @Flag(name: .customLong("force"), help: .hidden)
    var force = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if format == .xlsx, output == nil { throw ValidationError("--format xlsx 需要用 -o 指定输出文件。") }
    }

    func run() throws {
        let store = try store.open(readOnly: true)
        let filter = ReportFilter(year: year, region: region, allVersions: allVersions)
        switch format {
        case .xlsx:
            let data: Data
            do {
                data = try storeRequest { try CorpusWorkbook.render(store: store, filter: filter) }
            } catch let error as CorpusWorkbook.WriteError {
                printError("gongkai: \(error.description)")
                throw ExitCode(2)
            }
            try writeOutput(data, to: output ?? "corpus.xlsx", force: overwrite || force, flag: "--overwrite")
        case .csv, .json:
            let kind: CorpusExport.Format = format == .csv ? .csv : .json
            guard let output else {
                try storeRequest {
                    try CorpusExport.write(format: kind, store: store, filter: filter) { writeStandardOutput($0) }
                }
                return
            }
            var data = Data()
            try storeRequest {
                try CorpusExport.write(format: kind, store: store, filter: filter) { data.append(contentsOf: $0) }
            }
            try writeOutput(data, to: output, force: overwrite || force, flag: "--overwrite")
        }
    }
}
