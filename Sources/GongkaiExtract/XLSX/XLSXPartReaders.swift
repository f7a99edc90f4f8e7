import Foundation

/// `xl/workbook.xml`: the sheets in tab order with their relationship ids, and the date system.
final class WorkbookPartReader: XMLEventHandler {
    struct Sheet: Hashable {
        var name: String
        var relationship: String
        var path = ""
    }

    var sheets: [Sheet] = []
    var uses1904Dates = false

    func start(_ name: XMLName, attributes: XMLAttributes) {
        switch name.local {
        case "sheet":
            sheets.append(Sheet(name: attributes.value("name") ?? "", relationship: attributes.value("id") ?? ""))
        case "workbookPr":
            let value = attributes.value("date1904") ?? ""
            uses1904Dates = value == "1" || value == "true"
        default: break
        }
    }

    func end(_ name: XMLName) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// `xl/_rels/workbook.xml.rels`: each relationship id's target, and the shared strings part.
final class WorkbookRelationshipsReader: XMLEventHandler {
    var targets: [String: String] = [:]
    var sharedStrings: String?

    func start(_ name: XMLName, attributes: XMLAttributes) {
        guard name.local == "Relationship", let id = attributes.value("Id"), let target = attributes.value("Target")
        else { return }
        targets[id] = target
        if (attributes.value("Type") ?? "").hasSuffix("/sharedStrings") { sharedStrings = target }
    }

    func end(_ name: XMLName) {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, its runs joined, phonetic guides (`<rPh>`) left out.
final class SharedStringsReader: XMLEventHandler {
    var strings: [String] = []
    var overflow = false
    private let limit: Int
    private var current: [UInt8] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    init(limit: Int) { self.limit = limit }

    func start(_ name: XMLName, attributes: XMLAttributes) {
        switch name.local {
        case "si":
            inItem = true
            current.removeAll(keepingCapacity: true)
        case "rPh": phoneticDepth += 1
        case "t": inText = inItem && phoneticDepth == 0
        default: break
        }
    }

    func end(_ name: XMLName) {
        switch name.local {
        case "si":
            inItem = false
            if strings.count >= limit {
                overflow = true
            } else {
                strings.append(String(decoding: current, as: UTF8.self))
            }
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inText { current.append(contentsOf: bytes) }
    }
}

/// A worksheet part: each cell's text by row and column. A cell without an `r` reference takes the column after the
/// previous cell's, a row without one the row after the previous row's.
final class WorksheetReader: XMLEventHandler {
    private let sharedStrings: [String]
    private let limits: XLSXLimits
    private(set) var failure: XLSXError?
    /// Cells by row number (1-based), then column index (0-based).
    private var cells: [Int: [Int: String]] = [:]
    private var cellCount = 0
    private var lastRow = 0
    private var row = 0
    private var column = -1
    private var type = ""
    private var value: [UInt8] = []
    private var inValue = false
    private var inInline = false
    private var inCell = false
    private var phoneticDepth = 0

    init(sharedStrings: [String], limits: XLSXLimits) {
        self.sharedStrings = sharedStrings
        self.limits = limits
    }

    func start(_ name: XMLName, attributes: XMLAttributes) {
        guard failure == nil else { return }
        switch name.local {
        case "row":
            row = attributes.value("r").flatMap { Int($0) } ?? (lastRow + 1)
            lastRow = row
            column = -1
            if row > limits.maxRows || row < 1 { failure = .tooManyRows(limit: limits.maxRows) }
        case "c":
            if row == 0 {
                lastRow = 1
                row = 1
            }
            if let reference = attributes.value("r"), let parsed = Self.reference(reference) {
                column = parsed.column
                if let parsedRow = parsed.row, parsedRow != row {
                    row = parsedRow
                    lastRow = max(lastRow, row)
                }
            } else {
                column += 1
            }
            type = attributes.value("t") ?? ""
            value.removeAll(keepingCapacity: true)
            inCell = true
            if column >= limits.maxColumns { failure = .tooManyColumns(limit: limits.maxColumns) }
            if row > limits.maxRows { failure = .tooManyRows(limit: limits.maxRows) }
        case "v": inValue = inCell
        case "is": inInline = inCell
        case "rPh": phoneticDepth += 1
        case "t": inValue = inInline && phoneticDepth == 0
        default: break
        }
    }

    func end(_ name: XMLName) {
        guard failure == nil else { return }
        switch name.local {
        case "c":
            inCell = false
            let raw = String(decoding: value, as: UTF8.self)
            let text: String
            switch type {
            case "s":
                text =
                    Int(raw.trimmingCharacters(in: .whitespaces)).flatMap {
                        $0 >= 0 && $0 < sharedStrings.count ? sharedStrings[$0] : nil
                    } ?? ""
            case "b": text = raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw
            default: text = raw
            }
            guard !text.isEmpty else { return }
            cellCount += 1
            if cellCount > limits.maxCells {
                failure = .tooManyCells(limit: limits.maxCells)
                return
            }
            cells[row, default: [:]][column] = text
        case "v", "t": inValue = false
        case "is": inInline = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inValue { value.append(contentsOf: bytes) }
    }

    /// The rows from row 1 to the last with a cell, each as wide as its last cell; refused when these hold more
    /// cells, empty ones included, than the limit.
    func rows() throws(XLSXError) -> [[String]] {
        guard let last = cells.keys.max(), last >= 1 else { return [] }
        var total = last
        for row in cells.values { total += row.keys.max() ?? 0 }
        guard total <= limits.maxCells else { throw .tooManyCells(limit: limits.maxCells) }
        return (1...last).map { number in
            guard let row = cells[number], let width = row.keys.max() else { return [] }
            return (0...width).map { row[$0] ?? "" }
        }
    }

    /// `B12` → column 1, row 12; `B` → column 1.
    static func reference(_ text: String) -> (column: Int, row: Int?)? {
        var column = 0
        var letters = 0
        var digits = Substring(text)
        for character in text {
            guard let ascii = character.asciiValue, character.isLetter else { break }
            let upper = ascii & ~0x20
            guard upper >= 65, upper <= 90 else { return nil }
            column = column * 26 + Int(upper - 64)
            letters += 1
            digits = digits.dropFirst()
            if letters > 3 { return nil }
        }
        guard letters > 0 else { return nil }
        return (column - 1, Int(digits).flatMap { $0 >= 1 ? $0 : nil })
    }
}
