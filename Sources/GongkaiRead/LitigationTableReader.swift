import GongkaiExtract
import GongkaiModel

/// Reads 表四: fifteen values after the header (复议 ×5, 直接起诉 ×5, 复议后起诉 ×5), in printed order.
struct LitigationTableReader {
    let rows = NationalTemplates.v2021.table(.four).rows

    /// Reads the table from its lines: their tokens, and the row's own cells where the row is a line of delimited
    /// text (see ``delimitedRow``).
    func read(lines: ArraySlice<ExtractedLine>, location: SourceLocation?) -> TableReading {
        read(TableToken.tokens(lines), lines: lines, location: location)
    }

    func read(_ tokens: [TableToken], lines: ArraySlice<ExtractedLine> = [], location: SourceLocation?) -> TableReading
    {
        let headerTokens = tokens.prefix { $0.kind == .text }
        let headers = headerTokens.map(\.text)
        // The values: from the first value to the next text after it.
        var values = Array(tokens.drop { $0.kind == .text }.prefix { $0.kind != .text })
        let columns = rows.flatMap(\.columns)
        if let cells = delimitedRow(values, lines: lines, columns: columns.count) {
            values = cells
        }
        // Laid out on a page, a row with empty cells prints fewer values; where each stands under the header says
        // which columns are empty.
        if values.count < columns.count,
            let placed = PositionedBlanks.placeRow(values, headers: Array(headerTokens), columns: columns)
        {
            values = placed
        }
        let groupSize = NationalTemplates.litigationColumns.count
        let dataLocation = values.first?.location ?? location
        // The whole table as one row of fifteen cells, then cut into its three groups.
        let wide = RowSpec(table: .four, key: "all", name: "", columns: columns)
        let capture = RowCapture(row: wide, printedLabel: "", labelLocation: dataLocation, values: values)
        let outcome = RowOutcome.resolve(capture, totals: groupSize)
        var figures: [Figure] = []
        var states: [PrintedRow.State] = Array(repeating: .complete, count: rows.count)
        switch outcome {
        case .values(let wideFigures):
            figures = relabel(wideFigures)
        case .candidates(let candidates, let digits, _):
            states = Array(repeating: .ambiguousDigits(digits: digits, solutions: candidates.count), count: rows.count)
            // Cells every split agrees on are known; `resolve` gives at least one split, each of every column.
            guard let first = candidates.first else {
                figures = rows.flatMap { RowOutcome.unknownFigures($0, location: dataLocation) }
                break
            }
            figures = relabel(
                RowOutcome.assign(capture, split: first).enumerated().map { column, figure in
                    candidates.allSatisfy { $0[column] == first[column] }
                        ? figure : Figure(id: figure.id, value: .unknown, printed: "", location: figure.location)
                }
            )
        case .unassigned(let state):
            states = Array(repeating: state, count: rows.count)
            figures =
                rows.flatMap {
                    state == .blank
                        ? RowOutcome.blankFigures($0, location: dataLocation)
                        : RowOutcome.unknownFigures($0, location: dataLocation)
                }
        }
        let printedRows = zip(rows, states).map { row, state in
            PrintedRow(key: row.key, printedLabel: row.name, location: dataLocation, state: state)
        }
        let table = PrintedTable(kind: .four, location: location, headerLabels: headers, rows: printedRows)
        return TableReading(table: table, figures: figures)
    }

    /// The row's cells, empty ones included, when its values are one line of delimited text (pipes, tabs) holding
    /// a cell for each column — or one more, empty, before them: the label column of a row printed without a label
    /// (a converter's 「| 项目 | 数据1 | … |」 table). Nil otherwise, or when the tokens already are that row.
    func delimitedRow(_ values: [TableToken], lines: ArraySlice<ExtractedLine>, columns: Int) -> [TableToken]? {
        guard values.count != columns || values.contains(where: { $0.text.isEmpty }),
            let lineNumber = values.first(where: { !$0.text.isEmpty })?.line,
            values.allSatisfy({ $0.line == lineNumber && ($0.text.isEmpty || $0.kind == .value) }),
            let line = lines.first(where: { $0.number == lineNumber && $0.layout == .delimited })
        else { return nil }
        var cells = line.cells[...]
        if cells.count == columns + 1, cells.first?.text.isEmpty == true { cells = cells.dropFirst() }
        guard cells.count == columns else { return nil }
        // Each cell as the tokeniser takes it: one value, or an empty one.
        var row: [TableToken] = []
        row.reserveCapacity(columns)
        for cell in cells {
            if cell.text.isEmpty {
                row.append(TableToken(kind: .value, text: "", location: cell.location, line: lineNumber))
                continue
            }
            let count = row.count
            TableToken.append(cell, line: lineNumber, to: &row)
            guard row.count == count + 1, row[count].kind == .value else { return nil }
        }
        // The same values, in the same order, with the row's empty cells among them.
        guard row.filter({ !$0.text.isEmpty }).map(\.text) == values.filter({ !$0.text.isEmpty }).map(\.text) else {
            return nil
        }
        return row
    }

    /// Gives the figures of the fifteen-cell row the ids of the three groups.
    func relabel(_ wide: [Figure]) -> [Figure] {
        let ids = rows.flatMap(\.figureIDs)
        return zip(ids, wide).map { id, figure in
            var figure = figure
            figure.id = id
            return figure
        }
    }
}
