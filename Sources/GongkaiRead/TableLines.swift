import GongkaiExtract

/// The lines of a table region that belong to the table. A table cut by a page break carries on after the page's
/// number (「— 3 —」, 「- 3 -」, 「第 3 页」), which a converter leaves between its pieces; those lines are not cells, and
/// nor is a converter's numbered column-name header (``NumberedHeader``).
enum TableLines {
    /// `lines` without page-number lines, with figures wrapped onto the next line joined back (``WrappedFigures``),
    /// and without numbered column-name headers.
    static func content(_ lines: ArraySlice<ExtractedLine>) -> ArraySlice<ExtractedLine> {
        let pages = lines.contains(where: isPageNumber) ? ArraySlice(lines.filter { !isPageNumber($0) }) : lines
        return NumberedHeader.removed(from: WrappedFigures.joined(pages))
    }

    /// Dashes printed around a page number.
    static let dashes: Set<Unicode.Scalar> = ["-", "—", "–", "－", "―", "─", "‒"]

    /// A line that prints only a page number: between dashes (「— 3 —」), or as 「第3页」 / 「第3页共7页」.
    static func isPageNumber(_ line: ExtractedLine) -> Bool {
        guard line.layout == .spaced else { return false }
        let scalars = Array(LabelKey.make(line.text).unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 16 else { return false }
        var index = 0
        var leading = 0
        while index < scalars.count, dashes.contains(scalars[index]) {
            index += 1
            leading += 1
        }
        let digitStart = index
        while index < scalars.count, scalars[index].isASCIIDigitScalar { index += 1 }
        let digitCount = index - digitStart
        if leading > 0 {
            var trailing = 0
            while index < scalars.count, dashes.contains(scalars[index]) {
                index += 1
                trailing += 1
            }
            return digitCount > 0 && digitCount <= 4 && trailing > 0 && index == scalars.count
        }
        return isPageOf(scalars)
    }

    /// 「第3页」 or 「第3页共7页」.
    static func isPageOf(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        func number() -> Bool {
            let start = index
            while index < scalars.count, scalars[index].isASCIIDigitScalar { index += 1 }
            return index > start && index - start <= 4
        }
        func literal(_ scalar: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
            return true
        }
        guard literal("第"), number(), literal("页") else { return false }
        if index == scalars.count { return true }
        return literal("共") && number() && literal("页") && index == scalars.count
    }
}
