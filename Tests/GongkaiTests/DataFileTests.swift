import Foundation
import GongkaiCheck
import GongkaiIsolation
import GongkaiModel
import GongkaiWrite
import Testing

/// The clerk's data file: told by its content, every problem reported at once at its line and in Chinese, values
/// typed as reports print them, findings at the key to edit, and totals computed and written back.
@Suite("Data files")
struct DataFileTests {
    /// A data file from `gongkai new` with the 自然人 column of 「一、本年新收」 and 「（一）予以公开」 set to 3.
    static func scaffold(year: Int = 2025) -> String {
        ReportScaffold.yaml(agency: "某某市司法局", year: year, template: .v2021)
            .replacingOccurrences(of: "  t3.received.natural: 0", with: "  t3.received.natural: 3")
            .replacingOccurrences(of: "  t3.granted.natural: 0", with: "  t3.granted.natural: 3")
    }

    static func lineNumber(of prefix: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(prefix) }.map { $0 + 1 }
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("A data file is told by its content: piped in, or saved as .yaml.txt; no report is taken for one")
    func toldByContent() throws {
        let yaml = ReportScaffold.yaml(agency: "某某市司法局", year: 2025, template: .v2021)
        #expect(ReportDataFile.looksLikeData(Data(yaml.utf8)))
        #expect(ReportDataFile.looksLikeData(Data(("\u{FEFF}# 注释\n" + yaml).utf8)))
        #expect(ReportDataFile.looksLikeData(Data("agency: 甲\nyear: 2024\n".utf8)))
        #expect(ReportDataFile.looksLikeData(Data(" \n{\"agency\": \"甲\"}".utf8)))
        // No report the project holds as text, Markdown or HTML looks like one, nor a line that only mentions a key.
        var reports: [URL] = []
        for folder in ["seeds", "real", "encodings", "html"] {
            let urls = try FileManager.default.contentsOfDirectory(
                at: Fixtures.url(folder),
                includingPropertiesForKeys: nil
            )
            reports += urls.filter { ["txt", "md", "html"].contains($0.pathExtension) }
        }
        #expect(reports.count >= 10)
        for url in reports {
            #expect(!ReportDataFile.looksLikeData(try Data(contentsOf: url)), "\(url.lastPathComponent)")
        }
        #expect(!ReportDataFile.looksLikeData(Data("本报告 figures: 12\n  agency: 甲\n".utf8)))

        // Through the command line: standard input, and a name Notepad gives.
        let piped = try CLI.run(["check", "-", "--format", "json"], stdin: Data(yaml.utf8))
        #expect(piped.status == 0, "\(piped.stdout)\(piped.stderr)")
        #expect(piped.stdout.contains("\"format\": \"data\""))
        let url = try folder().appendingPathComponent("report.yaml.txt")
        try Data(yaml.utf8).write(to: url)
        let saved = try CLI.run(["check", url.path])
        #expect(saved.status == 0, "\(saved.stdout)")
        #expect(saved.stdout.contains("0 个错误"))
    }

    @Test("Every invalid value is reported in one run, each at its line")
    func everyProblem() throws {
        let yaml = Self.scaffold()
            .replacingOccurrences(of: "year: 2025", with: "year: 二〇二五")
            .replacingOccurrences(of: "  t3.received.natural: 3", with: "  t3.received.natural: 三")
            .replacingOccurrences(of: "  t3.received.research: 0", with: "  t3.recieved.research: 0")
            .replacingOccurrences(of: "  t4.review.upheld: 0", with: "  t4.review.upheld: [1, 2]")
        var thrown: ReportDataFile.LoadError?
        do { _ = try ReportDataFile.load(yaml, name: "r.yaml") } catch { thrown = error }
        let error = try #require(thrown)
        #expect(error.problems.count == 4, "\(error)")
        let lines = error.problems.map(\.line)
        let upheld = try #require(Self.lineNumber(of: "  t4.review.upheld", in: yaml))
        #expect(lines == [7, 49, 51, upheld])
        // Each problem's line holds the key it names.
        let yamlLines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        for problem in error.problems {
            let key = problem.description.dropFirst().prefix { $0 != "」" }
            #expect(yamlLines[(problem.line ?? 1) - 1].trimmingCharacters(in: .whitespaces).hasPrefix("\(key):"))
        }
        let text = error.description
        #expect(text.hasPrefix("数据文件有 4 处错误"))
        #expect(text.contains("\nr.yaml:49: 「t3.received.natural」的值「三」无效，应为整数。"))
        #expect(text.contains("您是不是要写「t3.received.research」？"))

        // The same through the command line: exit 2, every problem on standard error.
        let url = try folder().appendingPathComponent("r.yaml")
        try Data(yaml.utf8).write(to: url)
        let result = try CLI.run(["check", url.path])
        #expect(result.status == 2)
        #expect(result.stderr.components(separatedBy: "\(url.path):").count - 1 == 5, "\(result.stderr)")
    }

    @Test(
        "YAML mistakes are explained in Chinese at their line",
        arguments: [
            ("agency: 甲\nyear: 2024\nfigures:\n\tt3.received.natural: 1\n", 4, "制表符"),
            ("agency: \"甲\nyear: 2024\n", 1, "引号"),
            ("agency: 甲\nyear: 2024\nfigures:\n  t3.x: 1\n  t3.x: 2\n", 5, "写了两次（第一次在第4行）"),
            ("agency: 甲\nyear: 2024\nintroduction: 说明: 本报告\n", 3, "冒号"),
            ("agency: 甲\nyear: 2024\nfigures:\n  t3.received.natural: 1\n t3.received.legal: 2\n", 5, "缩进"),
        ]
    )
    func syntax(yaml: String, line: Int, words: String) throws {
        var thrown: ReportDataFile.LoadError?
        do { _ = try ReportDataFile.load(yaml, name: "r.yaml") } catch { thrown = error }
        let error = try #require(thrown)
        #expect(error.problems.first?.line == line, "\(error)")
        #expect(error.description.contains(words), "\(error)")
        #expect(error.description.contains("r.yaml:\(line): "), "\(error)")
        // No words of the YAML library's own English.
        #expect(error.description.range(of: "[A-Za-z]{5,}", options: .regularExpression) == nil, "\(error)")
    }

    @Test("Values are read as reports print them: full-width digits, 「/」 「-」 「*」 as blanks, dates as clerks write them")
    func typedValues() throws {
        let yaml = """
            agency: 某某市司法局
            year: 2025
            publication_date: 2026年1月20日
            figures:
              t3.received.natural: １４
              t3.received.commercial: /
              t3.received.research: -  # 没有
              t3.received.nonprofit: *
              t3.received.legal: ０
              t2.fees.amount: ０.５
            """
        let report = try ReportDataFile.load(yaml, name: "r.yaml")
        #expect(report.publicationDate == CalendarDate(year: 2026, month: 1, day: 20))
        #expect(report[FigureID("t3.received.natural")] == .integer(14))
        #expect(report[FigureID("t3.received.legal")] == .integer(0))
        #expect(report[FigureID("t2.fees.amount")] == .decimal(Decimal(string: "0.5", locale: nil) ?? 0))
        for id in ["t3.received.commercial", "t3.received.research", "t3.received.nonprofit"] {
            #expect(report[FigureID(id)] == .blank, "\(id)")
        }
        // The blanks are R5, at the first blank key's line, as in a report.
        let r5 = ReportChecker.check(report).filter { $0.code == "R5" && $0.table == .three }
        #expect(r5.first?.location?.line == 6, "\(r5.map(\.message))")
        #expect(r5.first?.message.contains("商业企业") == true)

        for (text, date) in [
            ("2026-01-20", CalendarDate(year: 2026, month: 1, day: 20)),
            ("2026/1/5", CalendarDate(year: 2026, month: 1, day: 5)),
            ("２０２６年１月２０日", CalendarDate(year: 2026, month: 1, day: 20)),
            ("2026.01.31", CalendarDate(year: 2026, month: 1, day: 31)),
            ("1月20日", nil), ("2026-02-30", nil), ("明年一月", nil),
        ] {
            let yaml = "agency: 甲\nyear: 2025\npublication_date: \"\(text)\"\n"
            let loaded = try? ReportDataFile.load(yaml, name: "d.yaml")
            #expect(loaded?.publicationDate == date, "\(text)")
        }
    }

    @Test("A finding in a data file names its line and shows the key to edit")
    func findingsAtKeys() throws {
        let yaml = Self.scaffold().replacingOccurrences(of: "  t3.received.total: 0", with: "  t3.received.total: 2")
        let url = try folder().appendingPathComponent("report.yaml")
        try Data(yaml.utf8).write(to: url)
        let result = try CLI.run(["check", url.path, "--level", "error"])
        #expect(result.status == 1)
        let line = try #require(Self.lineNumber(of: "  t3.received.total:", in: yaml))
        #expect(result.stdout.contains("\(url.path):\(line):3: 错误 [R2]"), "\(result.stdout)")
        #expect(result.stdout.contains(" \(line) |   t3.received.total: 2  #"), "\(result.stdout)")
        #expect(result.stdout.contains("   ^~~~~~~~~~~~~~~~~"))
        // A row left out of the file: the keys to add are named.
        let cut = yaml.split(separator: "\n").filter { !$0.hasPrefix("  t3.received.legal") }.joined(separator: "\n")
        try Data(cut.utf8).write(to: url)
        let missing = try CLI.run(["check", url.path, "--level", "error"])
        #expect(missing.stdout.contains("（要填的键：t3.received.legal）"), "\(missing.stdout)")
    }

    @Test("Totals: check --fill-totals computes them; fill-totals writes them into the file and nothing else")
    func fillTotals() throws {
        let yaml = Self.scaffold()
        let url = try folder().appendingPathComponent("report.yaml")
        try Data(yaml.utf8).write(to: url)

        let plain = try CLI.run(["check", url.path])
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("gongkai fill-totals"), "\(plain.stderr)")
        let filledCheck = try CLI.run(["check", url.path, "--fill-totals"])
        #expect(filledCheck.status == 0, "\(filledCheck.stdout)")
        #expect(filledCheck.stderr.contains("已按明细计算 4 个总计"), "\(filledCheck.stderr)")

        let dry = try CLI.run(["fill-totals", url.path, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(try String(contentsOf: url, encoding: .utf8) == yaml)

        let written = try CLI.run(["fill-totals", url.path])
        #expect(written.status == 0, "\(written.stdout)\(written.stderr)")
        let after = try String(contentsOf: url, encoding: .utf8)
        let changed = zip(yaml.split(separator: "\n"), after.split(separator: "\n")).filter { $0 != $1 }
        #expect(
            changed.map(\.1) == [
                "  t3.received.total: 3  # 一、本年新收政府信息公开申请数量 — 总计",
                "  t3.granted.total: 3  # （一）予以公开 — 总计",
                "  t3.total.natural: 3  # （七）总计 — 自然人",
                "  t3.total.total: 3  # （七）总计 — 总计",
            ]
        )
        for change in changed.map(\.1) {
            let line = try #require(Self.lineNumber(of: String(change), in: after))
            let key = change.trimmingCharacters(in: .whitespaces).prefix { $0 != ":" }
            #expect(written.stdout.contains("\(url.path):\(line): \(key) 0 → 3"), "\(written.stdout)")
        }
        #expect(try CLI.run(["check", url.path]).status == 0)
        #expect(try CLI.run(["fill-totals", url.path]).stdout.contains("无需改动"))

        // Keys the file lacks are added after the figure before them, with their labels.
        let cut = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("  t3.received.total") && !$0.hasPrefix("  t3.total.") }.joined(separator: "\n")
        try Data(cut.utf8).write(to: url)
        let added = try CLI.run(["fill-totals", url.path])
        #expect(added.status == 0, "\(added.stdout)\(added.stderr)")
        let restored = try String(contentsOf: url, encoding: .utf8)
        #expect(restored.contains("  t3.received.other: 0  # 一、本年新收政府信息公开申请数量 — 其他\n  t3.received.total: 3  #"))
        let report = try ReportDataFile.load(restored, name: "r.yaml")
        #expect(report[FigureID("t3.total.total")] == .integer(3))
        for entry in added.stdout.split(separator: "\n") where entry.contains("（新增）") {
            let parts = entry.split(separator: ":")
            let line = try #require(Int(parts[1]))
            let key = parts[2].trimmingCharacters(in: .whitespaces).prefix { $0 != " " }
            #expect(restored.split(separator: "\n", omittingEmptySubsequences: false)[line - 1].contains("\(key): "))
        }

        // A report is no data file; standard input cannot be written back.
        let seed = Fixtures.url("seeds/000_619992dd5b79419f.txt").path
        #expect(try CLI.run(["fill-totals", seed]).status == 2)
        #expect(try CLI.run(["fill-totals", "-"], stdin: Data(yaml.utf8)).status == 2)
    }

    @Test("A JSON data file gets its totals where its keys stand, and names the keys it lacks")
    func fillTotalsJSON() throws {
        let report = try ReportDataFile.load(Self.scaffold(), name: "r.yaml")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(String(data: try encoder.encode(JSONShape(report)), encoding: .utf8))
        let edited = try DataFileTotals.write(
            into: json,
            report: try ReportDataFile.load(json, name: "r.json")
        )
        #expect(edited.changes.count == 4)
        #expect(edited.text.contains("\"t3.received.total\":3"))
        let lacking = json.replacingOccurrences(of: "\"t3.total.total\":0,", with: "")
        #expect(throws: DataFileTotals.WriteError.missingJSONKeys([FigureID("t3.total.total")])) {
            try DataFileTotals.write(into: lacking, report: try ReportDataFile.load(lacking, name: "r.json"))
        }
    }

    /// The smallest JSON data file: agency, year and figures on one line each.
    struct JSONShape: Encodable {
        let agency: String
        let year: Int
        let figures: [String: Int]
        init(_ report: AnnualReport) {
            agency = report.agency ?? ""
            year = report.year ?? 0
            figures = Dictionary(
                uniqueKeysWithValues: report.figures.map { ($0.key.rawValue, $0.value.value.integer ?? 0) }
            )
        }
    }
}
