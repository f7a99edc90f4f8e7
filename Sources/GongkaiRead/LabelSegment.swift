import GongkaiModel

/// A piece of label text that starts at a row marker (「一、」「（二）」「3.」), or unmarked text before the first one.
struct LabelSegment: Equatable {
    var marker: RowMarker?
    /// The key of the text after the marker.
    var name: String
    /// The length of `name` in scalars.
    var nameLength: Int
    /// The length in scalars of the whole segment, marker included.
    var length: Int

    /// Splits the scalars of a label key at every row marker they contain.
    static func split(_ scalars: [Unicode.Scalar]) -> [LabelSegment] {
        var segments: [LabelSegment] = []
        var segmentStart = 0
        var marker: (kind: RowMarker, length: Int)?
        func finish(at end: Int) {
            let nameStart = segmentStart + (marker?.length ?? 0)
            segments.append(
                LabelSegment(
                    marker: marker?.kind,
                    name: ScalarText.string(scalars[nameStart..<end]),
                    nameLength: end - nameStart,
                    length: end - segmentStart
                )
            )
        }
        var index = 0
        while index < scalars.count {
            guard let (found, length) = markerAt(scalars, index) else {
                index += 1
                continue
            }
            // Text before the first marker is a segment without one.
            if index > 0 { finish(at: index) }
            segmentStart = index
            marker = (found, length)
            index += length
        }
        if !scalars.isEmpty { finish(at: scalars.count) }
        return segments
    }

    /// The row marker starting at `index`, with its length in scalars.
    static func markerAt(_ scalars: [Unicode.Scalar], _ index: Int) -> (RowMarker, Int)? {
        let scalar = scalars[index]
        if scalar == "(" {
            var end = index + 1
            while end < scalars.count, isChineseDigit(scalars[end]) { end += 1 }
            guard end > index + 1, end < scalars.count, scalars[end] == ")",
                let value = chineseValue(scalars[(index + 1)..<end])
            else { return nil }
            return (.parenthesized(value), end + 1 - index)
        }
        if isChineseDigit(scalar) {
            if index > 0, isChineseDigit(scalars[index - 1]) || scalars[index - 1] == "第" { return nil }
            var end = index
            while end < scalars.count, isChineseDigit(scalars[end]) { end += 1 }
            guard end < scalars.count, scalars[end] == "、" || scalars[end] == ".",
                let value = chineseValue(scalars[index..<end])
            else { return nil }
            return (.numeral(value), end + 1 - index)
        }
        if scalar.isASCIIDigitScalar {
            if index > 0, scalars[index - 1].isASCIIDigitScalar { return nil }
            var end = index
            while end < scalars.count, scalars[end].isASCIIDigitScalar { end += 1 }
            guard end - index <= 2, end < scalars.count,
                scalars[end] == "." || scalars[end] == "、" || scalars[end] == ",",
                end + 1 < scalars.count, !scalars[end + 1].isASCIIDigitScalar
            else { return nil }
            let value = scalars[index..<end].reduce(0) { $0 * 10 + Int($1.value - 0x30) }
            return (.item(value), end + 1 - index)
        }
        return nil
    }

    static func isChineseDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": true
        default: false
        }
    }

    static func chineseValue(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        ChineseNumeral.value(scalars: scalars)
    }
}
