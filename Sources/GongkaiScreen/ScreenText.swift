/// The text being screened as Unicode scalars — full-width digits, letters and signs folded to ASCII — with each
/// scalar's UTF-8 offset in the original text and where every line starts.
struct ScreenText {
    let utf8: [UInt8]
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var offsets: [Int] = []
    private(set) var lineStarts: [Int] = [0]

    init(_ text: String) {
        utf8 = Array(text.utf8)
        scalars.reserveCapacity(utf8.count / 2)
        offsets.reserveCapacity(utf8.count / 2 + 1)
        var offset = 0
        for scalar in text.unicodeScalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
            scalars.append(Self.fold(scalar))
            if scalar == "\n" { lineStarts.append(scalars.count) }
        }
        offsets.append(offset)
    }

    var count: Int { scalars.count }

    subscript(index: Int) -> Unicode.Scalar { scalars[index] }

    /// Full-width ASCII (０–９, Ａ–Ｚ, ＠, －, ＊) as ASCII, the ideographic space as a space, the other dashes as `-`.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        case 0x3000, 0x00A0: " "
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212: "-"
        default: scalar
        }
    }

    func isDigit(_ index: Int) -> Bool {
        index >= 0 && index < count && scalars[index].value >= 0x30 && scalars[index].value <= 0x39
    }

    func isLetter(_ index: Int) -> Bool {
        guard index >= 0, index < count else { return false }
        let value = scalars[index].value
        return (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
    }

    /// Letters, digits and the marks a masked number is written with (`*`, `×`).
    func isTokenCharacter(_ index: Int) -> Bool {
        guard index >= 0, index < count else { return false }
        return isDigit(index) || isLetter(index) || Self.isMask(scalars[index])
    }

    static func isMask(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "*" || scalar == "×" || scalar == "✱" || scalar == "●" || scalar == "■"
    }

    /// A Chinese character (CJK Unified Ideographs and Extension A).
    func isHan(_ index: Int) -> Bool {
        guard index >= 0, index < count else { return false }
        return Self.isHan(scalars[index])
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
            || scalar == "〇"
    }

    /// The scalars from `start` up to `end` as a string (folded).
    func string(_ start: Int, _ end: Int) -> String {
        let range = max(0, start)..<max(max(0, start), min(end, count))
        return String(unsafeUninitializedCapacity: range.count * 4) { buffer in
            var length = 0
            for index in range {
                UTF8.encode(scalars[index]) { byte in
                    buffer[length] = byte
                    length += 1
                }
            }
            return length
        }
    }

    /// The original text of the scalars from `start` up to `end`.
    func original(_ start: Int, _ end: Int) -> String {
        String(decoding: utf8[offsets[start]..<offsets[end]], as: UTF8.self)
    }

    /// Whether the scalars at `index` spell `word`.
    func matches(_ word: [Unicode.Scalar], at index: Int) -> Bool {
        guard index >= 0, index + word.count <= count else { return false }
        for (offset, scalar) in word.enumerated() where scalars[index + offset] != scalar { return false }
        return true
    }

    /// The index of the first scalar of the line holding `index`.
    func lineStart(of index: Int) -> Int {
        lineStarts[lineIndex(of: index)]
    }

    /// The index of the line holding `index` in `lineStarts`.
    func lineIndex(of index: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The 1-based line and column (in characters) of `index`.
    func position(of index: Int) -> (line: Int, column: Int) {
        let line = lineIndex(of: index)
        return (line + 1, index - lineStarts[line] + 1)
    }
}
