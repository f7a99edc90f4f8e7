import Foundation
import GongkaiCheck
import GongkaiExtract
import GongkaiModel
import GongkaiRead
import GongkaiWrite
import Testing
import ZIPFoundation

/// Word files: the national blank template, the seeds as Gongkai and LibreOffice write them, hand-built documents for
/// tracked changes, list numbers, merged and nested cells and text boxes, and damaged or hostile files.
@Suite("Word (DOCX) reader")
struct DOCXReaderTests {
    // MARK: Real and rendered files

    @Test("The national blank template: every cell present and empty")
    func blankTemplate() throws {
        let report = try Fixtures.report("real/template-2021-blank.docx")
        let expected = try Fixtures.expected("real/template-2021-blank.expected.json")
        #expect(report.source.format == .docx)
        #expect(report.agency == expected.agency)
        #expect(report.year == expected.year)
        #expect(report.template?.rawValue == expected.template)
        #expect(report.sections.map(\.kind) == SectionKind.standard)
        #expect(report.section(.overview)?.text == "（文字描述）")
        #expect(report.section(.otherMatters)?.text == "（文字描述，收取信息处理费情况在此处报告。）")

        // 表二's rows, printed with every cell empty, are read as blank rows like the rest.
        #expect(report.figures.keys.allSatisfy { expected.figures[$0.rawValue] != nil })
        try FigureComparison.expectExact(report, expected)
    }

    @Test("Seeds converted from HTML by LibreOffice read to the seed's figures", arguments: Fixtures.seedNames)
    func libreOfficeSeeds(name: String) throws {
        let report = try Fixtures.report("rendered/\(name).lo.docx")
        let expected = try Fixtures.expected("seeds/\(name).expected.json")
        #expect(report.source.format == .docx)
        FigureComparison.expectRendered(report, expected)
    }

    @Test("Figures read from a Word table carry table, row and cell")
    func provenance() throws {
        let original = try Fixtures.report("seeds/000_619992dd5b79419f.txt")
        let report = try ReportReader.read(try ReportDOCX.render(original), name: "000.docx")
        // 表三 is the second table; its three header rows come first and its label block spans three columns.
        let received = try #require(report.figures[FigureID("t3.received.natural")])
        #expect(received.location?.table == 2)
        #expect(received.location?.row == 4)
        #expect(received.location?.cell == 4)
        #expect(received.printed == "\(original[FigureID("t3.received.natural")]?.number ?? -1)")
        let total = try #require(report.figures[FigureID("t3.carried_forward.total")])
        #expect(total.location?.table == 2)
        #expect(total.location?.row == 28)
        #expect(total.location?.cell == 10)
        // 表四's single row of figures: the fifteen cells of row 4.
        let litigation = try #require(report.figures[FigureID("t4.suit_after_review.total")])
        #expect(litigation.location?.table == 3)
        #expect(litigation.location?.row == 4)
        #expect(litigation.location?.cell == 15)
        for figure in report.figures.values {
            #expect(figure.location?.table != nil, "\(figure.id) has no table")
        }
    }

    @Test(
        "An old .doc file is converted by LibreOffice and read",
        .enabled(if: LegacyWordConverter.findLibreOffice() != nil)
    )
    func legacyDoc() throws {
        let report = try Fixtures.report("docx/000_619992dd5b79419f.doc")
        let expected = try Fixtures.expected("seeds/000_619992dd5b79419f.expected.json")
        #expect(report.agency == expected.agency)
        #expect(report.year == expected.year)
        try FigureComparison.expectExact(report, expected)
    }

    // MARK: Hand-built documents

    @Test("Deleted text of tracked changes is left out, inserted text kept; fields, comments, hidden runs")
    func trackedChanges() throws {
        let document = try extract(
            body: """
                <w:p><w:pPr><w:pPrChange w:id="9"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>\
                </w:pPr></w:pPrChange></w:pPr>\
                <w:r><w:t>本年度</w:t></w:r><w:del w:id="1" w:author="甲"><w:r><w:delText>共收到</w:delText></w:r></w:del>\
                <w:ins w:id="2" w:author="甲"><w:r><w:t>新收</w:t></w:r></w:ins><w:r><w:t>申请</w:t></w:r>\
                <w:moveFrom w:id="3"><w:r><w:t>移走的</w:t></w:r></w:moveFrom>\
                <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>\
                <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText>\
                </w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>\
                <w:r><w:fldChar w:fldCharType="end"/></w:r><w:commentRangeStart w:id="0"/>\
                <w:r><w:t>件</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>\
                <w:r><w:footnoteReference w:id="1"/></w:r></w:p>
                <w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>
                <w:tbl><w:tr><w:tc><w:p><w:r><w:t>行政许可</w:t></w:r></w:p></w:tc>\
                <w:tc><w:p><w:del w:id="4"><w:r><w:delText>5</w:delText></w:r></w:del>\
                <w:ins w:id="5"><w:r><w:t>7</w:t></w:r></w:ins></w:p></w:tc></w:tr>\
                <w:tr><w:trPr><w:del w:id="6" w:author="甲"/></w:trPr><w:tc><w:p><w:r><w:t>删除的行</w:t></w:r></w:p></w:tc>\
                <w:tc><w:p><w:r><w:t>9</w:t></w:r></w:p></w:tc></w:tr>\
                <w:tr><w:tc><w:p><w:r><w:t>行政处罚</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc>\
                </w:tr></w:tbl>
                """,
            numbering: Self.chineseNumbering
        )
        #expect(document.lines.map(\.raw) == ["本年度新收申请3件", "甲 乙", "丙", "行政许可\t7", "行政处罚\t2"])
        #expect(document.lines[4].cells.map(\.location.row) == [2, 2])
    }

    @Test("Automatic list numbers print as the headings show them: 一、 （一） 1. 甲、, from paragraphs and styles")
    func automaticNumbering() throws {
        func numbered(_ text: String, _ numID: Int, level: Int = 0) -> String {
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(numID)\"/></w:numPr></w:pPr>"
                + "<w:r><w:t>\(text)</w:t></w:r></w:p>"
        }
        func styled(_ text: String) -> String {
            "<w:p><w:pPr><w:pStyle w:val=\"2\"/></w:pPr><w:r><w:t>\(text)</w:t></w:r></w:p>"
        }
        let body = [
            "<w:p><w:r><w:t>某某市司法局2023年政府信息公开工作年度报告</w:t></w:r></w:p>",
            "<w:p><w:r><w:t>本报告依据《中华人民共和国政府信息公开条例》编制。</w:t></w:r></w:p>",
            numbered("总体情况", 1),
            numbered("主动公开", 1, level: 1),
            numbered("依申请公开", 1, level: 1),
            numbered("主动公开政府信息情况", 1),
            numbered("收到和处理政府信息公开申请情况", 1),
            numbered("属于国家秘密", 1, level: 2),
            numbered("其他法律行政法规禁止公开", 1, level: 2),
            styled("政府信息公开行政复议、行政诉讼情况"),
            styled("存在的主要问题及改进情况"),
            numbered("问题之一", 2),
            numbered("问题之二", 2),
            numbered("重新开始", 3),
            styled("其他需要报告的事项"),
            "<w:p><w:pPr><w:pStyle w:val=\"2\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr>"
                + "<w:r><w:t>不编号的标题样式段落</w:t></w:r></w:p>",
        ].joined()
        let styles = """
            <w:styles xmlns:w="\(Self.w)"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>\
            <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>\
            <w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 1 正文"/><w:basedOn w:val="1"/></w:style>\
            </w:styles>
            """
        let data = try Self.package(body: body, numbering: Self.chineseNumbering, styles: styles)
        let document = try DOCXExtractor.extract(data, name: "numbered.docx")
        #expect(
            document.lines.map(\.raw).dropFirst(2) == [
                "一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "1.属于国家秘密", "2.其他法律行政法规禁止公开", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                "甲、问题之一", "乙、问题之二", "甲、重新开始", "六、其他需要报告的事项", "不编号的标题样式段落",
            ]
        )
        let report = try ReportReader.read(document)
        #expect(report.agency == "某某市司法局")
        #expect(report.year == 2023)
        #expect(report.sections.map(\.kind) == SectionKind.standard)
        #expect(report.sections.map(\.printedNumber) == [1, 2, 3, 4, 5, 6])
        #expect(report.section(.overview)?.text == "（一）主动公开\n（二）依申请公开")
    }

    @Test("Merged cells expand to the grid: text in the first position, covered positions no cells of their own")
    func mergedCells() throws {
        let document = try extract(
            body: """
                <w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
                <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>申请人情况</w:t></w:r></w:p></w:tc>\
                <w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>总计</w:t></w:r></w:p></w:tc></w:tr>\
                <w:tr><w:tc><w:p><w:r><w:t>商业</w:t></w:r></w:p><w:p><w:r><w:t>企业</w:t></w:r></w:p></w:tc>\
                <w:tc><w:p><w:r><w:t>结果</w:t><w:br/><w:t>纠正</w:t></w:r></w:p></w:tc>\
                <w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>被覆盖的文字</w:t></w:r></w:p></w:tc></w:tr>\
                <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>Total</w:t></w:r></w:p>\
                <w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr>\
                <w:tr><w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr><w:p><w:r><w:t>宽</w:t></w:r></w:p></w:tc></w:tr>\
                </w:tbl>
                """
        )
        // Positions a merged cell covers are no cells of their own; the cells keep their grid column. The cell a
        // gridBefore leaves is an empty cell.
        let rows = document.lines.map { $0.cells.map(\.text) }
        #expect(rows.count == 4)
        #expect(rows[0] == ["申请人情况", "总计"])
        #expect(rows[1] == ["商业企业", "结果纠正"])
        #expect(rows[2] == ["", "Total 12", "3"])
        let columns = document.lines.prefix(3).map { $0.cells.compactMap(\.location.cell) }
        #expect(columns == [[1, 3], [1, 2], [1, 2, 3]])
        for (index, line) in document.lines.prefix(3).enumerated() {
            #expect(line.cells.allSatisfy { $0.location.table == 1 && $0.location.row == index + 1 })
        }
        // A span past the column limit is cut there: one cell, covering the rest of the row.
        #expect(rows[3] == ["宽"])
        #expect(document.lines[3].cells.first?.location.cell == 1)
    }

    @Test("A table nested in a cell becomes that cell's text; the outer grid and table numbers are kept")
    func nestedTable() throws {
        let document = try extract(
            body: """
                <w:tbl><w:tr><w:tc><w:p><w:r><w:t>外一</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>前</w:t></w:r></w:p>\
                <w:tbl><w:tr><w:tc><w:p><w:r><w:t>内一</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内二</w:t></w:r></w:p>\
                </w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>内三</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>\
                <w:p><w:r><w:t>后</w:t></w:r></w:p></w:tc></w:tr>\
                <w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>\
                </w:tbl><w:p><w:r><w:t>两表之间</w:t></w:r></w:p>\
                <w:tbl><w:tr><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc>\
                </w:tr></w:tbl>
                """
        )
        #expect(document.lines.map(\.raw) == ["外一\t前内一 内二 内三后", "甲\t1", "两表之间", "乙\t2"])
        #expect(document.lines[1].cells.map(\.location.table) == [1, 1])
        #expect(document.lines[1].cells.map(\.location.row) == [2, 2])
        #expect(document.lines[3].cells.map(\.location.table) == [2, 2])
    }

    @Test("A text box is read once, after the paragraph that holds it; the fallback copy is skipped")
    func textBox() throws {
        let box = "<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>"
        let document = try extract(
            body: """
                <w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>\
                <wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>\(box)</wps:txbx></wps:wsp></a:graphicData>\
                </a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>\(box)\
                </v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>续</w:t></w:r></w:p>\
                <w:p><w:r><w:t>下一段</w:t></w:r></w:p>
                """
        )
        #expect(document.lines.map(\.raw) == ["正文续", "框内文字", "下一段"])
    }

    @Test("A table in a text box is a grid in its place: its empty cells keep their columns")
    func tableInTextBox() throws {
        let box = """
            <w:txbxContent><w:p><w:r><w:t>框前</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc>\
            <w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            <w:p><w:r><w:t>框后</w:t></w:r></w:p></w:txbxContent>
            """
        let document = try extract(
            body: """
                <w:p><w:r><w:t>正文</w:t></w:r><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp>\
                <wps:txbx>\(box)</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>\
                <w:p><w:r><w:t>下一段</w:t></w:r></w:p>
                """
        )
        #expect(document.lines.map(\.raw) == ["正文", "框前", "规章\t\t3", "框后", "下一段"])
        let row = document.lines[2]
        #expect(row.layout == .delimited)
        #expect(row.cells.map(\.text) == ["规章", "", "3"])
        #expect(row.cells.map(\.location.cell) == [1, 2, 3])
        #expect(row.cells.allSatisfy { $0.location.table == 1 })
    }

    // MARK: Bad input

    @Test("A truncated or corrupted Word file is a clear error")
    func truncated() throws {
        let data = try Fixtures.data("real/template-2021-blank.docx")
        for length in [30, data.count / 2, data.count - 10] {
            let error = extractionError(data.prefix(length))
            guard case .damagedWord = error else {
                Issue.record("length \(length): \(String(describing: error))")
                continue
            }
            #expect(error?.description.hasPrefix("Word 文件已损坏或不完整") == true)
        }
        // A flipped checksum in the central directory.
        var corrupted = data
        let directory = try #require(Self.directoryRecord(in: corrupted, path: "word/document.xml"))
        corrupted[directory + 16] ^= 0xFF
        #expect(extractionError(corrupted) == .damagedWord("word/document.xml 的校验和不符"))
    }

    @Test("A zip bomb stops at the size limit, whatever the header says")
    func zipBomb() throws {
        let limit = DOCXLimits.standard.maxEntrySize
        let bomb = try Self.bomb(inflatedSize: limit + (1 << 20))
        #expect(bomb.count < 200_000)
        let error = extractionError(bomb)
        #expect(error == .wordPartTooLarge(part: "word/document.xml", limit: limit))
        #expect(error?.description.contains("zip 炸弹") == true)

        // The same bomb with headers claiming 2 KB: the count of inflated bytes stops it, not the header.
        var lying = bomb
        let directory = try #require(Self.directoryRecord(in: lying, path: "word/document.xml"))
        Self.writeUInt32(2048, into: &lying, at: directory + 24)
        let local = Int(Self.readUInt32(lying, at: directory + 42))
        Self.writeUInt32(2048, into: &lying, at: local + 22)
        #expect(extractionError(lying) == .wordPartTooLarge(part: "word/document.xml", limit: limit))

        // A small limit, and a header that understates a document within it.
        let small = DOCXLimits(
            maxEntries: 100,
            maxEntrySize: 64 << 10,
            maxTotalSize: 1 << 20,
            maxDepth: 50,
            maxColumns: 20,
            maxLines: 1000
        )
        let big = try Self.bomb(inflatedSize: 100 << 10)
        #expect(throws: ExtractError.wordPartTooLarge(part: "word/document.xml", limit: 64 << 10)) {
            try DOCXExtractor.extract(big, name: "big.docx", limits: small)
        }
        var understated = try Self.package(body: "<w:p><w:r><w:t>正文</w:t></w:r></w:p>")
        let record = try #require(Self.directoryRecord(in: understated, path: "word/document.xml"))
        Self.writeUInt32(Self.readUInt32(understated, at: record + 24) - 10, into: &understated, at: record + 24)
        #expect(extractionError(understated) == .damagedWord("word/document.xml 解压后的大小与目录记录不符"))
    }

    @Test("A deflate stream that does not end within its entry is an error, not an endless loop")
    func endlessDeflate() throws {
        let xml = Data(
            Self.documentXML(body: String(repeating: "<w:p><w:r><w:t>正文</w:t></w:r></w:p>", count: 500)).utf8
        )
        var compressed = Data()
        _ = try Data.compress(
            size: Int64(xml.count),
            bufferSize: 4096,
            provider: { position, size in xml.subdata(in: Int(position)..<min(xml.count, Int(position) + size)) },
            consumer: { compressed.append($0) }
        )
        let cut = compressed.prefix(compressed.count / 2)
        let zip = Self.rawZip(path: "word/document.xml", method: 8, payload: Data(cut), uncompressedSize: xml.count)
        #expect(extractionError(zip) == .damagedWord("word/document.xml 的压缩数据不完整"))
    }

    @Test("Limits on entries and lines")
    func entryAndLineLimits() throws {
        let data = try Fixtures.data("real/template-2021-blank.docx")
        var few = DOCXLimits.standard
        few.maxEntries = 3
        #expect(throws: ExtractError.self) { try DOCXExtractor.extract(data, name: "t.docx", limits: few) }
        do {
            _ = try DOCXExtractor.extract(data, name: "t.docx", limits: few)
        } catch {
            guard case .tooManyWordParts(_, 3) = error else {
                Issue.record("\(error)")
                return
            }
        }
        var short = DOCXLimits.standard
        short.maxLines = 10
        #expect(throws: ExtractError.tooManyWordLines(limit: 10)) {
            try DOCXExtractor.extract(data, name: "t.docx", limits: short)
        }
    }

    @Test("A zip that is not a Word file says what it is")
    func notWord() throws {
        let plain = try Self.zip(["readme.txt": "你好"])
        #expect(extractionError(plain) == .notWordArchive("压缩包（zip）"))
        #expect(extractionError(plain)?.description.contains("不是 Word（.docx）文件") == true)
        let excel = try Self.zip(["[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"])
        #expect(extractionError(excel) == .notWordArchive("Excel 工作簿（.xlsx）"))
        // A main part named by the package relationships is found without word/document.xml.
        let renamed = try Self.zip([
            "_rels/.rels": """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="/word/document2.xml"/></Relationships>
            """,
            "word/document2.xml": Self.documentXML(body: "<w:p><w:r><w:t>另名的正文</w:t></w:r></w:p>"),
        ])
        #expect(try DOCXExtractor.extract(renamed, name: "r.docx").lines.map(\.raw) == ["另名的正文"])
    }

    @Test("A Word file that is not a report")
    func notAReport() throws {
        let data = try Self.package(body: "<w:p><w:r><w:t>会议通知：请于周五下午到会。</w:t></w:r></w:p>")
        #expect(throws: ReadError.notAReport) { try ReportReader.read(data, name: "notice.docx") }
    }

    @Test("XML nested absurdly deep, and XML that is not well-formed")
    func badXML() throws {
        let deep = String(repeating: "<w:customXml>", count: 300) + String(repeating: "</w:customXml>", count: 300)
        let data = try Self.package(body: deep)
        let error = extractionError(data)
        #expect(error == .wordXMLTooDeep(part: "word/document.xml", limit: DOCXLimits.standard.maxDepth))

        let broken = try Self.package(body: "<w:p><w:r><w:t>未闭合</w:r></w:p>")
        guard case .malformedWordXML(let part, let line, _) = extractionError(broken) else {
            Issue.record("malformed XML was read")
            return
        }
        #expect(part == "word/document.xml")
        #expect(line >= 1)
    }

    @Test("An old .doc file without LibreOffice: a clear message")
    func legacyWithoutLibreOffice() throws {
        let data = try Fixtures.data("docx/000_619992dd5b79419f.doc")
        #expect(SourceFormatSniffer.sniff(data) == .oleCompound)
        #expect(throws: ExtractError.legacyWord) { try LegacyWordConverter.convert(data, tool: nil) }
        #expect(ExtractError.legacyWord.description.contains("请另存为 .docx 或 PDF"))
        #expect(ExtractError.legacyWord.description.contains("apt-get install libreoffice-writer-nogui"))
    }

    // MARK: Helpers

    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// 一、 （一） 1. for list 1; 甲、 for lists 2 and 3 (the same definition, list 3 restarting).
    static let chineseNumbering = """
        <w:numbering xmlns:w="\(w)">\
        <w:abstractNum w:abstractNumId="0">\
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>\
        <w:suff w:val="nothing"/></w:lvl>\
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>\
        <w:suff w:val="nothing"/></w:lvl>\
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>\
        </w:abstractNum>\
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>\
        <w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>\
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>\
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>\
        <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>\
        </w:lvlOverride></w:num>\
        </w:numbering>
        """

    func extract(body: String, numbering: String? = nil) throws -> ExtractedDocument {
        try DOCXExtractor.extract(try Self.package(body: body, numbering: numbering), name: "test.docx")
    }

    func extractionError(_ data: Data) -> ExtractError? {
        do {
            _ = try DocumentExtractor.extract(data, name: "test.docx")
            return nil
        } catch {
            return error
        }
    }

    static func documentXML(body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="\(w)" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
        xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
        xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" \
        xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"><w:body>\(body)</w:body></w:document>
        """
    }

    /// A minimal Word package around a body.
    static func package(body: String, numbering: String? = nil, styles: String? = nil) throws -> Data {
        var parts = [
            "[Content_Types].xml": "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
            "word/document.xml": documentXML(body: body),
        ]
        if let numbering { parts["word/numbering.xml"] = numbering }
        if let styles { parts["word/styles.xml"] = styles }
        return try zip(parts)
    }

    static func zip(_ parts: [String: String]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path,
                type: .file,
                uncompressedSize: Int64(data.count),
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    /// A Word package whose document.xml is well-formed and inflates to `inflatedSize` bytes, nearly all of them
    /// spaces between the body's tags: a few hundred kilobytes on disk.
    static func bomb(inflatedSize: Int) throws -> Data {
        let head = Data(documentXML(body: "").replacingOccurrences(of: "</w:body></w:document>", with: "").utf8)
        let tail = Data("</w:body></w:document>".utf8)
        let spaces = inflatedSize - head.count - tail.count
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(
            with: "word/document.xml",
            type: .file,
            uncompressedSize: Int64(inflatedSize),
            compressionMethod: .deflate
        ) { position, size in
            var chunk = Data()
            var offset = Int(position)
            while chunk.count < size {
                if offset < head.count {
                    let end = min(head.count, offset + size - chunk.count)
                    chunk.append(head.subdata(in: offset..<end))
                } else if offset < head.count + spaces {
                    let count = min(head.count + spaces - offset, size - chunk.count)
                    chunk.append(Data(repeating: 0x20, count: count))
                } else {
                    let start = offset - head.count - spaces
                    let end = min(tail.count, start + size - chunk.count)
                    chunk.append(tail.subdata(in: start..<end))
                }
                offset = Int(position) + chunk.count
            }
            return chunk
        }
        return try #require(archive.data)
    }

    /// A one-entry zip written byte by byte, so that its sizes and data can be anything.
    static func rawZip(path: String, method: UInt16, payload: Data, uncompressedSize: Int) -> Data {
        let name = Data(path.utf8)
        var local = Data()
        appendUInt32(0x0403_4B50, to: &local)
        appendUInt16(20, to: &local)
        appendUInt16(0, to: &local)
        appendUInt16(method, to: &local)
        appendUInt32(0, to: &local)
        appendUInt32(0, to: &local)
        appendUInt32(UInt32(payload.count), to: &local)
        appendUInt32(UInt32(uncompressedSize), to: &local)
        appendUInt16(UInt16(name.count), to: &local)
        appendUInt16(0, to: &local)
        local.append(name)
        local.append(payload)
        var directory = Data()
        appendUInt32(0x0201_4B50, to: &directory)
        appendUInt16(20, to: &directory)
        appendUInt16(20, to: &directory)
        appendUInt16(0, to: &directory)
        appendUInt16(method, to: &directory)
        appendUInt32(0, to: &directory)
        appendUInt32(0, to: &directory)
        appendUInt32(UInt32(payload.count), to: &directory)
        appendUInt32(UInt32(uncompressedSize), to: &directory)
        appendUInt16(UInt16(name.count), to: &directory)
        for _ in 0..<4 { appendUInt16(0, to: &directory) }
        appendUInt32(0, to: &directory)
        appendUInt32(0, to: &directory)
        directory.append(name)
        var end = Data()
        appendUInt32(0x0605_4B50, to: &end)
        appendUInt16(0, to: &end)
        appendUInt16(0, to: &end)
        appendUInt16(1, to: &end)
        appendUInt16(1, to: &end)
        appendUInt32(UInt32(directory.count), to: &end)
        appendUInt32(UInt32(local.count), to: &end)
        appendUInt16(0, to: &end)
        return local + directory + end
    }

    /// The offset of the central-directory record of `path`.
    static func directoryRecord(in data: Data, path: String) -> Int? {
        let bytes = [UInt8](data)
        let name = Array(path.utf8)
        var position = 0
        while position + 46 + name.count <= bytes.count {
            if bytes[position] == 0x50, readUInt32(data, at: position) == 0x0201_4B50,
                Array(bytes[(position + 46)..<(position + 46 + name.count)]) == name
            {
                return position
            }
            position += 1
        }
        return nil
    }

    static func readUInt32(_ data: Data, at offset: Int) -> UInt32 {
        let base = data.startIndex + offset
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[base + $1]) << (8 * UInt32($1)) }
    }

    static func writeUInt32(_ value: UInt32, into data: inout Data, at offset: Int) {
        for index in 0..<4 { data[data.startIndex + offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    static func appendUInt16(_ value: UInt16, to data: inout Data) {
        data.append(UInt8(truncatingIfNeeded: value))
        data.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    static func appendUInt32(_ value: UInt32, to data: inout Data) {
        for index in 0..<4 { data.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))) }
    }
}
