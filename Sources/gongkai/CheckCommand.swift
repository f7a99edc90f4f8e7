import ArgumentParser
import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiOutput
import GongkaiWrite

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

    @Argument(
        help: """
            Reports in any format Gongkai reads, data files, or folders (searched for reports as ingest does); \
            - reads standard input.
            """
    )
    var files: [String]

    @Option(name: .shortAndLong, help: "Output format: text (for people) or json.")
    var format: Format = .text

    @Option(help: "Show findings of at least this severity: error, warning or notice.")
    var level: Level = .notice

    @Flag(inversion: .prefixedNo, help: "Colour the severities (default: when writing to a terminal).")
    var color: Bool?

    @Flag(
        help: """
            Data files: compute every 总计, 表三's （七）总计 and an empty 结转下年度 from the detail cells before \
            checking (`gongkai fill-totals FILE` writes them into the file). A report's totals are checked as printed.
            """
    )
    var fillTotals = false

    @Option(
        name: .customLong("previous"),
        help: """
            Last year's report (any format, or its data file): also run the cross-year rules — R6 上年结转, R8 \
            尚未审结 cases, R9 现行有效件数, R12 上一年项目数量 — on each report of the year after it.
            """
    )
    var previous: String?

    @OptionGroup var jobs: JobsOption

    func run() throws {
        let last = try previous.map { try InputFile(path: $0).loadOrExit().report }
        let inputs = InputFile.expandingFolders(files)
        var errorsFound = false
        var unreadable = inputs.isEmpty
        var compared = false
        var tally = Tally()
        /// The cross-year findings on a report of the year after `last`; none for another year.
        func againstLastYear(_ report: AnnualReport, _ last: AnnualReport) -> [Finding] {
            guard let year = report.year, let lastYear = last.year, lastYear + 1 == year else { return [] }
            compared = true
            return CrossYearRules.check(
                previous: CrossYearRules.Side(year: lastYear, template: last.template, figures: last.figures),
                current: CrossYearRules.Side(year: year, template: report.template, figures: report.figures)
            ).map(\.finding) + CrossYearRules.unchangedText(previous: last, current: report)
        }
        var entries: [(AnnualReport, [Finding])] = []
        let minimum = Severity(rawValue: level.rawValue) ?? .notice
        var index = 0
        InputFile.loadAll(inputs, jobs: jobs.count) { path, outcome in
            defer { index += 1 }
            switch outcome {
            case .read(var report, var findings):
                var hint: String?
                if report.source.format == .data {
                    var filled = report
                    TotalsFiller.fill(&filled)
                    let differing = filled.figures.filter { report.figures[$0.key]?.value != $0.value.value }.count
                    if fillTotals {
                        if differing > 0 {
                            hint = "\(report.source.name)：已按明细计算 \(differing) 个总计（与文件中填写的不同）后检查。"
                        }
                        report = filled
                        findings = ReportChecker.check(report)
                    } else if differing > 0 {
                        hint =
                            "\(report.source.name)：有 \(differing) 个总计与明细之和不同或未填。总计可以不填："
                            + "gongkai check --fill-totals 按明细计算后再检查，gongkai fill-totals 文件名 把算出的总计写回文件。"
                    }
                }
                if let last { findings += againstLastYear(report, last) }
                defer { if let hint { printError(hint) } }
                errorsFound = errorsFound || ReportChecker.hasErrors(findings)
                tally.add(findings)
                if format == .text {
                    if index > 0 { print("") }
                    print(
                        DiagnosticText.render(
                            report,
                            findings: findings,
                            style: .init(color: color ?? stdoutWantsColor(), minimumSeverity: minimum)
                        ),
                        terminator: ""
                    )
                } else {
                    entries.append((report, findings.filter { $0.severity <= minimum }))
                }
            case .failed(let reason):
                printError("gongkai: \(path): \(reason)")
                unreadable = true
                tally.unreadable += 1
            }
        }
        if format == .json { print(ReportJSON.array(entries)) }
        if format == .text, inputs.count > 1 {
            print("")
            print(tally.line)
        }
        if let last, !compared {
            printError(
                "gongkai: 提示：--previous 给出的是\(last.year.map { "\($0)年度" } ?? "年度不明的")报告，"
                    + "没有哪个报告是它的下一年度，未做跨年度检查。"
            )
        }
        if unreadable { throw ExitCode(2) }
        if errorsFound { throw ExitCode(1) }
    }

    /// What the files checked came to, for the line after them.
    struct Tally {
        var withErrors = 0
        var withWarnings = 0
        var clean = 0
        var unreadable = 0
        var errors = 0
        var warnings = 0

        mutating func add(_ findings: [Finding]) {
            let errorCount = findings.filter { $0.severity == .error }.count
            let warningCount = findings.filter { $0.severity == .warning }.count
            errors += errorCount
            warnings += warningCount
            if errorCount > 0 {
                withErrors += 1
            } else if warningCount > 0 {
                withWarnings += 1
            } else {
                clean += 1
            }
        }

        /// 「共 12 个文件：3 个有错误，5 个只有警告，3 个没有错误和警告，1 个无法读取；共 7 个错误，19 个警告。」
        var line: String {
            let files = withErrors + withWarnings + clean + unreadable
            return "共 \(files) 个文件：\(withErrors) 个有错误，\(withWarnings) 个只有警告，\(clean) 个没有错误和警告，"
                + "\(unreadable) 个无法读取；共 \(errors) 个错误，\(warnings) 个警告。"
        }
    }
}
