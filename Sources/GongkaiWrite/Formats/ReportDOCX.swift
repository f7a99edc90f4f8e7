public import Foundation
public import GongkaiModel
import ZIPFoundation

/// A Word (DOCX) file in the national layout, WordprocessingML written directly: A4 with the margins of government
/// documents, 仿宋 body text, 黑体 and 楷体 headings, and tables with real borders and merged cells (gridSpan, vMerge)
/// whose header rows repeat on a new page and whose rows never break across pages.
public enum ReportDOCX {
    public enum WriteError: Error, Sendable, CustomStringConvertible {
        case archive(String)

        public var description: String {
            switch self {
            case .archive(let detail): "无法生成 Word 文件：\(detail)"
            }
        }
    }

    /// Width of the text block in twentieths of a point: A4 (11906) less the left (1588) and right (1474) margins.
    static let textWidth = 8844

    /// The page a document is laid out on, in twentieths of a point: A4 with the margins of government documents
    /// unless told otherwise.
    public struct Page: Sendable, Hashable {
        public var width: Int
        public var height: Int
        public var top: Int
        public var right: Int
        public var bottom: Int
        public var left: Int

        public init(width: Int, height: Int, top: Int, right: Int, bottom: Int, left: Int) {
            self.width = width
            self.height = height
            self.top = top
            self.right = right
            self.bottom = bottom
            self.left = left
        }

        public static let a4 = Page(width: 11906, height: 16838, top: 2098, right: 1474, bottom: 1984, left: 1588)

        /// Width of the text block.
        public var textWidth: Int { max(1440, width - left - right) }
    }

    /// How a document is written besides its content.
    public struct Options: Sendable, Hashable {
        /// Running text set flush at both margins (see ``ReportDOCX/render(_:justified:)``).
        public var justified: Bool
        public var page: Page
        /// Each table placed in a floating text box anchored in an empty paragraph, as WPS and Word documents made
        /// from templates sometimes hold them: DrawingML with a VML fallback (`mc:AlternateContent`), or VML alone.
        public var tablesInTextBoxes: TextBoxes

        public enum TextBoxes: Sendable, Hashable {
            case none
            /// `mc:AlternateContent`: the table once in a `wps:txbx`, once more in the VML fallback.
            case drawingWithFallback
            /// `w:pict` with a `v:textbox` only.
            case vml
        }

        public init(justified: Bool = true, page: Page = .a4, tablesInTextBoxes: TextBoxes = .none) {
            self.justified = justified
            self.page = page
            self.tablesInTextBoxes = tablesInTextBoxes
        }
    }

    /// The report as a Word file. `justified` sets running text flush at both margins (两端对齐), as Word prints
    /// government documents; LibreOffice, when it justifies Chinese text, drops a 「、」 it hangs past the right
    /// margin from the PDF it makes, so the PDF renderer asks for ragged-right text instead.
    public static func render(_ report: AnnualReport, justified: Bool = true) throws(WriteError) -> Data {
        try render(ReportLayout(report), options: Options(justified: justified))
    }

    /// A laid-out report as a Word file.
    public static func render(_ layout: ReportLayout, options: Options) throws(WriteError) -> Data {
        let justified = options.justified
        let page = options.page
        var title = "政府信息公开工作年度报告"
        var body = ""
        for (index, block) in layout.blocks.enumerated() {
            // The text just before a table (「下表各项为…」) stays on the table's page, and with it the part's heading.
            let beforeTable: Bool =
                if index + 1 < layout.blocks.count, case .table = layout.blocks[index + 1] { true } else { false }
            switch block {
            case .title(let text):
                title = text
                body += paragraph(lines: ReportLayout.titleLines(text), style: "Title")
            case .heading(let text):
                body += paragraph(text, style: "Heading1")
            case .subheading(let text):
                body += paragraph(text, style: "Heading2")
            case .paragraph(let text):
                switch headingLine(text) {
                case .parenthesized: body += paragraph(text, style: "Heading2")
                case .other: body += paragraph(text, style: "KeepNext")
                case nil: body += paragraph(text, style: beforeTable && text.count <= 300 ? "KeepNext" : nil)
                }
            case .table(let grid):
                let xml = table(grid, textWidth: page.textWidth)
                body += textBox(xml, rows: grid.rowCount, kind: options.tablesInTextBoxes, textWidth: page.textWidth)
                body += paragraph("", style: "TableGap")
            case .signature(let lines):
                for line in lines { body += paragraph(line, style: "Signature") }
            }
        }
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="\(namespace)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"\
            \(options.tablesInTextBoxes == .none ? "" : shapeNamespaces)>\
            <w:body>\(body)<w:sectPr><w:footerReference w:type="default" r:id="rId2"/>\
            <w:pgSz w:w="\(page.width)" w:h="\(page.height)"/>\
            <w:pgMar w:top="\(page.top)" w:right="\(page.right)" w:bottom="\(page.bottom)" w:left="\(page.left)" \
            w:header="851" w:footer="1304" w:gutter="0"/>\
            </w:sectPr></w:body></w:document>
            """
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("docProps/core.xml", coreProperties(title: title)),
            ("word/_rels/document.xml.rels", documentRelationships),
            ("word/styles.xml", justified ? styles : styles.replacingOccurrences(of: justifiedBody, with: raggedBody)),
            ("word/footer1.xml", footer),
            ("word/document.xml", document),
        ]
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: path,
                    type: .file,
                    uncompressedSize: Int64(data.count),
                    modificationDate: fixedDate,
                    compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw WriteError.archive("压缩包为空") }
            return data
        } catch let error as WriteError {
            throw error
        } catch {
            throw .archive(String(describing: error))
        }
    }

    /// How a line of running text that is a heading of its own is numbered.
    enum HeadingLine {
        /// 「（四）平台建设」: printed as a subheading, in 楷体.
        case parenthesized
        /// 「一、基本概况」, 「1、信息来源方面」: running text, kept on the page of the paragraph below it.
        case other
    }

    /// A short numbered line without the punctuation of a sentence is a heading the report prints in its text; nil
    /// for anything else.
    static func headingLine(_ text: String) -> HeadingLine? {
        let characters = Array(text)
        guard characters.count <= 24, !characters.contains(where: "。；，：;,:".contains) else { return nil }
        if let first = characters.first, first == "（" || first == "(",
            let close = characters.firstIndex(where: { $0 == "）" || $0 == ")" }), close > 1,
            ChineseNumeral.value(Substring(String(characters[1..<close]))) != nil, close + 1 < characters.count
        {
            return .parenthesized
        }
        guard let mark = characters.firstIndex(where: { "、.．".contains($0) }), mark > 0,
            mark + 1 < characters.count
        else { return nil }
        let number = String(characters[..<mark])
        return ChineseNumeral.value(Substring(number)) != nil || number.allSatisfy(\.isASCII) && Int(number) != nil
            ? .other : nil
    }

    /// Entries carry a fixed date so that the same report always gives the same bytes.
    static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800)

    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// A paragraph of several lines, broken with `w:br`.
    static func paragraph(lines: [String], style: String?) -> String {
        let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        let runs = lines.map { "<w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r>" }
        return "<w:p>\(properties)" + runs.joined(separator: "<w:r><w:br/></w:r>") + "</w:p>"
    }

    static func paragraph(_ text: String, style: String?) -> String {
        let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        guard !text.isEmpty else { return "<w:p>\(properties)</w:p>" }
        return "<w:p>\(properties)<w:r><w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r></w:p>"
    }

    /// The namespaces of text boxes: DrawingML shapes and VML.
    static let shapeNamespaces =
        " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
        + " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
        + " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
        + " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
        + " xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\""
        + " mc:Ignorable=\"wps\""

    /// A table as it stands in the body, or inside a text box anchored in an empty paragraph.
    static func textBox(_ table: String, rows: Int, kind: Options.TextBoxes, textWidth: Int) -> String {
        // EMU (1/914400 inch) from twentieths of a point; the box is as tall as its rows need, roughly.
        let width = textWidth * 635
        let height = max(1, rows) * 400 * 635
        let points = (textWidth / 20, max(1, rows) * 20)
        let content = "<w:txbxContent>\(table)<w:p/></w:txbxContent>"
        let vml =
            "<w:pict><v:shape id=\"TextBox\(rows)\" type=\"#_x0000_t202\" "
            + "style=\"position:absolute;margin-left:0;margin-top:0;width:\(points.0)pt;height:\(points.1)pt;"
            + "z-index:1\" stroked=\"f\"><v:textbox>\(content)</v:textbox></v:shape></w:pict>"
        switch kind {
        case .none:
            return table
        case .vml:
            return "<w:p><w:r>\(vml)</w:r></w:p>"
        case .drawingWithFallback:
            let drawing =
                "<w:drawing><wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" "
                + "relativeHeight=\"1\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\">"
                + "<wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"column\"><wp:posOffset>0"
                + "</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0"
                + "</wp:posOffset></wp:positionV><wp:extent cx=\"\(width)\" cy=\"\(height)\"/>"
                + "<wp:wrapTopAndBottom/><wp:docPr id=\"\(rows)\" name=\"Text Box \(rows)\"/><a:graphic>"
                + "<a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
                + "<wps:wsp><wps:cNvSpPr txBox=\"1\"/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
                + "<a:ext cx=\"\(width)\" cy=\"\(height)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/>"
                + "</a:prstGeom></wps:spPr><wps:txbx>\(content)</wps:txbx><wps:bodyPr/></wps:wsp>"
                + "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
            return "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">\(drawing)</mc:Choice>"
                + "<mc:Fallback>\(vml)</mc:Fallback></mc:AlternateContent></w:r></w:p>"
        }
    }

    static func table(_ grid: TableGrid, textWidth: Int = Self.textWidth) -> String {
        let total = grid.columnWeights.reduce(0, +)
        let widths = grid.columnWeights.map { Int((Double(textWidth) * $0 / max(total, 1)).rounded(.down)) }
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
        var xml = "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        xml += "<w:tblBorders>"
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] { xml += "<w:\(side) \(border)/>" }
        xml += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblCellMar><w:top w:w=\"28\" w:type=\"dxa\"/><w:left w:w=\"57\" w:type=\"dxa\"/>"
        xml += "<w:bottom w:w=\"28\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
        xml += "</w:tblPr><w:tblGrid>"
        for width in widths { xml += "<w:gridCol w:w=\"\(width)\"/>" }
        xml += "</w:tblGrid>"
        let style = grid.compact ? "TableTextSmall" : "TableText"
        for row in 0..<grid.rowCount {
            let keep = grid.keepsWithNext(row)
            xml += "<w:tr><w:trPr><w:cantSplit/>"
            // 表二's few rows stand 0.7 cm high at least, so that two rows of one figure each, one above the other,
            // are read as two rows and never as one figure wrapped in its cell.
            if grid.kind == .two { xml += "<w:trHeight w:val=\"397\" w:hRule=\"atLeast\"/>" }
            if row < grid.headerRowCount { xml += "<w:tblHeader/>" }
            xml += "</w:trPr>"
            var column = 0
            while column < grid.columnCount {
                guard let cell = grid.cell(covering: row, column) else {
                    let width = widths[column]
                    xml += cellXML("", width: width, span: 1, merge: nil, style: style, left: false, keep: keep)
                    column += 1
                    continue
                }
                let width = widths[cell.column..<(cell.column + cell.columnSpan)].reduce(0, +)
                if cell.row == row {
                    let merge = cell.rowSpan > 1 ? "restart" : nil
                    let isBlockHeader = grid.isBlockHeader(cell)
                    xml += cellXML(
                        cell.text,
                        width: width,
                        span: cell.columnSpan,
                        merge: merge,
                        style: style,
                        left: isBlockHeader || cell.role == .label && (cell.columnSpan > 1 || cell.column == 2),
                        keep: keep,
                        shaded: isBlockHeader
                    )
                } else {
                    xml += cellXML(
                        "",
                        width: width,
                        span: cell.columnSpan,
                        merge: "continue",
                        style: style,
                        left: false,
                        keep: keep
                    )
                }
                column = cell.column + cell.columnSpan
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }

    static func cellXML(
        _ text: String,
        width: Int,
        span: Int,
        merge: String?,
        style: String,
        left: Bool,
        keep: Bool = false,
        shaded: Bool = false
    ) -> String {
        var xml = "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
        if span > 1 { xml += "<w:gridSpan w:val=\"\(span)\"/>" }
        switch merge {
        case "restart": xml += "<w:vMerge w:val=\"restart\"/>"
        case "continue": xml += "<w:vMerge/>"
        default: break
        }
        if shaded { xml += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9E2F3\"/>" }
        xml += "<w:vAlign w:val=\"center\"/></w:tcPr>"
        let alignment = left ? "<w:jc w:val=\"left\"/>" : ""
        // Keep-with-next in a row's paragraphs keeps the row on the page of the row below it.
        let keepNext = keep ? "<w:keepNext/>" : ""
        xml += "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>\(keepNext)\(alignment)</w:pPr>"
        if !text.isEmpty { xml += "<w:r><w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r>" }
        return xml + "</w:p></w:tc>"
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    static func coreProperties(title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(escape(title))</dc:title></cp:coreProperties>
        """
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/footer1.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/docProps/core.xml" \
        ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="word/document.xml"/>\
        <Relationship Id="rId2" \
        Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
        Target="docProps/core.xml"/>\
        </Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
        Target="styles.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" \
        Target="footer1.xml"/>\
        </Relationships>
        """

    /// The page number as government documents print it at the foot of the page: 「— 1 —」, a PAGE field between two
    /// dashes.
    static let footer: String = {
        func run(_ content: String) -> String { "<w:r>\(content)</w:r>" }
        let field =
            run("<w:fldChar w:fldCharType=\"begin\"/>")
            + run("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>")
            + run("<w:fldChar w:fldCharType=\"separate\"/>") + run("<w:t>1</w:t>")
            + run("<w:fldChar w:fldCharType=\"end\"/>")
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:ftr xmlns:w="\(namespace)"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>\
            \(run("<w:t xml:space=\"preserve\">— </w:t>"))\(field)\(run("<w:t xml:space=\"preserve\"> —</w:t>"))</w:p></w:ftr>
            """
    }()

    /// Fonts as government documents use them; Word and LibreOffice substitute an installed CJK font when these are
    /// missing.
    static func fonts(_ name: String) -> String {
        "<w:rFonts w:ascii=\"\(name)\" w:hAnsi=\"\(name)\" w:eastAsia=\"\(name)\" w:cs=\"\(name)\"/>"
    }

    static func style(_ id: String, _ name: String, paragraph: String, run: String) -> String {
        "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
            + "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>\(paragraph)</w:pPr><w:rPr>\(run)</w:rPr></w:style>"
    }

    static let justifiedBody = "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/>"
    static let raggedBody = "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"left\"/>"

    static let styles: String = {
        let size = { (halfPoints: Int) in "<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>" }
        // 三号 (16 pt) text and headings, 二号 (22 pt) title, 五号 (10.5 pt) tables, 四号 (14 pt) page numbers.
        let body = fonts("仿宋") + size(32)
        let heading = "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>" + size(32)
        let tablePara =
            "<w:spacing w:line=\"280\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>"
            + "<w:jc w:val=\"center\"/>"
        let unindented = "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles xmlns:w="\(namespace)">\
            <w:docDefaults><w:rPrDefault><w:rPr>\(body)<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>\
            <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault>\
            </w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>\
            <w:pPr>\(justifiedBody)</w:pPr></w:style>\
            \(style("Title", "Title", paragraph: "<w:spacing w:after=\"280\" w:line=\"700\" w:lineRule=\"exact\"/>\(unindented)<w:jc w:val=\"center\"/>", run: fonts("宋体") + "<w:b/>" + size(44)))\
            \(style("Heading1", "heading 1", paragraph: "<w:keepNext/><w:outlineLvl w:val=\"0\"/>", run: fonts("黑体") + heading))\
            \(style("Heading2", "heading 2", paragraph: "<w:keepNext/><w:outlineLvl w:val=\"1\"/>", run: fonts("楷体") + heading))\
            \(style("KeepNext", "Keep With Next", paragraph: "<w:keepNext/>", run: ""))\
            \(style("TableText", "Table Text", paragraph: tablePara, run: fonts("宋体") + size(21)))\
            \(style("TableTextSmall", "Table Text Small", paragraph: tablePara, run: fonts("宋体") + size(18)))\
            \(style("TableGap", "Table Gap", paragraph: "<w:spacing w:line=\"280\" w:lineRule=\"exact\"/>", run: ""))\
            \(style("Signature", "Signature", paragraph: "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\" w:right=\"640\"/><w:jc w:val=\"right\"/>", run: ""))\
            \(style("Footer", "footer", paragraph: "\(unindented)<w:spacing w:line=\"280\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>", run: fonts("宋体") + size(28)))\
            </w:styles>
            """
    }()
}
