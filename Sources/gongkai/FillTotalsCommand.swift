import ArgumentParser
import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiWrite

struct FillTotalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill-totals",
        abstract: "Compute every 总计 of a data file from its detail cells and write them into the file.",
        discussion: """
            Every row's 总计, 表三's （七）总计 and, where it is empty, 「四、结转下年度继续办理」 are computed from the \
            detail cells, as `render --fill-totals` and `check --fill-totals` do, and written where their keys stand; \
            a key the file lacks is added after the figure before it. Comments, order and everything else stay as \
            they are. Each total written is listed as FILE:LINE, then the findings that remain.

            Exit status: 0 when written (or nothing to write) and no errors remain, 1 when errors remain, 2 when the \
            file is no data file or could not be read or written.
            """
    )

    @Argument(help: "A data file (YAML from `gongkai new`, or JSON).")
    var file: String

    @Flag(help: "List what would be written without changing the file.")
    var dryRun = false

    func run() throws {
        guard file != "-" else {
            printError("gongkai: fill-totals 要写回文件，不能读标准输入；请给出数据文件的路径。")
            throw ExitCode(2)
        }
        let loaded = try InputFile(path: file).loadOrExit()
        guard loaded.isData else {
            printError("gongkai: \(file): 这不是数据文件（YAML 或 JSON）；fill-totals 只改写 gongkai new 生成的那类数据文件。")
            throw ExitCode(2)
        }
        let report = loaded.report
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8)
        else {
            printError("gongkai: \(file): 无法再次读取文件。")
            throw ExitCode(2)
        }
        let written: (text: String, changes: [DataFileTotals.Change])
        do {
            written = try DataFileTotals.write(into: text, report: report)
        } catch {
            printError("gongkai: \(file): \(error)")
            throw ExitCode(2)
        }
        for change in written.changes {
            print(
                "\(file):\(change.line): \(change.id.rawValue) \(change.old.map { $0.isEmpty ? "（空）" : $0 } ?? "（新增）") → \(change.new)"
            )
        }
        if written.changes.isEmpty {
            print("各总计与明细一致，无需改动。")
        } else if dryRun {
            print("将写入 \(written.changes.count) 个总计（--dry-run：文件未改动）。")
        } else {
            try writeOutput(Data(written.text.utf8), to: file, force: true)
            print("已写入 \(written.changes.count) 个总计。")
        }
        // What remains to fix, read from the text as written.
        let remaining: AnnualReport
        do {
            remaining = try ReportDataFile.load(written.text, name: file)
        } catch {
            printError("gongkai: \(file): \(error)")
            throw ExitCode(2)
        }
        let findings = ReportChecker.check(remaining)
        let errors = findings.filter { $0.severity == .error }.count
        print(errors == 0 ? "没有错误。" : "仍有 \(errors) 个错误；用 gongkai check \(file) 查看。")
        if errors > 0 { throw ExitCode(1) }
    }
}
