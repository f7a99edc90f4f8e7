import GongkaiModel

/// Reads 表四: fifteen values after the header (复议 ×5, 直接起诉 ×5, 复议后起诉 ×5), in printed order.
struct LitigationTableReader {
    let rows = NationalTemplates.v2021.table(.four).rows

    func read(_ tokens: [TableToken], location: SourceLocation?) -> TableReading {
        let headerTokens = tokens.prefix { $0.kind == .text }
        let headers = headerTokens.map(\.text)
        // The values: from the first value to the next text after it.
        var values = Array(tokens.drop { $0.kind == .text }.prefix { $0.kind != .text })
        let columns = rows.flatMap(\.columns)
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
