import ArgumentParser
import Foundation

@main
struct Gongkai: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "Read and check 政府信息公开工作年度报告 (government information disclosure annual reports).",
        discussion: """
            Gongkai reads an annual report in the 2021 or 2019 national format — plain text or Markdown (UTF-8, \
            UTF-16 or GB18030/GBK), HTML, Word (.docx, and .doc through LibreOffice) or PDF (scans through OCR) — \
            takes every figure of tables 二, 三 and 四 exactly as printed with the place it came from, and checks the \
            report against the format's arithmetic and structure. It writes reports from data files, and keeps a \
            corpus of many agencies and years.

            Exit status: 0 success; 1 errors found (check, render) or some files failed (ingest); 2 a file or the \
            database could not be used; 64 the command line itself is wrong (an unknown option, a missing argument).

            Examples:
              gongkai check report.txt
              gongkai parse report.txt --format json
              gongkai parse reports/ --format csv > figures.csv
              gongkai new --year 2025 --agency 某某市司法局 -o report.yaml
            """,
        version: "0.1.0",
        subcommands: [
            ParseCommand.self, CheckCommand.self, NewCommand.self, FillTotalsCommand.self, RenderCommand.self,
            ExtractCommand.self, ScreenCommand.self, WorkerSubcommand.self,
        ]
            + corpusCommands
    )

    /// Runs the command; a wrong command line gets its message in Chinese and exit status 64 (EX_USAGE).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((UsageMessage.chinese(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
