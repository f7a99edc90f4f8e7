import GongkaiModel

/// The part of a page that holds the report: the innermost element containing the report's title
/// (「…政府信息公开工作年度报告」) and its tables, so that a site's navigation, breadcrumbs, sidebars and footer around
/// the article are left out. Without the report's tables the whole body is read, site chrome dropped.
struct HTMLArticle {
    /// Where reading starts.
    var root: HTMLNode
    /// The report's title element, when the page has one.
    var title: HTMLNode?
    /// The elements that lead to the title and the tables: never dropped as site chrome.
    var kept: Set<HTMLNode>

    /// Words of a report table's header, one of which every table 二, 三 or 四 prints.
    static let tableWords = ["第二十条", "信息内容", "申请人情况", "本年新收", "行政复议", "行政诉讼"]

    init(body: HTMLNode) {
        var titles: [(node: HTMLNode, order: Int)] = []
        var tables: [(node: HTMLNode, order: Int)] = []
        var seenTitleBlocks: Set<HTMLNode> = []
        var order = 0
        var stack: [HTMLNode] = [body]
        while let node = stack.popLast() {
            order += 1
            if node.isText {
                guard node.text.includes("年度报告") || node.text.includes("年报"),
                    let block = Self.enclosingBlock(node), seenTitleBlocks.insert(block).inserted,
                    Self.isTitle(HTMLFlattener.text(of: block, limit: 200)), !Self.isChrome(block, kept: [])
                else { continue }
                titles.append((block, order))
                continue
            }
            guard node.isElement else { continue }
            let tag = node.tag
            if tag == .dropped { continue }
            if tag == .table {
                let text = HTMLFlattener.text(of: node, limit: 4000)
                if Self.tableWords.contains(where: { text.includes($0) }), !Self.isChrome(node, kept: []) {
                    tables.append((node, order))
                }
            }
            var children: [HTMLNode] = []
            var child = node.firstChild
            while let next = child {
                children.append(next)
                child = next.nextSibling
            }
            stack.append(contentsOf: children.reversed())
        }

        // The article's own title is the last one before its first table; titles after it are links to other reports.
        let firstTable = tables.first?.order ?? Int.max
        let title = titles.last { $0.order < firstTable }?.node ?? titles.first?.node
        self.title = title
        guard !tables.isEmpty else {
            root = body
            kept = title.map { Set([$0] + $0.ancestors) } ?? []
            return
        }
        let anchors = (title.map { [$0] } ?? []) + tables.map(\.node)
        var root = Self.commonAncestor(anchors) ?? body
        // Tables alone (no title on the page): read from the block around them, not just one table.
        while title == nil, [HTMLTag.table, .row, .cell, .rowGroup].contains(root.tag), let parent = root.parent {
            root = parent
        }
        self.root = root
        kept = Set(anchors.flatMap { [$0] + $0.ancestors })
    }

    /// A title: short, one line, about government information disclosure and an annual report.
    static func isTitle(_ text: String) -> Bool {
        let length = text.unicodeScalars.count
        return length >= 8 && length <= 100 && text.includes("信息公开")
            && (text.includes("年度报告") || text.includes("年报")) && !text.includes("。") && !isBreadcrumb(text)
    }

    /// 「当前位置：首页 > 政务公开 > …」: a trail of links, which names the page it leads to.
    static func isBreadcrumb(_ text: String) -> Bool {
        breadcrumbStarts.contains { text.hasPrefix($0) } || breadcrumbArrows.contains { text.includes($0) }
    }

    /// A line of the page rather than of the report: a breadcrumb trail, or the page's tools (【打印本页】【关闭窗口】).
    static func isPageFurniture(_ text: String) -> Bool {
        if breadcrumbStarts.contains(where: { text.hasPrefix($0) }) { return true }
        return text.unicodeScalars.count <= 40 && pageTools.contains { text.includes($0) }
    }

    static let pageTools = ["打印本页", "关闭窗口", "返回顶部", "【打印】", "【关闭】", "[打印]", "[关闭]", "分享到"]

    static let breadcrumbStarts = ["当前位置", "您现在的位置", "您的位置", "您当前的位置", "您所在的位置", "所在位置", "现在位置"]
    static let breadcrumbArrows = [">", "＞", "»", "→", "›"]

    /// The nearest block element around a text node (a title may be split over spans), unless it sits in a link.
    static func enclosingBlock(_ node: HTMLNode) -> HTMLNode? {
        var current = node.parent
        while let element = current {
            if element.name == "a" { return nil }
            if element.tag != .inline { return element }
            current = element.parent
        }
        return nil
    }

    static func commonAncestor(_ nodes: [HTMLNode]) -> HTMLNode? {
        guard let first = nodes.first else { return nil }
        var chain = [first] + first.ancestors
        for node in nodes.dropFirst() {
            let path = Set([node] + node.ancestors)
            if let index = chain.firstIndex(where: { path.contains($0) }) {
                chain = Array(chain[index...])
            } else {
                return nil
            }
        }
        return chain.first
    }

    /// Site chrome: `nav`, `header`, `footer`, `aside`, `menu`, or an element whose class or id names navigation,
    /// breadcrumbs, a sidebar, a page header or footer, sharing or search tools — or anything inside one. `kept`
    /// elements (the path to the report's title and tables) are never chrome.
    static func isChrome(_ node: HTMLNode, kept: Set<HTMLNode>) -> Bool {
        var current: HTMLNode? = node
        while let element = current {
            if kept.contains(element) { return false }
            if isChromeElement(element) { return true }
            current = element.parent
        }
        return false
    }

    static func isChromeElement(_ element: HTMLNode) -> Bool {
        if element.tag == .chrome { return true }
        for name in ["class", "id"] {
            guard let value = element.attribute(name)?.lowercased() else { continue }
            let words = value.split { !$0.isLetter && !$0.isNumber }
            if words.contains(where: isChromeWord) { return true }
        }
        return false
    }

    static let chromeWords: Set<Substring> = [
        "nav", "navbar", "navigation", "menu", "menubar", "mainmenu", "submenu", "breadcrumb", "breadcrumbs", "crumb",
        "crumbs", "header", "head", "top", "topbar", "foot", "footer", "bottom", "sidebar", "side", "aside", "toolbar",
        "share", "bshare", "copyright", "friendlink", "links", "position", "location", "dqwz", "daohang", "weizhi",
        "search", "login", "skip",
    ]

    static let chromePrefixes = ["nav", "menu", "breadcrumb", "crumb", "footer", "sidebar", "copyright", "friendlink"]

    static func isChromeWord(_ word: Substring) -> Bool {
        chromeWords.contains(word) || chromePrefixes.contains { word.hasPrefix($0) }
    }
}
