public import GongkaiModel

/// Markdown: the title and parts as headings, running text as paragraphs, and each table as a pipe table whose
/// merged cells print their text once, in their first grid position. Text from the report is text in the Markdown
/// too: markup it holds (`<script>`, `[…](…)`) is escaped, never passed through.
public enum ReportMarkdown {
    public static func render(_ report: AnnualReport) -> String {
        var lines: [String] = []
        for block in ReportLayout(report).blocks {
            switch block {
            case .title(let text): lines += ["# " + escape(text), ""]
            case .heading(let text): lines += ["## " + escape(text), ""]
            case .subheading(let text): lines += ["### " + escape(text), ""]
            case .paragraph(let text): lines += [escape(text), ""]
            case .table(let grid): lines += table(grid) + [""]
            case .signature(let signature): lines += signature.map { escape($0) + "  " } + [""]
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
            result.append("| " + row.map(cell).joined(separator: " | ") + " |")
            if index == separatorAfter - 1 {
                result.append("|" + String(repeating: "---|", count: grid.columnCount))
            }
        }
        return result
    }

    /// Text as Markdown shows it literally: `&`, `<` and `>` as entities, so that no HTML in it is live; `\`, `[`
    /// and `]` with a backslash, so that it makes no link and escapes nothing after it. A web address in angle
    /// brackets (`<https://www.gov.cn/>`) stays a link.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: isSignificant) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "<":
                if let end = webAddressEnd(scalars, from: index) {
                    result.unicodeScalars.append(contentsOf: scalars[index...end])
                    index = end
                } else {
                    result += "&lt;"
                }
            case "&": result += "&amp;"
            case ">": result += "&gt;"
            case "\\", "[", "]":
                result += "\\"
                result.unicodeScalars.append(scalar)
            default: result.unicodeScalars.append(scalar)
            }
            index += 1
        }
        return result
    }

    /// The index of the `>` closing an `http` or `https` address in angle brackets that starts at `start`.
    static func webAddressEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let rest = scalars[(start + 1)...]
        guard rest.starts(with: "http://".unicodeScalars) || rest.starts(with: "https://".unicodeScalars) else {
            return nil
        }
        for index in rest.indices {
            let scalar = scalars[index]
            if scalar == ">" { return index }
            if scalar.value <= 0x20 || scalar.value == 0x7F || "<\"'`\\".unicodeScalars.contains(scalar) { return nil }
        }
        return nil
    }

    /// A table cell: escaped as text, with its pipes escaped and its line breaks as spaces, so that it stays one cell.
    static func cell(_ text: String) -> String {
        var result = ""
        for character in escape(text) {
            switch character {
            case "|": result += "\\|"
            case "\n", "\r", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    static func isSignificant(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "["),
            UInt8(ascii: "]"):
            true
        default: false
        }
    }
}
