public import GongkaiModel

/// Builds an ``ExtractedDocument`` from the blocks a structured source (HTML, Word, PDF) yields, so that every reader
/// hands the interpretation stage the same shape a text file gives: one line per paragraph, one delimited line per
/// table row.
///
/// Lines are numbered in document order. A paragraph's words and a row's cells keep that line number and their
/// column within the line's text; table cells add table, row and cell numbers, and PDF blocks add page and box.
public struct DocumentBuilder: Sendable {
    /// One table cell as the source gives it.
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var page: Int?
        public var box: SourceLocation.Box?
        /// A grid position a merged cell spans over (colspan, rowspan, gridSpan, vMerge): no cell of its own.
        public var isCovered: Bool
        /// The rows and columns a merged cell spans, itself included.
        public var rowSpan = 1
        public var columnSpan = 1

        public init(
            _ text: String,
            page: Int? = nil,
            box: SourceLocation.Box? = nil,
            isCovered: Bool = false,
            rowSpan: Int = 1,
            columnSpan: Int = 1
        ) {
            self.text = text
            self.page = page
            self.box = box
            self.isCovered = isCovered
            self.rowSpan = rowSpan
            self.columnSpan = columnSpan
        }

        /// A position covered by a merged cell.
        public static let covered = Cell("", isCovered: true)
    }

    public let name: String
    public let format: SourceFormat
    public var encoding: String?
    public private(set) var lines: [ExtractedLine] = []
    private var rawLines: [String] = []
    /// The tables as the file lays them out (web pages and Word files only).
    public private(set) var tables: [SourceTable] = []

    public init(name: String, format: SourceFormat, encoding: String? = nil) {
        self.name = name
        self.format = format
        self.encoding = encoding
    }

    /// Adds a paragraph. Line breaks inside it (`<br>`, `w:br`) start new lines, as they would in a text file.
    public mutating func addParagraph(_ text: String, page: Int? = nil, box: SourceLocation.Box? = nil) {
        for piece in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let flat = piece.replacingTabs
            let line = TextExtractor.extractLine(Substring(flat), number: rawLines.count + 1)
            // A paragraph holding a whole article (a page whose editor put everything in one block) is cut as text is.
            var buffer = TextNormalizer.Line()
            var produced = TextExtractor.pieces(of: line, raw: Substring(flat), buffer: &buffer) ?? [line]
            if page != nil || box != nil {
                for lineIndex in produced.indices {
                    for index in produced[lineIndex].cells.indices {
                        produced[lineIndex].cells[index].location.page = page
                        produced[lineIndex].cells[index].location.box = box
                    }
                }
            }
            lines += produced
            rawLines.append(flat)
        }
    }

    /// Adds one table row. `table` and `row` are 1-based; cell numbers follow the grid after spans are expanded.
    public mutating func addRow(_ cells: [Cell], table: Int, row: Int) {
        let texts = cells.map { $0.text.replacingTabs.replacingLineBreaks }
        let raw = texts.joined(separator: "\t")
        if format == .html || format == .docx {
            let own = cells.indices.filter { !cells[$0].isCovered }.map { index in
                SourceTable.Cell(
                    column: index + 1,
                    text: texts[index],
                    rowSpan: max(1, cells[index].rowSpan),
                    columnSpan: max(1, cells[index].columnSpan)
                )
            }
            if tables.last?.number != table { tables.append(SourceTable(number: table)) }
            tables[tables.count - 1].rows.append(SourceTable.Row(number: row, cells: own))
        }
        var line = TextExtractor.extractLine(Substring(raw), number: rawLines.count + 1)
        if line.layout == .delimited, line.cells.count == cells.count {
            for index in line.cells.indices {
                line.cells[index].location.table = table
                line.cells[index].location.row = row
                line.cells[index].location.cell = index + 1
                line.cells[index].location.page = cells[index].page
                line.cells[index].location.box = cells[index].box
            }
            // Positions a merged cell covers are no cells: every empty cell left is a cell printed empty.
            line.cells = line.cells.indices.filter { !cells[$0].isCovered }.map { line.cells[$0] }
        } else if line.layout != .blank {
            // A one-cell row has no tab: keep it as a delimited line of that one cell.
            let text = TextNormalizer.normalize(raw)
            let cell = ExtractedCell(
                text: text.trimmingSpaces,
                location: SourceLocation(
                    line: line.number,
                    column: 1,
                    endLine: line.number,
                    endColumn: raw.unicodeScalars.count + 1,
                    table: table,
                    row: row,
                    cell: 1,
                    page: cells.first?.page,
                    box: cells.first?.box
                )
            )
            line = ExtractedLine(number: line.number, raw: raw, text: text, layout: .delimited, cells: [cell])
        }
        append(line, raw: raw)
    }

    /// Adds one printed line of a laid-out page (PDF): words in reading order, each a cell with its own page and box,
    /// each placed at its column of the line's text (at least one space apart, unless `joined` lets running text
    /// words touch), so a row of figures reads as it is printed.
    public mutating func addWords(_ words: [Cell], columns: [Int], joined: Bool = false) {
        var raw = ""
        var cells: [ExtractedCell] = []
        var column = 0
        let number = rawLines.count + 1
        for (index, word) in words.enumerated() {
            let wanted = index < columns.count ? columns[index] : column
            let gap = index == 0 || joined ? max(0, wanted - column) : max(1, wanted - column)
            raw.append(String(repeating: " ", count: gap))
            column += gap
            let text = TextNormalizer.normalize(word.text.replacingTabs.replacingLineBreaks)
            let width = word.text.unicodeScalars.count
            cells.append(
                ExtractedCell(
                    text: text,
                    location: SourceLocation(
                        line: number,
                        column: column + 1,
                        endLine: number,
                        endColumn: column + 1 + width,
                        page: word.page,
                        box: word.box
                    )
                )
            )
            raw.append(word.text.replacingTabs.replacingLineBreaks)
            column += width
        }
        let layout: ExtractedLine.Layout = cells.contains { !$0.text.isEmpty } ? .spaced : .blank
        let line = ExtractedLine(
            number: number,
            raw: raw,
            text: TextNormalizer.normalize(raw),
            layout: layout,
            cells: layout == .blank ? [] : cells.filter { !$0.text.isEmpty }
        )
        append(line, raw: raw)
    }

    private mutating func append(_ line: ExtractedLine, raw: String) {
        lines.append(line)
        rawLines.append(raw)
    }

    public func build() -> ExtractedDocument {
        ExtractedDocument(
            source: SourceInfo(name: name, format: format, encoding: encoding, lines: rawLines, tables: tables),
            lines: lines
        )
    }
}

private enum TabsAsSpaces: ScalarMapping {
    static func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar? { scalar == "\t" ? " " : scalar }
}

private enum LineBreaksAsSpaces: ScalarMapping {
    static func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar? { scalar == "\n" || scalar == "\r" ? " " : scalar }
}

extension StringProtocol {
    // Most texts hold neither tabs nor line breaks: they are taken as they are.
    fileprivate var replacingTabs: String {
        guard utf8.contains(UInt8(ascii: "\t")) else { return String(self) }
        return ScalarText.map(self, TabsAsSpaces.self)
    }

    fileprivate var replacingLineBreaks: String {
        guard utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return String(self) }
        return ScalarText.map(self, LineBreaksAsSpaces.self)
    }

    fileprivate var trimmingSpaces: String {
        let scalars = Array(unicodeScalars)
        var low = 0
        var high = scalars.count
        while low < high, scalars[low] == " " { low += 1 }
        while high > low, scalars[high - 1] == " " { high -= 1 }
        return String(String.UnicodeScalarView(scalars[low..<high]))
    }
}
