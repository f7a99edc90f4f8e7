/// Text as a JSON string literal, for the JSON Gongkai writes (reports, exports, rows sent to a database).
public enum JSONText {
    /// The text in double quotes: `"` and `\` escaped, control characters (and U+2028, U+2029, which JavaScript
    /// does not allow in strings) as `\n`, `\r`, `\t` or `\u00XX`.
    public static func quoted(_ text: String) -> String {
        var bytes = ByteBuffer(capacity: text.utf8.count + 2)
        appendQuoted(text, to: &bytes)
        return bytes.text
    }

    /// Appends ``quoted(_:)``'s UTF-8 bytes: runs that need no escape are copied whole.
    public static func appendQuoted(_ text: String, to output: inout ByteBuffer) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { appendEscaped($0, to: &output) }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to output: inout ByteBuffer) {
        var start = 0
        var index = 0
        while index < utf8.count {
            // Eight bytes at a time while none of them can need an escape (most text, Chinese included).
            if index + 8 <= utf8.count, let base = utf8.baseAddress,
                !mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
                continue
            }
            let byte = utf8[index]
            var length = 1
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; any other byte from 0x20 up is copied as it is.
                guard byte == 0xE2, index + 2 < utf8.count, utf8[index + 1] == 0x80,
                    utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9
                else {
                    index += 1
                    continue
                }
                length = 3
            }
            output.append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
            switch byte {
            case UInt8(ascii: "\""): output.append("\\\"")
            case UInt8(ascii: "\\"): output.append("\\\\")
            case UInt8(ascii: "\n"): output.append("\\n")
            case UInt8(ascii: "\r"): output.append("\\r")
            case UInt8(ascii: "\t"): output.append("\\t")
            case 0xE2: output.append(utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
            default:
                output.append("\\u00")
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            }
            index += length
            start = index
        }
        output.append(UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
    }

    /// Whether any of eight bytes is below 0x20, `"`, `\` or 0xE2 (the lead byte of U+2028 and U+2029, and of other
    /// characters, which are then looked at one by one). The usual bit tricks: a byte's high bit is set in the
    /// result when it is zero after subtracting or xor-ing, and never when no byte is.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below20 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
            || hasZero(word ^ (ones &* 0xE2))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
