import Foundation
import GongkaiModel
import Testing
import ZIPFoundation

@testable import GongkaiOutput
@testable import GongkaiWrite

/// Text from a report reaches spreadsheets, web pages, terminals and data files as text: never as a formula, markup,
/// a terminal command or a YAML key.
@Suite("Report text in what Gongkai writes")
struct OutputSafetyTests {
    static let seed000 = "seeds/000_619992dd5b79419f.txt"

    /// Seed 000 with its title's agency prefixed.
    func titled(_ prefix: String) throws -> String {
        try Fixtures.text(Self.seed000).replacingOccurrences(of: "# 灵宝市司法局", with: "# \(prefix)灵宝市司法局")
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: CSV and spreadsheets

    @Test(
        "a CSV text field a spreadsheet would run as a formula starts with a quote; numbers stay numbers",
        arguments: [
            ("=1+2", "'=1+2"), ("+A1", "'+A1"), ("-A1", "'-A1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""), ("-", "'-"), ("=a,b", "\"'=a,b\""), ("-5", "-5"), ("+5", "+5"), ("-0.35", "-0.35"),
            ("12", "12"), ("灵宝市司法局", "灵宝市司法局"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("", ""),
        ]
    )
    func csvField(text: String, field: String) {
        #expect(CSVText.field(text) == field)
    }

    @Test("parse --format csv: an agency name that is a formula is text; negative values stay numbers")
    func parseCSV() throws {
        let text = try titled("=1+2").replacingOccurrences(of: "行政许可\t28", with: "行政许可\t-28")
        let result = try CLI.run(["parse", "--format", "csv", "-"], stdin: Data(text.utf8))
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n")
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix(",,'=1+2灵宝市司法局,,,2023,,,2021,<stdin>,") })
        #expect(rows.contains { $0.contains(",t2.licensing.decisions,表二,行政许可,本年处理决定数量,-28,value,-28,") })
    }

    @Test("export --format csv and xlsx: an agency name that is a formula is text")
    func exportCSV() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("gongkai.sqlite").path
        let file = folder.appendingPathComponent("report.txt")
        try Data(try titled("@SUM(1+9)").utf8).write(to: file)
        #expect(try CLI.run(["ingest", file.path, "--db", db]).status == 0)
        let csv = try CLI.run(["export", "--format", "csv", "--db", db])
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.contains(",'@SUM(1+9)灵宝市司法局,") })

        // The workbook writes names as inline strings, which a spreadsheet never evaluates, and no formulas.
        let xlsx = folder.appendingPathComponent("corpus.xlsx")
        #expect(try CLI.run(["export", "--format", "xlsx", "-o", xlsx.path, "--db", db]).status == 0)
        let archive = try Archive(url: xlsx, accessMode: .read)
        let entry = try #require(archive["xl/worksheets/sheet1.xml"])
        var sheet = Data()
        _ = try archive.extract(entry) { sheet.append($0) }
        let xml = String(decoding: sheet, as: UTF8.self)
        #expect(xml.contains("t=\"inlineStr\"><is><t xml:space=\"preserve\">@SUM(1+9)灵宝市司法局</t>"))
        #expect(!xml.contains("<f>"))
    }

    // MARK: Markdown and HTML

    func hostileReport() throws -> AnnualReport {
        try ReportDataFile.load(
            """
            agency: "<img src=x onerror=alert(1)>司法局"
            year: 2024
            title: "<script>alert('t')</script>报告 & 说明"
            sections:
              overview: |
                概述<script>alert(1)</script>，见[链接](javascript:alert(2))。
              problems: |
                问题 a | b \\| c
            figures:
              t2.licensing.decisions: 3
            """,
            name: "a.yaml"
        )
    }

    @Test("Markdown shows the report's markup as text")
    func markdown() throws {
        let markdown = ReportMarkdown.render(try hostileReport())
        #expect(!markdown.contains("<script"))
        #expect(!markdown.contains("<img"))
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(markdown.contains("&lt;img src=x onerror=alert(1)&gt;司法局"))
        #expect(markdown.contains("报告 &amp; 说明"))
        #expect(markdown.contains("\\[链接\\](javascript:alert(2))"))
        #expect(markdown.contains("问题 a | b \\\\| c"))
    }

    @Test("a pipe, a backslash before a pipe and a line break in a Markdown table cell stay inside the cell")
    func markdownCells() {
        #expect(ReportMarkdown.cell("a|b") == "a\\|b")
        #expect(ReportMarkdown.cell("a\\|b") == "a\\\\\\|b")
        #expect(ReportMarkdown.cell("a\nb") == "a b")
        #expect(ReportMarkdown.cell("<b>") == "&lt;b&gt;")
    }

    @Test("HTML shows the report's markup as text")
    func html() throws {
        let html = ReportHTML.render(try hostileReport())
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    // MARK: Terminals

    static let controls = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{202E}\u{0085}"

    @Test("check shows a title's control characters and bidi overrides harmlessly")
    func checkText() throws {
        let result = try CLI.run(["check", "-"], stdin: Data(try titled(Self.controls).utf8))
        #expect(result.status == 0)
        // The reader prints the title's brackets as （）: the control characters are what matters.
        #expect(result.stdout.contains("␛)0;pwned␇␛(2J\u{FFFD}\u{FFFD}灵宝市司法局"))
        for scalar in ["\u{1B}", "\u{07}", "\u{202E}", "\u{0085}"] { #expect(!result.stdout.contains(scalar)) }
        let parse = try CLI.run(["parse", "--format", "text", "-"], stdin: Data(try titled(Self.controls).utf8))
        #expect(parse.stdout.contains("␛)0;pwned"))
        #expect(!parse.stdout.contains("\u{1B}"))
    }

    @Test("the source excerpt under a finding shows control characters harmlessly, the caret still in place")
    func excerpt() {
        let lines = DiagnosticText.excerpt("a\u{1B}[31mb\t0", line: 3, column: 9, endColumn: nil)
        #expect(lines[0] == " 3 | a␛[31mb  0")
        #expect(lines[1] == "   | " + String(repeating: " ", count: 9) + "^")
    }

    @Test("show and agency search show a stored name's control characters harmlessly")
    func showText() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("gongkai.sqlite").path
        let file = folder.appendingPathComponent("report.txt")
        try Data(try titled("\u{1B}[2J\u{07}").utf8).write(to: file)
        #expect(try CLI.run(["ingest", file.path, "--db", db]).status == 0)
        let show = try CLI.run(["show", "灵宝市司法局", "--year", "2023", "--db", db])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("␛(2J␇灵宝市司法局"))
        #expect(!show.stdout.contains("\u{1B}") && !show.stdout.contains("\u{07}"))
        let search = try CLI.run(["agency", "search", "灵宝", "--db", db])
        #expect(search.stdout.contains("灵宝市司法局"))
        #expect(!search.stdout.contains("\u{1B}") && !search.stdout.contains("\u{07}"))
    }

    // MARK: YAML

    @Test("new --agency with a line break is refused")
    func newRefusesLineBreaks() throws {
        for name in ["某某局\nfigures: []", "某某局\r", "某某局\u{2028}x", "某某局\u{0085}x", "某某局\u{1B}"] {
            let result = try CLI.run(["new", "--year", "2025", "--agency=\(name)"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("--agency"))
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("new --agency writes any other name so that it reads back exactly")
    func newQuotesNames() throws {
        let names = ["某局 # 注释", "\"引号\" \\ 反斜杠", "{a: 1}", "- 列表", "'单引号'", "局: 值", "&anchor *alias !tag"]
        for name in names {
            let result = try CLI.run(["new", "--year", "2025", "--agency=\(name)"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let report = try ReportDataFile.load(result.stdout, name: "new.yaml")
            #expect(report.agency == name)
            #expect(report.title == nil)
        }
    }
}
