/// Text put into XML or HTML markup (Word, Excel and web pages Gongkai writes).
public enum MarkupText {
    /// `&`, `<`, `>` and `"` as entities; control characters other than tab and line feed, which XML 1.0 does not
    /// allow, left out.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default:
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
