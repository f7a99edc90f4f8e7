/// One `<table>` as markup: its rows of cells with their spans (rows hidden with `display:none` left out, as Word
/// writes them), its captions, and content printed inside the table but outside any cell.
struct HTMLTableModel {
    struct Cell {
        var node: HTMLNode
        var rowSpan: Int
        var columnSpan: Int
    }

    /// Spans larger than this are read as this: the widest report table has fifteen columns.
    static let maximumColumnSpan = 1000
    static let maximumRowSpan = 65_534

    var rows: [[Cell]] = []
    var captions: [HTMLNode] = []
    /// Elements and text inside the table outside any row (browsers show them before the table).
    var stray: [HTMLNode] = []

    init(_ table: HTMLNode) {
        for child in table.children {
            switch child.tag {
            case .row:
                addRow(child)
            case .rowGroup:
                for row in child.children {
                    if row.tag == .row {
                        addRow(row)
                    } else {
                        addStray(row)
                    }
                }
            case .caption:
                captions.append(child)
            case .dropped:
                continue
            default:
                addStray(child)
            }
        }
    }

    private mutating func addRow(_ row: HTMLNode) {
        if row.isHidden { return }
        var cells: [Cell] = []
        for child in row.elementChildren where child.tag == .cell {
            cells.append(
                Cell(
                    node: child,
                    rowSpan: Self.span(child.attribute("rowspan"), default: 1, range: 0...Self.maximumRowSpan),
                    columnSpan: Self.span(child.attribute("colspan"), default: 1, range: 1...Self.maximumColumnSpan)
                )
            )
        }
        rows.append(cells)
    }

    private mutating func addStray(_ node: HTMLNode) {
        if node.isText, node.text.unicodeScalars.allSatisfy({ HTMLTextBuffer.isSpace($0) || $0 == "\n" }) { return }
        if node.isElement || node.isText { stray.append(node) }
    }

    /// The number an attribute gives (its leading digits, as browsers read `colspan="2;"`), clamped to `range`.
    static func span(_ value: String?, default fallback: Int, range: ClosedRange<Int>) -> Int {
        guard let value else { return fallback }
        let digits = value.unicodeScalars.drop { $0 == " " }.prefix { ("0"..."9").contains($0) }
        guard !digits.isEmpty, let number = Int(String(String.UnicodeScalarView(digits.prefix(9)))) else {
            return fallback
        }
        return min(max(number, range.lowerBound), range.upperBound)
    }

    /// A table used for page layout rather than for figures: its cells hold a larger grid than its own (a page whose
    /// article sits in a cell, the report's tables inside it), a heading, or long running text.
    var isLayout: Bool {
        let ownCells = rows.reduce(0) { $0 + $1.count }
        var nestedCells = 0
        for cell in rows.joined() {
            var stack = cell.node.children
            var textLength = 0
            var blocks = 0
            while let node = stack.popLast() {
                if node.isText {
                    textLength += node.text.unicodeScalars.count
                    continue
                }
                guard node.isElement else { continue }
                switch node.tag {
                case .heading:
                    return true
                case .cell:
                    nestedCells += 1
                    if nestedCells > ownCells { return true }
                case .block, .preformatted:
                    blocks += 1
                case .dropped:
                    continue
                default:
                    break
                }
                stack.append(contentsOf: node.children)
            }
            if textLength > 400 && blocks >= 2 { return true }
        }
        return false
    }
}
