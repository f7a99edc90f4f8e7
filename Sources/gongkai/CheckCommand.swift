import ArgumentParser
import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiOutput

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check annual reports and list their problems, grouped by table.",
        discussion: """
            Each finding shows file:line:column, its severity (错误 error, 警告 warning, 提示 notice), a stable code \
            (R1 勾稽, R2 row totals, R3 outcome sums, R5 blank cells, R7 表四 totals, …) and the source line with a \
            caret under the place.

            Exit status: 0 when no file has errors, 1 when errors were found, 2 when a file could not be read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    enum Level: String, ExpressibleByArgument, CaseIterable {
        case error, warning, notice
    }

    @Argument(help: "Report files (plain text or Markdown); - reads standard input.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Output format: text (for people) or json.")
    var format: Format = .text

    @Option(help: "Show findings of at least this severity: error, warning or notice.")
    var level: Level = .notice

    @Flag(inversion: .prefixedNo, help: "Colour the severities (default: when writing to a terminal).")
    var color: Bool = stdoutWantsColor()

    @Option(help: "Files read at a time, each in a worker process of its own (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        var errorsFound = false
        var unreadable = false
        var entries: [(AnnualReport, [Finding])] = []
        let minimum = Severity(rawValue: level.rawValue) ?? .notice
        var index = 0
        InputFile.loadAll(files, jobs: jobs) { path, outcome in
            defer { index += 1 }
            switch outcome {
            case .read(let report, let findings):
                errorsFound = errorsFound || ReportChecker.hasErrors(findings)
                if format == .text {
                    if index > 0 { print("") }
                    print(
                        DiagnosticText.render(
                            report,
                            findings: findings,
                            style: .init(color: color, minimumSeverity: minimum)
                        ),
                        terminator: ""
                    )
                } else {
                    entries.append((report, findings.filter { $0.severity <= minimum }))
                }
            case .failed(let reason):
                printError("gongkai: \(path): \(reason)")
                unreadable = true
            }
        }
        if format == .json { print(ReportJSON.array(entries)) }
        if unreadable { throw ExitCode(2) }
        if errorsFound { throw ExitCode(1) }
    }
}
