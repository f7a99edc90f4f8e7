import GongkaiModel

/// The source line a finding points at, with the cell underlined (from its column up to its end column, or one
/// character), cut around the place when the line is long (a crawled report may print its whole text on one line).
enum SourceExcerpt {
    /// Characters shown before and after the marked place at most.
    static let window = 40

    static func html(lines: [String], location: SourceLocation, numbered: Bool = true) -> HTML? {
        guard let line = location.line, line >= 1, line <= lines.count else { return nil }
        let scalars = Array(lines[line - 1].unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        let start = min(max(0, (location.column ?? 1) - 1), scalars.count)
        var end = min(max(start + 1, (location.endColumn ?? 0) - 1), scalars.count)
        if location.endLine.map({ $0 != line }) == true { end = min(start + 1, scalars.count) }
        let from = max(0, start - window)
        let to = min(scalars.count, end + window)
        func text(_ range: Range<Int>) -> String {
            var shown = String.UnicodeScalarView()
            for scalar in scalars[range] {
                if scalar == "\t" {
                    shown.append(contentsOf: "  ".unicodeScalars)
                } else {
                    shown.append(scalar)
                }
            }
            return String(shown)
        }
        let before = (from > 0 ? "…" : "") + text(from..<start)
        let after = text(end..<to) + (to < scalars.count ? "…" : "")
        let number: HTML = numbered ? "<span class=\"ln\">\(line)</span>" : ""
        return """
            <pre class="source">\(number)\(before)<mark>\(text(start..<end))</mark>\(after)</pre>
            """
    }
}
