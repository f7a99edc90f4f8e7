import ArgumentParser
import Foundation
import GongkaiCorpus
import GongkaiServer
import GongkaiStore
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application: check reports, browse the corpus.",
        discussion: """
            Pages in Chinese at http://HOST:PORT/ — 检查报告 (upload a report or paste its text: the three tables \
            with every cell marked, the findings at their place in the source; nothing uploaded is stored), 报告库 \
            (the stored reports, filtered and paged), each agency's years side by side, and 未报送 — and a JSON API \
            under /api/v1. Uploads are read in worker processes, --readers at a time, 32 MB at most.

            --demo serves a corpus made for the purpose in a temporary folder (synthetic reports of 24 agencies over \
            2020–2024 and their region tree, with the sample reports of Examples/ when run in the project's folder), \
            removed again when the server stops.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Flag(help: "Serve a demonstration corpus made in a temporary folder.")
    var demo = false

    @Option(help: "Uploads read at a time, each in a worker process (default: one per core).")
    var readers: Int?

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port 应为 1 至 65535 之间的整数。") }
        if let readers, readers < 1 { throw ValidationError("--readers 至少为 1。") }
        if demo && store.databaseOption != nil {
            throw ValidationError("--demo 使用临时的演示报告库，不能与 --db 同用。")
        }
    }

    func run() throws {
        var folder: URL?
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        let corpus: any ReportStore
        if demo {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
                "gongkai-demo-\(UUID().uuidString)"
            )
            folder = temporary
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            Self.say("正在生成演示报告库（\(temporary.path)）……")
            let samples = FileManager.default.fileExists(atPath: "Examples") ? ["Examples"] : []
            let made = try storeRequest {
                try DemoCorpus.make(in: temporary, samples: samples, isolation: InputFile.isolation)
            }
            Self.say("演示报告库：\(made.summary.added) 份报告。")
            corpus = made.store
        } else {
            corpus = try store.open(readOnly: true)
        }
        let options = WebOptions(
            host: host,
            port: port,
            isolation: InputFile.isolation,
            readers: readers ?? ProcessInfo.processInfo.activeProcessorCount
        )
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await WebServer.run(store: corpus, options: options) {
                    Self.say("Gongkai 网页服务：http://\(host):\(port)/ （按 Ctrl-C 停止）")
                }
            } catch {
                failure.withLock { $0 = String(describing: error) }
            }
            done.signal()
        }
        done.wait()
        if let message = failure.withLock({ $0 }) {
            printError("gongkai: 无法在 \(host):\(port) 上提供服务：\(message)")
            throw ExitCode(2)
        }
    }

    /// A line on standard output at once, whether or not it is a terminal: the server then runs for long.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
