import GongkaiExtract
import GongkaiModel

/// Figures that text converted from a laid-out page (`pdftotext -layout`) wraps inside a column too narrow for them:
/// the digits that do not fit carry on the next line, starting where the figure starts, on a line that prints
/// nothing else (「12071」 printed as 「1207」 over 「1」). Such a line is joined back onto the figures above it.
///
/// A line is taken as the rest of figures only when every word of it is digits standing at the first column of a
/// figure on the line just above, and each of those figures fills its column: it is as wide as the widest figure of
/// its line, and at least two digits wide (a column of one-digit cells wraps nothing). A line of values that stands
/// anywhere else is left as it is.
enum WrappedFigures {
    /// `lines` with the rest of each wrapped figure joined onto the figure, and the lines that held it removed.
    static func joined(_ lines: ArraySlice<ExtractedLine>) -> ArraySlice<ExtractedLine> {
        guard lines.count >= 2 else { return lines }
        var result: [ExtractedLine] = []
        result.reserveCapacity(lines.count)
        // For the last line kept: each digit cell's display column → its printed width before any join.
        var lastStarts: [Int: (index: Int, width: Int)] = [:]
        var lastFull = 0
        var changed = false
        for line in lines {
            if let last = result.last, line.layout == .spaced, last.layout == .spaced, line.number == last.number + 1,
                !lastStarts.isEmpty, !line.cells.isEmpty, line.cells.allSatisfy({ isDigits($0.text) })
            {
                let targets = line.cells.map { cell in
                    lastStarts[displayColumn(of: cell, in: line)].flatMap { $0.width == lastFull ? $0.index : nil }
                }
                if targets.allSatisfy({ $0 != nil }) {
                    var joined = last
                    for (cell, target) in zip(line.cells, targets) {
                        guard let target else { continue }
                        joined.cells[target].text += cell.text
                    }
                    result[result.count - 1] = joined
                    changed = true
                    continue
                }
            }
            result.append(line)
            lastStarts = [:]
            lastFull = 0
            guard line.layout == .spaced else { continue }
            for (index, cell) in line.cells.enumerated() where isDigits(cell.text) {
                let width = cell.text.utf8.count
                lastStarts[displayColumn(of: cell, in: line)] = (index, width)
                lastFull = max(lastFull, width)
            }
            if lastFull < 2 { lastStarts = [:] }
        }
        return changed ? ArraySlice(result) : lines
    }

    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(TableToken.isDigit)
    }

    /// The display column a cell starts at (a wide character takes two), counted in the line's raw text; the cell's
    /// own column when the raw text is not the line's whole source line.
    static func displayColumn(of cell: ExtractedCell, in line: ExtractedLine) -> Int {
        guard let column = cell.location.column else { return 0 }
        var width = 0
        var count = 0
        for scalar in line.raw.unicodeScalars {
            if count == column - 1 { return width }
            width += isWide(scalar) ? 2 : 1
            count += 1
        }
        return count == column - 1 ? width : column
    }

    /// A character a fixed-width layout prints two columns wide: CJK ideographs, punctuation and full-width forms.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value >= 0x1100 && value <= 0x115F) || (value >= 0x2E80 && value <= 0xA4CF)
            || (value >= 0xAC00 && value <= 0xD7A3) || (value >= 0xF900 && value <= 0xFAFF)
            || (value >= 0xFE30 && value <= 0xFE4F) || (value >= 0xFF00 && value <= 0xFF60)
            || (value >= 0xFFE0 && value <= 0xFFE6) || value >= 0x20000
    }
}
