/// Label comparison for findings: spaces, quotes and bracket styles do not count as differences.
enum LabelText {
    static func key(_ text: some StringProtocol) -> String {
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\u{3000}", "\u{A0}", "\"", "“", "”", "「", "」": continue
            case "（": view.append("(")
            case "）": view.append(")")
            case "：": view.append(":")
            case "，": view.append(",")
            case "．": view.append(".")
            default:
                if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                    view.append(ascii)
                } else {
                    view.append(scalar)
                }
            }
        }
        return String(view)
    }
}
