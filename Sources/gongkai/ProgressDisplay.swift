import Foundation
import GongkaiCorpus

/// Ingest progress on standard error: a bar redrawn in place on a terminal, a plain line every few seconds otherwise.
final class ProgressDisplay {
    let terminal: Bool
    let quiet: Bool
    var lastShown = Date.distantPast
    var drawn = false

    init(terminal: Bool, quiet: Bool) {
        self.terminal = terminal
        self.quiet = quiet
    }

    func show(_ progress: Ingester.Progress) {
        guard !quiet else { return }
        let now = Date()
        let finished = progress.done == progress.total
        guard finished || now.timeIntervalSince(lastShown) >= (terminal ? 0.1 : 2) else { return }
        lastShown = now
        if terminal {
            write("\r" + bar(progress) + "\u{1B}[K")
            drawn = true
        } else {
            write(line(progress) + "\n")
        }
    }

    func finish() {
        if drawn { write("\n") }
    }

    func bar(_ progress: Ingester.Progress) -> String {
        let width = 24
        let fraction = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 1
        let filled = Int(fraction * Double(width))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "] "
            + "\(progress.done)/\(progress.total) \(Int(fraction * 100))%  \(Int(progress.rate))/s  "
            + "还需 \(Self.duration(progress.remaining))  新增 \(progress.added) 跳过 \(progress.skipped) "
            + "失败 \(progress.failed)"
    }

    func line(_ progress: Ingester.Progress) -> String {
        let percent = progress.total > 0 ? progress.done * 100 / progress.total : 100
        return "导入：\(progress.done)/\(progress.total) 个文件（\(percent)%），每秒 \(Int(progress.rate)) 个，"
            + "预计还需 \(Self.duration(progress.remaining))；新增 \(progress.added)，跳过 \(progress.skipped)，"
            + "失败 \(progress.failed)"
    }

    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "--:--" }
        let total = Int(seconds.rounded())
        return String(format: "%d:%02d", total / 60, total % 60)
    }

    func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
