import GongkaiModel

/// Label comparison for findings: spaces, quotes and bracket styles do not count as differences.
enum LabelText {
    static func key(_ text: some StringProtocol) -> String {
        ScalarText.map(text) { scalar in
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
