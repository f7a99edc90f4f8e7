import GongkaiModel

/// The comparable form of a printed label: normalised (see `TextNormalizer`), with spaces, quotes and bracket styles
/// removed so that 「（一） 予以公开」, 「(一)予以公开」 and 「（一）予以公开」 compare equal.
enum LabelKey {
    static func make(_ text: some StringProtocol) -> String {
        ScalarText.map(text) { scalar in
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
    }

    /// Similarity of two keys in 0…1: twice the longest common subsequence over the total length.
    static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if x.isEmpty || y.isEmpty { return 0 }
        var previous = [Int](repeating: 0, count: y.count + 1)
        var current = previous
        for i in 1...x.count {
            for j in 1...y.count {
                current[j] = x[i - 1] == y[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return 2 * Double(previous[y.count]) / Double(x.count + y.count)
    }
}
