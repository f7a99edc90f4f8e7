import GongkaiModel

/// The figures and row states read from one table.
struct TableReading {
    var table: PrintedTable
    var figures: [Figure]

    /// The most combinations of ambiguous rows tried when splitting run-together digits across a table.
    static let combinationLimit = 200_000

    /// Turns row captures into figures. Rows whose digits split several ways are settled together with `tableCheck`
    /// (the table's arithmetic over whole rows; nil for a table with none); a cell is assigned only when every
    /// consistent split agrees on it.
    static func resolve(
        kind: TableKind,
        captures: [RowCapture],
        headerTexts: [String],
        location: SourceLocation? = nil,
        rowTotals: Int?,
        tableCheck: (([String: [Int]]) -> Bool)?
    ) -> TableReading {
        var printedRows: [PrintedRow] = []
        printedRows.reserveCapacity(captures.count)
        var figures: [Figure] = []
        figures.reserveCapacity(captures.reduce(0) { $0 + $1.row.columns.count })
        var known: [String: [Int]] = [:]
        var ambiguous: [(capture: RowCapture, candidates: [[Int]], digits: String)] = []

        let outcomes = captures.map { RowOutcome.resolve($0, totals: rowTotals) }
        // The rows read for certain matter only to settle rows whose digits split several ways.
        let settles =
            tableCheck != nil && outcomes.contains { if case .candidates = $0 { true } else { false } }
        for (capture, outcome) in zip(captures, outcomes) {
            switch outcome {
            case .values(let rowFigures):
                figures += rowFigures
                printedRows.append(printed(capture, .complete))
                guard settles else { continue }
                let integers = rowFigures.compactMap { $0.value.integer }
                if integers.count == rowFigures.count { known[capture.row.key] = integers }
            case .candidates(let candidates, let digits, _):
                ambiguous.append((capture, candidates, digits))
            case .unassigned(let state):
                printedRows.append(printed(capture, state))
                figures +=
                    state == .blank
                    ? RowOutcome.blankFigures(capture.row, location: capture.labelLocation)
                    : RowOutcome.unknownFigures(capture.row, location: capture.labelLocation)
            }
        }

        if !ambiguous.isEmpty {
            // A table without arithmetic across rows (表二) settles nothing: each row keeps its own splits.
            let solutions = tableCheck.flatMap { check in
                solve(
                    ambiguous.map(\.candidates),
                    keys: ambiguous.map(\.capture.row.key),
                    known: known,
                    check: check
                )
            }
            for (index, entry) in ambiguous.enumerated() {
                let capture = entry.capture
                // Splits of this row that appear in some consistent solution of the whole table.
                let consistent: [[Int]]? = solutions.map { all in
                    Array(Set(all.map { solution in solution[index] })).sorted { $0.lexicographicallyPrecedes($1) }
                }
                let options = consistent ?? entry.candidates
                if options.count == 1, let only = options.first {
                    figures += RowOutcome.assign(capture, split: only)
                    printedRows.append(printed(capture, .complete))
                    continue
                }
                let count = consistent.map { $0.count } ?? entry.candidates.count
                let state: PrintedRow.State =
                    if let cell = capture.detached {
                        .detachedValue(printed: cell.printed, columns: cell.positions(in: capture.row).count)
                    } else {
                        .ambiguousDigits(digits: entry.digits, solutions: count)
                    }
                printedRows.append(printed(capture, state))
                // Cells every option agrees on are still known.
                let agreed = options.isEmpty ? [] : RowOutcome.assign(capture, split: options[0])
                for (column, figure) in agreed.enumerated() {
                    let same = options.allSatisfy { $0[column] == options[0][column] }
                    figures.append(
                        same ? figure : Figure(id: figure.id, value: .unknown, printed: "", location: figure.location)
                    )
                }
                if options.isEmpty {
                    figures += RowOutcome.unknownFigures(capture.row, location: capture.labelLocation)
                }
            }
        }
        let table = PrintedTable(
            kind: kind,
            location: location ?? captures.first?.labelLocation,
            headerLabels: headerTexts,
            rows: printedRows
        )
        return TableReading(table: table, figures: figures)
    }

    static func printed(_ capture: RowCapture, _ state: PrintedRow.State) -> PrintedRow {
        PrintedRow(
            key: capture.row.key,
            printedLabel: capture.printedLabel,
            location: capture.labelLocation,
            state: state
        )
    }

    /// Every combination of candidate splits (one per ambiguous row) that passes `check`, as indices into
    /// `candidates`; nil when there are too many combinations to try.
    static func solve(
        _ candidates: [[[Int]]],
        keys: [String],
        known: [String: [Int]],
        check: ([String: [Int]]) -> Bool
    ) -> [[[Int]]]? {
        var product = 1
        for list in candidates {
            product *= max(list.count, 1)
            if product > combinationLimit { return nil }
        }
        if candidates.contains(where: \.isEmpty) { return [] }
        var solutions: [[[Int]]] = []
        var chosen: [[Int]] = []
        var rows = known
        func search(_ index: Int) {
            if index == candidates.count {
                if check(rows) { solutions.append(chosen) }
                return
            }
            for candidate in candidates[index] {
                chosen.append(candidate)
                rows[keys[index]] = candidate
                search(index + 1)
                chosen.removeLast()
            }
            rows[keys[index]] = nil
        }
        search(0)
        return solutions
    }
}
