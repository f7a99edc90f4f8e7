public import Foundation
public import GongkaiModel

/// One generated report: a figure set written in one layout family, the bytes of the file, and what it prints — the
/// expected figures a reader must give back (exactly, or as unknown, never a different number). A report on 2018 or
/// earlier is in the old format and must be refused.
public struct LayoutCase: Sendable {
    public var family: LayoutFamily
    public var seed: UInt64
    /// `<family>-<template or pre2019>-<index>`.
    public var name: String
    public var agency: String
    public var year: Int
    /// Nil for a report on 2018 or earlier, which must be refused (``isLegacy``).
    public var template: ReportTemplate?
    public var bytes: Data
    /// Every cell the report prints: the number, or `.blank` for an empty cell.
    public var printed: [FigureID: CellValue]
    /// How the figures were damaged before printing (「blank: organisations」), for failure reports.
    public var notes: String

    public var isLegacy: Bool { template == nil }
    public var fileName: String { "\(name).\(family.fileExtension)" }

    static let agencies = [
        "灵宝市司法局", "漳州市司法局", "青山区司法局", "息县司法局", "淮安市自然资源和规划局", "洪泽区市场监督管理局",
        "鼓楼区人民政府办公室", "苏州市生态环境局", "平潭综合实验区管委会", "上海市人民政府办公厅", "信阳市浉河区人民政府",
    ]

    /// The seed of case `index` of a family, from a run's seed; neighbouring cases differ in every bit.
    public static func seed(run: UInt64, family: LayoutFamily, legacy: Bool, index: Int) -> UInt64 {
        let familyIndex = UInt64(LayoutFamily.allCases.firstIndex(of: family) ?? 0)
        var rng = SplitMix64(seed: run ^ (familyIndex << 48) ^ (legacy ? 1 << 40 : 0) ^ UInt64(index))
        return rng.next()
    }

    /// Writes case `index` of a family: figures from `source` when given, otherwise generated from the seed; `legacy`
    /// makes a report on 2008–2018 in the old format. Throws only when the family needs LibreOffice and it fails.
    public static func make(
        family: LayoutFamily,
        seed: UInt64,
        index: Int,
        legacy: Bool = false,
        source: FigureSource? = nil
    ) throws -> LayoutCase {
        var rng = SplitMix64(seed: seed)
        var notes: [String] = []
        let template: ReportTemplate? =
            legacy ? nil : source?.template ?? (rng.chance(60) ? .v2021 : .v2019)
        let year: Int
        switch template {
        case .v2021: year = source?.year ?? rng.int(in: 2021...2024)
        case .v2019: year = source?.year ?? rng.int(in: 2019...2020)
        case nil: year = rng.int(in: 2008...2018)
        }
        let agency = source?.agency ?? rng.pick(agencies)
        var figures: [FigureID: CellValue] = [:]
        if let template {
            if let source {
                figures = source.figures
            } else {
                figures = FigureSetGenerator(template: template, magnitude: magnitude(family, using: &rng)).generate(
                    using: &rng
                )
            }
            if let blanks = blankCells(family, using: &rng) {
                blanks.apply(to: &figures, using: &rng)
                notes.append("blank: \(blanks)")
            }
        }
        let outline = ReportOutline(agency: agency, year: year, template: template, figures: figures)
        var printed = outline.printed
        let text: String?
        var bytes: Data?
        switch family {
        case .tab, .pipe, .markdownTable, .wrapped, .flattened, .tabBlanks, .pipeBlanks:
            let layout = family.textLayout ?? .tab
            if let template {
                var writer = ReportTextWriter(template: template, agency: agency, year: year, layout: layout)
                writer.wrapWidth = rng.int(in: 16...20)
                writer.stubWidth = rng.int(in: 3...5)
                text = writer.write(figures)
                printed = [:]
                for id in writer.spec.figureIDs { printed[id] = ReportOutline.printedValue(figures[id]) }
            } else {
                text = OutlineTextWriter(layout: layout).write(outline)
            }
        case .crawled:
            let writer = CrawledTextWriter(using: &rng)
            text = writer.write(outline, using: &rng)
        case .columns:
            let writer = TextColumnsWriter(using: &rng)
            text = writer.write(outline, using: &rng)
        case .htmlFragment, .htmlPage, .htmlWord:
            let style: HTMLReportWriter.Style =
                family == .htmlFragment ? .fragment : family == .htmlPage ? .page : .word
            let writer = HTMLReportWriter(style: style, using: &rng)
            text = writer.write(outline, using: &rng)
        case .converterMarkdown:
            let writer = ConverterMarkdownWriter(using: &rng)
            text = writer.write(outline, using: &rng)
        case .docx, .docxTextBox:
            text = nil
            bytes = try WordReportWriter(textBoxes: family == .docxTextBox, pdf: false, using: &rng).docx(outline)
        case .pdf:
            text = nil
            bytes = try WordReportWriter(textBoxes: false, pdf: true, using: &rng).pdf(outline)
        }
        let prefix = "\(family.rawValue)-\(template?.rawValue ?? "pre2019")"
        return LayoutCase(
            family: family,
            seed: seed,
            name: "\(prefix)-\(String(repeating: "0", count: max(0, 3 - String(index).count)))\(index)",
            agency: agency,
            year: year,
            template: template,
            bytes: bytes ?? Data((text ?? "").utf8),
            printed: template == nil ? [:] : printed,
            notes: notes.joined(separator: "; ")
        )
    }

    /// Run-together digits split many ways: short values where cells have no separator.
    static func magnitude(_ family: LayoutFamily, using rng: inout SplitMix64) -> FigureSetGenerator.Magnitude {
        switch family {
        case .flattened, .crawled: rng.chance(30) ? .singleDigit : .mixed(maxDigits: 3)
        default: .mixed(maxDigits: 5)
        }
    }

    static func blankCells(_ family: LayoutFamily, using rng: inout SplitMix64) -> BlankCells? {
        switch family {
        case .tabBlanks, .pipeBlanks: rng.pick(BlankCells.allCases)
        case .htmlWord: rng.chance(60) ? rng.pick([.organisations, .organisations, .scattered]) : nil
        case .htmlFragment, .htmlPage, .docx, .docxTextBox, .columns, .converterMarkdown, .crawled, .pdf:
            rng.chance(25) ? rng.pick(BlankCells.allCases) : nil
        case .tab, .pipe, .markdownTable, .wrapped, .flattened: nil
        }
    }

    /// The expected-figures file of the case (format: the corpus's spec README). A report before 2019 has no
    /// figures, and says it must be refused.
    public var expectedJSON: String {
        var fields = [
            "\"agency\": \(JSONText.quoted(agency))",
            "\"year\": \(year)",
            "\"template\": \(template.map { JSONText.quoted($0.rawValue) } ?? "null")",
        ]
        if isLegacy { fields.append("\"refused\": \"unsupportedFormat\"") }
        let figures = printed.keys.sorted().map { id -> String in
            let value = printed[id].map { $0 == .blank ? "null" : $0.text } ?? "null"
            return "    \(JSONText.quoted(id.rawValue)): \(value)"
        }
        fields.append("\"figures\": {\n" + figures.joined(separator: ",\n") + (figures.isEmpty ? "}" : "\n  }"))
        fields.append("\"unknown\": []")
        let raw = printed.keys.sorted().filter { printed[$0] == .blank }.map { "\(JSONText.quoted($0.rawValue)): \"\"" }
        fields.append("\"raw\": {" + raw.joined(separator: ", ") + "}")
        let note =
            "generated: \(family.rawValue), seed 0x\(String(seed, radix: 16))" + (notes.isEmpty ? "" : "; \(notes)")
        fields.append("\"notes\": \(JSONText.quoted(note))")
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
    }
}
