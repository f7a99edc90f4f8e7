import ArgumentParser

@main
struct Gongkai: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "Read and check 政府信息公开工作年度报告 (government information disclosure annual reports).",
        discussion: """
            Gongkai reads an annual report in the 2021 or 2019 national format (plain text or Markdown, in UTF-8, \
            UTF-16 or GB18030/GBK), takes every figure of tables 二, 三 and 四 exactly as printed with the place it \
            came from, and checks the report against the format's arithmetic and structure.

            Examples:
              gongkai check report.txt
              gongkai parse report.txt --format json
              gongkai parse reports/*.txt --format csv > figures.csv
            """,
        version: "0.1.0",
        subcommands: [
            ParseCommand.self, CheckCommand.self, NewCommand.self, FillTotalsCommand.self, RenderCommand.self,
            ExtractCommand.self,
            WorkerSubcommand.self,
        ]
            + corpusCommands
    )
}
