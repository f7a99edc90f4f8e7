import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead
import GongkaiWrite
import Testing

@testable import GongkaiCorpus

/// Reports rendered by Gongkai and read back by Gongkai's own readers give the same figures and the same text.
@Suite("Render and read back")
struct RenderRoundTripTests {
    enum Target: String, CaseIterable, CustomTestStringConvertible {
        case markdown
        case docx
        case html
        /// Word converted by LibreOffice (installed by scripts/install-deps), read back from its text layer.
        case pdf

        var testDescription: String { rawValue }

        func render(_ report: AnnualReport) throws -> Data {
            switch self {
            case .markdown: Data(ReportMarkdown.render(report).utf8)
            case .docx: try ReportDOCX.render(report)
            case .html: Data(ReportHTML.render(report).utf8)
            case .pdf: try ReportPDF.render(report)
            }
        }
    }

    @Test("Every seed's figures and text survive rendering", arguments: Target.allCases, Fixtures.seedNames)
    func seeds(target: Target, name: String) throws {
        let original = try Fixtures.report("seeds/\(name).txt")
        let back = try ReportReader.read(try target.render(original), name: "\(name).\(target.rawValue)")
        #expect(back.agency == original.agency)
        #expect(back.year == original.year)
        #expect(back.template == original.template)
        #expect(figureProblems(original, back).isEmpty, "\(figureProblems(original, back).joined(separator: "\n"))")
        let text = textProblems(original, back, spaces: target != .pdf)
        #expect(text.isEmpty, "\(text.joined(separator: "\n"))")
    }

    @Test(
        "A real PDF cleaned up into the national layout keeps its agency, year and figures",
        arguments: [Target.markdown, .docx, .html],
        ["hongze-2023", "hongze-2024", "huaian-2024"]
    )
    func cleanUp(target: Target, name: String) throws {
        // The PDFs print their title over two lines, the agency on the first: the clean copy's title names it.
        let original = try Fixtures.report("real/\(name).pdf")
        let back = try ReportReader.read(try target.render(original), name: "\(name).\(target.rawValue)")
        #expect(back.agency == original.agency)
        #expect(back.year == original.year)
        #expect(back.template == original.template)
        #expect(figureProblems(original, back).isEmpty, "\(figureProblems(original, back).joined(separator: "\n"))")
    }

    @Test("Random valid figure sets survive rendering", arguments: Target.allCases, ReportTemplate.allCases)
    func generated(target: Target, template: ReportTemplate) throws {
        // A PDF takes LibreOffice a second or two: fewer cases.
        for index in 0..<(target == .pdf ? 3 : 12) {
            var rng = SplitMix64(seed: 0x5EED_0000 ^ UInt64(index) ^ (UInt64(template == .v2021 ? 1 : 2) << 32))
            let values = FigureSetGenerator(template: template, magnitude: .mixed(maxDigits: 6)).generate(using: &rng)
            let year = template == .v2021 ? 2021 + index % 4 : 2019 + index % 2
            var report = AnnualReport(
                source: SourceInfo(name: "generated", format: .data),
                agency: rng.pick(GeneratedReport.agencies),
                year: year,
                template: template,
                publicationDate: CalendarDate(year: year + 1, month: 1, day: 1 + index),
                introduction: "本报告依据《中华人民共和国政府信息公开条例》编制，统计期限为\(year)年1月1日至\(year)年12月31日。"
            )
            report.sections = SectionKind.standard.map { kind in
                ReportSection(
                    kind: kind,
                    printedNumber: kind.number,
                    title: kind.standardTitle,
                    text: kind == .problems ? "本年度存在信息更新不够及时的问题。\n下一步将加强审核。" : "",
                    location: nil
                )
            }
            report.figures = Dictionary(
                uniqueKeysWithValues: values.map { ($0, Figure(id: $0, value: $1, printed: "")) }
            )
            let back = try ReportReader.read(try target.render(report), name: "generated.\(target.rawValue)")
            let problems = figureProblems(report, back) + textProblems(report, back, spaces: target != .pdf)
            #expect(problems.isEmpty, "case \(index): \(problems.joined(separator: "\n"))")
        }
    }

    /// Every figure the original holds reads back with the same value; a cell the original lacks may come back only
    /// as blank (the national layout prints every row).
    func figureProblems(_ original: AnnualReport, _ back: AnnualReport) -> [String] {
        var problems: [String] = []
        for id in original.spec.figureIDs + extraIDs(original) {
            let expected = original[id]
            let actual = back[id]
            switch expected {
            case .integer, .decimal, .blank:
                if actual != expected {
                    problems.append("\(id): \(String(describing: expected)) → \(String(describing: actual))")
                }
            case .unknown, nil:
                if let actual, actual != .blank { problems.append("\(id): absent → \(actual)") }
            }
        }
        return problems
    }

    /// Variant-row ids (a single 「（六）其他处理」 row) the original holds.
    func extraIDs(_ report: AnnualReport) -> [FigureID] {
        report.figures.keys.filter { !report.spec.figureIDs.contains($0) }.sorted()
    }

    /// The introduction and each part's text read back the same, line by line, Markdown heading marks aside.
    /// The introduction and each part's text, line by line. A PDF keeps no spaces, only gaps, and its typesetter
    /// puts a gap between Chinese and Latin text (「2023 年」): for a PDF, spaces do not count.
    func textProblems(_ original: AnnualReport, _ back: AnnualReport, spaces: Bool = true) -> [String] {
        func lines(_ text: String) -> [String] {
            let kept = self.lines(text)
            return spaces ? kept : kept.map { $0.filter { $0 != " " && $0 != "\u{3000}" } }
        }
        var problems: [String] = []
        if lines(original.introduction) != lines(back.introduction) {
            problems.append("introduction: \(lines(original.introduction)) → \(lines(back.introduction))")
        }
        for kind in SectionKind.standard {
            let before = lines(original.section(kind)?.text ?? "")
            let after = lines(back.section(kind)?.text ?? "")
            if before != after { problems.append("\(kind): \(before) → \(after)") }
        }
        return problems
    }

    func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { line in
            String(line.drop { $0 == "#" || $0 == " " || $0 == "\u{3000}" }).trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }
}
