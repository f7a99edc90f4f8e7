import GongkaiModel

/// Figures a table cell too narrow for them wraps onto a second line (「47248」 printed as 「4724」 over 「8」): the
/// two pieces stand one right under the other, the line below touching the line above, aligned on the same left
/// edge, centre or right edge, the piece below no longer than the piece above. Each such pair becomes one word,
/// centred between its two lines, where the row's other cells stand.
///
/// Figures of two rows of a table that stand close one above the other each have their row's other figures beside
/// them; a wrapped figure's pieces do not both: at least one piece stands on a line with no other figure, or the
/// row's other figures stand on a line between the two pieces (a cell centred on its row).
enum PDFWrappedFigures {
    static func joined(_ words: [PDFWord]) -> [PDFWord] {
        let figures = words.indices.filter { isDigits(words[$0].text) }
        guard figures.count >= 2 else { return words }
        var result = words
        var removed = Set<Int>()
        for lower in figures {
            let below = words[lower]
            let uppers = figures.filter { $0 != lower && continues(below, after: words[$0]) }
            guard uppers.count == 1, let upper = uppers.first, !removed.contains(upper), !removed.contains(lower),
                result[upper] == words[upper]
            else { continue }
            let above = words[upper]
            let height = above.height
            let middle = (above.box.y0 + below.box.y1) / 2
            let alone =
                !hasNeighbour(upper, among: figures, in: words) || !hasNeighbour(lower, among: figures, in: words)
            let between = figures.contains { index in
                index != upper && index != lower && abs(words[index].centerY - middle) <= height * 0.25
            }
            guard alone || between else { continue }
            let box = SourceLocation.Box(
                x0: min(above.box.x0, below.box.x0),
                y0: middle - height / 2,
                x1: max(above.box.x1, below.box.x1),
                y1: middle + height / 2
            )
            result[upper] = PDFWord(text: above.text + below.text, box: box, flowLine: above.flowLine)
            removed.insert(lower)
        }
        guard !removed.isEmpty else { return words }
        return result.indices.filter { !removed.contains($0) }.map { result[$0] }
    }

    /// Whether `below` carries on the figure `above`: right under it, touching, aligned, and no longer.
    static func continues(_ below: PDFWord, after above: PDFWord) -> Bool {
        let lineHeight = above.height
        let gap = below.box.y0 - above.box.y1
        guard gap >= -lineHeight * 0.3, gap <= lineHeight * 0.2 else { return false }
        guard below.text.utf8.count <= above.text.utf8.count, below.width <= above.width + 0.5 else { return false }
        let tolerance = max(lineHeight * 0.15, 1)
        let centre = abs((below.box.x0 + below.box.x1) / 2 - (above.box.x0 + above.box.x1) / 2) <= tolerance
        let left = abs(below.box.x0 - above.box.x0) <= tolerance
        let right = abs(below.box.x1 - above.box.x1) <= tolerance
        return centre || left || right
    }

    /// Whether another figure stands on the same line as the figure at `index`.
    static func hasNeighbour(_ index: Int, among figures: [Int], in words: [PDFWord]) -> Bool {
        let word = words[index]
        let tolerance = word.height * 0.45
        return figures.contains { $0 != index && abs(words[$0].centerY - word.centerY) <= tolerance }
    }

    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
