import Foundation
import GongkaiCheck
import GongkaiExtract
import GongkaiModel
import GongkaiRead
import GongkaiWrite
import Testing

/// HTML pages — Gongkai's own, a government site's, Word's, hand-made tables — read to the figures the same report
/// gives as text.
@Suite("HTML reader")
struct HTMLReaderTests {
    // MARK: Gongkai's own HTML

    @Test("every seed rendered to HTML reads back to the text seed's figures", arguments: Fixtures.seedNames)
    func renderedSeed(_ name: String) throws {
        let original = try Fixtures.report("seeds/\(name).txt")
        let page = Data(ReportHTML.render(original).utf8)
        let back = try ReportReader.read(page, name: "\(name).html")
        #expect(back.source.format == .html)
        #expect(back.source.encoding == "UTF-8")
        #expect(back.agency == original.agency)
        #expect(back.year == original.year)
        #expect(back.template == original.template)
        for (id, figure) in original.figures where figure.value != .unknown {
            #expect(back[id] == figure.value, "\(id): \(figure.value) → \(String(describing: back[id]))")
        }
        for figure in back.orderedFigures {
            let location = try #require(figure.location, "\(figure.id)")
            #expect(location.table != nil && location.row != nil && location.cell != nil, "\(figure.id)")
        }
    }

    // MARK: Hand-made pages

    @Test(
        "realistic pages read to the seed's expected figures",
        arguments: [
            ("html/000-gbk-site.html", "000_619992dd5b79419f", "GB18030"),
            ("html/000-nested.html", "000_619992dd5b79419f", "UTF-8"),
            ("html/000-nbsp.html", "000_619992dd5b79419f", "UTF-8"),
            ("html/001-spans.html", "001_2af83e509e4cbaa8", "UTF-8"),
            ("html/001-word.html", "001_2af83e509e4cbaa8", "UTF-8"),
        ]
    )
    func fixture(_ file: String, _ seed: String, _ encoding: String) throws {
        let report = try Fixtures.report(file)
        let expected = try Fixtures.expected("seeds/\(seed).expected.json")
        #expect(report.source.format == .html)
        #expect(report.source.encoding == encoding)
        #expect(report.agency == expected.agency)
        #expect(report.year == expected.year)
        #expect(report.template?.rawValue == expected.template)
        try FigureComparison.expectExact(report, expected)
        // The same findings as the text seed: nothing lost, nothing invented.
        let text = ReportChecker.check(try Fixtures.report("seeds/\(seed).txt"))
        let page = ReportChecker.check(report)
        #expect(page.map(\.code).sorted() == text.map(\.code).sorted())
    }

    @Test("a page saved as UTF-16 (either byte order, with a BOM) is recognised as HTML and reads as the seed")
    func utf16() throws {
        let page = try Fixtures.text("rendered/000_619992dd5b79419f.html")
        let expected = try Fixtures.expected("seeds/000_619992dd5b79419f.expected.json")
        for (bom, encoding) in [
            ([UInt8(0xFF), 0xFE], String.Encoding.utf16LittleEndian), ([0xFE, 0xFF], .utf16BigEndian),
        ] {
            let data = Data(bom) + (try #require(page.data(using: encoding)))
            let report = try ReportReader.read(data, name: "utf16.html")
            #expect(report.source.format == .html)
            FigureComparison.expectRendered(report, expected)
        }
    }

    @Test("a GB2312 page: the site's navigation, breadcrumbs, sidebar, related links and footer are left out")
    func sitePage() throws {
        let data = try Fixtures.data("html/000-gbk-site.html")
        #expect(String(data: data, encoding: .utf8) == nil, "the fixture is GBK, not UTF-8")
        let document = try DocumentExtractor.extract(data, name: "site.html")
        let text = document.lines.map(\.text).joined(separator: "\n")
        for chrome in [
            "首页", "互动交流", "当前位置", "政府信息公开指南", "2022年政府信息公开工作年度报告", "相关文章", "分享到", "打印本页",
            "豫ICP备", "网站标识码", "document.write", "样式", "搜索",
        ] {
            #expect(!text.includes(chrome), "\(chrome) should be left out")
        }
        let report = try ReportReader.read(document)
        #expect(report.title == "灵宝市司法局2023年政府信息公开工作年度报告")
        #expect(report.sections.count == 6)
        #expect(report.section(.problems)?.text.hasPrefix("2023年，我局政府信息公开工作取得了一定工作成效") == true)
        #expect(report.section(.otherMatters)?.text.hasSuffix("申请行政复议或提起行政诉讼的情况。") == true)
    }

    @Test("a Word page: styles, conditional comments and <o:p> leave no trace; labels split over spans read whole")
    func wordPage() throws {
        let document = try DocumentExtractor.extract(try Fixtures.data("html/001-word.html"), name: "word.html")
        let text = document.lines.map(\.raw).joined(separator: "\n")
        for trace in ["<![", "]>", "mso-", "supportLists", "Font Definitions", "Administrator", "2022年政府信息公开工作年度报告"] {
            #expect(!text.includes(trace), "\(trace) should not be read")
        }
        #expect(document.lines.first?.text == "漳州市司法局2023年政府信息公开工作年度报告")
        let partial = try #require(document.lines.first { $0.raw.includes("部分公开") && $0.layout == .delimited })
        #expect(partial.cells.contains { key($0.text) == key("(二)部分公开(区分处理的，只计这一情形，不计其他情形)") })
        // Word wraps its source inside Chinese text; the wrap is no space.
        let report = try ReportReader.read(document)
        let overview = try #require(report.section(.overview)?.text)
        #expect(overview.includes("定期开展网站自查并及时将自查结果公开,有效预防发生网络安全事件"))
        #expect(overview.includes("（一）"))
    }

    @Test("labels wrapped with <br> and <p> inside a cell read as one cell text")
    func wrappedLabels() throws {
        let document = try DocumentExtractor.extract(try Fixtures.data("html/001-spans.html"), name: "spans.html")
        let cells = document.lines.flatMap(\.cells).map(\.text)
        for label in [
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果", "（五）不予处理", "结果维持", "本年收费金额（单位：万元）",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ] {
            #expect(cells.contains { key($0) == key(label) }, "\(label)")
        }
    }

    @Test("a table inside a cell: a layout table is read as blocks, a value table in a cell as the cell's text")
    func nestedTables() throws {
        let report = try Fixtures.report("html/000-nested.html")
        let licensing = try #require(report.figures[FigureID("t2.licensing.decisions")])
        #expect(licensing.value == .integer(28))
        // The nested one-cell table keeps the outer grid: 表二's 行政许可 row, second column.
        #expect(licensing.location?.table == 1)
        #expect(licensing.location?.row == 7)
        #expect(licensing.location?.cell == 2)
        #expect(report.section(.overview)?.text.includes("灵宝市司法局认真贯彻落实") == true)
    }

    @Test("cells holding only &nbsp; or other spaces are empty; a value printed as &nbsp; is a blank cell")
    func nbspCells() throws {
        let page = try Fixtures.text("html/000-nbsp.html")
        let document = try DocumentExtractor.extract(Data(page.utf8), name: "nbsp.html")
        let tableCells = document.lines.filter { $0.layout == .delimited }.flatMap(\.cells)
        #expect(tableCells.allSatisfy { !$0.text.unicodeScalars.contains { $0 == "\u{A0}" || $0 == "\u{3000}" } })
        #expect(tableCells.contains { $0.text.isEmpty })

        // A row whose cells all hold &nbsp;: a blank row, as in a text report.
        let blankRow = Self.replacing("<td>0</td>", with: "<td>&nbsp;</td>", inLineWith: "二、上年结转", of: page, limit: 7)
        let report = try ReportReader.read(Data(blankRow.utf8), name: "blank-row.html")
        for column in ["natural", "commercial", "research", "nonprofit", "legal", "other", "total"] {
            #expect(report[FigureID("t3.carried_over.\(column)")] == .blank, "\(column)")
        }
        #expect(ReportChecker.check(report).contains { $0.code == "R5" && $0.message.includes("整行空白") })
    }

    @Test("one value cell printed as &nbsp; is that cell blank")
    func oneBlankCell() throws {
        let page = try Fixtures.text("html/000-nbsp.html")
        let blankCell = Self.replacing("<td>0</td>", with: "<td>&nbsp;</td>", inLineWith: "一、本年新收", of: page, limit: 1)
        let report = try ReportReader.read(Data(blankCell.utf8), name: "blank-cell.html")
        // Which cell is empty is known from the grid: that cell is blank, the others keep their values, and the
        // blank cell is reported.
        #expect(report[FigureID("t3.received.natural")] == .blank)
        #expect(report[FigureID("t3.received.commercial")] == .integer(0))
        #expect(report[FigureID("t3.received.total")] != .unknown)
        #expect(
            ReportChecker.check(report).contains { $0.figures.contains { $0.id == FigureID("t3.received.natural") } }
        )
    }

    /// `text` with the first `limit` occurrences of `target` on the line holding `marker` replaced.
    static func replacing(
        _ target: String,
        with replacement: String,
        inLineWith marker: String,
        of text: String,
        limit: Int
    )
        -> String
    {
        var lines = text.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.contains(marker) }) else { return text }
        for _ in 0..<limit {
            guard let range = lines[index].range(of: target) else { break }
            lines[index].replaceSubrange(range, with: replacement)
        }
        return lines.joined(separator: "\n")
    }

    @Test(
        "figures from an HTML table carry table, row and cell on the expanded grid, and the line they were printed on"
    )
    func provenance() throws {
        let document = try DocumentExtractor.extract(try Fixtures.data("html/001-spans.html"), name: "spans.html")
        let report = try ReportReader.read(document)
        let places: [(String, Int, Int, Int)] = [
            ("t2.licensing.decisions", 1, 6, 2),
            ("t2.normative.in_force", 1, 3, 4),
            ("t3.received.natural", 2, 4, 4),
            ("t3.denied.internal.natural", 2, 12, 4),
            ("t3.total.total", 2, 27, 10),
            ("t4.review.upheld", 3, 4, 1),
            ("t4.suit_after_review.total", 3, 4, 15),
        ]
        for (id, table, row, cell) in places {
            let location = try #require(report.figures[FigureID(id)]?.location, "\(id)")
            #expect(location.table == table && location.row == row && location.cell == cell, "\(id): \(location)")
        }
        for figure in report.orderedFigures {
            let location = try #require(figure.location)
            let line = try #require(document.lines.first { $0.number == location.line })
            let scalars = Array(line.raw.unicodeScalars)
            let start = try #require(location.column) - 1
            let end = try #require(location.endColumn) - 1
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == figure.printed, "\(figure.id)")
        }
    }

    @Test("a page whose report title is only in <title> takes it from there, without the site's name")
    func titleInHead() throws {
        let original = try Fixtures.report("seeds/000_619992dd5b79419f.txt")
        let rendered = ReportHTML.render(original)
        var page = rendered.replacingOccurrences(of: "<h1>.*?</h1>", with: "", options: .regularExpression)
        #expect(page != rendered)
        page = page.replacingOccurrences(
            of: "<title>灵宝市司法局2023年政府信息公开工作年度报告</title>",
            with: "<title>灵宝市司法局2023年政府信息公开工作年度报告_灵宝市人民政府</title>"
        )
        let report = try ReportReader.read(Data(page.utf8), name: "head-title.html")
        #expect(report.title == "灵宝市司法局2023年政府信息公开工作年度报告")
        #expect(report.agency == "灵宝市司法局")
        #expect(report.figures.mapValues(\.value) == original.figures.mapValues(\.value))
    }

    // MARK: Character sets

    @Test("the charset comes from the bytes when the page's declaration is wrong")
    func wrongDeclaration() throws {
        let original = try Fixtures.report("seeds/003_15a2a8efa849601b.txt")
        let page = ReportHTML.render(original)
        let gbMeta = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
        // UTF-8 bytes under an old gb2312 declaration.
        let utf8 = try ReportReader.read(
            Data(page.replacingOccurrences(of: "<meta charset=\"utf-8\">", with: gbMeta).utf8),
            name: "a"
        )
        #expect(utf8.source.encoding == "UTF-8")
        #expect(utf8.agency == "青山区司法局")
        // GBK bytes declared UTF-8, and GBK bytes with no declaration at all.
        for variant in [page, page.replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "")] {
            let gbk = try #require(variant.data(using: .init(rawValue: gb18030)))
            let report = try ReportReader.read(gbk, name: "b")
            #expect(report.source.encoding == "GB18030")
            #expect(report.agency == "青山区司法局")
            #expect(report.figures.mapValues(\.value) == original.figures.mapValues(\.value))
        }
    }

    @Test("a UTF-8 BOM is read and recorded")
    func byteOrderMark() throws {
        let original = try Fixtures.report("seeds/000_619992dd5b79419f.txt")
        let report = try ReportReader.read(
            Data([0xEF, 0xBB, 0xBF]) + Data(ReportHTML.render(original).utf8),
            name: "bom"
        )
        #expect(report.source.encoding == "UTF-8 (BOM)")
        #expect(report.agency == "灵宝市司法局")
    }

    // MARK: Bad input

    @Test("a cut-off page reads what is there")
    func truncated() throws {
        let data = try Fixtures.data("html/000-gbk-site.html")
        let page = try #require(String(data: data, encoding: .init(rawValue: gb18030)))
        let cut = try #require(page.range(of: "（三）不予公开"))
        let bytes = try #require(String(page[..<cut.lowerBound]).data(using: .init(rawValue: gb18030)))
        // Cut inside a two-byte character, too.
        for length in [bytes.count, bytes.count - 1] {
            let report = try ReportReader.read(bytes.prefix(length), name: "cut.html")
            #expect(report.agency == "灵宝市司法局")
            #expect(report[FigureID("t2.licensing.decisions")] == .integer(28))
            #expect(report[FigureID("t3.received.natural")] == .integer(0))
            #expect(report[FigureID("t4.review.total")] == nil)
        }
        // Cut before anything of the report.
        #expect(throws: ReadError.notAReport) {
            try ReportReader.read(data.prefix(200), name: "head.html")
        }
    }

    @Test("a 50 MB page (an inline image) is refused at the size limit, and reads in bounded time under a larger one")
    func hugePage() throws {
        let original = try Fixtures.report("seeds/000_619992dd5b79419f.txt")
        let page = ReportHTML.render(original)
        let image =
            "<p><img src=\"data:image/png;base64," + String(repeating: "iVBORw0KGgoAAAANSUhEUgAA", count: 2_200_000)
            + "\" alt=\"公章\"></p>\n"
        let huge = Data(page.replacingOccurrences(of: "<h2>五、", with: image + "<h2>五、").utf8)
        #expect(huge.count > 50 * 1_048_576)
        #expect(throws: ReadError.extraction(.tooLarge(bytes: huge.count, limit: 32 * 1_048_576))) {
            try ReportReader.read(huge, name: "huge.html")
        }
        // How long this takes is measured in the benchmarks (Benchmarks/), not asserted here.

        let document = try HTMLExtractor.extract(huge, name: "huge.html", sizeLimit: 64 * 1_048_576)
        let report = try ReportReader.read(document)
        #expect(report.figures.mapValues(\.value) == original.figures.mapValues(\.value))
        #expect(report.section(.problems)?.text.isEmpty == false)
    }

    @Test("absurd nesting and spans are bounded")
    func absurdMarkup() throws {
        let page = ReportHTML.render(try Fixtures.report("seeds/000_619992dd5b79419f.txt"))
        let deep = page.replacingOccurrences(
            of: "<article>",
            with: "<article>" + String(repeating: "<div><span>", count: 50_000) + "深处的文字"
                + String(repeating: "</span></div>", count: 50_000)
        )
        let report = try ReportReader.read(Data(deep.utf8), name: "deep.html")
        #expect(report[FigureID("t2.licensing.decisions")] == .integer(28))

        let spans =
            "<html><body><table>"
            + String(repeating: "<tr><td colspan=\"1000\" rowspan=\"65534\">1</td></tr>", count: 5_000)
            + "</table></body></html>"
        // The spans are clamped, so the grid stays one cell a row; the time it takes is measured in the benchmarks.
        let document = try DocumentExtractor.extract(Data(spans.utf8), name: "spans.html")
        #expect(document.lines.count == 5_000)
    }

    @Test("a page that is not a report gives the text reader's message")
    func notAReport() throws {
        let page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻动态</title></head>
            <body><div class="nav"><a href="/">首页</a></div>
            <div class="content"><h1>市司法局开展普法宣传活动</h1><p>3月15日，市司法局在人民广场开展普法宣传活动。</p>
            <table><tr><td>活动</td><td>人数</td></tr><tr><td>咨询</td><td>120</td></tr></table></div></body></html>
            """
        let error = ReadError.notAReport
        #expect(throws: error) { try ReportReader.read(Data(page.utf8), name: "news.html") }
        #expect(throws: error) { try ReportReader.read(Data("<html><body></body></html>".utf8), name: "empty.html") }
        #expect(error.description.hasPrefix("未识别为政府信息公开工作年度报告"))
    }

    @Test("errors of the HTML reader read as one clear sentence")
    func errors() throws {
        #expect(throws: ExtractError.empty) { try HTMLExtractor.extract(Data(), name: "x.html") }
        #expect(throws: ExtractError.tooLarge(bytes: 11, limit: 10)) {
            try HTMLExtractor.extract(Data("<html></html>".utf8.prefix(11)), name: "x.html", sizeLimit: 10)
        }
        #expect(throws: ExtractError.unreadable("HTML 页面无法解析，文件可能已损坏。")) {
            try HTMLExtractor.extract(text: "", name: "x.html")
        }
        #expect(ExtractError.unreadable("HTML 页面无法解析，文件可能已损坏。").description == "无法读取文件：HTML 页面无法解析，文件可能已损坏。")
    }
}

/// GB18030 as a Foundation string encoding (kCFStringEncodingGB_18030_2000).
private let gb18030: UInt = 0x8000_0632

/// A label or cell text normalised as the reader sees it, without spaces.
private func key(_ text: String) -> String {
    String(TextNormalizer.normalize(text).unicodeScalars.filter { $0 != " " })
}
