import GongkaiWrite

/// A web page saved as text by a crawler (平潭 2020, 2023): five to eight lines of page metadata (标题:, 发布时间:,
/// 文号:, 发布机构:, 栏目:, 原文链接:), a 「正文」 rule, then the whole article on ONE line — breadcrumb, share
/// buttons, narrative and all three tables, their cells run together with no separator (`规章000行政规范性文件77132470`),
/// now and then a single space between two cells.
struct CrawledTextWriter {
    /// Percent of cell boundaries that keep one space.
    var spacePercent = 8
    /// Whether the article repeats the title before its first paragraph (平潭 2020 does, 平潭 2023 does not).
    var titleInArticle = true
    var breadcrumb = true
    var share = true
    /// The title line says 「2023年度」 for 「2023年」.
    var yearDu = false
    /// Whether the optional 本地目录: and 页面链接… lines are printed.
    var localLines = true
    var agencyInMetadata = true

    init(using rng: inout SplitMix64) {
        spacePercent = rng.pick([0, 3, 8, 15])
        titleInArticle = rng.chance(50)
        breadcrumb = rng.chance(70)
        share = rng.chance(60)
        yearDu = rng.chance(50)
        localLines = rng.chance(50)
        agencyInMetadata = rng.chance(60)
    }

    func write(_ outline: ReportOutline, using rng: inout SplitMix64) -> String {
        let year = outline.year
        let title = yearDu ? "\(outline.agency)\(year)年度政府信息公开工作年度报告" : outline.title
        let month = rng.int(in: 1...3)
        let day = rng.int(in: 1...28)
        let page = rng.int(in: 10_000...99_999)
        let path = "zwgk/zfxxgk/zfxxgknb/\(year + 1)0\(month)"
        var lines = [
            "标题: \(title)",
            "发布时间: \(year + 1)-0\(month)-\(day < 10 ? "0" : "")\(day) \(rng.int(in: 8...17)):\(rng.int(in: 10...59))",
            "文号: ",
            "发布机构: \(agencyInMetadata ? outline.agency : "")",
            "栏目: 政府信息公开年报",
            "原文链接: https://www.example.gov.cn/\(path)/t\(year + 1)0\(month)\(day < 10 ? "0" : "")\(day)_\(page).htm",
        ]
        if localLines {
            lines.append("本地目录: \(path)/\(page)_\(title)")
            lines.append("页面链接与图片详见 links.tsv(同目录)")
        }
        lines.append("==================== 正文 ====================")

        var article = ""
        func append(_ text: String, space: Bool = false) {
            if space && !article.isEmpty { article += " " }
            article += text
        }
        if breadcrumb { append("当前位置：首页 > 政务公开 > 政府信息公开年报 > 正文 ") }
        if share { append("【字体：大 中 小】 分享到：微信 微博 QQ空间 ") }
        for block in outline.layout.blocks {
            switch block {
            case .title(let text):
                if titleInArticle { append(text, space: true) }
            case .heading(let text):
                append(text, space: rng.chance(50))
            case .subheading(let text), .paragraph(let text):
                append(text)
            case .table(let grid):
                append(cells(grid, using: &rng), space: rng.chance(30))
            case .signature(let signature):
                append(signature.joined(separator: rng.chance(50) ? " " : ""), space: true)
            }
        }
        if share { append(" 【打印本页】 【关闭窗口】") }
        lines.append(article)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table's cells in reading order (row by row, a merged cell once), run together.
    func cells(_ grid: TableGrid, using rng: inout SplitMix64) -> String {
        var text = ""
        for row in 0..<grid.rowCount {
            for cell in grid.cells(inRow: row) where !cell.text.isEmpty {
                if !text.isEmpty && rng.chance(spacePercent) { text += " " }
                text += cell.text
            }
        }
        return text
    }
}
