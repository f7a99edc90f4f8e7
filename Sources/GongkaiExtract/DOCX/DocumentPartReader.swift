import Foundation
import GongkaiModel

/// Reads `word/document.xml` event by event into a ``DocumentBuilder``: body paragraphs in order (with their list
/// numbers), text boxes after the paragraph that holds them, and each table that is not in another table's cell (in
/// the body or in a text box) as rows of its grid.
///
/// Deleted text of tracked changes (`w:del`, `w:moveFrom`), the records of former properties (`w:pPrChange`, …),
/// rows deleted as a whole, hidden runs (`w:vanish`), field instructions and the fallback copy of alternate content
/// are left out. A table nested in a cell is flattened into that cell's text, so the outer grid keeps its shape.
final class DocumentPartReader: XMLEventHandler {
    private(set) var builder: DocumentBuilder
    private var counter: ListCounter
    private let styles: WordStyles
    private let maxColumns: Int

    private struct Paragraph {
        var bytes: [UInt8] = []
        var numID: String?
        var level: Int?
        var styleID: String?
        var runDepth = 0
        var inProperties = false
        var inRunProperties = false
        var hidden = false
        /// Paragraphs and tables of text boxes anchored in this paragraph, in order.
        var boxes: [Item] = []
    }

    /// A paragraph's text, or a table, in the order a text box holds them.
    private enum Item {
        case text(String)
        case table(Table)
    }

    /// Where finished paragraphs go: the body (straight to the builder), a table cell or a text box.
    private struct Container {
        enum Kind { case body, cell, textBox }
        var kind: Kind
        var items: [Item] = []
    }

    private struct Cell {
        var span = 1
        var continuesMerge = false
        var text = ""
    }

    private struct Row {
        var gridBefore = 0
        var deleted = false
        var cells: [Cell] = []
    }

    private struct Table {
        var rows: [Row] = []
        var row: Row?
        var cell: Cell?
        var inRowProperties = false
        var inCellProperties = false
    }

    private var paragraphs: [Paragraph] = []
    private var containers: [Container] = [Container(kind: .body)]
    private var tables: [Table] = []
    private var tableCount = 0
    private var inText = false
    /// Depth inside an element whose whole content is left out; 0 while reading.
    private var skipDepth = 0

    /// Elements whose content is not printed text of the current version of the document.
    private static let skipped: Set<String> = [
        "del", "moveFrom", "pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange", "sectPrChange",
        "tblGridChange", "numberingChange", "instrText", "delInstrText", "sdtPr", "sdtEndPr",
    ]

    init(name: String, styles: WordStyles, numbering: WordNumbering, maxColumns: Int) {
        builder = DocumentBuilder(name: name, format: .docx, encoding: "UTF-8")
        counter = ListCounter(numbering)
        self.styles = styles
        self.maxColumns = maxColumns
    }

    func start(_ name: XMLName, attributes: XMLAttributes) {
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        switch name.namespace {
        case .compatibility:
            if name.local == "Fallback" { skipDepth = 1 }
            return
        case .word:
            break
        case .relationships, .other:
            return
        }
        let local = name.local
        if local == "del", let last = tables.indices.last, tables[last].inRowProperties {
            tables[last].row?.deleted = true
        }
        if Self.skipped.contains(local) {
            skipDepth = 1
            return
        }
        switch local {
        case "p":
            paragraphs.append(Paragraph())
        case "pPr":
            updateParagraph { if $0.runDepth == 0 { $0.inProperties = true } }
        case "pStyle":
            updateParagraph { if $0.inProperties { $0.styleID = attributes.value("val") } }
        case "numId":
            updateParagraph { if $0.inProperties { $0.numID = attributes.value("val") } }
        case "ilvl":
            updateParagraph { if $0.inProperties { $0.level = attributes.value("val").flatMap { Int($0) } } }
        case "r":
            updateParagraph {
                $0.runDepth += 1
                $0.hidden = false
            }
        case "rPr":
            updateParagraph { if $0.runDepth > 0 { $0.inRunProperties = true } }
        case "vanish":
            updateParagraph {
                if $0.inRunProperties { $0.hidden = attributes.value("val").map(WordAttribute.isOn) ?? true }
            }
        case "t":
            inText = paragraphs.last.map { $0.runDepth > 0 } ?? false
        case "tab":
            append("\t")
        case "br", "cr":
            append("\n")
        case "noBreakHyphen":
            append("-")
        case "txbxContent":
            containers.append(Container(kind: .textBox))
        case "tbl":
            tables.append(Table())
        case "tr":
            updateTable { $0.row = Row() }
        case "trPr":
            updateTable { $0.inRowProperties = true }
        case "gridBefore":
            updateTable {
                if $0.inRowProperties { $0.row?.gridBefore = max(0, attributes.value("val").flatMap { Int($0) } ?? 0) }
            }
        case "tc":
            updateTable { $0.cell = Cell() }
            containers.append(Container(kind: .cell))
        case "tcPr":
            updateTable { $0.inCellProperties = true }
        case "gridSpan":
            updateTable {
                if $0.inCellProperties { $0.cell?.span = max(1, attributes.value("val").flatMap { Int($0) } ?? 1) }
            }
        case "vMerge":
            updateTable {
                if $0.inCellProperties { $0.cell?.continuesMerge = attributes.value("val") != "restart" }
            }
        default:
            break
        }
    }

    func end(_ name: XMLName) {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        guard name.namespace == .word else { return }
        switch name.local {
        case "p":
            guard let paragraph = paragraphs.popLast() else { return }
            finish(paragraph)
        case "pPr":
            updateParagraph { if $0.runDepth == 0 { $0.inProperties = false } }
        case "r":
            updateParagraph {
                $0.runDepth = max(0, $0.runDepth - 1)
                $0.hidden = false
            }
        case "rPr":
            updateParagraph { $0.inRunProperties = false }
        case "t":
            inText = false
        case "txbxContent":
            guard containers.count > 1, let box = containers.popLast() else { return }
            if paragraphs.isEmpty {
                for item in box.items { deliver(item) }
            } else {
                updateParagraph { $0.boxes += box.items }
            }
        case "trPr":
            updateTable { $0.inRowProperties = false }
        case "tcPr":
            updateTable { $0.inCellProperties = false }
        case "tc":
            guard containers.count > 1, let container = containers.popLast() else { return }
            updateTable { table in
                guard var cell = table.cell else { return }
                cell.text = Self.joined(
                    container.items.map { item in
                        switch item {
                        case .text(let text): text
                        case .table(let table): Self.flattened(table)
                        }
                    }
                )
                table.row?.cells.append(cell)
                table.cell = nil
            }
        case "tr":
            updateTable { table in
                if let row = table.row, !row.deleted { table.rows.append(row) }
                table.row = nil
            }
        case "tbl":
            guard let table = tables.popLast() else { return }
            // A table in a text box is a grid too (a report laid out in text boxes holds its tables there); a table
            // nested in a cell is that cell's text.
            deliver(tables.isEmpty ? .table(table) : .text(Self.flattened(table)))
        default:
            break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard inText, skipDepth == 0, let last = paragraphs.indices.last, !paragraphs[last].hidden else { return }
        paragraphs[last].bytes.append(contentsOf: bytes)
    }

    private func updateParagraph(_ change: (inout Paragraph) -> Void) {
        guard let last = paragraphs.indices.last else { return }
        change(&paragraphs[last])
    }

    private func updateTable(_ change: (inout Table) -> Void) {
        guard let last = tables.indices.last else { return }
        change(&tables[last])
    }

    /// Appends a tab or line break of a run.
    private func append(_ text: String) {
        guard let last = paragraphs.indices.last, paragraphs[last].runDepth > 0, !paragraphs[last].inRunProperties,
            !paragraphs[last].hidden
        else { return }
        paragraphs[last].bytes.append(contentsOf: text.utf8)
    }

    private func finish(_ paragraph: Paragraph) {
        var label = ""
        var list: (numID: String, level: Int)?
        if let numID = paragraph.numID {
            list = (numID, paragraph.level ?? paragraph.styleID.flatMap { styles.numbering($0)?.level } ?? 0)
        } else if let styleID = paragraph.styleID, let styled = styles.numbering(styleID) {
            list = (styled.numID, paragraph.level ?? styled.level)
        }
        if let list { label = counter.next(numID: list.numID, level: list.level) }
        deliver(label + String(decoding: paragraph.bytes, as: UTF8.self))
        for item in paragraph.boxes { deliver(item) }
    }

    private func deliver(_ text: String) { deliver(.text(text)) }

    /// Sends a paragraph or table to the builder when it is in the body; otherwise keeps it in its cell or text box
    /// (a cell keeps a table as its text).
    private func deliver(_ item: Item) {
        guard let last = containers.indices.last else { return }
        switch (containers[last].kind, item) {
        case (.body, .text(let text)): builder.addParagraph(text)
        case (.body, .table(let table)): emit(table)
        case (.cell, .table(let table)): containers[last].items.append(.text(Self.flattened(table)))
        case (.cell, .text), (.textBox, _): containers[last].items.append(item)
        }
    }

    /// The table as rows of its grid: a cell spanning columns holds its text in its first column and covers the
    /// others; a cell continuing a vertical merge is covered too (no cell of its own).
    private func emit(_ table: Table) {
        tableCount += 1
        // Each row's grid, and the columns where a cell continuing a vertical merge starts.
        var grid: [[DocumentBuilder.Cell]] = []
        var continuing: [Set<Int>] = []
        for row in table.rows {
            var cells = Array(repeating: DocumentBuilder.Cell(""), count: min(row.gridBefore, maxColumns))
            var continues: Set<Int> = []
            for cell in row.cells where cells.count < maxColumns {
                let span = min(cell.span, maxColumns - cells.count)
                if cell.continuesMerge { continues.insert(cells.count) }
                cells.append(cell.continuesMerge ? .covered : DocumentBuilder.Cell(cell.text, columnSpan: max(1, span)))
                if span > 1 { cells += Array(repeating: .covered, count: span - 1) }
            }
            grid.append(cells)
            continuing.append(continues)
        }
        // A cell starting a vertical merge spans the rows below whose cell at its column continues it.
        for index in grid.indices {
            for column in grid[index].indices where !grid[index][column].isCovered {
                var below = index + 1
                while below < grid.count, continuing[below].contains(column) { below += 1 }
                grid[index][column].rowSpan = below - index
            }
        }
        for (index, cells) in grid.enumerated() {
            builder.addRow(cells, table: tableCount, row: index + 1)
        }
    }

    /// A nested table as one piece of text: its cells in order, separated by spaces.
    private static func flattened(_ table: Table) -> String {
        table.rows.flatMap { row in row.cells.filter { !$0.continuesMerge }.map(\.text) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// The paragraphs and lines of a cell as one text: pieces of Chinese text join directly (a label wrapped over two
    /// lines, 「商业」「企业」), others with a space.
    static func joined(_ paragraphs: [String]) -> String {
        var result = ""
        for paragraph in paragraphs {
            for piece in paragraph.split(whereSeparator: \.isNewline) {
                let trimmed = piece.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { continue }
                if let last = result.unicodeScalars.last, let first = trimmed.unicodeScalars.first,
                    !(isWide(last) && isWide(first))
                {
                    result += " "
                }
                result += trimmed
            }
        }
        return result
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x2E80
    }
}
