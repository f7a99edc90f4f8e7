/// A field of the CSV files Gongkai writes (RFC 4180), safe to open in a spreadsheet.
public enum CSVText {
    /// The text as one field: in double quotes when it holds a comma, a quote or a line break; and, when it is text a
    /// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return), after a
    /// single quote, which spreadsheets take as "this is text". Numbers, negative ones too, are left as they are.
    public static func field(_ text: String) -> String {
        let formula = text.utf8.first.map(startsFormula) == true && !isNumber(text)
        guard formula || text.utf8.contains(where: needsQuotes) else { return text }
        var result = formula ? "'" : ""
        result.reserveCapacity(text.utf8.count + 3)
        for character in text {
            if character == "\"" { result += "\"" }
            result.append(character)
        }
        return text.utf8.contains(where: needsQuotes) ? "\"" + result + "\"" : result
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
    static func isNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
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
