public import GongkaiModel

/// A report in the order the national format prints it: title, introduction, the parts with their text and tables,
/// and the signature. Every renderer walks this one sequence, so all formats say the same thing.
public struct ReportLayout: Sendable {
    public enum Block: Sendable, Hashable {
        case title(String)
        /// A paragraph of running text.
        case paragraph(String)
        /// A subheading inside a part (「（一）主动公开」 printed on its own line, or a Markdown `###` line).
        case subheading(String)
        /// A part's heading: 「一、总体情况」.
        case heading(String)
        case table(TableGrid)
        /// The issuing body and the date at the foot, right-aligned.
        case signature([String])
    }

    public var blocks: [Block]

    /// A title as the national layout prints it: the issuing body on the first line, 「2023年政府信息公开工作年度报告」
    /// on the second, so that a long title never breaks inside a word.
    public static func titleLines(_ title: String) -> [String] {
        let scalars = Array(title.unicodeScalars)
        var index = 1
        while index + 4 < scalars.count {
            let digits = scalars[index..<(index + 4)]
            if digits.allSatisfy({ ("0"..."9").contains($0) }), scalars[index + 4] == "年",
                !("0"..."9").contains(scalars[index - 1])
            {
                let head = String(String.UnicodeScalarView(scalars[..<index])).trimmingSpaces
                let tail = String(String.UnicodeScalarView(scalars[index...]))
                return head.isEmpty || head.hasSuffix("《") ? [title] : [head, tail]
            }
            index += 1
        }
        return [title]
    }

    /// A report laid out block by block by its caller.
    public init(blocks: [Block]) {
        self.blocks = blocks
    }

    public init(_ report: AnnualReport) {
        let template = report.template ?? report.year.flatMap(ReportTemplate.required(forYear:)) ?? .v2021
        let values = report.figures.mapValues(\.value)
        var blocks: [Block] = [.title(Self.title(report))]
        blocks += Self.paragraphs(report.introduction)
        for section in Self.sections(report) {
            let numeral = (section.printedNumber ?? section.kind.number).map { ChineseNumeral.string($0) + "、" } ?? ""
            let title = section.title.isEmpty ? section.kind.standardTitle : section.title
            blocks.append(.heading(numeral + title))
            blocks += Self.paragraphs(section.text)
            if let table = Self.table(for: section.kind) {
                blocks.append(.table(TableGrid.make(table, template: template, figures: values)))
            }
        }
        // The signature: the issuing body over the date. A report without a date prints none (as it was printed).
        if let date = report.publicationDate {
            blocks.append(.signature((report.agency.map { [$0] } ?? []) + ["\(date.year)年\(date.month)月\(date.day)日"]))
        }
        self.blocks = Self.sameTableSize(blocks)
    }

    /// Every table in the small size when one of them needs it, so that 表三 and 表四 print alike.
    static func sameTableSize(_ blocks: [Block]) -> [Block] {
        let compact = blocks.contains { block in
            if case .table(let grid) = block { return grid.compact }
            return false
        }
        guard compact else { return blocks }
        return blocks.map { block in
            guard case .table(var grid) = block else { return block }
            // Columns wide enough for the figures in the larger size are wide enough in the smaller one.
            grid.compact = true
            return .table(grid)
        }
    }

    /// Text without the spaces between a Latin letter or digit and a Chinese character: 「2023 年 1 月」 → 「2023年1月」.
    public static func closingSpaces(_ text: String) -> String {
        func isChinese(_ scalar: Unicode.Scalar) -> Bool {
            (0x3000...0x9FFF).contains(scalar.value) || (0xFF00...0xFFEF).contains(scalar.value)
        }
        func isLatin(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && scalar.properties.isAlphabetic }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == " ", let before = result.last else {
                result.append(scalars[index])
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, scalars[end] == " " { end += 1 }
            if end < scalars.count {
                let after = scalars[end]
                let latinBefore = isLatin(before) || isDigit(before)
                let latinAfter = isLatin(after) || isDigit(after)
                if latinBefore && isChinese(after) || isChinese(before) && latinAfter {
                    index = end
                    continue
                }
            }
            result.append(contentsOf: scalars[index..<end])
            index = end
        }
        return String(result)
    }

    /// The title as printed, with the issuing body before it when the printed title line leaves it out (a title over
    /// two lines, the agency on the first); the format's title when none was printed.
    static func title(_ report: AnnualReport) -> String {
        guard let title = report.title else { return defaultTitle(report) }
        if let agency = report.agency, !agency.isEmpty, !title.contains(agency) { return agency + title }
        return title
    }

    static func defaultTitle(_ report: AnnualReport) -> String {
        (report.agency ?? "") + (report.year.map { "\($0)年" } ?? "") + "政府信息公开工作年度报告"
    }

    static func table(for kind: SectionKind) -> TableKind? {
        switch kind {
        case .proactive: .two
        case .applications: .three
        case .litigation: .four
        default: nil
        }
    }

    /// The report's parts, with any of the six the report lacks added in their place so that every table is printed.
    static func sections(_ report: AnnualReport) -> [ReportSection] {
        var result = report.sections
        for kind in SectionKind.standard where !result.contains(where: { $0.kind == kind }) {
            let section = ReportSection(
                kind: kind,
                printedNumber: nil,
                title: kind.standardTitle,
                text: "",
                location: nil
            )
            let position =
                result.firstIndex { other in
                    guard let number = other.kind.number, let mine = kind.number else { return false }
                    return number > mine
                } ?? result.count
            result.insert(section, at: position)
        }
        return result
    }

    /// Running text as paragraphs: one per non-empty line; Markdown heading marks (`###`) make a subheading.
    static func paragraphs(_ text: String) -> [Block] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingSpacesAndTabs
            guard !trimmed.isEmpty else { return nil }
            if trimmed.first == "#" {
                let heading = trimmed.drop { $0 == "#" }.trimmingSpacesAndTabs
                return heading.isEmpty ? nil : .subheading(String(heading))
            }
            return .paragraph(String(trimmed))
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let last = scalars.last, last == " " || last == "\u{3000}" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
