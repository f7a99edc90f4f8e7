import GongkaiModel

/// Turns the words of a page into printed lines: words whose vertical centres agree form one line, read left to
/// right; a label printed one character per line down a table's stub column becomes one word, and so does a figure
/// wrapped in a narrow cell (``PDFWrappedFigures``); page numbers and running headers and footers are dropped.
struct PDFPageLayout: Sendable {
    /// One printed line of a page.
    struct Row: Sendable {
        var words: [PDFWord]
        var top: Double
        var bottom: Double
        var text: String { words.map(\.text).joined() }
    }

    /// The printed lines of every page, in order, with page furniture removed.
    static func rows(_ pages: [PDFPage]) -> [(page: Int, rows: [Row])] {
        let laidOut = pages.map { page in (page, rows(of: page)) }
        let furniture = repeatedFurniture(laidOut)
        var seen = Set<String>()
        return laidOut.map { page, rows in
            var kept = rows.filter { row in
                !isPageNumber(row, on: page) && !furniture.contains(furnitureKey(row, on: page) ?? "")
            }
            // A table's header rows repeated at the top of the page it continues on (Word's 「重复标题行」).
            let repeated = kept.prefix { seen.contains(TextNormalizer.normalize($0.text)) }.count
            for row in kept { seen.insert(TextNormalizer.normalize(row.text)) }
            if repeated >= 2 { kept.removeFirst(repeated) }
            return (page.number, kept)
        }
    }

    /// The lines of one page, top to bottom.
    static func rows(of page: PDFPage) -> [Row] {
        let (stacks, rest) = verticalStacks(page.words)
        var sorted = PDFWrappedFigures.joined(rest).sorted { ($0.centerY, $0.box.x0) < ($1.centerY, $1.box.x0) }
        var rows: [Row] = []
        var index = 0
        while index < sorted.count {
            let first = sorted[index]
            let tolerance = max(first.height, 4) * 0.45
            var end = index + 1
            while end < sorted.count, sorted[end].centerY - first.centerY <= tolerance { end += 1 }
            sorted[index..<end].sort { $0.box.x0 < $1.box.x0 }
            let words = Array(sorted[index..<end])
            rows.append(
                Row(
                    words: words,
                    top: words.map(\.box.y0).min() ?? first.box.y0,
                    bottom: words.map(\.box.y1).max() ?? first.box.y1
                )
            )
            index = end
        }
        // A vertical label stands on a line of its own, just before the first line it reaches.
        for stack in stacks {
            let row = Row(words: [stack], top: stack.box.y0, bottom: stack.box.y1)
            let position = rows.firstIndex { ($0.top + $0.bottom) / 2 >= stack.box.y0 } ?? rows.count
            rows.insert(row, at: position)
        }
        return rows
    }

    /// Runs of at least three short words (one or two characters) standing one under another at the same left edge:
    /// a label printed down a column (「三、本年度办理结果」). Each run becomes one word.
    static func verticalStacks(_ words: [PDFWord]) -> (stacks: [PDFWord], rest: [PDFWord]) {
        let short = words.indices.filter { index in
            let scalars = words[index].text.unicodeScalars
            return scalars.count <= 2 && scalars.contains { $0.value >= 0x3000 }
        }
        guard short.count >= 3 else { return ([], words) }
        let ordered = short.sorted { (words[$0].box.x0, words[$0].box.y0) < (words[$1].box.x0, words[$1].box.y0) }
        var used = Set<Int>()
        var stacks: [PDFWord] = []
        var start = 0
        while start < ordered.count {
            var run = [ordered[start]]
            var next = start + 1
            while next < ordered.count {
                let previous = words[run[run.count - 1]]
                let candidate = words[ordered[next]]
                let sameEdge = abs(candidate.box.x0 - previous.box.x0) <= 1.5
                let gap = candidate.box.y0 - previous.box.y1
                guard sameEdge else { break }
                if gap >= -1, gap <= max(previous.height, 6) * 2.5 {
                    run.append(ordered[next])
                } else {
                    break
                }
                next += 1
            }
            if run.count >= 3, run.allSatisfy({ standsAlone($0, in: words) }) {
                let members = run.map { words[$0] }
                let box = SourceLocation.Box(
                    x0: members.map(\.box.x0).min() ?? 0,
                    y0: members.map(\.box.y0).min() ?? 0,
                    x1: members.map(\.box.x1).max() ?? 0,
                    y1: members.map(\.box.y1).max() ?? 0
                )
                stacks.append(PDFWord(text: members.map(\.text).joined(), box: box, flowLine: members[0].flowLine))
                used.formUnion(run)
            }
            start = max(next, start + 1)
        }
        let rest = words.indices.filter { !used.contains($0) }.map { words[$0] }
        return (stacks, rest)
    }

    /// Whether no other word stands beside a word on its line within 0.3 of a character: a cell of its own, not a
    /// character of running text (「2023年」 printed in three lines one under another is no vertical label).
    private static func standsAlone(_ index: Int, in words: [PDFWord]) -> Bool {
        let word = words[index]
        let reach = max(min(word.width, word.height) * 0.3, 1.5)
        for (other, candidate) in words.enumerated() where other != index {
            guard candidate.centerY >= word.box.y0, candidate.centerY <= word.box.y1 else { continue }
            if candidate.box.x0 >= word.box.x1, candidate.box.x0 - word.box.x1 < reach { return false }
            if candidate.box.x1 <= word.box.x0, word.box.x0 - candidate.box.x1 < reach { return false }
        }
        return true
    }

    /// 「-3-」, 「— 3 —」, 「3」, 「第3页」, 「第3页 共5页」, 「3/5」 near the top or bottom edge of the page.
    static func isPageNumber(_ row: Row, on page: PDFPage) -> Bool {
        // A row of figures is never a page number: one to three words (「-」「3」「-」), at the very top or bottom.
        guard row.words.count <= 3, row.top >= page.height * 0.88 || row.bottom <= page.height * 0.08 else {
            return false
        }
        let scalars = Array(TextNormalizer.normalize(row.text).unicodeScalars.filter { $0 != " " })
        guard !scalars.isEmpty, scalars.count <= 14 else { return false }
        let dashes: Set<Unicode.Scalar> = ["-", "—", "–", "－", "−", "·"]
        var core = scalars[...]
        while let first = core.first, dashes.contains(first) { core = core.dropFirst() }
        while let last = core.last, dashes.contains(last) { core = core.dropLast() }
        let text = String(String.UnicodeScalarView(core))
        if !text.isEmpty, text.unicodeScalars.count <= 7,
            text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "/" })
        {
            return true
        }
        if text.hasPrefix("第"), text.contains("页"),
            text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || "第页共,，".unicodeScalars.contains($0) })
        {
            return true
        }
        return false
    }

    /// Texts that stand at the very top or bottom of at least half of the pages (three or more): running headers and
    /// footers.
    static func repeatedFurniture(_ pages: [(PDFPage, [Row])]) -> Set<String> {
        guard pages.count >= 3 else { return [] }
        var counts: [String: Int] = [:]
        for (page, rows) in pages {
            var seen = Set<String>()
            for row in rows {
                if let key = furnitureKey(row, on: page), seen.insert(key).inserted { counts[key, default: 0] += 1 }
            }
        }
        return Set(counts.filter { $0.value * 2 >= pages.count && $0.value >= 3 }.keys)
    }

    private static func furnitureKey(_ row: Row, on page: PDFPage) -> String? {
        guard row.top <= page.height * 0.07 || row.bottom >= page.height * 0.94 else { return nil }
        return TextNormalizer.normalize(row.text)
    }
}
