import ArgumentParser
import Foundation
import GongkaiModel
import GongkaiWrite

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a report data file: every part and every figure of the template, ready to fill in.",
        discussion: """
            The file is YAML: the agency, the year, the text of each of the six parts (with a line of guidance from \
            the format above each) and every figure of tables 二, 三 and 四 set to 0, in table order, with the Chinese \
            labels as comments. Edit it, then check and render it:

              gongkai new --year 2025 --agency 某某市司法局 -o report.yaml
              gongkai check report.yaml
              gongkai render report.yaml --to docx -o report.docx

            With --from, the file starts from last year's report (a report in any format Gongkai reads, or last \
            year's data file): the year after it, its agency, 「二、上年结转」 from its 「四、结转下年度继续办理」, \
            表二's 现行有效件数 (2021 format; 上一年项目数量 in the 2019 format) and each part's text to rewrite. \
            Check the new report against it with `gongkai check report.yaml --previous LAST-YEAR`.
            """
    )

    @Option(help: "The year the report covers (default with --from: the year after last year's report).")
    var year: Int?

    @Option(help: "The issuing body, as the title names it (「某某市司法局」; default with --from: last year's).")
    var agency: String?

    @Option(name: .customLong("from"), help: "Last year's report or data file, to start from.")
    var previous: String?

    @Option(
        name: .customLong("format"),
        help: "The national format: 2021 or 2019 (default: the one required for the year)."
    )
    var template: TemplateChoice?

    enum TemplateChoice: String, ExpressibleByArgument, CaseIterable {
        case v2021 = "2021"
        case v2019 = "2019"

        var template: ReportTemplate { self == .v2021 ? .v2021 : .v2019 }
    }

    @Option(name: .shortAndLong, help: "Where to write the file (default: standard output).")
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var overwrite = false

    /// The former name of --overwrite, still accepted.
    @Flag(name: .customLong("force"), help: .hidden)
    var force = false

    func validate() throws {
        if previous == nil {
            guard year != nil else { throw ValidationError("请用 --year 指定年度（或用 --from 给出上年报告）。") }
            guard agency != nil else { throw ValidationError("请用 --agency 指定机关名称（或用 --from 给出上年报告）。") }
        }
        if let year {
            guard (2019...2100).contains(year) else {
                throw ValidationError("--year 应为 2019 年或以后：全国统一格式从 2019 年度报告开始。")
            }
        }
        if let agency, agency.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--agency 应写明发布报告的机关名称。")
        }
    }

    func run() throws {
        let last = try previous.map { try InputFile(path: $0).loadOrExit().report }
        guard let year = year ?? last?.year.map({ $0 + 1 }) else {
            printError("gongkai: \(previous ?? "")：没有读出上年报告的年度；请用 --year 指定本年度。")
            throw ExitCode(2)
        }
        guard let agency = agency ?? last?.agency else {
            printError("gongkai: \(previous ?? "")：没有读出上年报告的机关名称；请用 --agency 指定。")
            throw ExitCode(2)
        }
        guard (2019...2100).contains(year) else {
            printError("gongkai: 年度 \(year) 不在 2019 年以后；请用 --year 指定本年度。")
            throw ExitCode(2)
        }
        if let template, year >= 2021, template == .v2019 {
            printError("gongkai: \(year)年度报告应使用 2021 年版格式。")
            throw ExitCode(64)
        }
        if let lastYear = last?.year, lastYear + 1 != year {
            printError("gongkai: 提示：上年报告是\(lastYear)年度的，本报告是\(year)年度；「上年结转」等仍按它填写，请核对。")
        }
        guard ReportScaffold.isUsableAgencyName(agency) else {
            printError("gongkai: --agency 的机关名称含有换行或其他控制字符；请把名称写成一行。")
            throw ExitCode(2)
        }
        let template = template?.template ?? ReportTemplate.required(forYear: year) ?? .v2021
        let text = ReportScaffold.yaml(agency: agency, year: year, template: template, previous: last)
        guard let output else {
            print(text, terminator: "")
            return
        }
        try writeOutput(Data(text.utf8), to: output, force: overwrite || force, flag: "--overwrite")
    }
}

/// Writes a whole file at once (through a temporary file), so that a failure never leaves a half-written file in
/// place of what was there; an existing file is replaced only when `force` (the command's `flag`) is given.
func writeOutput(_ data: Data, to path: String, force: Bool, flag: String = "--overwrite") throws {
    if !force, FileManager.default.fileExists(atPath: path) {
        printError("gongkai: \(path): 文件已存在；如需覆盖，请加 \(flag)。")
        throw ExitCode(2)
    }
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        printError("gongkai: \(path): 无法写入文件（\(error.localizedDescription)）。")
        throw ExitCode(2)
    }
}
