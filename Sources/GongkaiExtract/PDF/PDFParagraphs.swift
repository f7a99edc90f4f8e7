import GongkaiModel

/// Joins the printed lines of a paragraph that a PDF wraps at the right margin back into one line, as a text file
/// holds it. A line continues the one above when it starts at the left margin (a paragraph's first line is indented
/// two characters), follows at line spacing (or tops the next page), both are running text (no table-wide gaps
/// between words), it does not start with a heading's numeral, and the line above runs (nearly) to the right margin
/// — or, in a document that indents its paragraphs, is a line of running text of its own.
struct PDFParagraphs: Sendable {
    /// One line of the document: one or more printed rows, with the page of each.
    struct Line: Sendable {
        var rows: [(page: Int, row: PDFPageLayout.Row)]
        var isProse: Bool
    }

    typealias Placed = (page: Int, row: PDFPageLayout.Row)

    /// The body text's measures, from its long lines.
    struct Metrics {
        var character: Double
        var left: Double
        var right: Double
        var lineGap: Double?
        var indents: Bool
    }

    /// Width of a full Chinese character, for telling running text from table rows.
    let character: Double

    func lines(_ pages: [(page: Int, rows: [PDFPageLayout.Row])]) -> [Line] {
        let all = pages.flatMap { page in page.rows.map { (page: page.page, row: $0) } }
        let prose = all.map { isProse($0.row) }
        guard let metrics = metrics(all, prose: prose) else {
            return all.indices.map { Line(rows: [all[$0]], isProse: prose[$0]) }
        }
        var result: [Line] = []
        for index in all.indices {
            let current = all[index]
            if prose[index], let last = result.last, last.isProse, let previous = last.rows.last,
                continues(previous, current, metrics)
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

    /// Measures of the body text, or nil when there is too little running text to tell.
    func metrics(_ all: [Placed], prose: [Bool]) -> Metrics? {
        let long = all.indices.filter { prose[$0] && length(all[$0].row) >= 15 }
        guard long.count >= 2 else { return nil }
        let widths = long.compactMap { characterWidth(all[$0].row) }
        let body = widths.isEmpty ? character : percentile(widths, 0.5)
        let left = percentile(long.map { all[$0].row.words.first?.box.x0 ?? 0 }, 0.1)
        let right = percentile(long.map { all[$0].row.words.last?.box.x1 ?? 0 }, 0.9)
        var gaps: [Double] = []
        for (above, below) in zip(long, long.dropFirst())
        where below == above + 1 && all[above].page == all[below].page
            && (all[below].row.words.first?.box.x0 ?? 0) <= left + body * 0.6
        {
            gaps.append(all[below].row.top - all[above].row.bottom)
        }
        let indented = long.filter { index in
            let start = (all[index].row.words.first?.box.x0 ?? 0) - left
            return start >= body * 1.5 && start <= body * 2.6
        }
        return Metrics(
            character: body,
            left: left,
            right: right,
            lineGap: gaps.isEmpty ? nil : percentile(gaps, 0.5),
            indents: indented.count * 6 >= long.count
        )
    }

    private func continues(_ above: Placed, _ below: Placed, _ metrics: Metrics) -> Bool {
        guard let aboveStart = above.row.words.first?.box.x0, let aboveEnd = above.row.words.last?.box.x1,
            let belowStart = below.row.words.first?.box.x0
        else { return false }
        let character = metrics.character
        guard belowStart <= metrics.left + character * 0.6, !startsWithNumeral(below.row.text) else { return false }
        if below.page == above.page {
            let height = max(above.row.bottom - above.row.top, below.row.bottom - below.row.top)
            let gap = below.row.top - above.row.bottom
            guard gap <= height, gap <= (metrics.lineGap.map { $0 * 1.3 + 2 } ?? height * 0.8) else { return false }
        } else if below.page != above.page + 1 {
            return false
        }
        if aboveEnd >= metrics.right - character * 3.5 { return true }
        // A line ended early (a word that would not fit, a ragged right margin): in a document whose paragraphs are
        // indented, a line at the margin below a line of body text still continues it.
        let bodyStart =
            aboveStart <= metrics.left + character * 0.6
            || abs(aboveStart - metrics.left - 2 * character) <= character * 0.6
        return metrics.indents && bodyStart && length(above.row) >= 10
    }

    /// The width of a Chinese character on a row, from its words of Chinese text.
    private func characterWidth(_ row: PDFPageLayout.Row) -> Double? {
        var width = 0.0
        var count = 0
        for word in row.words where word.text.unicodeScalars.allSatisfy({ $0.value >= 0x3000 }) {
            width += word.width
            count += word.text.unicodeScalars.count
        }
        return count >= 4 ? width / Double(count) : nil
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
