import GongkaiModel

/// Joins the printed lines of a paragraph that a PDF wraps at the right margin back into one line, as a text file
/// holds it. A line continues the one above when that one runs (nearly) to the right margin, this one starts at the left
/// margin (a new paragraph is indented two characters), it follows at line spacing (or tops the next page), both
/// are running text (no table-wide gaps between words), and it does not start with a heading's numeral.
struct PDFParagraphs: Sendable {
    /// One line of the document: one or more printed rows, with the page of each.
    struct Line: Sendable {
        var rows: [(page: Int, row: PDFPageLayout.Row)]
        var isProse: Bool
    }

    /// Width of a full Chinese character in the body text.
    let character: Double

    func lines(_ pages: [(page: Int, rows: [PDFPageLayout.Row])]) -> [Line] {
        let all = pages.flatMap { page in page.rows.map { (page: page.page, row: $0) } }
        let prose = all.map { isProse($0.row) }
        let proseRows = all.indices.filter { prose[$0] && all[$0].row.words.count > 0 }.map { all[$0].row }
        guard proseRows.count >= 3 else {
            return all.indices.map { Line(rows: [all[$0]], isProse: prose[$0]) }
        }
        let right = percentile(proseRows.map { $0.words.last?.box.x1 ?? 0 }, 0.9)
        let left = percentile(proseRows.map { $0.words.first?.box.x0 ?? 0 }, 0.1)
        // The usual gap between the lines of a paragraph, from long lines (running text, not table cells) where a full
        // line has a line at the margin below it; a wider gap (paragraph spacing) ends a paragraph.
        var gaps: [Double] = []
        for (above, below) in zip(all.indices, all.indices.dropFirst())
        where prose[above] && prose[below] && all[above].page == all[below].page
            && length(all[above].row) >= 15 && length(all[below].row) >= 15
            && (all[above].row.words.last?.box.x1 ?? 0) >= right - character * 3
            && (all[below].row.words.first?.box.x0 ?? 0) <= left + character * 0.6
        {
            gaps.append(all[below].row.top - all[above].row.bottom)
        }
        let lineGap = gaps.isEmpty ? nil : percentile(gaps, 0.5)
        var result: [Line] = []
        for index in all.indices {
            let current = all[index]
            if prose[index], let last = result.last, last.isProse, let previous = last.rows.last,
                continues(previous, current, right: right, left: left, lineGap: lineGap)
            {
                result[result.count - 1].rows.append(current)
            } else {
                result.append(Line(rows: [current], isProse: prose[index]))
            }
        }
        return result
    }

    /// Running text: no gap between words wider than a character and a half.
    func isProse(_ row: PDFPageLayout.Row) -> Bool {
        guard !row.words.isEmpty else { return false }
        for (before, after) in zip(row.words, row.words.dropFirst())
        where after.box.x0 - before.box.x1 > character * 1.5 {
            return false
        }
        return true
    }

    private func continues(
        _ above: (page: Int, row: PDFPageLayout.Row),
        _ below: (page: Int, row: PDFPageLayout.Row),
        right: Double,
        left: Double,
        lineGap: Double?
    ) -> Bool {
        guard let aboveEnd = above.row.words.last?.box.x1, let belowStart = below.row.words.first?.box.x0 else {
            return false
        }
        guard aboveEnd >= right - character * 3, belowStart <= left + character * 0.6 else { return false }
        if below.page == above.page {
            let height = max(above.row.bottom - above.row.top, below.row.bottom - below.row.top)
            let gap = below.row.top - above.row.bottom
            guard gap <= height, gap <= (lineGap.map { $0 * 1.3 + 2 } ?? height * 0.8) else { return false }
        } else if below.page != above.page + 1 {
            return false
        }
        return !startsWithNumeral(below.row.text)
    }

    private func length(_ row: PDFPageLayout.Row) -> Int {
        row.words.reduce(0) { $0 + $1.text.unicodeScalars.count }
    }

    /// 「二、」, 「（三）」, 「(三)」, 「第三部分」: the start of a heading or a numbered item, never a continuation.
    func startsWithNumeral(_ text: String) -> Bool {
        let numerals: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        let scalars = Array(text.unicodeScalars.prefix(6))
        guard let first = scalars.first else { return false }
        if first == "（" || first == "(" {
            return scalars.count > 1 && (numerals.contains(scalars[1]) || ("0"..."9").contains(scalars[1]))
        }
        if first == "第", scalars.count > 1, numerals.contains(scalars[1]) { return true }
        var index = 0
        while index < scalars.count, numerals.contains(scalars[index]) || ("0"..."9").contains(scalars[index]) {
            index += 1
        }
        return index > 0 && index < scalars.count && ["、", ".", "．"].contains(scalars[index])
    }

    private func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
    }
}
