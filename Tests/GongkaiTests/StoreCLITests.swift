import Foundation
import GongkaiCorpus
import GongkaiModel
import GongkaiOutput
import GongkaiStore
import Testing

/// A database the corpus commands run against: `--db` for a new, empty one in a folder, and the store behind it.
struct CorpusDatabase: Sendable, CustomTestStringConvertible {
    var name: String
    /// The `--db` argument of a new empty database whose files (if any) live in the folder.
    var make: @Sendable (URL) throws -> String
    var open: @Sendable (String) throws -> any ReportStore

    var testDescription: String { name }

    static let sqlite = CorpusDatabase(
        name: "SQLite",
        make: { $0.appendingPathComponent("gongkai.sqlite").path },
        open: { try SQLiteStore(path: $0) }
    )

    /// Every database this build has and this run can reach.
    static let all: [CorpusDatabase] = [.sqlite] + (postgres.map { [$0] } ?? [])

    /// A new database on the server of `GONGKAI_TEST_POSTGRES_URL`, when the build has the Postgres trait.
    static var postgres: CorpusDatabase? {
        #if Postgres
        guard let url = StoreTesting.postgresURL else { return nil }
        return CorpusDatabase(
            name: "PostgreSQL",
            make: { _ in try StoreTesting.newPostgresDatabase(url) },
            open: { try PostgresStore(url: $0) }
        )
        #else
        return nil
        #endif
    }
}

/// The corpus commands end to end: the real binary on real SQLite files in temporary folders, and the supervisor's
/// workflow on a real PostgreSQL server too.
@Suite("corpus command line")
struct StoreCLITests {
    let seeds = Fixtures.url("seeds").path

    /// Runs gongkai with `--db` in a folder.
    func gongkai(_ arguments: [String], db: URL) throws -> CLI.Result {
        try CLI.run(arguments + ["--db", db.path])
    }

    /// Runs gongkai with `--db` naming a database of either kind.
    func gongkai(_ arguments: [String], db: String) throws -> CLI.Result {
        try CLI.run(arguments + ["--db", db])
    }

    func count(_ db: URL, _ table: String) throws -> Int {
        try count(db.path, table, in: .sqlite)
    }

    func count(_ db: String, _ table: String, in database: CorpusDatabase) throws -> Int {
        try database.open(db).counts()[keyPath: keyPaths[table] ?? \.reports]
    }

    let keyPaths: [String: KeyPath<StoreCounts, Int>] = [
        "report": \.reports, "agency": \.agencies, "failure": \.failures, "figure": \.figures,
    ]

    @Test(
        "ingest stores the seeds, the real PDFs and rendered files; again it is a no-op",
        arguments: CorpusDatabase.all
    )
    func ingestFixtures(_ database: CorpusDatabase) throws {
        let folder = try StoreTesting.temporaryFolder()
        let db = try database.make(folder)
        let first = try gongkai(["ingest", seeds, Fixtures.url("real").path, Fixtures.url("rendered").path], db: db)
        #expect(first.status == 1, "template-2021-blank.docx names no agency: \(first.stderr)")
        #expect(first.stdout.contains("失败 1 个"))
        #expect(first.stderr.contains("template-2021-blank.docx: 报告标题中未找到机关名称"))
        // Plain progress lines when standard error is not a terminal.
        #expect(first.stderr.contains("ingest: "))
        #expect(first.stderr.contains("files/s"))
        let reports = try count(db, "report", in: database)
        #expect(reports >= 8)
        #expect(try count(db, "failure", in: database) == 1)

        let again = try gongkai(["ingest", seeds, Fixtures.url("real").path, Fixtures.url("rendered").path], db: db)
        #expect(again.stdout.contains("新增 0 份报告"))
        #expect(try count(db, "report", in: database) == reports)
    }

    @Test("a changed file published later is the new version of its agency and year; show lists both")
    func newVersion() throws {
        let folder = try StoreTesting.temporaryFolder()
        let db = folder.appendingPathComponent("gongkai.sqlite")
        let file = folder.appendingPathComponent("report.txt")
        try Fixtures.data("seeds/000_619992dd5b79419f.txt").write(to: file)
        #expect(try gongkai(["ingest", file.path], db: db).status == 0)
        try (try Fixtures.text("seeds/000_619992dd5b79419f.txt") + "\n附：无。\n2024年1月25日\n").write(
            to: file,
            atomically: true,
            encoding: .utf8
        )
        let second = try gongkai(["ingest", file.path], db: db)
        #expect(second.stdout.contains("新增 1 份报告（其中新版本 1 份）"))
        let show = try gongkai(["show", "灵宝市司法局", "--all-versions"], db: db)
        #expect(show.status == 0)
        #expect(show.stdout.contains("2023年度 第1版（已被替换）"))
        #expect(show.stdout.contains("2023年度 第2版（现行）"))
        let year = try gongkai(["show", "灵宝", "--year", "2023"], db: db)
        #expect(year.stdout.contains("表三 收到和处理政府信息公开申请情况"))
    }

    @Test("kill -9 during an ingest loses nothing committed, and a rerun stores the rest")
    func killAndResume() throws {
        let folder = try StoreTesting.temporaryFolder()
        let corpus = folder.appendingPathComponent("corpus")
        let total = try SyntheticCorpus(agencies: 60, years: 2021...2024, errorPercent: 5).write(to: corpus)
        let db = folder.appendingPathComponent("gongkai.sqlite")

        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["ingest", "--db", db.path, "--quiet", "--jobs", "2", corpus.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some reports are committed, then kill the process without warning.
        let deadline = Date().addingTimeInterval(60)
        var committed = 0
        while Date() < deadline && process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            committed = (try? count(db, "report")) ?? 0
            if committed >= 10 { break }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let afterKill = try count(db, "report")
        #expect(afterKill >= committed)

        let rerun = try gongkai(["ingest", "--quiet", corpus.path], db: db)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try count(db, "report") == total)
        #expect(rerun.stdout.contains("新增 \(total - afterKill) 份报告"))
        // Every report is whole: as many figures as a report of its format has.
        let store = try SQLiteStore(path: db.path)
        var broken = 0
        try store.forEachReport(ReportFilter()) { stored in if stored.figures.count < 190 { broken += 1 } }
        #expect(broken == 0)
    }

    @Test("two ingests of the same folder at once store each report once")
    func concurrentIngests() throws {
        let folder = try StoreTesting.temporaryFolder()
        let corpus = folder.appendingPathComponent("corpus")
        let total = try SyntheticCorpus(agencies: 40, years: 2022...2024, errorPercent: 5).write(to: corpus)
        let db = folder.appendingPathComponent("gongkai.sqlite")
        // Create the schema first so that both processes open a ready database.
        _ = try SQLiteStore(path: db.path)
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["ingest", "--db", db.path, "--quiet", "--jobs", "1", corpus.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try count(db, "report") == total)
        let counts = try SQLiteStore(path: db.path).counts()
        #expect(counts.currentReports == total)
        #expect(counts.agencies == 40)
    }

    @Test("a damaged database file gets one clear sentence and exit 2")
    func damagedDatabase() throws {
        let folder = try StoreTesting.temporaryFolder()
        let db = folder.appendingPathComponent("gongkai.sqlite")
        try Data(repeating: 0x41, count: 8192).write(to: db)
        let result = try gongkai(["ingest", seeds], db: db)
        #expect(result.status == 2)
        #expect(result.stderr.contains("数据库文件已损坏或不是 Gongkai 数据库"))
        #expect(result.stderr.contains("the database file is damaged"))
        #expect(result.stderr.split(separator: "\n").count == 1)

        // A real database whose pages were overwritten.
        let good = folder.appendingPathComponent("good.sqlite")
        #expect(try gongkai(["ingest", seeds], db: good).status == 0)
        _ = try gongkai(["export", "--format", "csv"], db: good)
        let handle = try FileHandle(forWritingTo: good)
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 100))
        try handle.close()
        let damaged = try gongkai(["show", "灵宝市司法局"], db: good)
        #expect(damaged.status == 2)
        #expect(damaged.stderr.contains("数据库文件已损坏"))
    }

    @Test("agency alias, region import, missing, rollup and its JSON rendered", arguments: CorpusDatabase.all)
    func regionsAndRollup(_ database: CorpusDatabase) throws {
        let folder = try StoreTesting.temporaryFolder()
        let db = try database.make(folder)
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let names = ["洛阳市西工区司法局", "洛阳市西工区教育局"]
        var sums: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            let report = StoreTesting.report(agency: name, year: 2023, seed: UInt64(40 + index))
            for id in ["t3.received.total", "t4.review.total", "t2.licensing.decisions"] {
                sums[id, default: 0] += report.figures[.init(id)]?.integer ?? 0
            }
            try report.text.write(to: corpus.appendingPathComponent("\(index).txt"), atomically: true, encoding: .utf8)
        }
        let regions = folder.appendingPathComponent("regions.csv")
        try """
        code,name,parent,level
        4103,洛阳市,,市
        410303,西工区,4103,区
        410303-sfj,司法局,410303,agency
        410303-jyj,教育局,410303,agency
        410303-czj,财政局,410303,agency
        """.write(to: regions, atomically: true, encoding: .utf8)
        let imported = try gongkai(["agency", "import-regions", regions.path], db: db)
        #expect(imported.stdout.contains("导入 2 个地区、3 个机关"))
        #expect(try gongkai(["ingest", corpus.path], db: db).status == 0)
        #expect(try count(db, "agency", in: database) == 3)

        let missing = try gongkai(["missing", "--year", "2023"], db: db)
        #expect(missing.status == 1)
        #expect(missing.stdout == "410303\t西工区财政局\n")

        let search = try gongkai(["agency", "search", "西工"], db: db)
        #expect(search.stdout.split(separator: "\n").count == 3)
        let alias = try gongkai(["agency", "alias", "西工区财政", "西工区财政局"], db: db)
        #expect(alias.stdout.contains("现为「西工区财政局」的别名"))

        let text = try gongkai(["rollup", "--region", "洛阳市", "--year", "2023"], db: db)
        #expect(text.stdout.contains("汇总 2 份报告"))
        let json = try gongkai(["rollup", "--region", "4103", "--year", "2023", "--format", "json"], db: db)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let figures = try #require(object["figures"] as? [String: Any])
        for (id, sum) in sums { #expect(figures[id] as? Int == sum, "\(id)") }
        #expect((object["findings"] as? [Any])?.isEmpty == true)
        let file = folder.appendingPathComponent("rollup.json")
        try json.stdout.write(to: file, atomically: true, encoding: .utf8)
        let rendered = try CLI.run(["render", file.path, "--to", "md"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.stdout.contains("洛阳市2023年政府信息公开工作年度报告汇总"))

        let unknown = try gongkai(["rollup", "--region", "上海市", "--year", "2023"], db: db)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("未找到地区「上海市」"))
    }

    @Test(
        "export: long CSV with Chinese labels, versioned JSON, and XLSX that LibreOffice reads",
        arguments: CorpusDatabase.all
    )
    func export(_ database: CorpusDatabase) throws {
        let folder = try StoreTesting.temporaryFolder()
        let db = try database.make(folder)
        #expect(try gongkai(["ingest", seeds], db: db).status == 0)

        let csv = try gongkai(["export", "--format", "csv"], db: db)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == Substring(ReportCSV.header.joined(separator: ",")))
        #expect(
            rows.contains {
                $0.contains(",灵宝市司法局,,,2023,1,current,2021,")
                    && $0.contains(",t2.licensing.decisions,表二,行政许可,本年处理决定数量,28,value,28,")
            }
        )
        #expect(try count(db, "figure", in: database) == rows.count - 1)

        let json = try gongkai(["export", "--format", "json", "--year", "2023"], db: db)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 2)
        let reports = try #require(object["reports"] as? [[String: Any]])
        #expect(reports.count == 4)
        let zhangzhou = try #require(reports.first { $0["agency"] as? String == "漳州市司法局" })
        let report = try #require(zhangzhou["report"] as? [String: Any])
        #expect((report["figures"] as? [String: Any])?["t2.licensing.decisions"] as? Int == 262)

        let xlsx = folder.appendingPathComponent("corpus.xlsx")
        let written = try gongkai(["export", "--format", "xlsx", "-o", xlsx.path], db: db)
        #expect(written.status == 0, "\(written.stderr)")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") else {
            Issue.record("LibreOffice (soffice) is needed to check the workbook")
            return
        }
        let out = folder.appendingPathComponent("csv")
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        convert.arguments = [
            "-env:UserInstallation=file://" + folder.appendingPathComponent("lo-profile").path, "--headless",
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir", out.path, xlsx.path,
        ]
        convert.standardOutput = FileHandle.nullDevice
        convert.standardError = FileHandle.nullDevice
        try convert.run()
        convert.waitUntilExit()
        #expect(convert.terminationStatus == 0)
        let table2 = try String(contentsOf: out.appendingPathComponent("corpus-表二.csv"), encoding: .utf8)
        let lines = table2.split(separator: "\n")
        #expect(lines.first?.hasPrefix("机关,地区代码,地区,年度,版本,状态,格式,文件,规章｜本年制发件数,") == true)
        let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false) ?? []
        let licensing = try #require(header.firstIndex(of: "行政许可"))
        let zhangzhouRow = try #require(lines.first { $0.hasPrefix("漳州市司法局,") })
        #expect(zhangzhouRow.split(separator: ",", omittingEmptySubsequences: false)[licensing] == "262")
        let table3 = try String(contentsOf: out.appendingPathComponent("corpus-表三.csv"), encoding: .utf8)
        #expect(table3.contains("一、本年新收政府信息公开申请数量｜自然人"))
        let problems = try String(contentsOf: out.appendingPathComponent("corpus-问题.csv"), encoding: .utf8)
        #expect(problems.contains("R2"))
    }
}
