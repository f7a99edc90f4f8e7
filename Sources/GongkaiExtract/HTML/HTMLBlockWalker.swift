import GongkaiModel

/// Walks the article in document order and hands its text to a ``DocumentBuilder``: each block element (paragraph,
/// heading, list item, `div` …) a paragraph, `<br>` a new line (but not in a heading), each data table its rows of cells on the expanded
/// grid. Layout tables are read as blocks; a table inside a data cell is flattened into that cell's text.
struct HTMLBlockWalker {
    /// Deeper than this, a subtree is read as the text of one paragraph (iteratively), so no page can exhaust the stack.
    static let maximumDepth = 96
    /// Covered grid positions a whole page may add by spans.
    static let spanBudget = 4_000_000

    var builder: DocumentBuilder
    let kept: Set<HTMLNode>
    private var buffer = HTMLTextBuffer()
    private var tableCount = 0
    private var budget = spanBudget
    /// Inside an `h1`…`h6`.
    private var headingDepth = 0

    init(builder: DocumentBuilder, kept: Set<HTMLNode>) {
        self.builder = builder
        self.kept = kept
    }

    /// Adds a paragraph of text that is not in the page's body (the head's `<title>`).
    mutating func addParagraph(_ text: String) {
        buffer.append(text)
        flush()
    }

    mutating func walk(_ node: HTMLNode) {
        visit(node, depth: 0)
        flush()
    }

    private mutating func visit(_ node: HTMLNode, depth: Int) {
        if node.isText {
            buffer.append(node.text)
            return
        }
        guard node.isElement else { return }
        let tag = node.tag
        if isDropped(node, tag) { return }
        if depth > Self.maximumDepth {
            HTMLFlattener.append(node, to: &buffer)
            return
        }
        switch tag {
        case .lineBreak:
            // A heading broken over lines (「某局<br>2023年…年度报告」) is still one heading.
            if headingDepth > 0 { buffer.join() } else { buffer.lineBreak() }
        case .table:
            flush()
            table(node, depth: depth)
        case .preformatted:
            flush()
            buffer.preservesSpace = true
            visitChildren(node, depth: depth)
            flush()
            buffer.preservesSpace = false
        case .inline, .other, .dropped:
            visitChildren(node, depth: depth)
        case .heading:
            flush()
            headingDepth += 1
            visitChildren(node, depth: depth)
            headingDepth -= 1
            flush()
        case .block, .chrome, .row, .cell, .rowGroup, .caption:
            flush()
            visitChildren(node, depth: depth)
            flush()
        }
    }

    private mutating func visitChildren(_ node: HTMLNode, depth: Int) {
        var child = node.firstChild
        while let current = child {
            visit(current, depth: depth + 1)
            child = current.nextSibling
        }
    }

    private func isDropped(_ node: HTMLNode, _ tag: HTMLTag) -> Bool {
        if kept.contains(node) { return false }
        if tag == .dropped || node.isHidden { return true }
        return tag != .inline && HTMLArticle.isChromeElement(node)
    }

    private mutating func flush() {
        let text = buffer.take()
        if text.isEmpty || HTMLArticle.isPageFurniture(text) { return }
        builder.addParagraph(text)
    }

    private mutating func table(_ node: HTMLNode, depth: Int) {
        let model = HTMLTableModel(node)
        for stray in model.stray { visit(stray, depth: depth + 1) }
        flush()
        if model.isLayout {
            for caption in model.captions { visit(caption, depth: depth + 1) }
            for cell in model.rows.joined() {
                visit(cell.node, depth: depth + 2)
                flush()
            }
            return
        }
        for caption in model.captions {
            buffer.append(HTMLFlattener.text(of: caption))
            flush()
        }
        tableCount += 1
        let cells = model.rows.map { row in
            row.map {
                HTMLTableGrid.Cell(
                    text: HTMLFlattener.text(of: $0.node),
                    rowSpan: $0.rowSpan,
                    columnSpan: $0.columnSpan
                )
            }
        }
        let grid = HTMLTableGrid(cells, budget: &budget)
        for (index, row) in grid.rows.enumerated() where row.contains(where: { !$0.isEmpty }) {
            builder.addRow(
                row.map {
                    $0.isCovered
                        ? .covered : DocumentBuilder.Cell($0.text, rowSpan: $0.rowSpan, columnSpan: $0.columnSpan)
                },
                table: tableCount,
                row: index + 1
            )
        }
    }
}
