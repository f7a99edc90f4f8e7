/// Text from a report, a file name or the database, made harmless on a terminal: control characters are shown as
/// their Unicode pictures (ESC as ␛, BEL as ␇), C1 controls and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) as U+FFFD, so that no report can move the cursor, ring the bell, retitle the window
/// or reorder what is shown.
public enum TerminalText {
    /// One line of text: every control character shown, line breaks and tabs too.
    public static func line(_ text: String) -> String { shown(text, keepingLineBreaks: false) }

    /// Text of several lines: line feeds and tabs kept, every other control character shown.
    public static func text(_ text: String) -> String { shown(text, keepingLineBreaks: true) }

    static func shown(_ text: String, keepingLineBreaks: Bool) -> String {
        guard text.unicodeScalars.contains(where: { picture(of: $0, keepingLineBreaks: keepingLineBreaks) != nil })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            result.unicodeScalars.append(picture(of: scalar, keepingLineBreaks: keepingLineBreaks) ?? scalar)
        }
        return result
    }

    /// What a scalar is shown as, or nil when it is shown as itself.
    static func picture(of scalar: Unicode.Scalar, keepingLineBreaks: Bool) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x0A, 0x09:
            return keepingLineBreaks ? nil : Unicode.Scalar(0x2400 + scalar.value)
        case 0x00..<0x20:
            return Unicode.Scalar(0x2400 + scalar.value)
        case 0x7F:
            return "\u{2421}"
        case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
            return "\u{FFFD}"
        default:
            return nil
        }
    }
}
