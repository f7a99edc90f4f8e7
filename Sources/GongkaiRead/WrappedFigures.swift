import GongkaiExtract
import GongkaiModel

/// Figures that text converted from a laid-out page (`pdftotext -layout`) wraps inside a column too narrow for them:
/// the digits that do not fit carry on the next line, starting where the figure starts, on a line that prints
/// nothing else (「12071」 printed as 「1207」 over 「1」). Such a line is joined back onto the figures above it.
///
/// A line is taken as the rest of figures only when every word of it is digits standing at the first column of a
/// figure on the line just above (after the wrapped text of a label, see ``trailingDigits(_:below:)``), and each of those figures fills its column: it is as wide as the widest figure of
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
                !lastStarts.isEmpty, let digits = trailingDigits(line)
            {
                let targets = line.cells[digits].map { cell in
                    lastStarts[displayColumn(of: cell, in: line)].flatMap { $0.width == lastFull ? $0.index : nil }
                }
                let label = digits.lowerBound == 0 || continuesLabel(last, line, digits: digits)
                let splitRow = label && splitsRow(last, line, digits: digits, targets: targets, full: lastFull)
                let onlyRest =
                    label && targets.allSatisfy { $0 != nil }
                    && (digits.lowerBound == 0 || digits.count < lastStarts.count)
                if onlyRest || splitRow {
                    var joined = last
                    if splitRow {
                        // The figures printed whole on the lower line join the row in order of their columns.
                        let starts = last.cells.map { displayColumn(of: $0, in: last) }
                        var inserted = 0
                        for (cell, target) in zip(line.cells[digits], targets) where target == nil {
                            let column = displayColumn(of: cell, in: line)
                            let position = starts.firstIndex { $0 > column } ?? starts.count
                            joined.cells.insert(cell, at: position + inserted)
                            inserted += 1
                        }
                    }
                    for (cell, target) in zip(line.cells[digits], targets) {
                        guard let target else { continue }
                        let position = joined.cells.firstIndex { $0.location == last.cells[target].location } ?? target
                        joined.cells[position].text += cell.text
                    }
                    // The label's wrapped text joins the label, before the row's values.
                    if digits.lowerBound > 0 {
                        let values = joined.cells.firstIndex { isDigits($0.text) } ?? joined.cells.count
                        joined.cells.insert(contentsOf: line.cells[..<digits.lowerBound], at: values)
                    }
                    result[result.count - 1] = joined
                    changed = true
                    // Cells moved: no further line is taken as the rest of these figures.
                    if splitRow || digits.lowerBound > 0 {
                        lastStarts = [:]
                        lastFull = 0
                    }
                    continue
                }
            }
            result.append(line)
            lastStarts = [:]
            lastFull = 0
            guard line.layout == .spaced else { continue }
            // A figure that starts its line is no figure of a column: text wrapped at a width carries on there.
            for (index, cell) in line.cells.enumerated() where index > 0 && isDigits(cell.text) {
                let width = cell.text.utf8.count
                lastStarts[displayColumn(of: cell, in: line)] = (index, width)
                lastFull = max(lastFull, width)
            }
            if lastFull < 2 { lastStarts = [:] }
        }
        return changed ? ArraySlice(result) : lines
    }

    /// Whether a row's values stand on two lines: its label's first line prints only figures too wide for their
    /// columns (each as wide as the widest, and at least two digits), whose rest the line below prints at their
    /// columns among the row's other figures, after the rest of the label (which starts no row: no numeral).
    static func splitsRow(
        _ above: ExtractedLine,
        _ below: ExtractedLine,
        digits: Range<Int>,
        targets: [Int?],
        full: Int
    ) -> Bool {
        guard full >= 2, above.cells.first.map({ !isDigits($0.text) }) == true else { return false }
        let figures = above.cells.indices.filter { isDigits(above.cells[$0].text) }
        guard !figures.isEmpty, figures.allSatisfy({ above.cells[$0].text.utf8.count == full }),
            Set(targets.compactMap { $0 }) == Set(figures), targets.filter({ $0 != nil }).count == figures.count,
            targets.contains(nil)
        else { return false }
        // A figure printed whole must not stand inside one of the figures above.
        let spans = figures.map { index in
            let start = displayColumn(of: above.cells[index], in: above)
            return start..<(start + full)
        }
        for (cell, target) in zip(below.cells[digits], targets) where target == nil {
            let column = displayColumn(of: cell, in: below)
            if spans.contains(where: { $0.contains(column) }) { return false }
        }
        return true
    }

    /// Whether the text before a line's figures is the rest of the label on the line above, wrapped in its column:
    /// it starts where that label starts, and that label fills its column (it ends at most three columns before the
    /// first figure of the two lines) — a row's own label stands anywhere in a wider column.
    static func continuesLabel(_ above: ExtractedLine, _ below: ExtractedLine, digits: Range<Int>) -> Bool {
        guard let firstFigure = above.cells.firstIndex(where: { isDigits($0.text) }), firstFigure > 0 else {
            return false
        }
        let label = above.cells[firstFigure - 1]
        let labelStart = displayColumn(of: label, in: above)
        guard displayColumn(of: below.cells[0], in: below) == labelStart, !startsRow(below.cells[0].text) else {
            return false
        }
        let labelEnd = displayColumn(of: label.location.endColumn ?? 0, in: above)
        let figures =
            above.cells[firstFigure...].filter { isDigits($0.text) }.map { displayColumn(of: $0, in: above) }
            + below.cells[digits].map { displayColumn(of: $0, in: below) }
        guard let start = figures.min() else { return false }
        return start > labelEnd && start - labelEnd <= 3
    }

    /// Text that starts a row's label: a numeral (「1.」「（一）」「一、」).
    static func startsRow(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.prefix(2))
        guard let first = scalars.first else { return false }
        if first.isASCIIDigitScalar || first == "（" || first == "(" { return true }
        return scalars.count == 2 && scalars[1] == "、"
    }

    /// The cells of a line that may end wrapped figures: all its cells when all are digits, or the digits after a
    /// label's wrapped text (「出具已获取信息  1」), taken only when they are fewer than the figures of the line above
    /// (a row of its own prints a value in every column) or the row is split (``splitsRow``).
    static func trailingDigits(_ line: ExtractedLine) -> Range<Int>? {
        guard let first = line.cells.firstIndex(where: { isDigits($0.text) }) else { return nil }
        guard line.cells[first...].allSatisfy({ isDigits($0.text) }) else { return nil }
        return first..<line.cells.count
    }

    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(TableToken.isDigit)
    }

    /// The display column a cell starts at (a wide character takes two), counted in the line's raw text; the cell's
    /// own column when the raw text is not the line's whole source line.
    static func displayColumn(of cell: ExtractedCell, in line: ExtractedLine) -> Int {
        displayColumn(of: cell.location.column ?? 1, in: line)
    }

    /// The display column of the 1-based scalar column `column` of a line's raw text.
    static func displayColumn(of column: Int, in line: ExtractedLine) -> Int {
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
