import Foundation
import GongkaiModel
import GongkaiWrite
import Testing
import ZIPFoundation

@testable import GongkaiWrite

/// The Word file's layout as government documents print it: 黑体 part headings, the page number at the foot, table
/// rows that stay whole and together, and tables in one size.
@Suite("Rendered Word layout")
struct RenderedWordTests {
    static func parts(_ seed: String) throws -> [String: String] {
        let report = try Fixtures.report("seeds/\(seed).txt")
        let archive = try Archive(data: try ReportDOCX.render(report), accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return parts
    }

    /// The pieces of `text` between `open` and `close`, each with both.
    static func elements(_ text: String, _ open: String, _ close: String) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    @Test("Part headings in 黑体 三号, not bold; a numbered line of its own a 楷体 subheading")
    func headings() throws {
        let parts = try Self.parts("002_a03528d1c919b0a1")
        let styles = try #require(parts["word/styles.xml"])
        let heading = try #require(
            Self.elements(
                styles,
                "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Heading1\">",
                "</w:style>"
            ).first
        )
        #expect(heading.contains("w:eastAsia=\"黑体\""))
        #expect(heading.contains("<w:sz w:val=\"32\"/>"))
        #expect(heading.contains("<w:b w:val=\"0\"/>"))
        #expect(heading.contains("<w:keepNext/>"))
        let document = try #require(parts["word/document.xml"])
        for part in ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项"] {
            #expect(
                document.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">\(part)"),
                "\(part)"
            )
        }
        // 「（四）平台建设」 stands on a line of its own in the seed: a subheading that stays with its paragraph.
        #expect(document.contains("<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">（四）平台建设<"))
        #expect(ReportDOCX.headingLine("（四）平台建设") == .parenthesized)
        #expect(ReportDOCX.headingLine("1、信息来源方面") == .other)
        #expect(ReportDOCX.headingLine("（一）主动公开情况。2023年我局将包括机构职能") == nil)
        #expect(ReportDOCX.headingLine("2023年，我局未收到申请") == nil)
    }

    @Test("The page number 「— 1 —」 at the foot of every page, as a PAGE field")
    func pageNumber() throws {
        let parts = try Self.parts("000_619992dd5b79419f")
        let footer = try #require(parts["word/footer1.xml"])
        #expect(footer.contains("— </w:t>"))
        #expect(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"))
        #expect(footer.contains("> —</w:t>"))
        #expect(parts["word/document.xml"]?.contains("<w:footerReference w:type=\"default\" r:id=\"rId2\"/>") == true)
        #expect(parts["word/_rels/document.xml.rels"]?.contains("Id=\"rId2\"") == true)
        #expect(parts["word/_rels/document.xml.rels"]?.contains("Target=\"footer1.xml\"") == true)
        #expect(parts["[Content_Types].xml"]?.contains("/word/footer1.xml") == true)
    }

    @Test(
        "Rows never split, header rows repeat, cells centred; 表二 blocks and 表三 kept together",
        arguments: Fixtures.seedNames
    )
    func tables(seed: String) throws {
        let document = try #require(try Self.parts(seed)["word/document.xml"])
        let tables = Self.elements(document, "<w:tbl>", "</w:tbl>")
        #expect(tables.count == 3)
        for table in tables {
            let rows = Self.elements(table, "<w:tr>", "</w:tr>")
            #expect(rows.allSatisfy { $0.contains("<w:cantSplit/>") })
            for row in rows {
                let cells = Self.elements(row, "<w:tc>", "</w:tc>")
                #expect(cells.allSatisfy { $0.contains("<w:vAlign w:val=\"center\"/>") })
            }
        }
        guard tables.count == 3 else { return }
        // The paragraph just before each table (a part's heading, or its 「下表各项…」 text) keeps with the table, so
        // that no heading is left at the foot of a page above a table that starts on the next.
        for table in tables {
            let before = document[..<(document.range(of: table)?.lowerBound ?? document.startIndex)]
            let last = try #require(before.range(of: "<w:p>", options: .backwards))
            let paragraph = before[last.lowerBound...]
            #expect(
                paragraph.contains("w:val=\"KeepNext\"") || paragraph.contains("w:val=\"Heading1\""),
                "\(paragraph.prefix(200))"
            )
        }
        // 表二: every row but a block's last keeps with the next.
        let two = Self.elements(tables[0], "<w:tr>", "</w:tr>")
        for (index, row) in two.enumerated() {
            let lastOfBlock = index == two.count - 1 || two[index + 1].contains("第二十条第")
            #expect(row.contains("<w:keepNext/>") == !lastOfBlock, "表二 row \(index)")
        }
        // 表三 and 表四: header rows repeat; every row but the last keeps with the next.
        for (table, headerRows) in [(tables[1], 3), (tables[2], 3)] {
            let rows = Self.elements(table, "<w:tr>", "</w:tr>")
            #expect(rows.filter { $0.contains("<w:tblHeader/>") }.count == headerRows)
            #expect(rows.dropLast().allSatisfy { $0.contains("<w:keepNext/>") })
            #expect(rows.last?.contains("<w:keepNext/>") == false)
        }
    }

    @Test("A part's text just before its table keeps with the table; a long text does not")
    func textBeforeTable() throws {
        var report = try Fixtures.report("seeds/000_619992dd5b79419f.txt")
        let short = "下表为本机关本年度收到和处理政府信息公开申请的情况。"
        let long = String(repeating: "本年度依申请公开工作情况说明，", count: 40)
        for (kind, text) in [(SectionKind.applications, short), (.litigation, long)] {
            if let index = report.sections.firstIndex(where: { $0.kind == kind }) { report.sections[index].text = text }
        }
        let archive = try Archive(data: try ReportDOCX.render(report), accessMode: .read)
        var data = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { data.append($0) }
        let document = String(decoding: data, as: UTF8.self)
        func style(of text: String) -> String? {
            guard let at = document.range(of: String(text.prefix(20))) else { return nil }
            let start = document[..<at.lowerBound].range(of: "<w:p>", options: .backwards)?.lowerBound
            return start.map { String(document[$0..<at.lowerBound]) }
        }
        #expect(style(of: short)?.contains("KeepNext") == true)
        #expect(style(of: long)?.contains("KeepNext") == false)
    }

    @Test("表三 and 表四 in one size, 五号; 表四's columns hold two characters a line")
    func tableSize() throws {
        let parts = try Self.parts("000_619992dd5b79419f")
        let document = try #require(parts["word/document.xml"])
        let tables = Self.elements(document, "<w:tbl>", "</w:tbl>")
        try #require(tables.count == 3)
        for table in tables {
            #expect(table.contains("<w:pStyle w:val=\"TableText\"/>"))
            #expect(!table.contains("TableTextSmall"))
        }
        let styles = try #require(parts["word/styles.xml"])
        let text = try #require(Self.elements(styles, "w:styleId=\"TableText\">", "</w:style>").first)
        #expect(text.contains("<w:sz w:val=\"21\"/>"))
        // Two characters of 10.5 pt (420 twips) and the cell's margins (2 × 57) in every column of 表四.
        let widths = Self.elements(tables[2], "<w:gridCol w:w=\"", "\"/>").compactMap {
            Int($0.dropFirst("<w:gridCol w:w=\"".count).dropLast(3))
        }
        #expect(widths.count == 15)
        #expect(widths.allSatisfy { $0 >= 420 + 114 }, "\(widths)")

        // A figure too long for the normal size puts every table in the small one, 表三 and 表四 alike.
        var report = try Fixtures.report("seeds/000_619992dd5b79419f.txt")
        report.figures[FigureID("t4.review.upheld")] = Figure(
            id: FigureID("t4.review.upheld"),
            value: .integer(1_234_567),
            printed: "1234567"
        )
        let layout = ReportLayout(report)
        let grids = layout.blocks.compactMap { block -> TableGrid? in
            if case .table(let grid) = block { return grid }
            return nil
        }
        #expect(grids.count == 3)
        #expect(grids.allSatisfy { $0.compact })
    }

    @Test("The PDF's running text closes the spaces typed between figures and Chinese")
    func closedSpaces() {
        #expect(ReportLayout.closingSpaces("2023 年 1 月 1 日至 12 月 31 日") == "2023年1月1日至12月31日")
        #expect(ReportLayout.closingSpaces("共 570 余条，PDF 文件") == "共570余条，PDF文件")
        // Spaces between Latin words, and between Chinese characters, stay.
        #expect(ReportLayout.closingSpaces("Word and PDF 文件  二〇二三") == "Word and PDF文件  二〇二三")
        #expect(ReportLayout.closingSpaces("甲  乙") == "甲  乙")
    }
}
