import Foundation
import GRDB
import GongkaiCorpus
import GongkaiIsolation
import GongkaiModel
import GongkaiStore
import GongkaiTools
import Testing

/// A file that crashes or stalls a reader costs that file only: in `check`, `parse`, `ingest` and the library's
/// ``IsolatedReader``. Faults are planted in the worker (`GONGKAI_WORKER_FAULTS`) on files holding a marker, so the
/// tests do not depend on a reader bug staying unfixed.
@Suite("reading in worker processes")
struct IsolationTests {
    static let seeds = Fixtures.seedNames.map { "seeds/\($0).txt" }

    /// A folder holding the seed reports, a copy of one that makes the worker crash and one that makes it hang.
    static func folderWithFaults() throws -> URL {
        let folder = try StoreTesting.temporaryFolder()
        for seed in seeds {
            try Fixtures.data(seed).write(to: folder.appendingPathComponent((seed as NSString).lastPathComponent))
        }
        let base = try Fixtures.text(seeds[0])
        try Data((base + "\nCRASH-HERE\n").utf8).write(to: folder.appendingPathComponent("crash.txt"))
        try Data((base + "\nHANG-HERE\n").utf8).write(to: folder.appendingPathComponent("hang.txt"))
        return folder
    }

    static let faults = ["GONGKAI_WORKER_FAULTS": "crash=CRASH-HERE;hang=HANG-HERE"]

    @Test("check: the files before and after a crashing and a hanging one are all checked, in order; exit 2")
    func checkGoesOn() throws {
        let folder = try Self.folderWithFaults()
        let names = [
            "crash.txt", (Self.seeds[1] as NSString).lastPathComponent, "hang.txt",
            (Self.seeds[2] as NSString).lastPathComponent,
        ]
        let paths = names.map { folder.appendingPathComponent($0).path }
        let result = try CLI.run(["check", "--format", "json", "--jobs", "2"] + paths, environment: Self.faults)
        #expect(result.status == 2)
        let reports = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(reports?.map { $0["file"] as? String } == [paths[1], paths[3]])
        #expect(result.stderr.contains("\(paths[0]): 读取此文件时读取进程意外终止（信号 4）"))
        #expect(result.stderr.contains("planted fault"))
        #expect(result.stderr.contains("\(paths[2]): 读取超时"))
    }

    @Test("parse: a crash gives a message and exit 2, not a signal; without the fault the same file reads")
    func parseCrash() throws {
        let folder = try Self.folderWithFaults()
        let path = folder.appendingPathComponent("crash.txt").path
        let crashed = try CLI.run(["parse", "--format", "csv", path], environment: Self.faults)
        #expect(crashed.status == 2)
        #expect(crashed.stderr.contains("这是 Gongkai 的缺陷"))
        let read = try CLI.run(["parse", "--format", "csv", path])
        #expect(read.status == 0)
        #expect(read.stdout.contains("t3.received.natural"))
    }

    @Test("ingest: every good file stored in one run, the faulty ones recorded with their reason; a rerun is a no-op")
    func ingestGoesOn() throws {
        let folder = try Self.folderWithFaults()
        // More good files than one batch, so a crash cannot hide behind a batch boundary.
        let generated = folder.appendingPathComponent("generated")
        let made = try CLI.run(["generate-corpus", "--out", generated.path, "--agencies", "50", "--years", "2023-2024"])
        #expect(made.status == 0)
        let database = folder.appendingPathComponent("corpus.sqlite").path
        let first = try CLI.run(["ingest", "--quiet", "--db", database, folder.path], environment: Self.faults)
        #expect(first.status == 1)
        #expect(first.stdout.contains("失败 2 个（其中读取进程意外终止 1 个，读取超时 1 个）"))
        let queue = try DatabaseQueue(path: database)
        let (reports, failures) = try queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM report") ?? 0,
                try String.fetchAll(db, sql: "SELECT source_path || ' ' || reason FROM failure ORDER BY source_path")
            )
        }
        // 100 generated reports and the five seeds (crash.txt and hang.txt copy seed 000's agency and year).
        #expect(reports == 105)
        #expect(failures.count == 2)
        #expect(failures.first?.contains("crash.txt 读取此文件时读取进程意外终止") == true)
        #expect(failures.last?.contains("hang.txt 读取超时") == true)

        // Everything is in the database file itself: a copy of it alone holds every report.
        let log = (try? FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? Int) ?? 0
        #expect(log == 0)

        let again = try CLI.run(["ingest", "--quiet", "--db", database, folder.path], environment: Self.faults)
        #expect(again.status == 0)
        #expect(again.stdout.contains("新增 0 份报告"))
        // Without the faults (a fixed reader), --retry-failed reads them again and stores them.
        let retried = try CLI.run(["ingest", "--quiet", "--retry-failed", "--db", database, folder.path])
        #expect(retried.status == 0)
        #expect(retried.stdout.contains("新增 2 份报告"))
    }

    @Test("a report with one 表三 row printed 4,000 times is read within its time limit, not cut off")
    func repeatedRowsWithinLimit() throws {
        let folder = try StoreTesting.temporaryFolder()
        let lines = try Fixtures.text(Self.seeds[0]).components(separatedBy: "\n")
        let row = try #require(lines.firstIndex { $0.hasPrefix("一、本年新收政府信息公开申请数量") })
        let repeated = lines[..<row] + Array(repeating: lines[row], count: 4_000) + lines[row...]
        try Data(repeated.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("repeated.txt"))
        let database = folder.appendingPathComponent("corpus.sqlite").path
        let result = try CLI.run(["ingest", "--quiet", "--db", database, folder.path])
        #expect(!result.stdout.contains("读取超时"), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("新增 1 份报告"), "\(result.stdout)\(result.stderr)")
    }

    @Test("a worker stuck in a file ends when its parent is killed")
    func orphanEnds() throws {
        let folder = try Self.folderWithFaults()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["check", folder.appendingPathComponent("hang.txt").path]
        process.environment = ProcessInfo.processInfo.environment.merging(Self.faults) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let parent = process.processIdentifier
        func children() -> [Int32] {
            let text = (try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)) ?? ""
            let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(parent)/task")) ?? []
            let all = threads.compactMap {
                try? String(contentsOfFile: "/proc/\(parent)/task/\($0)/children", encoding: .utf8)
            }
            return (all + [text]).joined(separator: " ").split(separator: " ").compactMap { Int32($0) }
        }
        var worker: Int32?
        for _ in 0..<100 where worker == nil {
            worker = children().first
            if worker == nil { usleep(50_000) }
        }
        let found = try #require(worker, "the check started no worker")
        kill(parent, SIGKILL)
        // Gone, or a zombie that nobody reaps (the parent of orphans in a container may not).
        func isGone() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(found)/stat", encoding: .utf8) else { return true }
            return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
        }
        var gone = false
        for _ in 0..<60 where !gone {
            gone = isGone()
            if !gone { usleep(100_000) }
        }
        #expect(gone, "the worker \(found) outlived its parent")
    }

    @Test("the library's reader: a crash and a hang are failures of their kind, and the next file reads")
    func isolatedReader() throws {
        var command = WorkerCommand(executable: CLI.binary.path)
        command.environment = Self.faults
        let reader = IsolatedReader(
            .workerProcesses(command, timeLimit: ReadTimeLimit(base: 1, perMegabyte: 0))
        )
        defer { reader.stop() }
        let good = try Fixtures.data(Self.seeds[0])
        let kinds = [good + Data("CRASH-HERE".utf8), good + Data("HANG-HERE".utf8), good].map { bytes in
            switch reader.read(ReadRequest(name: "x.txt", bytes: bytes)) {
            case .report(let report, _, _): report.agency ?? "?"
            case .failed(let failure): failure.kind.rawValue
            }
        }
        let agency = try Fixtures.report(Self.seeds[0]).agency
        #expect(kinds == ["crashed", "timedOut", agency ?? "-"], "\(kinds)")
    }

    @Test(
        "a report crosses from the worker unchanged",
        arguments: seeds + ["real/hongze-2023.pdf", "html/001-word.html", "rendered/001_2af83e509e4cbaa8.lo.docx"]
    )
    func reportCrossesUnchanged(_ path: String) throws {
        let reader = IsolatedReader(.workerProcesses(WorkerCommand(executable: CLI.binary.path)))
        defer { reader.stop() }
        let request = ReadRequest(name: path, bytes: try Fixtures.data(path))
        guard case .report(let crossed, let crossedFindings, false) = reader.read(request),
            case .report(let local, let localFindings, false) = ReportLoader.load(request)
        else {
            Issue.record("\(path) did not read")
            return
        }
        #expect(crossed.figures == local.figures)
        #expect(crossedFindings == localFindings)
        // Every other field, through the model's Codable form: a field the wire form leaves out shows here.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var (crossedRest, localRest) = (crossed, local)
        (crossedRest.figures, localRest.figures) = ([:], [:])
        #expect(try encoder.encode(crossedRest) == encoder.encode(localRest))
        #expect(try encoder.encode(crossedFindings) == encoder.encode(localFindings))
    }

    /// What a descriptor of this process or of `pid` is (`pipe:[inode]` for a pipe).
    static func descriptors(of pid: Int32) -> Set<String> {
        let folder = "/proc/\(pid)/fd"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return Set(names.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\($0)") })
    }

    @Test("a worker and a tool inherit no descriptor of the process that starts them: another's pipe still ends")
    func nothingInherited() throws {
        // A pipe as any library makes one, not closed on exec, open while the programs start.
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let pipeName = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(ends[1])")
        #expect(pipeName.hasPrefix("pipe:"))

        let reader = IsolatedReader(.workerProcesses(WorkerCommand(executable: CLI.binary.path)))
        defer { reader.stop() }
        guard case .report = reader.read(ReadRequest(name: "x.txt", bytes: try Fixtures.data(Self.seeds[0]))) else {
            Issue.record("the seed did not read in the worker")
            return
        }
        let workers = ThrowawayPostgres.children(of: getpid()).filter {
            (try? String(contentsOfFile: "/proc/\($0)/cmdline", encoding: .utf8))?.contains("worker") == true
        }
        #expect(!workers.isEmpty)
        for worker in workers {
            #expect(!Self.descriptors(of: worker).contains(pipeName), "worker \(worker) holds the test's pipe")
        }

        let listing = try #require(ExternalTool.find("ls")).run(["-1", "/proc/self/fd"], timeout: 10)
        let numbers = String(decoding: listing.stdout, as: UTF8.self).split(separator: "\n").compactMap { Int32($0) }
        #expect(!numbers.contains(ends[1]), "the tool got descriptor \(ends[1]): \(numbers)")
        #expect(numbers.allSatisfy { $0 <= 3 }, "\(numbers)")

        // With its writing end closed here, the pipe ends: no started program holds it.
        close(ends[1])
        var descriptor = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 5_000) == 1 else {
            Issue.record("the pipe did not end: a started program holds its writing end")
            return
        }
        var byte: UInt8 = 0
        #expect(read(ends[0], &byte, 1) == 0)
    }
}
