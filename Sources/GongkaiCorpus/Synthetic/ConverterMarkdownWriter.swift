import GongkaiWrite

/// Markdown as PDF-to-Markdown converters write it (上海 2025): running text hard-wrapped with the page footers
/// (`— 3 —`) left in, tables in pipe pieces — a piece ends at a page break and the next one repeats a header, or a
/// header of placeholder names (`| 项目 | 数据1 | … | 数据6 |`) — and cells of two lines pulled out of their rows: the
/// label printed as text above the row, the row holding only its values.
struct ConverterMarkdownWriter {
    var lineWidth: Int
    /// Lines of a page; a footer follows each.
    var pageLines: Int
    /// Labels longer than this are two-line cells.
    var twoLineLabel: Int
    /// Tables get placeholder headers (数据1…).
    var placeholderHeaders: Bool

    init(using rng: inout SplitMix64) {
        lineWidth = rng.int(in: 26...40)
        pageLines = rng.int(in: 18...40)
        twoLineLabel = rng.int(in: 12...24)
        placeholderHeaders = rng.chance(50)
    }

    func write(_ outline: ReportOutline, using rng: inout SplitMix64) -> String {
        var lines: [String] = []
        var page = 1
        var onPage = 0
        /// Adds a line, with a page footer when the page is full; says whether the page broke.
        @discardableResult
        func add(_ line: String) -> Bool {
            lines.append(line)
            onPage += 1
            guard onPage >= pageLines else { return false }
            lines.append("— \(page) —")
            page += 1
            onPage = 0
            return true
        }
        for block in outline.layout.blocks {
            switch block {
            case .title(let text):
                for line in ReportLayout.titleLines(text) { add(line) }
            case .heading(let text), .subheading(let text):
                add(text)
            case .paragraph(let text):
                for piece in ReportTextWriter.wrap(text, width: lineWidth) { add(piece) }
            case .table(let grid):
                add("")
                table(grid, add: add, using: &rng)
                add("")
            case .signature(let signature):
                for line in signature { add(line) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func table(_ grid: TableGrid, add: (String) -> Bool, using rng: inout SplitMix64) {
        let rows = grid.textRows
        let header = Array(rows.prefix(grid.headerRowCount))
        let width = grid.columnCount
        func pipe(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        func separator(_ count: Int) -> String { "|" + String(repeating: "---|", count: count) }
        /// A header row for a new piece of the table.
        func pieceHeader() -> [String] {
            if placeholderHeaders {
                let values = grid.cells.filter { $0.role == .value }.map(\.column)
                let count = Set(values).count
                let head = ["项目"] + (1...max(1, count)).map { "数据\($0)" }
                return [pipe(head), separator(head.count)]
            }
            guard let last = header.last else { return [] }
            let cells = last.filter { !$0.isEmpty }
            return cells.isEmpty ? [] : [pipe(cells), separator(cells.count)]
        }
        // Header rows as the converter leaves them: plain lines of the header text, then a pipe header.
        for row in header {
            let text = row.filter { !$0.isEmpty }.joined()
            if !text.isEmpty { _ = add(text) }
        }
        for line in pieceHeader() { _ = add(line) }
        var pieceStarted = true
        for row in grid.headerRowCount..<grid.rowCount {
            let cells = grid.cells(inRow: row)
            let labels = cells.filter { $0.role != .value }.map(\.text).filter { !$0.isEmpty }
            let values = cells.filter { $0.role == .value }.map(\.text)
            guard !values.isEmpty else {
                // A block header (「第二十条第（一）项」) or a column-label row of 表二.
                if add(labels.joined()) { pieceStarted = false }
                continue
            }
            if !pieceStarted {
                for line in pieceHeader() { _ = add(line) }
                pieceStarted = true
            }
            let label = labels.last ?? ""
            var broke = false
            if label.count > twoLineLabel {
                // A two-line cell pulled out of its row: the label above as text, the row holding only its values.
                _ = add("")
                for piece in ReportTextWriter.wrap(label, width: twoLineLabel) where add(piece) { broke = true }
                broke = add(pipe(labels.dropLast() + values)) || broke
            } else {
                let groups = labels.dropLast()
                // Group labels (「三、本年度办理结果」, 「（三）不予公开」) stay in the row now and then.
                let cells = (rng.chance(30) ? Array(groups) : []) + [label] + values
                broke = add(pipe(cells + (rng.chance(10) ? [""] : [])))
                if !groups.isEmpty, !cells.contains(groups.last ?? ""), rng.chance(50) {
                    broke = add(groups.joined()) || broke
                }
            }
            if broke { pieceStarted = false }
            if rng.chance(15) { _ = add(separator(width)) }
        }
    }
}
