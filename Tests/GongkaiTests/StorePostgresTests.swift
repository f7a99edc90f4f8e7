import Foundation
import GongkaiCorpus
import GongkaiModel
import Testing

@testable import GongkaiStore

#if Postgres
import PostgresNIO
#endif

/// The PostgreSQL backend beyond the contract: that it runs at all where it must, and several real `gongkai ingest`
/// processes against one server.
@Suite("PostgreSQL corpus")
struct StorePostgresTests {
    /// Where PostgreSQL must be tested (`GONGKAI_TEST_REQUIRE_POSTGRES=1`, set by scripts/test, or `CI=true`), the
    /// contract suite has a PostgreSQL backend: a build without the trait or a run without a server fails here.
    @Test("the PostgreSQL contract backend is present where it is required")
    func backendPresent() {
        let environment = ProcessInfo.processInfo.environment
        let required = environment["GONGKAI_TEST_REQUIRE_POSTGRES"] == "1" || environment["CI"] == "true"
        guard required || StoreTesting.postgresURL != nil else { return }
        #if Postgres
        #expect(StoreTesting.postgresURL != nil, "GONGKAI_TEST_POSTGRES_URL is not set: run scripts/test")
        #expect(StoreBackend.all.contains { $0.name == "PostgreSQL" })
        #else
        Issue.record("PostgreSQL tests required but this build has no Postgres trait: swift test --traits Postgres")
        #endif
    }

    #if !Postgres
    @Test("without the Postgres trait, postgres:// says how to build it and exits 2")
    func notBuiltIn() throws {
        let result = try CLI.run(["missing", "--year", "2023", "--db", "postgres://postgres@127.0.0.1:54329/x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("此版本未包含 PostgreSQL 支持，请用 swift build --traits Postgres 构建。"))
    }
    #endif

    #if Postgres
    static var enabled: Bool { StoreTesting.postgresURL != nil }

    func ingest(_ db: String, _ corpus: URL, jobs: Int = 2) -> Process {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["ingest", "--db", db, "--quiet", "--jobs", "\(jobs)", corpus.path]
        process.standardOutput = Pipe()
        process.standardError = FileHandle.nullDevice
        return process
    }

    func output(_ process: Process) -> String {
        guard let pipe = process.standardOutput as? Pipe else { return "" }
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// `新增 N 份报告` of an ingest's summary line.
    func added(_ line: String) -> Int {
        guard let range = line.range(of: "新增 ") else { return 0 }
        return Int(line[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }

    @Test("two ingest processes on one server share the files: each stored once, none lost", .enabled(if: enabled))
    func twoProcessesShare() throws {
        let url = try StoreTesting.newPostgresDatabase(try #require(StoreTesting.postgresURL))
        let folder = try StoreTesting.temporaryFolder()
        let corpus = folder.appendingPathComponent("corpus")
        let total = try SyntheticCorpus(agencies: 40, years: 2021...2024, errorPercent: 5).write(to: corpus)
        let processes = [ingest(url, corpus), ingest(url, corpus)]
        for process in processes { try process.run() }
        // Readers query while the ingests run.
        var readings: [Int] = []
        while processes.contains(where: \.isRunning) {
            readings.append(try PostgresStore(url: url).counts().reports)
            Thread.sleep(forTimeInterval: 0.2)
        }
        let outputs = processes.map(output)
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "\(outputs)")
        #expect(readings == readings.sorted())
        let counts = try PostgresStore(url: url).counts()
        #expect(counts.reports == total)
        #expect(counts.currentReports == total)
        #expect(counts.agencies == 40)
        // Every file was stored by exactly one of the two.
        #expect(outputs.map(added).reduce(0, +) == total, "\(outputs)")
        // Every report is whole, and no claim is left behind.
        var broken = 0
        try PostgresStore(url: url).forEachReport(ReportFilter()) { if $0.figures.count < 190 { broken += 1 } }
        #expect(broken == 0)
        let again = try CLI.run(["ingest", "--db", url, "--quiet", corpus.path])
        #expect(again.stdout.contains("新增 0 份报告"))
    }

    @Test("kill -9 during an ingest loses nothing committed; a rerun takes over the claims", .enabled(if: enabled))
    func killAndResume() throws {
        let url = try StoreTesting.newPostgresDatabase(try #require(StoreTesting.postgresURL))
        let folder = try StoreTesting.temporaryFolder()
        let corpus = folder.appendingPathComponent("corpus")
        let total = try SyntheticCorpus(agencies: 60, years: 2021...2024, errorPercent: 5).write(to: corpus)
        let store = try PostgresStore(url: url)
        let process = ingest(url, corpus)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var committed = 0
        while Date() < deadline && process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            committed = (try? store.counts().reports) ?? 0
            if committed >= 10 { break }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let afterKill = try store.counts().reports
        #expect(afterKill >= committed)
        let rerun = try CLI.run(["ingest", "--db", url, "--quiet", corpus.path])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try store.counts().reports == total)
        #expect(rerun.stdout.contains("新增 \(total - afterKill) 份报告"), "\(rerun.stdout)")
        // Nothing lost, nothing twice, every report whole.
        let counts = try store.counts()
        #expect(counts.currentReports == total && counts.agencies == 60)
        var broken = 0
        try store.forEachReport(ReportFilter()) { if $0.figures.count < 190 { broken += 1 } }
        #expect(broken == 0)
    }

    @Test(
        "figures must name a stored report and a known cell; deleting a report deletes its figures",
        .enabled(if: enabled)
    )
    func figureReferences() throws {
        let store = try PostgresStore(url: try StoreTesting.newPostgresDatabase(try #require(StoreTesting.postgresURL)))
        let submission = try StoreTesting.seed("001_2af83e509e4cbaa8")
        guard case .added(let reportID, _, _) = try #require(try store.add([submission], failures: []).first) else {
            Issue.record("not added")
            return
        }
        let kind = try #require(store.kindIDs["2021"]?[FigureID("t3.received.natural")])
        func count(_ query: PostgresQuery) throws -> Int? { try store.writer.rows(query).first?.decode(Int.self) }
        #expect(
            try count("SELECT count(*) FROM figure WHERE report_id = \(reportID)") == submission.report.figures.count
        )
        func insert(report: Int64, kind: Int64) throws {
            try store.writer.execute(
                "INSERT INTO figure (report_id, kind_id, state) VALUES (\(report), \(kind), 'blank')"
            )
        }
        for (report, kind) in [(reportID + 1000, kind), (reportID, Int64(999_999))] {
            #expect {
                try store.guarded { try insert(report: report, kind: kind) }
            } throws: { error in
                "\(error)".contains("figure names a report or cell that does not exist")
            }
        }
        try store.writer.execute("DELETE FROM finding WHERE report_id = \(reportID)")
        try store.writer.execute("DELETE FROM report WHERE id = \(reportID)")
        #expect(try count("SELECT count(*) FROM figure") == 0)
    }

    @Test(
        "reads run side by side on connections of their own, no more at once than the store allows",
        .enabled(if: enabled)
    )
    func readersSideBySide() throws {
        let url = try StoreTesting.newPostgresDatabase(try #require(StoreTesting.postgresURL))
        for allowed in [2, 1] {
            let store = try PostgresStore(url: url, readers: allowed)
            let holding = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let pageRead = DispatchSemaphore(value: 0)
            // One read holds its connection until released; another page is asked for meanwhile.
            DispatchQueue.global().async {
                _ = try? store.reading { db in
                    holding.signal()
                    release.wait()
                    return try db.rows("SELECT 1").count
                }
            }
            holding.wait()
            DispatchQueue.global().async {
                _ = try? store.reportPage(ReportQuery())
                pageRead.signal()
            }
            let readMeanwhile = pageRead.wait(timeout: .now() + 10) == .success
            release.signal()
            if allowed == 2 {
                #expect(readMeanwhile, "a second connection serves the page while the first is busy")
            } else {
                #expect(!readMeanwhile, "one connection allowed: the page waits for it")
                #expect(pageRead.wait(timeout: .now() + 10) == .success)
            }
            // The write connection was never needed for reading.
            #expect(try store.writer.rows("SELECT 1").count == 1)
        }
    }

    @Test("a read connection the server drops is replaced on the next read", .enabled(if: enabled))
    func readerReplaced() throws {
        let url = try StoreTesting.newPostgresDatabase(try #require(StoreTesting.postgresURL))
        let store = try PostgresStore(url: url, readers: 1)
        let first = try #require(try store.reading { try $0.one("SELECT pg_backend_pid()", as: Int32.self) })
        _ = try store.writer.rows("SELECT pg_terminate_backend(\(first))")
        let second = try #require(try store.reading { try $0.one("SELECT pg_backend_pid()", as: Int32.self) })
        #expect(second != first)
        #expect(try store.counts().reports == 0)
    }

    @Test("postgres:// reports an unreachable server in one sentence with exit 2", .enabled(if: enabled))
    func unreachable() throws {
        let result = try CLI.run(["missing", "--year", "2023", "--db", "postgres://nobody@127.0.0.1:1/none"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("postgres://nobody@127.0.0.1:1/none"))
    }
    #endif
}
