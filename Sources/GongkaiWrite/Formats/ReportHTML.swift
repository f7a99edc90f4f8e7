public import GongkaiModel

/// One self-contained HTML page in the national layout, with print styles (A4, 仿宋 body, 宋体 tables, real borders).
public enum ReportHTML {
    public static func render(_ report: AnnualReport) -> String {
        let layout = ReportLayout(report)
        var body = ""
        for block in layout.blocks {
            switch block {
            case .title(let text):
                body += "<h1>\(ReportLayout.titleLines(text).map(escape).joined(separator: "<br>"))</h1>\n"
            case .heading(let text):
                body += "<h2>\(escape(text))</h2>\n"
            case .subheading(let text):
                body += "<h3>\(escape(text))</h3>\n"
            case .paragraph(let text):
                body += "<p>\(escape(text))</p>\n"
            case .table(let grid):
                body += table(grid)
            case .signature(let lines):
                body += "<div class=\"signature\">\n"
                for line in lines { body += "<p>\(escape(line))</p>\n" }
                body += "</div>\n"
            }
        }
        let title = layout.blocks.first.flatMap { block -> String? in
            if case .title(let text) = block { return text }
            return nil
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title ?? "政府信息公开工作年度报告"))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <article>
            \(body)</article>
            </body>
            </html>

            """
    }

    static let style = """
        @page { size: A4; margin: 2.5cm 2.2cm; }
        body { margin: 0; background: #fff; color: #000; }
        article { max-width: 46em; margin: 2em auto; padding: 0 1em;
          font-family: "FangSong", "FangSong_GB2312", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", serif;
          font-size: 16pt; line-height: 1.6; }
        h1 { font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 22pt; text-align: center;
          font-weight: bold; margin: 0 0 1em; }
        h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal;
          margin: 1em 0 0.5em; text-indent: 2em; }
        h3 { font-family: "KaiTi", "楷体", "Noto Serif CJK SC", serif; font-size: 16pt; font-weight: normal;
          margin: 0.5em 0; text-indent: 2em; }
        p { margin: 0; text-indent: 2em; text-align: justify; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; table-layout: fixed;
          font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 10.5pt; line-height: 1.3; }
        th, td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle;
          word-break: break-all; }
        td.label { text-align: left; }
        th.block { text-align: left; background: #d9e2f3; font-weight: normal; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        .signature { margin-top: 2em; text-align: right; }
        .signature p { text-indent: 0; text-align: right; }
        @media print { article { margin: 0; max-width: none; padding: 0; } }
        """

    static func table(_ grid: TableGrid) -> String {
        let total = grid.columnWeights.reduce(0, +)
        var html = "<table class=\"table-\(grid.kind.rawValue)\">\n<colgroup>"
        for weight in grid.columnWeights {
            let percent = total > 0 ? Int((weight / total * 1000).rounded()) : 0
            html += "<col style=\"width:\(percent / 10).\(percent % 10)%\">"
        }
        html += "</colgroup>\n"
        for row in 0..<grid.rowCount {
            if row == 0 && grid.headerRowCount > 0 { html += "<thead>\n" }
            if row == grid.headerRowCount && grid.headerRowCount > 0 { html += "<tbody>\n" }
            html += "<tr>"
            for cell in grid.cells(inRow: row) {
                let tag = cell.role == .header ? "th" : "td"
                var attributes = ""
                if cell.rowSpan > 1 { attributes += " rowspan=\"\(cell.rowSpan)\"" }
                if cell.columnSpan > 1 { attributes += " colspan=\"\(cell.columnSpan)\"" }
                if cell.role == .label { attributes += " class=\"label\"" }
                if grid.isBlockHeader(cell) { attributes += " class=\"block\"" }
                html += "<\(tag)\(attributes)>\(escape(cell.text))</\(tag)>"
            }
            html += "</tr>\n"
            if row == grid.headerRowCount - 1 { html += "</thead>\n" }
        }
        if grid.headerRowCount > 0 && grid.rowCount > grid.headerRowCount { html += "</tbody>\n" }
        return html + "</table>\n"
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
