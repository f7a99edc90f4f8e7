import GongkaiModel
import GongkaiWrite

/// A report as the web serves it: an HTML fragment taken from a page (`<div class=TRS_Editor>…`, or `<p>…<table>…`
/// with no `<html>` or `<body>`), a whole saved page with its site chrome (navigation, breadcrumb, scripts, footer),
/// or Word's 「另存为网页」 markup (mso styles, `<o:p>`, text split into `<span>`s, `<br>` inside cells). Tables keep their
/// rowspan and colspan headers; empty cells come as `<td>&nbsp;</td>`, `<td> </td>` or `<td></td>`.
struct HTMLReportWriter {
    enum Style {
        case fragment
        case page
        case word
    }

    var style: Style
    /// The fragment starts with `<div class=TRS_Editor>` rather than a bare `<p>`.
    var trsEditor: Bool
    /// How an empty cell is written.
    var emptyCell: String

    init(style: Style, using rng: inout SplitMix64) {
        self.style = style
        trsEditor = rng.chance(50)
        emptyCell = rng.pick(["&nbsp;", " ", "", "&nbsp;&nbsp;"])
    }

    func write(_ outline: ReportOutline, using rng: inout SplitMix64) -> String {
        var body = ""
        for block in outline.layout.blocks {
            switch block {
            case .title(let text):
                body += paragraph(text, centred: true, using: &rng)
                if style != .word { body += paragraph("发布日期：\(outline.year + 1)-01-31", centred: true, using: &rng) }
            case .heading(let text), .subheading(let text), .paragraph(let text):
                body += paragraph(text, centred: false, using: &rng)
            case .table(let grid):
                body += table(grid, using: &rng)
            case .signature(let lines):
                for line in lines { body += paragraph(line, centred: false, using: &rng) }
            }
        }
        switch style {
        case .fragment:
            return trsEditor ? "<div class=TRS_Editor><div class=\"Custom_UnionStyle\">\(body)</div></div>" : body
        case .page:
            return page(outline, body: body)
        case .word:
            return word(body)
        }
    }

    func escape(_ text: String) -> String { MarkupText.escape(text) }

    func paragraph(_ text: String, centred: Bool, using rng: inout SplitMix64) -> String {
        switch style {
        case .fragment, .page:
            let attribute = centred ? " style='text-align: center;font-weight: bold;'" : ""
            return "<p\(attribute)>\(escape(text))</p>\n"
        case .word:
            let align = centred ? " align=center style='text-align:center'" : " style='text-indent:32.0pt'"
            return
                "<p class=MsoNormal\(align)>\(spans(text, size: 16, using: &rng))<span lang=EN-US><o:p></o:p></span></p>\n"
        }
    }

    /// Word's runs: a text split at random points into `<span>`s with their own styles.
    func spans(_ text: String, size: Double, using rng: inout SplitMix64) -> String {
        let characters = Array(text)
        var pieces: [String] = []
        var start = 0
        while start < characters.count {
            let length = rng.chance(70) ? characters.count - start : rng.int(in: 1...(characters.count - start))
            pieces.append(String(characters[start..<(start + length)]))
            start += length
        }
        return pieces.map { piece in
            let isNumber = piece.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." }
            let lang = isNumber ? " lang=EN-US" : ""
            return "<span\(lang) style='font-size:\(size)pt;font-family:仿宋_GB2312'>\(escape(piece))</span>"
        }.joined()
    }

    func table(_ grid: TableGrid, using rng: inout SplitMix64) -> String {
        var html: String
        switch style {
        case .fragment:
            html = "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"100%\"><tbody>"
        case .page:
            html = "<table class=\"table\" style=\"border-collapse:collapse\"><tbody>\n"
        case .word:
            html =
                "<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
                + "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
                + "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n"
        }
        for row in 0..<grid.rowCount {
            html += style == .word ? "<tr style='mso-yfti-irow:\(row);height:20.0pt'>" : "<tr>"
            for cell in grid.cells(inRow: row) {
                var attributes = ""
                if cell.rowSpan > 1 {
                    attributes += " rowspan=\(style == .word ? "" : "\"")\(cell.rowSpan)\(style == .word ? "" : "\"")"
                }
                if cell.columnSpan > 1 { attributes += " colspan=\"\(cell.columnSpan)\"" }
                html +=
                    "<td\(attributes)\(style == .word ? " width=\(40 * cell.columnSpan) style='width:\(30 * cell.columnSpan).0pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'" : "")>"
                html += content(cell, using: &rng)
                html += "</td>"
            }
            html += "</tr>\n"
        }
        html += style == .word ? "</table></div>\n" : "</tbody></table>\n"
        return html
    }

    func content(_ cell: TableGrid.Cell, using rng: inout SplitMix64) -> String {
        guard !cell.text.isEmpty else {
            return style == .word
                ? "<p class=MsoNormal align=center><span lang=EN-US><o:p>\(emptyCell)</o:p></span></p>" : emptyCell
        }
        switch style {
        case .fragment, .page:
            // A header cell broken over two lines with <br>: 「商业<br>企业」.
            if cell.role == .header, cell.text.count == 4, rng.chance(50) {
                let characters = Array(cell.text)
                return escape(String(characters[0..<2])) + "<br>" + escape(String(characters[2...]))
            }
            return escape(cell.text)
        case .word:
            var text = spans(cell.text, size: 10.5, using: &rng)
            if cell.role == .header, cell.text.count == 4, rng.chance(60) {
                let characters = Array(cell.text)
                text =
                    spans(String(characters[0..<2]), size: 10.5, using: &rng) + "<br>"
                    + spans(String(characters[2...]), size: 10.5, using: &rng)
            }
            return "<p class=MsoNormal align=center style='text-align:center'>\(text)"
                + "<span lang=EN-US style='font-size:10.5pt'><o:p></o:p></span></p>"
        }
    }

    func page(_ outline: ReportOutline, body: String) -> String {
        """
        <!DOCTYPE html>
        <html>
        <head>
        <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
        <title>\(escape(outline.title))_政府信息公开年报_\(escape(outline.agency))</title>
        <meta name="ArticleTitle" content="\(escape(outline.title))">
        <meta name="PubDate" content="\(outline.year + 1)-01-31 09:30">
        <link rel="stylesheet" href="/images/base.css">
        <script type="text/javascript">var _hmt = _hmt || []; var siteId = "3501000037"; var count = 2024;</script>
        <script src="/js/jquery-1.11.3.min.js"></script>
        </head>
        <body>
        <div class="header"><div class="logo"><img src="/images/logo.png" alt="\(escape(outline.agency))"></div>
        <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li>\
        <li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxx/">走进本地</a></li></ul></div>
        <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <span>政府信息公开年报</span></div>
        <div class="article">
        <h1 class="title">\(escape(outline.title))</h1>
        <div class="info"><span>发布时间：\(outline.year + 1)-01-31</span><span>来源：\(escape(outline.agency))</span>\
        <span>浏览次数：<script>document.write(count)</script></span><span>字体：[大 中 小]</span></div>
        <div class="content" id="zoom">
        \(body)</div>
        <div class="share">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>
        <div class="print"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
        </div>
        <div class="footer"><p>主办单位：\(escape(outline.agency))　网站标识码：3501000037</p>
        <p>闽ICP备05006018号-1　闽公网安备 35012802000123号</p><p>联系电话：0591-23165385</p></div>
        <script type="text/javascript">$(function(){ $(".nav li").eq(1).addClass("on"); });</script>
        </body>
        </html>

        """
    }

    func word(_ body: String) -> String {
        """
        <html xmlns:v="urn:schemas-microsoft-com:vml"
        xmlns:o="urn:schemas-microsoft-com:office:office"
        xmlns:w="urn:schemas-microsoft-com:office:word"
        xmlns="http://www.w3.org/TR/REC-html40">
        <head>
        <meta http-equiv=Content-Type content="text/html; charset=utf-8">
        <meta name=ProgId content=Word.Document>
        <meta name=Generator content="Microsoft Word 15">
        <!--[if gte mso 9]><xml>
         <w:WordDocument><w:View>Print</w:View><w:Zoom>100</w:Zoom></w:WordDocument>
        </xml><![endif]-->
        <style>
        <!--
         /* Font Definitions */
         @font-face {font-family:宋体; panose-1:2 1 6 0 3 1 1 1 1 1; mso-font-charset:134;}
         p.MsoNormal, li.MsoNormal, div.MsoNormal {mso-style-unhide:no; margin:0cm; text-align:justify;
          text-justify:inter-ideograph; font-size:10.5pt; font-family:"Calibri",sans-serif;}
        @page WordSection1 {size:595.3pt 841.9pt; margin:72.0pt 90.0pt 72.0pt 90.0pt; mso-header-margin:42.55pt;}
        div.WordSection1 {page:WordSection1;}
        -->
        </style>
        </head>
        <body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
        <div class=WordSection1 style='layout-grid:15.6pt'>
        \(body)</div>
        </body>
        </html>

        """
    }
}
