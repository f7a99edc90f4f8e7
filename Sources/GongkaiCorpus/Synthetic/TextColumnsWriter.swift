import GongkaiWrite

/// Text converted from a PDF with its layout kept (`pdftotext -layout`): every table row on its own lines, cells at
/// the column positions of the page padded with spaces, labels wider than their column wrapped onto the lines below,
/// values centred on the row's lines, stub labels of merged cells spread down the rows they span, a value wider than
/// its column now and then wrapped too, and a page footer between two rows.
struct TextColumnsWriter {
    /// Width, in display columns, of each label column (a CJK character is two).
    var labelWidth: Int
    /// Width of each value column.
    var valueWidth: Int
    /// Width at which narrative paragraphs break.
    var paragraphWidth: Int
    /// Whether a page break (a form feed and a footer 「- 3 -」) falls inside a table.
    var pageBreaks: Bool

    init(using rng: inout SplitMix64) {
        labelWidth = rng.int(in: 10...30)
        valueWidth = rng.int(in: 4...9)
        paragraphWidth = rng.int(in: 30...40)
        pageBreaks = rng.chance(40)
    }

    func write(_ outline: ReportOutline, using rng: inout SplitMix64) -> String {
        var lines: [String] = []
        var page = 1
        for block in outline.layout.blocks {
            switch block {
            case .title(let text):
                lines += ReportLayout.titleLines(text).map { String(repeating: " ", count: 12) + $0 } + [""]
            case .heading(let text), .subheading(let text):
                lines.append("    " + text)
            case .paragraph(let text):
                let wrapped = ReportTextWriter.wrap(text, width: paragraphWidth)
                lines += wrapped.enumerated().map { ($0.offset == 0 ? "    " : "") + $0.element }
            case .table(let grid):
                lines += table(grid, page: &page, using: &rng)
                lines.append("")
            case .signature(let signature):
                lines += signature.map { String(repeating: " ", count: 40) + $0 }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value < 0x2E80 ? 1 : 2) }
    }

    /// Breaks a text into pieces no wider than `width` display columns.
    static func wrap(_ text: String, width: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            if !current.isEmpty && displayWidth(current + String(character)) > width {
                pieces.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty || pieces.isEmpty { pieces.append(current) }
        return pieces
    }

    func table(_ grid: TableGrid, page: inout Int, using rng: inout SplitMix64) -> [String] {
        let labelColumns = Set(grid.cells.filter { $0.role == .label }.map(\.column))
        // Column widths: label columns wide, value columns narrow; a value column may be too narrow for its figure.
        let widths = (0..<grid.columnCount).map { column in
            labelColumns.contains(column)
                ? max(4, labelWidth / (column == 0 && labelColumns.count > 1 ? 3 : 1)) : valueWidth
        }
        var starts: [Int] = []
        var position = 0
        for width in widths {
            starts.append(position)
            position += width + 2
        }
        // The pieces each grid row puts on its lines: (line within the row, start column, text).
        var placed: [[(line: Int, start: Int, text: String)]] = Array(repeating: [], count: grid.rowCount)
        var heights = Array(repeating: 1, count: grid.rowCount)
        for cell in grid.cells where cell.rowSpan == 1 {
            let width = widths[cell.column..<(cell.column + cell.columnSpan)].reduce(0, +) + 2 * (cell.columnSpan - 1)
            let pieces = cell.text.isEmpty ? [] : Self.wrap(cell.text, width: width)
            heights[cell.row] = max(heights[cell.row], pieces.count)
        }
        for cell in grid.cells {
            let width = widths[cell.column..<(cell.column + cell.columnSpan)].reduce(0, +) + 2 * (cell.columnSpan - 1)
            let pieces = cell.text.isEmpty ? [] : Self.wrap(cell.text, width: width)
            if cell.rowSpan > 1 {
                // A stub label spread down the rows it spans, a piece on each row's first line.
                for (index, piece) in pieces.enumerated() {
                    let row = cell.row + min(index, cell.rowSpan - 1)
                    let line = index < cell.rowSpan ? 0 : index - cell.rowSpan + 1
                    heights[row] = max(heights[row], line + 1)
                    placed[row].append((line, starts[cell.column], piece))
                }
            } else {
                // Centred on the row's lines: a value on the middle line, a label from the top.
                let first = cell.role == .value ? max(0, (heights[cell.row] - pieces.count) / 2) : 0
                for (index, piece) in pieces.enumerated() {
                    placed[cell.row].append((first + index, starts[cell.column], piece))
                }
            }
        }
        var lines: [String] = []
        let breakRow = pageBreaks ? rng.int(in: 1...max(1, grid.rowCount - 1)) : -1
        for row in 0..<grid.rowCount {
            if row == breakRow {
                page += 1
                lines += ["", String(repeating: " ", count: 36) + "- \(page) -", "\u{0C}"]
            }
            for line in 0..<heights[row] {
                let pieces = placed[row].filter { $0.line == line }.sorted { $0.start < $1.start }
                var text = ""
                for piece in pieces {
                    let width = Self.displayWidth(text)
                    if width < piece.start {
                        text += String(repeating: " ", count: piece.start - width)
                    } else if !text.isEmpty {
                        text += "  "
                    }
                    text += piece.text
                }
                lines.append(text)
            }
        }
        return lines
    }
}
