import ArgumentParser
import Foundation
import GongkaiIsolation
import GongkaiModel
import GongkaiOutput

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the figures of annual reports, with where each was printed.",
        discussion: """
            json: an array with one object per file (schemaVersion, agency, year, template, sections, figures, \
            unknown, raw, provenance, tables, findings; Docs/schema/report.schema.json). jsonl: the same objects, one \
            per line. csv: one figure per row (long format), with the columns of export --format csv; those only a \
            corpus knows (report_id, agency_id, region_code, region, version, report_status) are empty. text: tables \
            二, 三 and 四 laid out for a terminal.

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
        var failed = false
        let inputs = InputFile.expandingFolders(files)
        func reportFailure(_ path: String, _ reason: String) {
            printError("gongkai: \(path): \(reason)")
            failed = true
        }
        // Each report is written out as soon as it and those before it are read: none is held until the end. Except
        // for text, the workers that read the reports write them out, and only the bytes cross to this process.
        switch format {
        case .json, .jsonl, .csv:
            let rendering: ReportRendering =
                switch format {
                case .jsonl: .jsonLine
                case .csv: .csvRows
                case .json, .text: .jsonArrayElement
                }
            var array = ReportJSON.ArrayOutput()
            if format == .csv { writeStandardOutput(ReportCSV.headerBytes) }
            InputFile.renderAll(inputs, as: rendering, jobs: jobs.count) { path, outcome in
                switch outcome {
                case .success(let bytes):
                    if format == .json { writeStandardOutput(array.separator()) }
                    writeStandardOutput(bytes)
                case .failure(let error):
                    reportFailure(path, error.message)
                }
            }
            if format == .json { writeStandardOutput(array.end() + [UInt8(ascii: "\n")]) }
        case .text:
            var written = 0
            InputFile.loadAll(inputs, jobs: jobs.count) { path, outcome in
                switch outcome {
                case .read(let report, _):
                    if written > 0 { writeStandardOutput([UInt8(ascii: "\n")]) }
                    writeStandardOutput(Array(TableText.render(report).utf8))
                    written += 1
                case .failed(let reason):
                    reportFailure(path, reason)
                }
            }
        }
        if failed { throw ExitCode(2) }
    }
}
