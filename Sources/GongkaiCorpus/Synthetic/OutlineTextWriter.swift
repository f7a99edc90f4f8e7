import GongkaiWrite

/// An outline in one of the plain-text layouts of ``ReportTextWriter`` — for reports that writer has no tables for
/// (the old format before 2019): every grid row printed in that layout's way.
struct OutlineTextWriter {
    var layout: ReportTextWriter.Layout

    func write(_ outline: ReportOutline) -> String {
        var lines: [String] = []
        let gap = layout == .pipe ? [] : [""]
        for block in outline.layout.blocks {
            switch block {
            case .title(let text):
                lines += [(layout == .markdownTable ? "# " : "") + text] + gap
            case .heading(let text):
                lines += [(layout == .markdownTable ? "## " : "") + text] + gap
            case .subheading(let text):
                lines.append(text)
            case .paragraph(let text):
                lines += (layout == .wrapped ? ReportTextWriter.wrap(text, width: 36) : [text]) + gap
            case .table(let grid):
                lines += rows(grid) + gap
            case .signature(let signature):
                lines += signature
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func rows(_ grid: TableGrid) -> [String] {
        let rows = grid.textRows
        switch layout {
        case .tab:
            return rows.map { $0.joined(separator: "\t") }
        case .pipe:
            return rows.map { $0.filter { !$0.isEmpty }.joined(separator: " | ") + " |" }
        case .markdownTable:
            let separator = "|" + String(repeating: "---|", count: grid.columnCount)
            return rows.enumerated().flatMap { index, row in
                ["| " + row.joined(separator: " | ") + " |"] + (index == grid.headerRowCount - 1 ? [separator] : [])
            }
        case .wrapped:
            return rows.map { $0.filter { !$0.isEmpty }.joined(separator: " ") }
        case .flattened:
            return rows.map { $0.joined() }
        }
    }
}
