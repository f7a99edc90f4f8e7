import Foundation
import GRDB
import GongkaiCorpus
import Testing

@testable import GongkaiStore

#if Postgres
import PostgresNIO
#endif

/// What users do to a corpus database that they should not have to think about: ingests started together on a new
/// database, a database they may only read, a server that dies under an ingest.
@Suite("corpus faults")
struct StoreFaultTests {
    /// An ingest process of the real binary, its output collected.
    static func ingest(_ db: String, _ corpus: URL, jobs: Int = 2) -> Process {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["ingest", "--db", db, "--quiet", "--jobs", "\(jobs)", corpus.path]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        return process
    }

    static func text(_ handle: Any?) -> String {
        guard let pipe = handle as? Pipe else { return "" }
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Reports whose figures are fewer than a report of its format has.
    static func broken(_ store: any ReportStore) throws -> Int {
        var broken = 0
        try store.forEachReport(ReportFilter(allVersions: true)) { if $0.figures.count < 190 { broken += 1 } }
        return broken
    }

    @Test("two ingests started together on a new database both succeed, ten times over", arguments: CorpusDatabase.all)
    func twoIngestsOnANewDatabase(_ database: CorpusDatabase) throws {
        let corpus = try StoreTesting.temporaryFolder().appendingPathComponent("corpus")
        let total = try SyntheticCorpus(agencies: 4, years: 2022...2024, errorPercent: 0).write(to: corpus)
        for round in 1...10 {
            let db = try database.make(try StoreTesting.temporaryFolder())
            let processes = [Self.ingest(db, corpus, jobs: 1), Self.ingest(db, corpus, jobs: 1)]
            for process in processes { try process.run() }
            let errors = processes.map { Self.text($0.standardError) }
            for process in processes { process.waitUntilExit() }
            #expect(processes.map(\.terminationStatus) == [0, 0], "round \(round): \(errors)")
            let store = try database.open(db)
            let counts = try store.counts()
            #expect(counts.reports == total && counts.currentReports == total && counts.agencies == 4, "round \(round)")
            #expect(try Self.broken(store) == 0)
        }
    }

    // MARK: A database the user may only read

    /// Runs the binary as `nobody`, for whom a file of root's with mode 0644 is really read-only.
    static func asNobody(_ arguments: [String]) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        process.arguments = ["-u", "nobody", "--", CLI.binary.path] + arguments
        process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin", "HOME": "/tmp"]
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }

    static var canRunAsNobody: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")
    }

    /// A folder with a corpus of the seeds, both made read-only for everyone but root (file 0644, folder 0555).
    static func readOnlyCorpus() throws -> (folder: URL, db: URL) {
        let folder = try StoreTesting.temporaryFolder()
        let db = folder.appendingPathComponent("gongkai.sqlite")
        let ingest = try CLI.run(["ingest", "--db", db.path, "--quiet", Fixtures.url("seeds").path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        // The last connection to close folds the -wal file into the database and removes it and the -shm file: the
        // one file a researcher copies.
        do {
            let queue = try DatabaseQueue(path: db.path)
            _ = try queue.writeWithoutTransaction { try $0.checkpoint(.truncate) }
            try queue.close()
        }
        let manager = FileManager.default
        try manager.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db.path)
        try manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        return (folder, db)
    }

    @Test(
        "show, export, missing, rollup and agency search read a database the user may not write, and change nothing",
        .enabled(if: canRunAsNobody, "needs root, to run the commands as nobody")
    )
    func readOnlyDatabase() throws {
        let (folder, db) = try Self.readOnlyCorpus()
        let before = try Data(contentsOf: db)
        let modified = try FileManager.default.attributesOfItem(atPath: db.path)[.modificationDate] as? Date
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(listing == ["gongkai.sqlite"])

        let show = try Self.asNobody(["show", "灵宝市司法局", "--year", "2023", "--db", db.path])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("2023年度 第1版（现行）"))
        let export = try Self.asNobody(["export", "--format", "csv", "--db", db.path])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains(",t2.licensing.decisions,表二,行政许可,本年处理决定数量,262,value,262,"))
        let json = try Self.asNobody(["export", "--format", "json", "--db", db.path])
        #expect(json.status == 0, "\(json.stderr)")
        // No region tree in this database: missing says so (exit 2) and changes nothing either.
        let missing = try Self.asNobody(["missing", "--year", "2023", "--db", db.path])
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(missing.stderr.contains("尚未导入地区和机关名录"), "\(missing.stderr)")
        let search = try Self.asNobody(["agency", "search", "司法局", "--db", db.path])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("漳州市司法局"))
        let rollup = try Self.asNobody(["rollup", "--region", "上海市", "--year", "2023", "--db", db.path])
        #expect(rollup.status == 2)
        #expect(rollup.stderr.contains("未找到地区「上海市」"), "\(rollup.stderr)")

        // Writing is refused in one sentence.
        let ingest = try Self.asNobody(["ingest", "--db", db.path, Fixtures.url("real/hongze-2023.pdf").path])
        #expect(ingest.status == 2)
        #expect(ingest.stderr.contains("数据库只读"), "\(ingest.stderr)")

        // Not a byte of the file, nor its time, nor a -wal or -shm file beside it.
        #expect(try Data(contentsOf: db) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: db.path)[.modificationDate] as? Date == modified)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == listing)
    }

    @Test("reading never migrates: a database of an earlier schema is read as it is, or gets a clear sentence")
    func readingDoesNotMigrate() throws {
        let folder = try StoreTesting.temporaryFolder()
        // The first release's schema: readable, and left as it is by a reading command.
        let early = folder.appendingPathComponent("early.sqlite")
        do {
            let queue = try DatabaseQueue(path: early.path)
            try SQLiteSchema.migrator.migrate(queue, upTo: "v1 figure_long view")
        }
        let export = try CLI.run(["export", "--format", "csv", "--db", early.path])
        #expect(export.status == 0, "\(export.stderr)")
        let applied = try DatabaseQueue(path: early.path).read { try SQLiteSchema.applied($0) }
        #expect(!applied.contains("v2 checks without temporary tables"))

        // A database with no corpus tables cannot be read: run ingest once.
        let empty = folder.appendingPathComponent("empty.sqlite")
        try DatabaseQueue(path: empty.path).write { try $0.execute(sql: "CREATE TABLE other (x)") }
        let show = try CLI.run(["show", "灵宝市司法局", "--db", empty.path])
        #expect(show.status == 2)
        #expect(show.stderr.contains("请先用有写权限的 gongkai ingest"), "\(show.stderr)")
        #expect(show.stderr.split(separator: "\n").count == 1)

        // No database at all: reading creates none.
        let none = folder.appendingPathComponent("none.sqlite")
        let missing = try CLI.run(["missing", "--year", "2023", "--db", none.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("数据库不存在"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: none.path))
    }

    #if Postgres
    static var postgresEnabled: Bool { StoreTesting.postgresURL != nil }

    @Test(
        "a PostgreSQL role that may only read: show and export work, ingest says it cannot write",
        .enabled(if: postgresEnabled)
    )
    func readOnlyRole() throws {
        let url = try StoreTesting.newPostgresDatabase(try #require(StoreTesting.postgresURL))
        let seeds = Fixtures.url("seeds").path
        #expect(try CLI.run(["ingest", "--db", url, "--quiet", seeds]).status == 0)
        let role = "reader_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let database = try #require(URLComponents(string: url)?.path.dropFirst())
        let admin = try PostgresStore(url: url)
        for statement in [
            "CREATE ROLE \(role) LOGIN", "GRANT CONNECT ON DATABASE \(database) TO \(role)",
            "GRANT USAGE ON SCHEMA public TO \(role)", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)",
        ] {
            try admin.writer.execute(PostgresQuery(unsafeSQL: statement))
        }
        var components = try #require(URLComponents(string: url))
        components.user = role
        let reader = try #require(components.string)

        let show = try CLI.run(["show", "灵宝市司法局", "--year", "2023", "--db", reader])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("2023年度 第1版（现行）"))
        let export = try CLI.run(["export", "--format", "csv", "--db", reader])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.split(separator: "\n").count == (try admin.counts().figures) + 1)
        let search = try CLI.run(["agency", "search", "司法局", "--db", reader])
        #expect(search.status == 0, "\(search.stderr)")
        // No region tree here: missing says so through a role that may only read.
        let missing = try CLI.run(["missing", "--year", "2023", "--db", reader])
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(missing.stderr.contains("尚未导入地区和机关名录"), "\(missing.stderr)")
        let review = try CLI.run(["review", "--year", "2023", "--db", reader])
        #expect(review.status == 0, "\(review.stderr)")

        let before = try admin.counts()
        let ingest = try CLI.run(["ingest", "--db", reader, Fixtures.url("real/hongze-2023.pdf").path])
        #expect(ingest.status == 2)
        #expect(ingest.stderr.contains("数据库只读"), "\(ingest.stderr)")
        #expect(ingest.stderr.contains(role))
        #expect(try admin.counts() == before)
    }

    @Test(
        "kill -9 of the PostgreSQL server mid-ingest: a clear message, no hang; after a restart a rerun completes",
        .enabled(if: ThrowawayPostgres.available)
    )
    func serverKilled() throws {
        let server = try ThrowawayPostgres()
        let url = try PostgresStore.createDatabase(named: "corpus", nextTo: server.url)
        let corpus = try StoreTesting.temporaryFolder().appendingPathComponent("corpus")
        let total = try SyntheticCorpus(agencies: 60, years: 2021...2024, errorPercent: 5).write(to: corpus)
        let process = Self.ingest(url, corpus)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            if ((try? PostgresStore(url: url).counts().reports) ?? 0) >= 10 { break }
        }
        #expect(process.isRunning, "the ingest finished before the server could be killed")
        try server.killServer()
        // It must end by itself, soon: a statement sent as the server dies is given up once the connection closes.
        let stop = Date().addingTimeInterval(60)
        while process.isRunning && Date() < stop { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            Issue.record("the ingest hung after the server died")
            kill(process.processIdentifier, SIGKILL)
        }
        let errors = Self.text(process.standardError)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "crashed: \(errors)")
        #expect(process.terminationStatus == 2, "\(errors)")
        #expect(errors.contains("与数据库服务器的连接中断"), "\(errors)")
        #expect(errors.contains("postgres://postgres@127.0.0.1:\(server.port)/corpus"))

        try server.start()
        let rerun = try CLI.run(["ingest", "--db", url, "--quiet", corpus.path])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let store = try PostgresStore(url: url)
        let counts = try store.counts()
        #expect(counts.reports == total && counts.currentReports == total && counts.agencies == 60)
        #expect(try Self.broken(store) == 0)
        let again = try CLI.run(["ingest", "--db", url, "--quiet", corpus.path])
        #expect(again.stdout.contains("新增 0 份报告"), "\(again.stdout)")
    }
    #endif
}
