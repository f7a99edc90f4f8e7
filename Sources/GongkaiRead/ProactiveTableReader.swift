import Foundation
import GongkaiExtract
import GongkaiModel

/// Reads 表二: each row is found by its name (「规章」「行政许可」…) ending the label text before its values.
struct ProactiveTableReader {
    let rows: [RowSpec]
    /// The label keys of each row's name and variants.
    let nameKeys: [[String]]

    /// The reader for a template, built once.
    static func forTemplate(_ template: ReportTemplate) -> ProactiveTableReader {
        template == .v2021 ? v2021 : v2019
    }

    private static let v2021 = ProactiveTableReader(template: .v2021)
    private static let v2019 = ProactiveTableReader(template: .v2019)

    init(template: ReportTemplate) {
        rows = NationalTemplates.spec(template).table(.two).rows
        nameKeys = rows.map { ([$0.name] + $0.variants).map(LabelKey.make) }
    }

    /// Reads the table from its lines. Values a converter printed apart from their rows (see ``DetachedCell``) are
    /// read as such when rows printed one value short take them; otherwise the lines are read as they stand.
    func read(lines: ArraySlice<ExtractedLine>, location: SourceLocation?) -> TableReading {
        let detached = DetachedCell.find(lines)
        if !detached.isEmpty {
            let tokens = TableToken.tokens(DetachedCell.removing(detached, from: lines))
            let attached = DetachedCell.attach(detached, to: captures(tokens))
            if attached.contains(where: { $0.detached != nil }) {
                return resolve(attached, tokens: tokens, location: location)
            }
        }
        let tokens = TableToken.tokens(lines)
        return resolve(captures(tokens), tokens: tokens, location: location)
    }

    /// Figures and row states from the rows captured; the tokens' texts are the table's header labels.
    func resolve(_ captures: [RowCapture], tokens: [TableToken], location: SourceLocation?) -> TableReading {
        TableReading.resolve(
            kind: .two,
            captures: captures,
            headerTexts: tokens.filter { $0.kind == .text }.map(\.text),
            location: location,
            rowTotals: nil,
            tableCheck: nil
        )
    }

    /// The rows whose labels the tokens print, each with the values after its label.
    func captures(_ tokens: [TableToken]) -> [RowCapture] {
        var captures: [RowCapture] = []
        captures.reserveCapacity(rows.count)
        var buffer: [TableToken] = []
        buffer.reserveCapacity(16)
        var current: RowCapture?
        var used = Set<String>()
        // Tokens that end a wrapped label already taken (see ``wrappedMatch``).
        var taken = 0..<0
        // Where the current block of 表二 starts among the tokens, and each row's block up to its label (its header text).
        var blockStart = 0
        var blocks: [String: Range<Int>] = [:]

        for (index, token) in tokens.enumerated() {
            if taken.contains(index) { continue }
            if token.kind == .text {
                // Only text holding 「二十条」 can hold a block's header: the label key is made for that text alone.
                let startsBlock = token.text.includes("二十条") && LabelKey.make(token.text).starts(with: Self.blockStart)
                if startsBlock { blockStart = index }
                if let capture = current {
                    captures.append(capture)
                    current = nil
                } else if let last = buffer.last, let row = exactRow(last, excluding: used) {
                    // A row's whole label followed by more text and no value: a row printed with empty cells.
                    used.insert(row.key)
                    captures.append(
                        RowCapture(row: row, printedLabel: last.text, labelLocation: last.location, values: [])
                    )
                    buffer.removeAll(keepingCapacity: true)
                } else if startsBlock, let (row, labelIndex) = match(buffer, excluding: used) {
                    // A row's label ending the text before the next block's header (「…行政许可」 then
                    // 「第二十条第（六）项」), with no value between: a row printed with empty cells.
                    used.insert(row.key)
                    let label = buffer[labelIndex...].map(\.text).joined()
                    captures.append(
                        RowCapture(
                            row: row,
                            printedLabel: label,
                            labelLocation: buffer[labelIndex].location,
                            values: []
                        )
                    )
                    buffer.removeAll(keepingCapacity: true)
                }
                // The same inside one piece of text: 「…本年处理决定数量行政许可第二十条第（六）项…」.
                for row in rowsBeforeBlocks(in: token, excluding: used) {
                    used.insert(row.key)
                    captures.append(
                        RowCapture(row: row, printedLabel: row.name, labelLocation: token.location, values: [])
                    )
                }
                buffer.append(token)
                continue
            }
            if current == nil {
                if match(buffer, excluding: used) == nil,
                    let wrapped = wrappedMatch(buffer, tokens: tokens, valuesAt: index, excluding: used)
                {
                    used.insert(wrapped.row.key)
                    blocks[wrapped.row.key] = blockStart..<index
                    taken = wrapped.rest
                    current = RowCapture(
                        row: wrapped.row,
                        printedLabel: wrapped.label,
                        labelLocation: buffer[wrapped.labelIndex].location,
                        values: []
                    )
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if current == nil {
                guard let (row, labelIndex) = match(buffer, excluding: used) else { continue }
                used.insert(row.key)
                blocks[row.key] = blockStart..<index
                let label = buffer[labelIndex...].map(\.text).joined()
                current = RowCapture(
                    row: row,
                    printedLabel: label,
                    labelLocation: buffer[labelIndex].location,
                    values: []
                )
                buffer.removeAll(keepingCapacity: true)
            }
            current?.values.append(token)
        }
        if let capture = current { captures.append(capture) }
        // A row label at the very end with nothing after it: printed, but blank.
        if let (row, labelIndex) = match(buffer, excluding: used) {
            let label = buffer[labelIndex...].map(\.text).joined()
            captures.append(
                RowCapture(row: row, printedLabel: label, labelLocation: buffer[labelIndex].location, values: [])
            )
        }
        // Laid out on a page, a row with empty cells prints fewer values; where each stands under its block's
        // column names says which are empty (each block is a table of its own, with its own columns).
        for index in captures.indices {
            let capture = captures[index]
            guard capture.row.columns.count >= 2, !capture.values.isEmpty,
                capture.values.count < capture.row.columns.count,
                let block = blocks[capture.row.key],
                let placed = PositionedBlanks.placeRow(
                    capture.values,
                    headers: tokens[block].filter { $0.kind == .text },
                    columns: capture.row.columns
                )
            else { continue }
            captures[index].values = placed
        }
        return captures
    }

    /// How a block of 表二 starts: 「第二十条第（五）项」.
    static let blockStart = LabelKey.make("第二十条")

    /// Rows whose labels end the text before a block header inside a piece of text (no value between them).
    func rowsBeforeBlocks(in token: TableToken, excluding used: Set<String>) -> [RowSpec] {
        guard token.text.includes("二十条") else { return [] }
        let key = LabelKey.make(token.text)
        // A block's header alone (「第二十条第（五）项」) ends no row.
        guard key.includes(Self.blockStart),
            !key.starts(with: Self.blockStart) || key.dropFirst(Self.blockStart.count).includes(Self.blockStart)
        else { return [] }
        var used = used
        var rows: [RowSpec] = []
        let pieces = key.components(separatedBy: Self.blockStart)
        // The text before each block header but the first piece's (text before it may belong to the same label).
        for piece in pieces.dropLast().dropFirst() where !piece.isEmpty {
            let text = TableToken(kind: .text, text: piece, location: token.location, line: token.line)
            if let (row, _) = match([text], excluding: used) {
                used.insert(row.key)
                rows.append(row)
            }
        }
        // The first piece, when the token does not start with a header and a label ends it.
        if let first = pieces.first, !first.isEmpty, pieces.count > 1 {
            let text = TableToken(kind: .text, text: first, location: token.location, line: token.line)
            if let (row, _) = match([text], excluding: used) { rows.insert(row, at: 0) }
        }
        return rows
    }

    /// The row a token names exactly (its name or a variant).
    func exactRow(_ token: TableToken, excluding used: Set<String>) -> RowSpec? {
        let key = LabelKey.make(token.text)
        for (row, names) in zip(rows, nameKeys) where !used.contains(row.key) && names.contains(key) { return row }
        return nil
    }

    /// The row whose name ends the buffered text, with the index of the token where its label starts.
    func match(_ buffer: [TableToken], excluding used: Set<String>) -> (RowSpec, Int)? {
        guard !buffer.isEmpty else { return nil }
        // Label text usually fills the last token (or the last few, when a wrapped label was split).
        for start in stride(from: buffer.count - 1, through: max(0, buffer.count - 4), by: -1) {
            let key = LabelKey.make(buffer[start...].map(\.text).joined())
            var best: (row: RowSpec, length: Int)?
            for (row, names) in zip(rows, nameKeys) where !used.contains(row.key) {
                for nameKey in names {
                    if key.ends(with: nameKey), nameKey.count > (best?.length ?? 0) {
                        best = (row, nameKey.count)
                    }
                }
            }
            if let best { return (best.row, start) }
        }
        return nil
    }
}
