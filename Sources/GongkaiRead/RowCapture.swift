import Foundation
import GongkaiModel

/// The tokens the reader attached to one template row: its printed label and the values after it.
struct RowCapture {
    var row: RowSpec
    /// The label as printed (joined across wrapped lines), for label checks and messages.
    var printedLabel: String
    var labelLocation: SourceLocation?
    var values: [TableToken]
    /// A value printed apart from the row that belongs to it (the row printing one value fewer than its columns).
    var detached: DetachedCell? = nil
    /// Why the row's cells cannot be known, for a row whose values may be printed but not as this row's.
    var undetermined: PrintedRow.State? = nil
}

/// How a row's printed values map onto its columns.
enum RowOutcome {
    /// One value per column.
    case values([Figure])
    /// Digits ran together; each candidate is one way to split them that the row's own arithmetic allows.
    case candidates([[Int]], digits: String, locations: [SourceLocation])
    /// Nothing could be assigned to columns; the state says why.
    case unassigned(PrintedRow.State)

    /// Resolves a capture. With `totals`, the row's values fall into groups of that many, each ending in the sum of
    /// the others (its 总计), and only digit splits that keep every group's sum are taken.
    static func resolve(_ capture: RowCapture, totals: Int? = nil) -> RowOutcome {
        if let state = capture.undetermined { return .unassigned(state) }
        if let cell = capture.detached { return resolve(capture, detached: cell, totals: totals) }
        let columns = capture.row.columns
        if capture.values.allSatisfy({ $0.text.isEmpty }) { return .unassigned(.blank) }
        var capture = capture
        // Empty cells after a row's columns are the table's padding: a converter that writes each row's cells from
        // its label on (dropping the cells a label spans) fills short rows with empty cells up to the widest row.
        // The row's cells are the first ones after its label, its empty ones among them. A row printed without a
        // label has no place to count from (an empty cell before its values may stand in the label column).
        if !capture.printedLabel.isEmpty, capture.values.count > columns.count,
            capture.values[columns.count...].allSatisfy({ $0.text.isEmpty })
        {
            capture.values.removeLast(capture.values.count - columns.count)
        }
        // Cells printed empty in a table's grid are values when the row has exactly one cell per column; otherwise
        // (a row shifted by an empty cell) they are gaps, as in text.
        if capture.values.count == columns.count, capture.values.contains(where: { $0.text.isEmpty }),
            capture.values.allSatisfy({ $0.kind == .value })
        {
            return .values(assign(capture))
        }
        // Only when there is something to remove: removing copies the values the capture shares with the reader's.
        if capture.values.contains(where: { $0.text.isEmpty }) { capture.values.removeAll { $0.text.isEmpty } }
        let tokens = capture.values
        let isInteger = { (token: TableToken) in
            !token.text.isEmpty && token.text.utf8.allSatisfy(TableToken.isDigit)
        }
        let hasRun = tokens.contains { $0.kind == .digits }
        if let last = tokens.last, last.kind == .digits, last.text.includes("."),
            tokens.dropLast().allSatisfy(isInteger)
        {
            return resolveAmountRun(capture)
        }
        let loneRun = tokens.count == 1 && columns.count > 1 && isInteger(tokens[0]) && tokens[0].text.utf8.count > 1
        if (hasRun || loneRun) && tokens.allSatisfy(isInteger) {
            let fixed = tokens.map { $0.kind == .value && !loneRun }
            let digits = tokens.map(\.text).joined(separator: " ")
            let runs = tokens.map(\.text)
            let found =
                if let totals, totals >= 2, columns.count % totals == 0 {
                    DigitSplitter.splits(runs, fixed: fixed, count: columns.count, groupSize: totals)
                } else {
                    DigitSplitter.splits(runs, fixed: fixed, count: columns.count, accept: { _ in true })
                }
            guard let candidates = found else {
                return .unassigned(.ambiguousDigits(digits: digits, solutions: DigitSplitter.resultLimit))
            }
            guard !candidates.isEmpty else { return .unassigned(noSplit(runs, digits: digits, columns: columns.count)) }
            // Without a row total to check against, the digits may as well be fewer values beside empty cells, which
            // text does not print (「行政事业性收费51」 is 5 and 1, or 51 and an empty 本年增/减): taken only when no
            // such reading exists.
            if totals == nil, runs.count < columns.count,
                (runs.count..<columns.count).contains(where: { count in
                    DigitSplitter.splits(runs, fixed: fixed, count: count, limit: 1, accept: { _ in true })?.isEmpty
                        != true
                })
            {
                return .unassigned(.ambiguousDigits(digits: digits, solutions: candidates.count + 1))
            }
            if candidates.count == 1, let only = candidates.first {
                return .values(assign(capture, split: only))
            }
            return .candidates(candidates, digits: digits, locations: tokens.map(\.location))
        }
        if tokens.count < columns.count {
            return .unassigned(.fewerValues(printed: tokens.count, expected: columns.count))
        }
        if tokens.count > columns.count {
            return .unassigned(.moreValues(printed: tokens.count, expected: columns.count))
        }
        return .values(assign(capture))
    }

    /// Why runs of digits split no way into `columns` values: fewer digits than columns, more runs than columns
    /// (every run is at least one value), or no split that the row's arithmetic allows.
    static func noSplit(_ runs: [String], digits: String, columns: Int) -> PrintedRow.State {
        let digitCount = runs.reduce(0) { $0 + $1.utf8.count }
        if digitCount < columns { return .fewerValues(printed: digitCount, expected: columns) }
        if runs.count > columns { return .moreValues(printed: runs.count, expected: columns) }
        return .ambiguousDigits(digits: digits, solutions: 0)
    }

    /// A row whose last run of digits ends in a 万元 amount glued to what precedes it (「政府集中采购0869.6」): the
    /// fraction belongs to the row's last value, which must be an amount column; the integer digits are split as
    /// any run. Only a single possible split is taken; otherwise the row's values are unknown.
    static func resolveAmountRun(_ capture: RowCapture) -> RowOutcome {
        let columns = capture.row.columns
        let tokens = capture.values
        guard let last = tokens.last, let point = last.text.firstIndex(of: "."), let lastColumn = columns.last,
            lastColumn.kind == .amount
        else {
            return .unassigned(.ambiguousDigits(digits: tokens.map(\.text).joined(separator: " "), solutions: 0))
        }
        let fraction = String(last.text[last.text.index(after: point)...])
        let runs = tokens.dropLast().map(\.text) + [String(last.text[..<point])]
        let fixed = tokens.map { $0.kind == .value }
        let digits = tokens.map(\.text).joined(separator: " ")
        guard let splits = DigitSplitter.splits(runs, fixed: fixed, count: columns.count, accept: { _ in true }) else {
            return .unassigned(.ambiguousDigits(digits: digits, solutions: DigitSplitter.resultLimit))
        }
        guard !splits.isEmpty else { return .unassigned(noSplit(runs, digits: digits, columns: columns.count)) }
        guard splits.count == 1, let split = splits.first, split.count == columns.count else {
            return .unassigned(.ambiguousDigits(digits: digits, solutions: splits.count))
        }
        var figures = assign(capture, split: split)
        let amountText = "\(split[split.count - 1]).\(fraction)"
        if let amount = Decimal(string: amountText, locale: nil), var figure = figures.popLast() {
            figure.value = .decimal(amount)
            figure.printed = amountText
            if let end = figure.location?.endColumn { figure.location?.endColumn = end + 1 + fraction.utf8.count }
            figures.append(figure)
        }
        return .values(figures)
    }

    /// Figures for a row whose tokens map one-to-one onto its columns.
    static func assign(_ capture: RowCapture) -> [Figure] {
        zip(zip(capture.row.columns, capture.row.figureIDs), capture.values).map { pair, token in
            let (column, id) = pair
            return Figure(
                id: id,
                value: TableToken.value(of: token.text, kind: column.kind),
                printed: token.printed,
                location: token.location
            )
        }
    }

    /// Figures for a row whose digit runs were split into `split`.
    static func assign(_ capture: RowCapture, split: [Int]) -> [Figure] {
        if let cell = capture.detached { return assign(capture, detached: cell, split: split) }
        let locations = partLocations(capture.values, split: split)
        return capture.row.columns.enumerated().map { index, column in
            Figure(
                id: capture.row.figureIDs[index],
                value: column.kind == .amount ? .decimal(Decimal(split[index])) : .integer(split[index]),
                printed: String(split[index]),
                location: locations[index]
            )
        }
    }

    /// Where each part of a split sits: consecutive digits of the runs, in order.
    static func partLocations(_ tokens: [TableToken], split: [Int]) -> [SourceLocation?] {
        var result: [SourceLocation?] = []
        var tokenIndex = 0
        var offset = 0
        for value in split {
            let length = String(value).utf8.count
            // The runs are ASCII digits (and a point), one byte per column.
            while tokenIndex < tokens.count, offset >= tokens[tokenIndex].text.utf8.count {
                tokenIndex += 1
                offset = 0
            }
            guard tokenIndex < tokens.count else {
                result.append(nil)
                continue
            }
            var location = tokens[tokenIndex].location
            if let column = location.column {
                location.column = column + offset
                location.endColumn = column + offset + length
            }
            result.append(location)
            offset += length
        }
        return result
    }

    /// Figures for cells that exist but whose values cannot be determined.
    static func unknownFigures(_ row: RowSpec, location: SourceLocation?) -> [Figure] {
        row.figureIDs.map { Figure(id: $0, value: .unknown, printed: "", location: location) }
    }

    /// Figures for a row printed with every cell empty.
    static func blankFigures(_ row: RowSpec, location: SourceLocation?) -> [Figure] {
        row.figureIDs.map { Figure(id: $0, value: .blank, printed: "", location: location) }
    }
}
