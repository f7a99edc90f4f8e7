public import GongkaiModel

/// Markdown: the title and parts as headings, running text as paragraphs, and each table as a pipe table whose
/// merged cells print their text once, in their first grid position.
public enum ReportMarkdown {
    public static func render(_ report: AnnualReport) -> String {
        var lines: [String] = []
        for block in ReportLayout(report).blocks {
            switch block {
            case .title(let text): lines += ["# " + text, ""]
            case .heading(let text): lines += ["## " + text, ""]
            case .subheading(let text): lines += ["### " + text, ""]
            case .paragraph(let text): lines += [text, ""]
            case .table(let grid): lines += table(grid) + [""]
            case .signature(let signature): lines += signature.map { $0 + "  " } + [""]
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The grid as pipe rows, with the separator row after the header (the first row when the table has none).
    static func table(_ grid: TableGrid) -> [String] {
        var result: [String] = []
        // A pipe table has one header row; the template's other header rows follow it as body rows.
        let separatorAfter = 1
        for (index, row) in grid.textRows.enumerated() {
            result.append("| " + row.map(escape).joined(separator: " | ") + " |")
            if index == separatorAfter - 1 {
                result.append("|" + String(repeating: "---|", count: grid.columnCount))
            }
        }
        return result
    }

    static func escape(_ text: String) -> String {
        text.includes("|")
            ? text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") : text
    }
}
