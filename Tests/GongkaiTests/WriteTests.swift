import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead
import GongkaiWrite
import Testing
import ZIPFoundation

@testable import GongkaiCorpus

/// The clerk's side: data files, filled totals, the Word file's structure, and the `new` and `render` commands.
@Suite("Writing reports")
struct WriteTests {
    @Test(
        "A new data file holds every figure of the template at 0 and checks clean",
        arguments: ReportTemplate.allCases
    )
    func scaffold(template: ReportTemplate) throws {
        let year = template == .v2021 ? 2025 : 2020
        let yaml = ReportScaffold.yaml(agency: "某某市司法局", year: year, template: template)
        let report = try ReportDataFile.load(yaml, name: "report.yaml")
        #expect(report.agency == "某某市司法局")
        #expect(report.year == year)
        #expect(report.template == template)
        #expect(report.publicationDate == CalendarDate(year: year + 1, month: 1, day: 20))
        let ids = NationalTemplates.spec(template).figureIDs
        #expect(Set(report.figures.keys) == Set(ids))
        #expect(ids.allSatisfy { report[$0]?.number == 0 })
        // Every label is a comment beside its figure.
        #expect(yaml.contains("t3.received.natural: 0  # 一、本年新收政府信息公开申请数量 — 自然人"))
        let errors = ReportChecker.check(report).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
    }

    @Test("Amounts keep their decimals exactly; a data file names what is wrong with it")
    func dataFileValues() throws {
        let yaml = """
            agency: 某某县自然资源局
            year: 2024
            figures:
              t2.fees.amount: 12.3456
              t2.licensing.decisions: 7
            sections:
              problems: |
                存在的问题。
            """
        let report = try ReportDataFile.load(yaml, name: "a.yaml")
        #expect(report[FigureID("t2.fees.amount")] == .decimal(Decimal(string: "12.3456", locale: nil) ?? 0))
        #expect(report[FigureID("t2.licensing.decisions")] == .integer(7))
        #expect(report.template == .v2021)
        #expect(report.section(.problems)?.text == "存在的问题。")

        func problems(_ yaml: String) -> [ReportDataFile.Problem.Kind] {
            do {
                _ = try ReportDataFile.load(yaml, name: "b.yaml")
                return []
            } catch {
                return error.kinds
            }
        }
        #expect(
            problems("agency: 甲\nyear: 2024\nfigures:\n  t3.nonsense.total: 1\n") == [
                .unknownFigure("t3.nonsense.total")
            ]
        )
        // A typo gets the nearest key; nonsense gets none, and neither points at a file a clerk does not have.
        let typo = ReportDataFile.Problem(.unknownFigure("t3.recieved.natural")).description
        #expect(typo.contains("您是不是要写「t3.received.natural」？"), "\(typo)")
        let nonsense = ReportDataFile.Problem(.unknownFigure("t3.nonsense.total")).description
        #expect(!nonsense.contains("您是不是要写") && !nonsense.contains("Docs/"), "\(nonsense)")
        #expect(problems("agency: 甲\nyear: 1999\n").count == 1)
        #expect(problems("- 1\n- 2\n") == [.notAMapping])
        #expect(
            problems("agency: 甲\nyear: 2024\nfigures:\n  t3.received.natural: 三\n")
                == [.invalid(field: "t3.received.natural", value: "三", expected: "整数")]
        )
    }

    @Test("Filled totals reproduce a valid figure set from its detail cells", arguments: ReportTemplate.allCases)
    func fillTotals(template: ReportTemplate) throws {
        for index in 0..<20 {
            var rng = SplitMix64(seed: 0xF177_0000 + UInt64(index))
            let values = FigureSetGenerator(template: template, magnitude: .mixed(maxDigits: 4)).generate(using: &rng)
            var report = AnnualReport(source: SourceInfo(name: "t", format: .data), template: template)
            let spec = NationalTemplates.spec(template)
            let derived = Set(
                spec.table(.three).rows.compactMap(\.figureIDs.last)
                    + spec.table(.four).rows.compactMap(\.figureIDs.last)
                    + (spec.table(.three).row("total")?.figureIDs ?? [])
                    + (spec.table(.three).row("carried_forward")?.figureIDs ?? [])
            )
            for (id, value) in values where !derived.contains(id) {
                report.figures[id] = Figure(id: id, value: value, printed: value.text)
            }
            TotalsFiller.fill(&report)
            for (id, value) in values {
                #expect(report[id] == value, "case \(index): \(id)")
            }
        }
    }

    @Test("The Word file has the national tables' merged cells and its parts")
    func docxStructure() throws {
        let report = try Fixtures.report("seeds/000_619992dd5b79419f.txt")
        let data = try ReportDOCX.render(report)
        let archive = try Archive(data: data, accessMode: .read)
        for path in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"] {
            #expect(archive[path] != nil, "\(path)")
        }
        let entry = try #require(archive["word/document.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        let document = String(decoding: xml, as: UTF8.self)
        #expect(document.contains("<w:gridSpan w:val=\"7\"/>"))  // 申请人情况
        #expect(document.contains("<w:vMerge w:val=\"restart\"/>"))  // 三、本年度办理结果
        #expect(document.contains("<w:tblHeader/>"))
        #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))  // A4
        // The title in two lines: the issuing body, then the year and the report's name.
        #expect(
            document.contains("灵宝市司法局</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">2023年政府信息公开工作年度报告")
        )
        // The same report gives the same bytes.
        #expect(try ReportDOCX.render(report) == data)
    }

    @Test("new writes a data file and refuses to overwrite one")
    func newCommand() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("report.yaml").path
        let first = try CLI.run(["new", "--year", "2025", "--agency", "某某市司法局", "-o", path])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try CLI.run(["new", "--year", "2025", "--agency", "某某市司法局", "-o", path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("文件已存在"))
        let wrongFormat = try CLI.run(["new", "--year", "2023", "--agency", "甲", "--format", "2019"])
        #expect(wrongFormat.status != 0)
        let check = try CLI.run(["check", path])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test("render refuses a report with errors unless forced, and cleans up a messy report")
    func renderCommand() throws {
        let folder = try temporaryFolder()
        let output = folder.appendingPathComponent("out.md").path
        let seed001 = Fixtures.url("seeds/001_2af83e509e4cbaa8.txt").path
        let refused = try CLI.run(["render", seed001, "--to", "md", "-o", output])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("[R2]"))
        #expect(refused.stderr.contains("未生成"))
        #expect(!FileManager.default.fileExists(atPath: output))

        let forced = try CLI.run(["render", seed001, "--to", "md", "-o", output, "--force"])
        #expect(forced.status == 0)
        // The findings of the messy source are listed on standard error.
        #expect(forced.stderr.contains("[label-variant]"))
        let back = try ReportReader.read(try Data(contentsOf: URL(fileURLWithPath: output)), name: "out.md")
        #expect(back.agency == "漳州市司法局")
        #expect(back[FigureID("t3.received.natural")] == .integer(1))
        // An existing file is kept unless --overwrite says otherwise, and the message names that flag.
        let kept = try CLI.run(["render", seed001, "--to", "md", "-o", output, "--force"])
        #expect(kept.status == 2)
        #expect(kept.stderr.contains("文件已存在；如需覆盖，请加 --overwrite。"))
        let replaced = try CLI.run(["render", seed001, "--to", "md", "-o", output, "--force", "--overwrite"])
        #expect(replaced.status == 0)

        let parsed = try CLI.run(["parse", Fixtures.url("seeds/000_619992dd5b79419f.txt").path])
        let json = folder.appendingPathComponent("000.json")
        try Data(parsed.stdout.utf8).write(to: json)
        let html = try CLI.run(["render", json.path, "--to", "html"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.contains("<td rowspan=\"22\" class=\"label\">三、本年度办理结果</td>"))

        // Word and PDF without -o go beside the input, named after it; never over it, never to the terminal.
        let beside = try CLI.run(["render", json.path, "--to", "docx"])
        #expect(beside.status == 0, "\(beside.stderr)")
        let docx = json.deletingPathExtension().appendingPathExtension("docx")
        #expect(FileManager.default.fileExists(atPath: docx.path))
        #expect(beside.stdout.isEmpty)
        #expect(try CLI.run(["render", json.path, "--to", "docx"]).stderr.contains("--overwrite"))
        let itself = try CLI.run(["render", docx.path, "--to", "docx"])
        #expect(itself.status == 64)
        #expect(try CLI.run(["render", "-", "--to", "docx"], stdin: Data(parsed.stdout.utf8)).status == 64)
    }

    @Test("render --fill-totals lets a clerk enter only the details")
    func renderFillTotals() throws {
        let folder = try temporaryFolder()
        let data = folder.appendingPathComponent("report.yaml")
        // A new data file with a few details entered, and every total left at 0.
        var yaml = ReportScaffold.yaml(agency: "某某市司法局", year: 2025, template: .v2021)
        for (id, value) in [
            ("t3.received.natural", 3), ("t3.received.commercial", 1), ("t3.carried_over.natural", 1),
            ("t3.granted.natural", 2), ("t3.not_processed.repeat.commercial", 1),
        ] {
            yaml = yaml.replacingOccurrences(of: "  \(id): 0  #", with: "  \(id): \(value)  #")
        }
        // 结转下年度 left empty: derived from the 勾稽 identity.
        for column in NationalTemplates.applicantColumns {
            yaml = yaml.replacingOccurrences(
                of: "  t3.carried_forward.\(column.key): 0  #",
                with: "  t3.carried_forward.\(column.key):  #"
            )
        }
        yaml = yaml.replacingOccurrences(of: "  problems: |\n", with: "  problems: |\n    存在的问题。\n")
        yaml = yaml.replacingOccurrences(of: "  other_matters: |\n", with: "  other_matters: |\n    本年度未收取信息处理费。\n")
        try Data(yaml.utf8).write(to: data)
        let unfilled = try CLI.run(["render", data.path, "--to", "md"])
        #expect(unfilled.status == 1)
        #expect(unfilled.stderr.contains("[R2]"))
        let output = folder.appendingPathComponent("out.md").path
        let result = try CLI.run(["render", data.path, "--to", "md", "-o", output, "--fill-totals"])
        let back = try ReportReader.read(try Data(contentsOf: URL(fileURLWithPath: output)), name: "out.md")
        #expect(back[FigureID("t3.received.total")] == .integer(4))
        #expect(back[FigureID("t3.total.natural")] == .integer(2))
        #expect(back[FigureID("t3.total.total")] == .integer(3))
        #expect(back[FigureID("t3.carried_forward.natural")] == .integer(2))
        #expect(back[FigureID("t3.carried_forward.total")] == .integer(2))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(ReportChecker.check(back).filter { $0.severity == .error }.isEmpty)
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
