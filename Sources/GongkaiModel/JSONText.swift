/// Text as a JSON string literal, for the JSON Gongkai writes (reports, exports, rows sent to a database).
public enum JSONText {
    /// The text in double quotes: `"` and `\` escaped, control characters (and U+2028, U+2029, which JavaScript
    /// does not allow in strings) as `\n`, `\r`, `\t` or `\u00XX`.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
