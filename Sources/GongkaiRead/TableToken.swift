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
    /// In a line of text holding wide (CJK) characters, where the token starts when each wide character takes two
    /// columns, as an editor or a text layout that aligns by width shows it (1-based); nil elsewhere.
    var displayColumn: Int? = nil
    /// The token is a word of a line of text whose cells are separated by spaces: its column is its place across
    /// the line (text laid out in columns), unlike a cell's column in a line of pipes or tabs.
    var isSpaced = false

    /// Splits the cells of region lines into tokens. In a table's grid (HTML, Word) and in text whose cells are
    /// separated by tabs or pipes, a cell printed empty in a column where the table prints values, on a row that
    /// prints values, is a value too, an empty one (a row takes its empty cells as values only when they make up its
    /// columns exactly; otherwise they are gaps, see ``RowOutcome``). In text separated by spaces, and in label
    /// columns and header rows, empty cells are only gaps.
    static func tokens(_ lines: ArraySlice<ExtractedLine>) -> [TableToken] {
        if let restored = restoringLeadingCells(lines) { return tokens(of: restored[...]) }
        return tokens(of: lines)
    }

    /// Delimited text whose lines have no pipe before their first cell (「自然人 | 法人或其他组织 |」), except rows
    /// whose first cell is empty (「 | 35 | 4 |」): that pipe closes an empty first cell, which the line alone cannot
    /// tell from a pipe opening the row. The lines with their first cells back, when that makes every line of the
    /// table as wide; nil when nothing is to be restored.
    static func restoringLeadingCells(_ lines: ArraySlice<ExtractedLine>) -> [ExtractedLine]? {
        func isTextRow(_ line: ExtractedLine) -> Bool {
            line.layout == .delimited && line.cells.first?.location.table == nil
        }
        func opensWithPipe(_ line: ExtractedLine) -> Bool {
            line.text.utf8.first { $0 != UInt8(ascii: " ") } == UInt8(ascii: "|")
        }
        // Most tables have lines all as wide, or no text rows at all: settled in one pass, without copying lines.
        var width: Int?
        var narrower = false
        for line in lines where isTextRow(line) {
            let opens = opensWithPipe(line)
            let count = line.cells.count + (opens ? 1 : 0)
            if let width, width != count { return nil }
            width = count
            if opens { narrower = true }
        }
        // Every line as wide once the opened ones get a cell back; some line did not open with a pipe.
        guard narrower, let width, width > 1,
            lines.contains(where: { isTextRow($0) && !opensWithPipe($0) && $0.cells.count == width })
        else { return nil }
        return lines.map { line in
            guard line.layout == .delimited, line.cells.first?.location.table == nil, opensWithPipe(line),
                var location = line.cells.first?.location
            else { return line }
            var line = line
            location.column = 1
            location.endColumn = 1
            line.cells.insert(ExtractedCell(text: "", location: location), at: 0)
            return line
        }
    }

    static func tokens(of lines: ArraySlice<ExtractedLine>) -> [TableToken] {
        // Each grid's value columns: from the first column that prints a value anywhere in the grid to the last column
        // that prints anything (a header), so that a column empty in every row (法人或其他组织 columns nobody applied
        // in, 表四's 复议后起诉 when no suit followed a review) is still a column. Tab- and pipe-separated text is one
        // grid, its columns the cells' places in their lines; it is a grid only when every line of the table, header
        // lines too, has as many cells: a table whose rows are shifted by stray or missing cells (rows of six values
        // in a table of seven columns, a converter's stray leading cell) gives no positions to trust.
        let textRows = lines.filter { $0.layout == .delimited && $0.cells.first?.location.table == nil }
        let textIsGrid = Set(textRows.map(\.cells.count)).count <= 1
        // Whether each cell of a delimited line prints a value (a number or a placeholder), worked out once.
        let valueCells = lines.map { line in
            line.layout == .delimited ? line.cells.map { !$0.text.isEmpty && isValue($0.text) } : []
        }
        var firstValueColumn: [Int: Int] = [:]
        var lastColumn: [Int: Int] = [:]
        for (line, isValueCell) in zip(lines, valueCells) where line.layout == .delimited {
            if line.cells.first?.location.table == nil, !textIsGrid { continue }
            for (index, cell) in line.cells.enumerated() where !cell.text.isEmpty {
                let (table, column) = gridPosition(cell, index: index)
                lastColumn[table] = max(lastColumn[table] ?? column, column)
                if isValueCell[index] { firstValueColumn[table] = min(firstValueColumn[table] ?? column, column) }
            }
        }
        // Delimited text's grid is as wide as its lines: a column empty in every header line (a converter writes
        // header rows from their first cell on) is still one of its columns.
        if textIsGrid, let width = textRows.first?.cells.count, firstValueColumn[0] != nil {
            lastColumn[0] = max(lastColumn[0] ?? width, width)
        }
        var valueColumnRanges: [Int: ClosedRange<Int>] = [:]
        for (table, first) in firstValueColumn {
            valueColumnRanges[table] = first...max(first, lastColumn[table] ?? first)
        }
        // Delimited text that is no grid may still be one counted from each row's label: see ``labelAnchoredWidth``.
        let anchoredWidth = textIsGrid || textRows.isEmpty ? nil : labelAnchoredWidth(lines, valueCells: valueCells)
        var tokens: [TableToken] = []
        // A cell makes one token, or two when digits are glued to its label.
        tokens.reserveCapacity(lines.reduce(0) { $0 + $1.cells.count } + 16)
        for (line, isValueCell) in zip(lines, valueCells) where line.layout == .delimited || line.layout == .spaced {
            if line.text.includes("。") { continue }
            // Empty cells count only on a row that prints values, and only after the row's label: one before it
            // belongs to no value of this row, nor of the row before.
            let printsValues = isValueCell.contains(true)
            // For each scalar of a line of text laid out in columns, the wide characters before it.
            var wideBefore = line.layout == .spaced && line.cells.count > 1 ? WideCharacters(line) : nil
            let lastLabel =
                printsValues ? line.cells.indices.last { !line.cells[$0].text.isEmpty && !isValueCell[$0] } : nil
            // Where the row's cells are counted from in a table counted from its labels.
            let anchor: Int? =
                if printsValues, anchoredWidth != nil, line.layout == .delimited,
                    line.cells.first?.location.table == nil
                {
                    lastLabel ?? (line.cells.first?.text.isEmpty == false ? -1 : nil)
                } else {
                    nil
                }
            for (index, cell) in line.cells.enumerated() {
                if cell.text.isEmpty {
                    let (table, column) = gridPosition(cell, index: index)
                    // A row with no label at all (表四's) is values from its first cell.
                    if printsValues, index > (lastLabel ?? -1),
                        let range = valueColumnRanges[table],
                        range.contains(column) || (lastLabel == nil && column < range.lowerBound)
                    {
                        tokens.append(TableToken(kind: .value, text: "", location: cell.location, line: line.number))
                    } else if let anchor, let width = anchoredWidth, index > anchor, index <= anchor + width {
                        tokens.append(TableToken(kind: .value, text: "", location: cell.location, line: line.number))
                    }
                    continue
                }
                let first = tokens.count
                append(cell, line: line.number, splitsRuns: line.layout == .spaced, to: &tokens)
                if line.layout == .spaced {
                    for index in first..<tokens.count {
                        tokens[index].isSpaced = true
                        if wideBefore != nil, let column = tokens[index].location.column, column >= 1,
                            let wide = wideBefore?.count(before: column)
                        {
                            tokens[index].displayColumn = column + wide
                        }
                    }
                }
                // In text whose cells run together, a number standing alone may be several values too.
                if line.runsTogether, let last = tokens.indices.last, tokens[last].kind == .value,
                    tokens[last].text.utf8.allSatisfy(isDigit)
                {
                    tokens[last].kind = .digits
                }
            }
        }
        return tokens
    }

    /// Delimited text whose lines are not all as wide (a converter's table with header rows of their own widths,
    /// rows padded or not) may still be a grid counted from each row's label: when every row printing values has its
    /// last value within the same number of cells after its label (or from its first cell, for a row without a
    /// label cell that starts with a value), and has at least that many cells, that number is the table's width in
    /// values, and an empty cell within it is an empty value. Rows disagreeing (six values in a table of seven, a
    /// stray cell shifting a row) give no such width: nil. At least three rows, two of them printing a value in
    /// their last cell, must agree.
    static func labelAnchoredWidth(_ lines: ArraySlice<ExtractedLine>, valueCells: [[Bool]]) -> Int? {
        var bounds: [(least: Int, most: Int)] = []
        for (line, isValueCell) in zip(lines, valueCells)
        where line.layout == .delimited && line.cells.first?.location.table == nil && isValueCell.contains(true) {
            let lastLabel = line.cells.indices.last { !line.cells[$0].text.isEmpty && !isValueCell[$0] }
            guard let lastValue = isValueCell.lastIndex(of: true) else { continue }
            let anchor: Int
            if let lastLabel {
                anchor = lastLabel
            } else if line.cells.first?.text.isEmpty == false {
                anchor = -1
            } else {
                continue
            }
            guard lastValue > anchor else { return nil }
            bounds.append((lastValue - anchor, line.cells.count - 1 - anchor))
        }
        guard bounds.count >= 3, let width = bounds.map(\.least).max(), width >= 2,
            bounds.allSatisfy({ $0.most >= width }), bounds.count(where: { $0.least == width }) >= 2
        else { return nil }
        return width
    }

    /// Whether a cell's text is a value: a number, a placeholder, or writing that could not be read.
    static func isValue(_ text: String) -> Bool {
        numericText(text) != nil || isPlaceholder(text) || text == ExtractedCell.unreadableText
    }

    /// Where a cell of a delimited line stands: its table's grid and column (HTML, Word), or, in text whose cells are
    /// separated by tabs or pipes, its place in the line, in one grid for the whole region.
    static func gridPosition(_ cell: ExtractedCell, index: Int) -> (table: Int, column: Int) {
        if let table = cell.location.table, let column = cell.location.cell { return (table, column) }
        return (0, index + 1)
    }

    /// Appends the tokens of one cell. `splitsRuns`: the cell is a word of text whose table cells may run together
    /// (labels and values with no separator); otherwise it is a cell of a grid or a delimited row, which holds one
    /// thing, or a label with digits glued to its end.
    static func append(_ cell: ExtractedCell, line: Int, splitsRuns: Bool = false, to tokens: inout [TableToken]) {
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
        // Only a cell holding an ASCII digit can hold a value glued to its label.
        guard text.utf8.contains(where: isDigit) else {
            tokens.append(TableToken(kind: .text, text: text, location: cell.location, line: line))
            return
        }
        if splitsRuns {
            appendPieces(of: cell, line: line, to: &tokens)
        } else {
            appendTrailingDigits(of: cell, line: line, to: &tokens)
        }
    }

    /// A cell of a grid or a delimited row holds one thing, or a label with digits glued to its end: the cell is
    /// trusted, and only a value run onto the label is split off: 「行政规范性文件124130」, or a 万元 amount:
    /// 「行政事业性收费1.25」, 「政府集中采购0869.6」 (a count and an amount).
    static func appendTrailingDigits(of cell: ExtractedCell, line: Int, to tokens: inout [TableToken]) {
        let text = cell.text
        guard let lastByte = text.utf8.last, isDigit(lastByte) else {
            tokens.append(TableToken(kind: .text, text: text, location: cell.location, line: line))
            return
        }
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

    /// A piece of text holding labels and values run together, as a crawler or a converter writes a table with no
    /// separator between its cells: 「行政规范性文件124130」, 「申请数量801000081二、上年结转…」, 「政府集中采购0869.6」.
    /// Each run of digits (with its decimal part) is a value token of kind `.digits`, each stretch between them a
    /// label. A digit before 「、」, or before 「.」 and a character that is not a digit, is a list marker and starts the
    /// label after it:
    /// 「…3100000312.没有现成信息」 is the digits 「310000031」 and the label 「2.没有现成信息」 (the format numbers the
    /// rows of a group from 1 to 8, so a marker is one digit). A 「-」 before digits starts a negative value
    /// (「2648-18538」, 「行政处罚-18」, 本年增/减). A count with its unit in brackets is part of a label: 「22（其中修订16件）」 prints a
    /// remark, not a value; other digits in brackets are values (a label wrapped around its row's values:
    /// 「（区分处理的，只计这一情形，不9000009计其他情形）」).
    static func appendPieces(of cell: ExtractedCell, line: Int, to tokens: inout [TableToken]) {
        let scalars = Array(cell.text.unicodeScalars)
        let column = cell.location.column ?? 1
        func emit(_ kind: Kind, _ range: Range<Int>) {
            guard !range.isEmpty else { return }
            var location = cell.location
            location.column = column + range.lowerBound
            location.endColumn = column + range.upperBound
            tokens.append(
                TableToken(kind: kind, text: ScalarText.string(scalars[range]), location: location, line: line)
            )
        }
        var labelStart = 0
        var index = 0
        var depth = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "(" || scalar == "（" {
                depth += 1
            } else if scalar == ")" || scalar == "）" {
                depth = max(0, depth - 1)
            }
            let startsSigned = scalar == "-" && index + 1 < scalars.count && scalars[index + 1].isASCIIDigitScalar
            guard scalar.isASCIIDigitScalar || startsSigned else {
                index += 1
                continue
            }
            var end = index + 1
            var sawPoint = false
            while end < scalars.count {
                if scalars[end].isASCIIDigitScalar {
                    end += 1
                } else if scalars[end] == ".", !sawPoint, end + 1 < scalars.count, scalars[end + 1].isASCIIDigitScalar {
                    sawPoint = true
                    end += 1
                } else {
                    break
                }
            }
            // A list marker: the run's last digit, when 「、」, or 「.」 and no digit, follow.
            let isMarker =
                !sawPoint && end < scalars.count
                && (scalars[end] == "、"
                    || scalars[end] == "." && (end + 1 == scalars.count || !scalars[end + 1].isASCIIDigitScalar))
            let runEnd = isMarker ? end - 1 : end
            // A count with its unit in brackets is a remark: 「22（其中修订16件）」.
            let isRemark = depth > 0 && end < scalars.count && remarkUnits.contains(scalars[end])
            if runEnd > index, !isRemark {
                emit(.text, labelStart..<index)
                emit(.digits, index..<runEnd)
                labelStart = runEnd
            }
            index = end
        }
        emit(.text, labelStart..<scalars.count)
    }

    /// The number a cell prints, with thousands separators removed; nil when the cell is not a number.
    static func numericText(_ text: String) -> String? {
        // Read from the text's UTF-8 storage: a String's `utf8.last` walks back through the view's index checks,
        // and this runs for every token of every table.
        var storage = text
        return storage.withUTF8 { bytes -> String? in
            guard let lastByte = bytes.last else { return nil }
            if lastByte >= 0x80 {
                // Most tokens are labels ending in some other Chinese character: a unit's last character (元 件 个 项
                // 条, three UTF-8 bytes each) is told from the last bytes before any unit is tried.
                let tail = bytes[(bytes.count - min(3, bytes.count))...]
                guard bytes.count > 3, unitEndings.contains(where: { tail.elementsEqual($0) }),
                    let unit = valueUnits.first(where: { text.ends(with: $0) }), bytes.count > unit.utf8.count
                else { return nil }
                let number = UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - unit.utf8.count)])
                return numericText(String(decoding: number, as: UTF8.self))
            }
            guard isDigit(lastByte) else { return nil }
            // Most cells are plain digits: the number is the text itself.
            if bytes.allSatisfy(isDigit) { return text }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var body = bytes[...]
            if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
                result.append(bytes[0])
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
    }

    /// The token as the report prints it: nothing for writing that could not be read.
    var printed: String { text == ExtractedCell.unreadableText ? "" : text }

    /// Units after a count in brackets that make it a remark (「（其中修订16件）」, 「（保留4位小数）」).
    static let remarkUnits: Set<Unicode.Scalar> = Set("件个项条次人元万%位年月日号".unicodeScalars)

    /// Units a value cell may print after its number (「251000元」); the number is the value.
    static let valueUnits = ["万元", "元", "件", "个", "项", "条"]

    /// The UTF-8 bytes of the characters ``valueUnits`` end with.
    static let unitEndings: [[UInt8]] = Array(Set(valueUnits.compactMap { $0.unicodeScalars.last })).map {
        Array(String($0).utf8)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isPlaceholder(_ text: String) -> Bool { CellValue.isPlaceholder(text) }

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

/// How many wide (CJK and full-width) characters stand before each column of a line of text, counted as the columns
/// are asked for, left to right. Counted in the line as printed (normalising makes 「（」 an ASCII 「(」) when it has a
/// character for each of the normalised text's.
struct WideCharacters {
    private var scalars: String.UnicodeScalarView.Iterator
    /// The 1-based column of the next character to count.
    private var column = 1
    private var wide = 0

    /// Nil for a line with no wide character.
    init?(_ line: ExtractedLine) {
        guard line.text.utf8.contains(where: { $0 >= 0xE1 }) else { return nil }
        let text = line.raw.unicodeScalars.count == line.text.unicodeScalars.count ? line.raw : line.text
        scalars = text.unicodeScalars.makeIterator()
    }

    /// The wide characters before `column`; columns must be asked for in increasing order.
    mutating func count(before target: Int) -> Int? {
        guard target >= column else { return nil }
        while column < target, let scalar = scalars.next() {
            if scalar.value >= 0x1100 { wide += 1 }
            column += 1
        }
        return wide
    }
}
