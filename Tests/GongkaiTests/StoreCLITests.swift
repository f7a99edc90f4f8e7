import Foundation
import GongkaiCorpus
import GongkaiModel
import GongkaiOutput
import GongkaiRead
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
        #expect(first.stderr.contains("导入："))
        #expect(first.stderr.contains("个文件（"))
        #expect(!first.stderr.contains("files"))
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

    @Test("show: cross-year findings counted in each year's line; --year compares with the year before")
    func showYears() throws {
        let folder = try StoreTesting.temporaryFolder()
        let db = folder.appendingPathComponent("gongkai.sqlite")
        let last = StoreTesting.report(agency: "洛阳市西工区司法局", year: 2022, seed: 71)
        let carried = (last.figures[FigureID("t3.carried_forward.natural")]?.integer ?? 0) + 1
        let this = StoreTesting.report(agency: "洛阳市西工区司法局", year: 2023, seed: 72) { figures in
            figures[FigureID("t3.carried_over.natural")] = .integer(carried)
        }
        try last.text.write(to: folder.appendingPathComponent("2022.txt"), atomically: true, encoding: .utf8)
        try this.text.write(to: folder.appendingPathComponent("2023.txt"), atomically: true, encoding: .utf8)
        #expect(try gongkai(["ingest", folder.path], db: db).status != 2)

        let years = try gongkai(["show", "西工区司法局"], db: db)
        let line2023 = try #require(years.stdout.split(separator: "\n").first { $0.hasPrefix("2023年度") })
        let crossYear = years.stdout.split(separator: "\n").filter { $0.contains("跨年度") && $0.hasPrefix("  ") }
        #expect(crossYear.contains { $0.contains("[R6]") })
        #expect(line2023.contains("（其中跨年度 \(crossYear.count) 个）"), "\(years.stdout)")

        let shown = try gongkai(["show", "西工区司法局", "--year", "2023"], db: db)
        #expect(shown.stdout.contains("与2022年度比较"))
        let received = try #require(shown.stdout.split(separator: "\n").first { $0.contains("表三 一、本年新收申请 总计") })
        let thisTotal = this.figures[FigureID("t3.received.total")]?.integer ?? -1
        let lastTotal = last.figures[FigureID("t3.received.total")]?.integer ?? -1
        let change = thisTotal - lastTotal
        #expect(
            received.split(separator: " ").suffix(3).map(String.init)
                == ["\(thisTotal)", "\(lastTotal)", change > 0 ? "+\(change)" : "\(change)"],
            "\(received)"
        )
        // Rows numbered alike in different groups keep their group; places read as lines and columns.
        #expect(shown.stdout.contains("（三）1.属于国家秘密"))
        #expect(shown.stdout.contains("（四）1.本机关不掌握相关政府信息"))
        #expect(!shown.stdout.contains("处）"))
        let first = try gongkai(["show", "西工区司法局", "--year", "2022"], db: db)
        #expect(first.stdout.contains("2021年度的报告未入库，无法与上年比较。"))
    }

    /// A region tree of 洛阳市西工区 listing three agencies that must report — 司法局, 教育局 and 财政局 — written to
    /// `regions.csv` in the folder.
    static func westDistrictRegions(in folder: URL) throws -> URL {
        let regions = folder.appendingPathComponent("regions.csv")
        try """
        code,name,parent,level
        4103,洛阳市,,市
        410303,西工区,4103,区
        410303-sfj,司法局,410303,agency
        410303-jyj,教育局,410303,agency
        410303-czj,财政局,410303,agency
        """.write(to: regions, atomically: true, encoding: .utf8)
        return regions
    }

    @Test("review: the batch after an ingest, the year ranked, missing agencies, 审核意见", arguments: CorpusDatabase.all)
    func review(_ database: CorpusDatabase) throws {
        let folder = try StoreTesting.temporaryFolder()
        let db = try database.make(folder)
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for (index, name) in ["洛阳市西工区司法局", "洛阳市西工区教育局"].enumerated() {
            // 教育局's report adds its 本年新收 wrongly: it ranks first.
            let report = StoreTesting.report(agency: name, year: 2023, seed: UInt64(40 + index)) { figures in
                guard index == 1, let total = figures[FigureID("t3.received.total")]?.integer else { return }
                figures[FigureID("t3.received.total")] = .integer(total + 1)
            }
            try report.text.write(to: corpus.appendingPathComponent("\(index).txt"), atomically: true, encoding: .utf8)
        }
        let regions = try Self.westDistrictRegions(in: folder)
        #expect(try gongkai(["agency", "import-regions", regions.path], db: db).status == 0)
        let ingested = try gongkai(["ingest", corpus.path], db: db)
        #expect(ingested.status == 0)
        #expect(
            ingested.stdout.contains("本次新增的 2 份报告中，1 份有错误，0 份逾期发布。错误最多的：洛阳市西工区教育局2023年度（"),
            "\(ingested.stdout)"
        )
        #expect(ingested.stdout.contains("gongkai review --year 2023"))

        // The year's review: ranked by errors, the missing agency listed, one 审核意见 per report.
        let review = try gongkai(
            ["review", "--year", "2023", "--opinions", folder.appendingPathComponent("op").path],
            db: db
        )
        #expect(review.status == 0, "\(review.stderr)")
        // Agencies listed before their reports keep the region tree's names (「西工区教育局」).
        let ranked = review.stdout.split(separator: "\n").filter {
            $0.hasPrefix("     ") && ($0.contains("司法局") || $0.contains("教育局"))
        }
        #expect(ranked.count == 2)
        #expect(
            ranked.first?.contains("教育局") == true && ranked.first?.hasPrefix("     1  ") == true,
            "\(review.stdout)"
        )
        #expect(review.stdout.contains("共 2 份报告：1 份有错误"))
        #expect(review.stdout.contains("缺少报告（1 个机关）"))
        #expect(review.stdout.contains("西工区财政局  西工区  410303"))
        let opinion = try String(
            contentsOf: folder.appendingPathComponent("op/西工区教育局-2023-审核意见.txt"),
            encoding: .utf8
        )
        #expect(opinion.hasPrefix("关于《西工区教育局2023年政府信息公开工作年度报告》的审核意见"))
        #expect(opinion.contains("一、错误（须改正）\n    1. 表三「一、本年新收政府信息公开申请数量」行：总计为"), "\(opinion)")
        #expect(opinion.contains("（原文第"))
        let csv = try gongkai(["review", "--year", "2023", "--format", "csv"], db: db)
        let csvRows = csv.stdout.split(separator: "\n")
        #expect(csvRows.first?.hasPrefix("rank,agency,region,region_code,year,status,errors") == true)
        #expect(csvRows.count == 4)
        #expect(csvRows.last?.contains(",missing,") == true)

        let unknown = try gongkai(["review", "--year", "2023", "--region", "上海市"], db: db)
        #expect(unknown.status == 2)
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
        let regions = try Self.westDistrictRegions(in: folder)
        #expect(try gongkai(["ingest", corpus.path], db: db).status == 0)
        // Before a region tree is imported there is nothing to call missing: said so, not "0 missing".
        let noTree = try gongkai(["missing", "--year", "2023"], db: db)
        #expect(noTree.status == 2)
        #expect(noTree.stderr.contains("尚未导入地区和机关名录"), "\(noTree.stderr)")
        #expect(noTree.stdout.isEmpty)
        let imported = try gongkai(["agency", "import-regions", regions.path], db: db)
        #expect(imported.stdout.contains("导入 2 个地区、3 个机关"))
        #expect(try gongkai(["ingest", corpus.path], db: db).status == 0)
        #expect(try count(db, "agency", in: database) == 3)

        let missing = try gongkai(["missing", "--year", "2023"], db: db)
        #expect(missing.status == 1)
        #expect(missing.stdout == "机关\t所属地区\t地区代码\n西工区财政局\t西工区\t410303\n")

        let search = try gongkai(["agency", "search", "西工"], db: db)
        #expect(search.stdout.split(separator: "\n").count == 3)
        let alias = try gongkai(["agency", "alias", "西工区财政", "西工区财政局"], db: db)
        #expect(alias.stdout.contains("现为「西工区财政局」的别名"))

        let text = try gongkai(["rollup", "--region", "洛阳市", "--year", "2023"], db: db)
        #expect(text.stdout.contains("汇总 2 个机关的报告：洛阳市西工区司法局、洛阳市西工区教育局。"), "\(text.stdout)")
        #expect(text.stdout.contains("缺少 1 个机关的报告（未计入）：西工区财政局。"))

        // A misread name corrected: the agency keeps its reports and listing, and the old name still finds it.
        let renamed = try gongkai(["agency", "rename", "西工区财政局", "洛阳市西工区财政局"], db: db)
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(renamed.stdout.contains("「西工区财政局」已改名为「洛阳市西工区财政局」"))
        #expect(try gongkai(["missing", "--year", "2023"], db: db).stdout.contains("洛阳市西工区财政局\t西工区\t410303"))
        #expect(try gongkai(["show", "西工区财政"], db: db).stdout.hasPrefix("洛阳市西工区财政局（西工区"))
        let taken = try gongkai(["agency", "rename", "洛阳市西工区财政局", "洛阳市西工区司法局"], db: db)
        #expect(taken.status == 2)
        #expect(taken.stderr.contains("已是另一个机关「洛阳市西工区司法局」的名称或别名"), "\(taken.stderr)")
        let json = try gongkai(["rollup", "--region", "4103", "--year", "2023", "--format", "json"], db: db)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let figures = try #require(object["figures"] as? [String: Any])
        for (id, sum) in sums { #expect(figures[id] as? Int == sum, "\(id)") }
        #expect((object["findings"] as? [Any])?.isEmpty == true)
        let file = folder.appendingPathComponent("rollup.json")
        try json.stdout.write(to: file, atomically: true, encoding: .utf8)
        let rendered = try CLI.run(["render", file.path, "--to", "md"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        // One title, with the region once; a line naming the reports summed; and each part says whose they are.
        let lines = rendered.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "# 洛阳市2023年政府信息公开工作年度报告（汇总）", "\(lines.prefix(3))")
        #expect(!rendered.stdout.contains("机关汇总）洛阳市"))
        #expect(
            rendered.stdout.contains("本报告由洛阳市2个机关的2023年政府信息公开工作年度报告汇总而成：洛阳市西工区司法局、洛阳市西工区教育局。")
        )
        // The reports were ingested before the region tree was imported: the agencies keep their printed names.
        let whose = "洛阳市西工区司法局、洛阳市西工区教育局共2个机关"
        #expect(rendered.stdout.contains("下表各项为\(whose)年度报告表三中相应数字之和。"))
        for part in ["一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"] {
            let start = try #require(rendered.stdout.range(of: part), "\(part)")
            let text = rendered.stdout[start.upperBound...].prefix(200)
            #expect(text.contains("本部分为文字内容，不作汇总；\(whose)的情况见其各自的年度报告。"), "\(part): \(text)")
        }
        let docx = folder.appendingPathComponent("rollup.docx")
        let word = try CLI.run(["render", file.path, "--to", "docx", "-o", docx.path])
        #expect(word.status == 0, "\(word.stderr)")
        let read = try ReportReader.read(try Data(contentsOf: docx), name: "rollup.docx")
        #expect(read.section(.problems)?.text.contains("不作汇总") == true)

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
        func sheet(_ name: String) throws -> [[Substring]] {
            try String(contentsOf: out.appendingPathComponent("corpus-\(name).csv"), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        }
        // 表二 of the 2021 format: two header rows as the national table reads, the row's label over its columns.
        let table2 = try sheet("表二（2021年格式）")
        #expect(table2[0].prefix(10).map(String.init) == ["机关", "地区", "地区代码", "年度", "版本", "状态", "文件", "规章", "", ""])
        #expect(table2[1].dropFirst(7).prefix(3).map(String.init) == ["本年制发件数", "本年废止件数", "现行有效件数"])
        let licensing = try #require(table2[0].firstIndex(of: "行政许可"))
        #expect(table2[1][licensing] == "本年处理决定数量")
        let zhangzhouRow = try #require(table2.first { $0.first == "漳州市司法局" })
        #expect(zhangzhouRow[licensing] == "262")
        let table3 = try sheet("表三（2021年格式）")
        let received = try #require(table3[0].firstIndex(of: "一、本年新收政府信息公开申请数量"))
        #expect(table3[1][received] == "自然人")
        // The 2019-format report is on sheets of its own, and only there.
        let table3Of2019 = try sheet("表三（2019年格式）")
        #expect(table3Of2019.count == 3)
        #expect(!table3.contains { $0.first == table3Of2019[2].first })
        // Numbers only in the figure columns: nothing is written as text where a number belongs.
        for name in ["表二（2021年格式）", "表三（2021年格式）", "表四", "表二（2019年格式）", "表三（2019年格式）"] {
            for row in try sheet(name).dropFirst(2) {
                for cell in row.dropFirst(7) { #expect(cell.isEmpty || Double(cell) != nil, "\(name): \(cell)") }
            }
        }
        // 汇总: one row per report, ranked, with its counts of findings.
        let summary = try sheet("汇总")
        #expect(
            summary[0].map(String.init) == [
                "机关", "地区", "地区代码", "年度", "版本", "状态", "格式", "发布日期", "错误", "警告", "提示", "逾期", "文件",
            ]
        )
        #expect(summary.count == 1 + 5)
        let years = summary.dropFirst().compactMap { Int($0[3]) }
        #expect(years == years.sorted(by: >))
        #expect(try sheet("说明").count > 3)
        let problems = try String(contentsOf: out.appendingPathComponent("corpus-问题.csv"), encoding: .utf8)
        #expect(problems.contains("R2"))
    }
}
