/// A field of the CSV files Gongkai writes (RFC 4180), safe to open in a spreadsheet.
public enum CSVText {
    /// The text as one field: in double quotes when it holds a comma, a quote or a line break; and, when it is text a
    /// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return), after a
    /// single quote, which spreadsheets take as "this is text". Numbers, negative ones too, are left as they are.
    public static func field(_ text: String) -> String {
        let formula = text.utf8.first.map(startsFormula) == true && !isNumber(text)
        guard formula || text.utf8.contains(where: needsQuotes) else { return text }
        var bytes = ByteBuffer(capacity: text.utf8.count + 3)
        appendField(text, to: &bytes)
        return bytes.text
    }

    /// Appends ``field(_:)``'s UTF-8 bytes; text that needs neither quotes nor a leading `'` is copied whole.
    /// `alwaysQuoted` puts any text other than the empty one in quotes, for a column of codes that are text though
    /// made of digits (readers that can take quoted fields as text then keep them so).
    public static func appendField(_ text: String, to output: inout ByteBuffer, alwaysQuoted: Bool = false) {
        var text = text
        text.withUTF8 { utf8 in
            let formula = utf8.first.map(startsFormula) == true && !isNumber(utf8)
            let quoted = (alwaysQuoted && !utf8.isEmpty) || utf8.contains(where: needsQuotes)
            if quoted { output.append(UInt8(ascii: "\"")) }
            if formula { output.append(UInt8(ascii: "'")) }
            if quoted {
                var start = 0
                for (index, byte) in utf8.enumerated() where byte == UInt8(ascii: "\"") {
                    // The quote is copied with the run before it, then once more.
                    output.append(UnsafeBufferPointer(rebasing: utf8[start...index]))
                    output.append(byte)
                    start = index + 1
                }
                output.append(UnsafeBufferPointer(rebasing: utf8[start...]))
                output.append(UInt8(ascii: "\""))
            } else {
                output.append(utf8)
            }
        }
    }

    static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// A plain number: an optional sign, digits, and at most one decimal point among them.
    static func isNumber(_ text: String) -> Bool { isNumber(text.utf8) }

    static func isNumber<Bytes: Collection<UInt8>>(_ text: Bytes) -> Bool {
        var bytes = text[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0
        var points = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                points += 1
            } else if byte >= 0x30 && byte <= 0x39 {
                digits += 1
            } else {
                return false
            }
        }
        return digits > 0 && points <= 1
    }
}
