import ArgumentParser
import Foundation
import GongkaiCorpus
import GongkaiOutput
import GongkaiStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read, check and store report files in the corpus database.",
        discussion: """
            Files and folders (searched recursively for .txt, .md, .html, .doc, .docx and .pdf files). A file \
            whose bytes are already stored is skipped before it is read, so running ingest again is a no-op; a \
            changed file for the same agency and year is stored as another version, and the current version is \
            the one published last (on equal dates, the one with fewer errors), whatever order the files are read \
            in. A file that cannot be read is recorded with its reason and the run goes on. Several ingests can run \
            at once on the same database.

            Each report's file is stored with it, so that the web application offers it for download and shows the \
            PDF page a figure is on; --no-sources stores only what was read (the corpus then grows by a few \
            kilobytes a report rather than by the files' size).

            Exit status: 0 when every file was stored or skipped, 1 when some files could not be read (they are \
            recorded), 2 when a path does not exist or the database cannot be used.
            """
    )

    @Argument(help: "Report files and folders.")
    var paths: [String]

    @OptionGroup var store: StoreOptions

    @OptionGroup var jobs: JobsOption

    @Flag(help: "Read again the files recorded as failed.")
    var retryFailed = false

    @Flag(help: "Print no progress.")
    var quiet = false

    @Flag(help: "Store what is read from each file, but not the file itself.")
    var noSources = false

    func run() throws {
        let (files, missing) = Ingester.files(in: paths)
        for path in missing { printError("gongkai: \(path): 文件不存在。") }
        if !missing.isEmpty { throw ExitCode(2) }
        var ingester = Ingester(store: try store.open(), jobs: jobs.count)
        ingester.retryFailed = retryFailed
        ingester.storesSources = !noSources
        ingester.isolation = InputFile.isolation
        let display = ProgressDisplay(terminal: isatty(STDERR_FILENO) != 0, quiet: quiet)
        let summary = try storeRequest { try ingester.run(files: files) { display.show($0) } }
        display.finish()
        // Best effort: a log left behind by a busy reader is as safe, only not yet in the file.
        try? ingester.store.finishWriting()
        for failure in summary.failures.prefix(20) { printError("gongkai: \(failure.path): \(failure.reason)") }
        if summary.failed > 20 { printError("gongkai: …另有 \(summary.failed - 20) 个文件失败，见数据库 failure 表。") }
        print(Self.summaryLine(summary))
        if let review = Self.reviewLine(summary.stored) { print(review) }
        if summary.failed > 0 { throw ExitCode(1) }
    }

    /// The batch at a glance: how many of the reports stored have errors or are late, the five with most errors, and
    /// where the whole year's ranking is.
    static func reviewLine(_ stored: [Ingester.StoredBrief]) -> String? {
        guard !stored.isEmpty else { return nil }
        let withErrors = stored.filter { $0.errors > 0 }
        let late = stored.filter(\.late).count
        var line = "本次新增的 \(stored.count) 份报告中，\(withErrors.count) 份有错误，\(late) 份逾期发布。"
        let worst = withErrors.sorted { ($1.errors, $1.warnings, $0.agency) < ($0.errors, $0.warnings, $1.agency) }
        if !worst.isEmpty {
            line +=
                "错误最多的："
                + worst.prefix(5).map { "\(TerminalText.line($0.agency))\($0.year)年度（\($0.errors) 个错误）" }
                .joined(separator: "、") + "。"
        }
        let latest = stored.map(\.year).max() ?? 0
        return line + "全年排名、缺少的报告和审核意见：gongkai review --year \(latest)"
    }

    /// The failures that are Gongkai's own faults, apart: files that stopped a reader or took too long.
    static func failureKinds(_ summary: Ingester.Summary) -> String {
        var kinds: [String] = []
        if summary.crashed > 0 { kinds.append("读取进程意外终止 \(summary.crashed) 个") }
        if summary.timedOut > 0 { kinds.append("读取超时 \(summary.timedOut) 个") }
        return kinds.isEmpty ? "" : "（其中\(kinds.joined(separator: "，"))）"
    }

    static func summaryLine(_ summary: Ingester.Summary) -> String {
        let rate = summary.seconds > 0 ? Double(summary.files) / summary.seconds : 0
        return "共 \(summary.files) 个文件：新增 \(summary.added) 份报告（其中新版本 \(summary.newVersions) 份），"
            + "跳过 \(summary.skipped + summary.duplicates) 个已导入的文件，失败 \(summary.failed) 个"
            + Self.failureKinds(summary) + "；"
            + "用时 \(String(format: "%.1f", summary.seconds)) 秒，每秒 \(String(format: "%.0f", rate)) 个文件。"
    }
}
