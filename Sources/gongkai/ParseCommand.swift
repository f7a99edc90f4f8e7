import ArgumentParser
import Foundation
import GongkaiModel
import GongkaiOutput

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the figures of annual reports, with where each was printed.",
        discussion: """
            json: an array with one object per file (schemaVersion, agency, year, template, sections, figures, \
            unknown, raw, provenance, tables, findings). jsonl: the same objects, one per line. csv: one figure per \
            row (long format). text: tables 二, 三 and 四 laid out for a terminal.

            Exit status: 0 when every file was read, 2 when a file could not be read (the others are still printed).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, jsonl, csv, text
    }

    @Argument(
        help: """
            Reports in any format Gongkai reads, data files, or folders (searched for reports as ingest does); \
            - reads standard input.
            """
    )
    var files: [String]

    @Option(name: .shortAndLong, help: "Output format: json, jsonl, csv or text.")
    var format: Format = .json

    @OptionGroup var jobs: JobsOption

    func run() throws {
        var entries: [(AnnualReport, [Finding])] = []
        var failed = false
        InputFile.loadAll(InputFile.expandingFolders(files), jobs: jobs.count) { path, outcome in
            switch outcome {
            case .read(let report, let findings):
                entries.append((report, findings))
                if format == .jsonl { print(ReportJSON.object(report, findings: findings, pretty: false)) }
            case .failed(let reason):
                printError("gongkai: \(path): \(reason)")
                failed = true
            }
        }
        switch format {
        case .json: print(ReportJSON.array(entries))
        case .jsonl: break
        case .csv: print(ReportCSV.document(entries.map(\.0)), terminator: "")
        case .text: print(entries.map { TableText.render($0.0) }.joined(separator: "\n"), terminator: "")
        }
        if failed { throw ExitCode(2) }
    }
}
