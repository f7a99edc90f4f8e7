import GongkaiModel

/// Label comparison for findings: spaces, quotes and bracket styles do not count as differences.
enum LabelText {
    static func key(_ text: some StringProtocol) -> String {
        ScalarText.map(text) { scalar in
            // ASCII and the CJK ideographs first: nearly every scalar, tested without the list below.
            let value = scalar.value
            if value < 0x80 { return value == 0x20 || value == 0x09 || value == 0x22 ? nil : scalar }
            if (0x4E00...0x9FFF).contains(value) { return scalar }
            switch scalar {
            case " ", "\t", "\u{3000}", "\u{A0}", "\"", "“", "”", "「", "」": return nil
            case "（": return "("
            case "）": return ")"
            case "：": return ":"
            case "，": return ","
            case "．": return "."
            default:
                if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                    return ascii
                }
                return scalar
            }
        }
    }
}
