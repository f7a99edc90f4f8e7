import GongkaiModel

/// The comparable form of a printed label: normalised (see `TextNormalizer`), with spaces, quotes and bracket styles
/// removed so that 「（一） 予以公开」, 「(一)予以公开」 and 「（一）予以公开」 compare equal.
enum LabelKey: ScalarMapping {
    static func make(_ text: some StringProtocol) -> String {
        ScalarText.map(text, LabelKey.self)
    }

    /// Appends the scalars of `make(text)` to `scalars`.
    static func appendScalars(of text: String, to scalars: inout [Unicode.Scalar]) {
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let (scalar, length) = ScalarText.decode(bytes, at: index)
                if let mapped = transform(scalar) { scalars.append(mapped) }
                index &+= length
            }
        }
    }

    /// The length in scalars of `make(text)`, counted without making the key.
    static func length(_ text: some StringProtocol) -> Int {
        var count = 0
        for scalar in text.unicodeScalars where transform(scalar) != nil { count += 1 }
        return count
    }

    static func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar? { transform(scalar) }

    /// What a scalar becomes in a key; nil for one left out.
    @inline(__always)
    static func transform(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case " ", "\t", "\u{3000}", "\u{A0}", "\u{200B}", "\u{FEFF}", "\"", "'", "“", "”", "‘", "’", "「", "」", "*":
            return nil
        case "（", "【", "〔", "[", "［": return "("
        case "）", "】", "〕", "]", "］": return ")"
        case "：": return ":"
        case "，": return ","
        case "．", "。": return "."
        case "；": return ";"
        default:
            let value = scalar.value
            if (0xFF01...0xFF5E).contains(value), let ascii = Unicode.Scalar(value - 0xFEE0) { return ascii }
            return scalar
        }
    }

    /// Similarity of two keys in 0…1: twice the longest common subsequence over the total length.
    static func similarity(_ a: String, _ b: String) -> Double {
        let x = a.unicodeScalars.map(\.value)
        let y = b.unicodeScalars.map(\.value)
        if x.isEmpty || y.isEmpty { return 0 }
        let width = y.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { buffer in
            buffer.initialize(repeating: 0)
            var previous = 0
            var current = width
            for i in 0..<x.count {
                for j in 1...y.count {
                    buffer[current + j] =
                        x[i] == y[j - 1]
                        ? buffer[previous + j - 1] + 1 : max(buffer[previous + j], buffer[current + j - 1])
                }
                swap(&previous, &current)
            }
            return 2 * Double(buffer[previous + y.count]) / Double(x.count + y.count)
        }
    }

    /// The most `similarity` can be for keys of these lengths.
    static func similarityBound(_ a: Int, _ b: Int) -> Double {
        a + b == 0 ? 0 : 2 * Double(min(a, b)) / Double(a + b)
    }
}
