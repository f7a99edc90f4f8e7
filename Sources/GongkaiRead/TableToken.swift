import Foundation
import GongkaiExtract
import GongkaiModel

/// One piece of a table region: label text, a printed value, or a run of digits that may hold several values.
struct TableToken {
    enum Kind: Equatable {
        /// Label or header text.
        case text
        /// One printed value: a number (possibly signed or with decimals) or a placeholder such as 「/」.
        case value
        /// Digits that may be several cells run together: glued to a label (`行政许可28`) or to each other.
        case digits
    }

    var kind: Kind
    /// The normalised text of the token (digits without thousands separators for values).
    var text: String
    var location: SourceLocation
    /// The line the token came from.
    var line: Int

    /// Splits the cells of region lines into tokens. In a table's grid (HTML, Word), a cell printed empty in a
    /// column where the table prints values, on a row that prints values, is a value too, an empty one; in text, and
    /// in a grid's label columns and header rows, empty cells are only gaps.
    static func tokens(_ lines: ArraySlice<ExtractedLine>) -> [TableToken] {
        var valueColumns = Set<Int>()
        for line in lines where line.layout == .delimited {
            for cell in line.cells where !cell.text.isEmpty && cell.location.table != nil {
                if let column = cell.location.cell, isValue(cell) {
                    valueColumns.insert(column)
                }
            }
        }
        var tokens: [TableToken] = []
        // A cell makes one token, or two when digits are glued to its label.
        tokens.reserveCapacity(lines.reduce(0) { $0 + $1.cells.count } + 16)
        for line in lines where line.layout == .delimited || line.layout == .spaced {
            if line.text.includes("。") { continue }
            let printsValues = line.cells.contains { !$0.text.isEmpty && isValue($0) }
            for cell in line.cells {
                if cell.text.isEmpty {
                    if printsValues, let column = cell.location.cell, valueColumns.contains(column) {
                        tokens.append(TableToken(kind: .value, text: "", location: cell.location, line: line.number))
                    }
                    continue
                }
                append(cell, line: line.number, to: &tokens)
            }
        }
        return tokens
    }

    /// Whether a cell prints a value: a number, a placeholder, or writing that could not be read.
    static func isValue(_ cell: ExtractedCell) -> Bool {
        numericText(cell.text) != nil || isPlaceholder(cell.text) || cell.isUnreadable
    }

    static func append(_ cell: ExtractedCell, line: Int, to tokens: inout [TableToken]) {
        let text = cell.text
        if let number = numericText(text) {
            let isRun =
                number.utf8.count > 1 && number.utf8.first == UInt8(ascii: "0") && number.utf8.allSatisfy(isDigit)
            tokens.append(TableToken(kind: isRun ? .digits : .value, text: number, location: cell.location, line: line))
            return
        }
        // A placeholder, or a scanned value the recogniser could not make out (its value is unknown).
        if isPlaceholder(text) || cell.isUnreadable {
            tokens.append(TableToken(kind: .value, text: text, location: cell.location, line: line))
            return
        }
        // Only a cell ending in a digit can be a label with digits glued to its end.
        guard let lastByte = text.utf8.last, isDigit(lastByte) else {
            tokens.append(TableToken(kind: .text, text: text, location: cell.location, line: line))
            return
        }
        // A label with digits glued to its end: 「行政规范性文件124130」, or a 万元 amount: 「行政事业性收费1.25」,
        // 「政府集中采购0869.6」 (a count and an amount).
        let scalars = Array(text.unicodeScalars)
        var digitStart = scalars.count
        while digitStart > 0, scalars[digitStart - 1].isASCIIDigitScalar { digitStart -= 1 }
        if digitStart < scalars.count, digitStart > 1, scalars[digitStart - 1] == ".",
            scalars[digitStart - 2].isASCIIDigitScalar
        {
            // Take the digits before the point as well.
            var integerStart = digitStart - 1
            while integerStart > 0, scalars[integerStart - 1].isASCIIDigitScalar { integerStart -= 1 }
            if integerStart > 0, !isNumberPunctuation(scalars[integerStart - 1]) { digitStart = integerStart }
        }
        if digitStart < scalars.count, digitStart > 0, !isNumberPunctuation(scalars[digitStart - 1]) {
            let label = ScalarText.string(scalars[..<digitStart])
            let digits = ScalarText.string(scalars[digitStart...])
            let column = cell.location.column ?? 1
            let split = column + digitStart
            var labelLocation = cell.location
            labelLocation.endColumn = split
            var digitLocation = cell.location
            digitLocation.column = split
            tokens.append(TableToken(kind: .text, text: label, location: labelLocation, line: line))
            tokens.append(TableToken(kind: .digits, text: digits, location: digitLocation, line: line))
            return
        }
        tokens.append(TableToken(kind: .text, text: text, location: cell.location, line: line))
    }

    /// The number a cell prints, with thousands separators removed; nil when the cell is not a number.
    static func numericText(_ text: String) -> String? {
        let bytes = text.utf8
        guard let firstByte = bytes.first, let lastByte = bytes.last, isDigit(lastByte) else { return nil }
        // Most cells are plain digits: the number is the text itself.
        if bytes.allSatisfy(isDigit) { return text }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var body = bytes[...]
        if firstByte == UInt8(ascii: "+") || firstByte == UInt8(ascii: "-") {
            result.append(firstByte)
            body = body.dropFirst()
        }
        guard let first = body.first, isDigit(first) else { return nil }
        var seenPoint = false
        var previous: UInt8 = 0
        for byte in body {
            if isDigit(byte) {
                result.append(byte)
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
                result.append(byte)
            } else if byte == UInt8(ascii: ",") && isDigit(previous) {
                continue
            } else {
                return nil
            }
            previous = byte
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The token as the report prints it: nothing for writing that could not be read.
    var printed: String { text == ExtractedCell.unreadableText ? "" : text }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Cells that stand for an empty value: 「/」, 「-」, 「—」, 「无」, 「空」.
    static let placeholders = ["/", "\\", "-", "—", "——", "–", "－", "―", "─", "--", "无", "空", "×", "x", "X", "*"]

    static func isPlaceholder(_ text: String) -> Bool {
        // No placeholder starts with a digit, and most cells tried do.
        guard let first = text.utf8.first, !isDigit(first), text.utf8.count <= 6 else { return false }
        return placeholders.contains { $0.isSame(as: text) }
    }

    static func isNumberPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "," || scalar == "+" || scalar == "-" || scalar.isASCIIDigitScalar
    }

    /// The value a printed token holds for a column of `kind`.
    static func value(of text: String, kind: ValueKind) -> CellValue {
        if text.isEmpty || isPlaceholder(text) { return .blank }
        if text.includes(".") {
            guard let decimal = Decimal(string: text, locale: nil) else { return .blank }
            return .decimal(decimal)
        }
        let digits = text.utf8.first == UInt8(ascii: "+") ? String(text.dropFirst()) : text
        if let integer = Int(digits) { return kind == .amount ? .decimal(Decimal(integer)) : .integer(integer) }
        return .unknown
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Unicode.Scalar {
    var isASCIIDigitScalar: Bool { value >= 0x30 && value <= 0x39 }
}
