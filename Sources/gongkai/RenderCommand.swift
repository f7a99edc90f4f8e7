import ArgumentParser
import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiOutput
import GongkaiWrite

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write a report in the national layout: Word, PDF, HTML or Markdown.",
        discussion: """
            INPUT is a data file (from `gongkai new`, YAML or JSON), the JSON `gongkai parse` writes, or a report in \
            any format Gongkai reads — a messy report comes out in the clean national layout, with its findings \
            listed on standard error.

            The report's own text is screened first, as `gongkai screen` does, for personal data and wrong or sensitive \
            wording; what is found is listed on standard error as a reminder and does not stop the writing.

            Every rule runs first: a report with errors is not written (the errors are listed as `gongkai check` \
            lists them) unless --force is given. --fill-totals computes every 总计, 表三's （七）总计 and, where it \
            is left empty, 「四、结转下年度继续办理」 from the detail cells.

            PDF is made by LibreOffice (Debian package libreoffice-writer-nogui) from the Word file, with 仿宋 and 宋体 \
            set in AR PL UMing CN, 楷体 in AR PL UKai CN and 黑体 in WenQuanYi Zen Hei (fonts-arphic-uming, \
            fonts-arphic-ukai, fonts-wqy-zenhei); a warning names any that is not installed.

            Exit status: 0 when written, 1 when errors stopped it, 2 when the input could not be read or the output \
            not written.
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case docx, pdf, html, md
    }

    @Argument(help: "A data file (YAML or JSON), `gongkai parse` JSON, or a report; - reads standard input.")
    var input: String

    @Option(help: "Output format: docx, pdf, html or md.")
    var to: Target

    @Option(
        name: .shortAndLong,
        help: """
            Where to write (docx and pdf: default the input's name with the new extension, report.yaml → \
            report.docx; html and md: default standard output).
            """
    )
    var output: String?

    @Flag(help: "Write even when the report has errors.")
    var force = false

    @Flag(help: "Compute every 总计 and （七）总计, and 结转下年度 where empty, from the detail cells.")
    var fillTotals = false

    @Flag(help: "Replace the output file if it exists.")
    var overwrite = false

    func validate() throws {
        if output == nil, input == "-", to == .docx || to == .pdf {
            throw ValidationError("从标准输入读取时，--to \(to.rawValue) 需要用 -o 指定输出文件。")
        }
    }

    /// The file to write: -o, or for Word and PDF the input's name with the new extension.
    var destination: String? {
        if let output { return output }
        guard to == .docx || to == .pdf else { return nil }
        return (input as NSString).deletingPathExtension + "." + to.rawValue
    }

    func run() throws {
        if output == nil, let destination, destination == input {
            printError("gongkai: 输出文件会与输入文件 \(input) 同名；请用 -o 指定另一个文件。")
            throw ExitCode(64)
        }
        let loaded = try InputFile(path: input).loadOrExit()
        var report = loaded.report
        let isData = loaded.isData
        if fillTotals { TotalsFiller.fill(&report) }
        let findings = ReportChecker.check(report)
        let hasErrors = ReportChecker.hasErrors(findings)
        if !isData || (hasErrors && !force) {
            let style = DiagnosticText.Style(color: stderrWantsColor(), minimumSeverity: isData ? .error : .notice)
            FileHandle.standardError.write(Data(DiagnosticText.render(report, findings: findings, style: style).utf8))
        }
        let screening = ReportScreening.lines(report, name: input == "-" ? "<stdin>" : input)
        if !screening.isEmpty {
            printError("gongkai: 提醒：报告文字中有 \(screening.count) 处可能的个人信息或错敏词，请在公开前核对（不影响生成）：")
            for line in screening { printError(line) }
        }
        if hasErrors && !force {
            printError("gongkai: 报告有错误，未生成；改正后重试，或加 --force 强制生成。")
            throw ExitCode(1)
        }
        let data: Data
        do {
            switch to {
            case .html: data = Data(ReportHTML.render(report).utf8)
            case .md: data = Data(ReportMarkdown.render(report).utf8)
            case .docx: data = try ReportDOCX.render(report)
            case .pdf:
                for missing in OfficialFonts.missing() { printError("gongkai: \(missing)") }
                data = try ReportPDF.render(report)
            }
        } catch {
            printError("gongkai: \(error)")
            throw ExitCode(2)
        }
        guard let destination else {
            FileHandle.standardOutput.write(data)
            return
        }
        try writeOutput(data, to: destination, force: overwrite, flag: "--overwrite")
        if output == nil { printError("gongkai: 已写入 \(destination)。") }
    }
}

/// Whether standard error is a terminal that wants colour.
func stderrWantsColor() -> Bool {
    isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        && ProcessInfo.processInfo.environment["TERM"] != "dumb"
}
