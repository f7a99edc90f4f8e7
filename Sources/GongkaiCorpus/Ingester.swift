public import Foundation
import GongkaiExtract
public import GongkaiIsolation
import GongkaiModel
public import GongkaiStore
import Synchronization

/// Reads and checks report files on every core and stores them through one writer.
///
/// A file whose bytes are already stored (or recorded as failed) is skipped before it is read; a file that cannot
/// be read is recorded with its reason and the run goes on. Results are written in batches, each report in its own
/// savepoint, so a killed run keeps everything it committed and a rerun resumes.
public struct Ingester: Sendable {
    public var store: any ReportStore
    /// Reader threads; the writer runs on the calling thread.
    public var jobs: Int
    /// Reports per transaction.
    public var batchSize = 64
    /// Read files recorded as failed again (after a reader update).
    public var retryFailed = false
    /// Where files are read: the command line reads each in a worker process, so that a file that crashes or stalls
    /// a reader is recorded as failed and costs nothing else.
    public var isolation: ReaderIsolation = .inProcess
    /// The path recorded in the corpus for a file read from `path` (the web application's uploads are read from a
    /// temporary folder and recorded under the name they were uploaded with).
    public var recordedPath: @Sendable (String) -> String = { $0 }
    /// Store each report's source file with it, so that it can be downloaded and its PDF pages shown; off, only
    /// what was read from it is stored.
    public var storesSources = true

    public init(store: any ReportStore, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.store = store
        self.jobs = max(1, jobs)
    }

    /// Where a run stands, for a progress display.
    public struct Progress: Sendable, Hashable {
        public var total: Int
        public var done: Int
        public var added: Int
        public var skipped: Int
        public var failed: Int
        public var elapsed: Double

        /// Files per second so far.
        public var rate: Double { elapsed > 0 ? Double(done) / elapsed : 0 }
        /// Seconds left at the current rate, when it can be told.
        public var remaining: Double? { rate > 0 ? Double(total - done) / rate : nil }
    }

    /// What a run did.
    public struct Summary: Sendable, Hashable {
        public var files = 0
        /// Reports stored, new versions included.
        public var added = 0
        /// Of `added`, reports of an agency and year that had another file stored already (whichever is current).
        public var newVersions = 0
        /// Files whose bytes were already stored or already recorded as failed.
        public var skipped = 0
        /// Files stored meanwhile by another ingest.
        public var duplicates = 0
        public var failures: [FailedFile] = []
        /// Of the failures, files whose reading stopped the reader, and files that took longer than their size allows.
        public var crashed = 0
        public var timedOut = 0
        public var seconds = 0.0
        /// The reports this ingest stored, for the review of the batch at its end.
        public var stored: [StoredBrief] = []
        /// What became of each file, by the path it was read from.
        public var outcomes: [String: FileOutcome] = [:]

        public var failed: Int { failures.count }
    }

    /// What became of one file.
    public enum FileOutcome: Sendable, Hashable {
        /// Stored as the report with this id.
        case stored(reportID: Int64)
        /// Its bytes were stored or recorded as failed already (by an earlier ingest or meanwhile by another).
        case known
        /// It could not be read, or names no agency or year.
        case failed(reason: String)
    }

    /// A report an ingest stored, as the review of the batch needs it.
    public struct StoredBrief: Sendable, Hashable {
        public var agency: String
        public var year: Int
        public var errors: Int
        public var warnings: Int
        public var late: Bool
    }

    /// One file's result, with the path it was read from.
    enum Item: Sendable {
        case read(ReportSubmission, String)
        case failed(FailedFile, ReadFailure.Kind, String)
        case skipped(String)
        /// Another ingest (on this machine or another) is reading the file: asked again at the end.
        case deferred(String)
    }

    /// Ingests the files, calling `progress` on the calling thread after each batch.
    public func run(files: [String], progress: (Progress) -> Void = { _ in }) throws -> Summary {
        let start = Date()
        var known = try store.knownContentHashes()
        if retryFailed { known.subtract(try store.failures().map(\.contentHash)) }
        let skip = known
        let queue = BlockingQueue<Item>(capacity: batchSize * 4)
        let next = Mutex(0)
        let workers = min(jobs, max(1, files.count))
        for _ in 0..<workers {
            Thread.detachNewThread {
                let reader = IsolatedReader(isolation)
                defer { reader.stop() }
                while true {
                    let index = next.withLock { value -> Int in
                        defer { value += 1 }
                        return value
                    }
                    guard index < files.count else { break }
                    queue.push(
                        Self.process(
                            files[index],
                            skipping: skip,
                            store: store,
                            reader: reader,
                            recordedPath: recordedPath,
                            storesSource: storesSources
                        )
                    )
                }
                queue.finishProducer()
            }
        }

        let heartbeat = Heartbeat(store: store)
        defer { heartbeat.stop() }
        var summary = Summary(files: files.count)
        var state = Progress(total: files.count, done: 0, added: 0, skipped: 0, failed: 0, elapsed: 0)
        var deferred: [String] = []
        let reader = IsolatedReader(isolation)
        defer { reader.stop() }
        while let batch = queue.popBatch(max: batchSize, producers: workers) {
            try write(batch, into: &summary, state: &state, deferred: &deferred, start: start, progress: progress)
        }
        // Files other ingests were reading: stored by them meanwhile, or taken over when their ingest died.
        while !deferred.isEmpty {
            Thread.sleep(forTimeInterval: 0.5)
            let known = try store.knownContentHashes()
            let batch = deferred.map {
                Self.process(
                    $0,
                    skipping: known,
                    store: store,
                    reader: reader,
                    recordedPath: recordedPath,
                    storesSource: storesSources
                )
            }
            deferred = []
            try write(batch, into: &summary, state: &state, deferred: &deferred, start: start, progress: progress)
        }
        try? store.releaseClaims()
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }

    /// Stores one batch of read files and counts what became of them.
    func write(
        _ batch: [Item],
        into summary: inout Summary,
        state: inout Progress,
        deferred: inout [String],
        start: Date,
        progress: (Progress) -> Void
    ) throws {
        var submissions: [ReportSubmission] = []
        var readFrom: [String] = []
        var failures: [FailedFile] = []
        for item in batch {
            switch item {
            case .read(let submission, let path):
                submissions.append(submission)
                readFrom.append(path)
            case .failed(let failure, let kind, let path):
                failures.append(failure)
                summary.outcomes[path] = .failed(reason: failure.reason)
                if kind == .crashed { summary.crashed += 1 }
                if kind == .timedOut { summary.timedOut += 1 }
            case .skipped(let path):
                summary.skipped += 1
                summary.outcomes[path] = .known
            case .deferred(let path): deferred.append(path)
            }
        }
        let outcomes = try writeWithRetry(submissions, failures: failures)
        for ((submission, outcome), path) in zip(zip(submissions, outcomes), readFrom) {
            switch outcome {
            case .added(let reportID, _, let versions):
                summary.outcomes[path] = .stored(reportID: reportID)
                summary.added += 1
                if versions > 1 { summary.newVersions += 1 }
                let report = submission.report
                if let year = report.year {
                    summary.stored.append(
                        StoredBrief(
                            agency: report.agency ?? "",
                            year: year,
                            errors: submission.findings.filter { $0.severity == .error }.count,
                            warnings: submission.findings.filter { $0.severity == .warning }.count,
                            late: submission.findings.contains { $0.code == "late-publication" }
                        )
                    )
                }
            case .duplicate:
                summary.outcomes[path] = .known
                summary.duplicates += 1
            case .unplaced(let reason):
                summary.outcomes[path] = .failed(reason: reason)
                summary.failures.append(
                    FailedFile(contentHash: submission.contentHash, path: submission.path, reason: reason)
                )
            }
        }
        summary.failures += failures
        state.done += batch.count - batch.filter(\.isDeferred).count
        state.added = summary.added
        state.skipped = summary.skipped + summary.duplicates
        state.failed = summary.failed
        state.elapsed = Date().timeIntervalSince(start)
        progress(state)
    }

    /// Writes a batch, waiting and retrying while another process holds the database.
    func writeWithRetry(_ submissions: [ReportSubmission], failures: [FailedFile]) throws -> [SubmissionOutcome] {
        var attempt = 0
        while true {
            do {
                return try store.add(submissions, failures: failures)
            } catch StoreError.cannotOpen(_, let detail) where attempt < 8 && detail.contains("lock") {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    /// Reads, hashes, parses and checks one file.
    static func process(
        _ path: String,
        skipping known: Set<String>,
        store: any ReportStore,
        reader: IsolatedReader,
        recordedPath: (String) -> String = { $0 },
        storesSource: Bool = true
    )
        -> Item
    {
        let url = URL(fileURLWithPath: path)
        let recorded = recordedPath(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard let data = try? Data(contentsOf: url) else {
            return .failed(
                FailedFile(
                    contentHash: SHA256.hex(Data(("unreadable:" + recorded).utf8)),
                    path: recorded,
                    reason: "无法打开文件（没有读取权限？）。"
                ),
                .unreadable,
                path
            )
        }
        let hash = SHA256.hex(data)
        if known.contains(hash) { return .skipped(path) }
        switch (try? store.claim(hash)) ?? .claimed {
        case .claimed: break
        case .done: return .skipped(path)
        case .busy: return .deferred(path)
        }
        if size > TextExtractor.defaultSizeLimit {
            let reason = ExtractError.tooLarge(bytes: size, limit: TextExtractor.defaultSizeLimit).description
            return .failed(FailedFile(contentHash: hash, path: recorded, reason: reason), .unreadable, path)
        }
        switch reader.read(ReadRequest(name: recorded, bytes: data, keepsSourceLines: false)) {
        case .report(let report, let findings, _):
            let source =
                storesSource ? SourceFile(fileName: URL(fileURLWithPath: recorded).lastPathComponent, bytes: data) : nil
            return .read(
                ReportSubmission(contentHash: hash, path: recorded, report: report, findings: findings, source: source),
                path
            )
        case .failed(let failure):
            return .failed(FailedFile(contentHash: hash, path: recorded, reason: failure.message), failure.kind, path)
        }
    }

    /// Report files named on the command line, folders searched recursively; hidden files and folders are left out,
    /// and inside folders only regular files (or links to them) whose extension a report can have. Links to folders
    /// are not followed. Paths that do not exist are returned apart.
    public static func files(in paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        var seen = Set<String>()
        func add(_ path: String) {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            if seen.insert(absolute).inserted { files.append(absolute) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            guard isDirectory.boolValue else {
                add(path)
                continue
            }
            let root = URL(fileURLWithPath: path).standardizedFileURL.path
            var found: [String] = []
            collect(in: root, into: &found)
            for file in found.sorted() { add(file) }
        }
        return (files, missing)
    }

    /// The report files below a folder, read with `readdir`: a folder of 100,000 reports is listed in a fraction of
    /// a second, where URL resource values take seconds.
    static func collect(in folder: String, into found: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                // The file system does not say, or a link: ask what the path leads to (a link to a folder is not
                // followed).
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
                type = !isFolder.boolValue ? UInt8(DT_REG) : type == UInt8(DT_LNK) ? 0 : UInt8(DT_DIR)
            }
            if type == UInt8(DT_DIR) {
                folders.append(path)
            } else if type == UInt8(DT_REG) {
                let dot = name.lastIndex(of: ".")
                guard let dot, reportExtensions.contains(name[name.index(after: dot)...].lowercased()) else { continue }
                found.append(path)
            }
        }
        for child in folders { collect(in: child, into: &found) }
    }

    /// Extensions of the files a folder search takes.
    public static let reportExtensions: Set<String> = [
        "txt", "text", "md", "markdown", "htm", "html", "shtml", "xhtml", "doc", "docx", "pdf",
    ]
}

extension Ingester.Item {
    var isDeferred: Bool {
        if case .deferred = self { return true }
        return false
    }
}

/// Renews the store's claims every few seconds on a thread of its own until stopped.
final class Heartbeat: Sendable {
    let stopped = Mutex(false)

    init(store: any ReportStore) {
        Thread.detachNewThread { [self] in
            var ticks = 0
            while !self.stopped.withLock({ $0 }) {
                Thread.sleep(forTimeInterval: 0.25)
                ticks += 1
                if ticks % 20 == 0 { try? store.renewClaims() }
            }
        }
    }

    func stop() { stopped.withLock { $0 = true } }
}
