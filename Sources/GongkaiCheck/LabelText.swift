import GongkaiModel

/// Label comparison for findings: spaces, quotes and bracket styles do not count as differences.
enum LabelText: ScalarMapping {
    static func key(_ text: some StringProtocol) -> String {
        ScalarText.map(text, LabelText.self)
    }

    @inline(__always)
    static func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
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
