import Foundation
import GongkaiModel

extension RowOutcome {
    /// A row printed one value short whose missing value was printed apart from it: the value goes into each column
    /// its remark allows (every column when it names none), the printed values keep their order around it, and with
    /// `totals` only placements that keep every group's 总计 remain. One placement is the row's values; several are
    /// candidates, settled like digit splits (cells all placements agree on are known).
    static func resolve(_ capture: RowCapture, detached cell: DetachedCell, totals: Int?) -> RowOutcome {
        let columns = capture.row.columns.count
        let printed = capture.values.compactMap { Int($0.text) }
        guard printed.count == capture.values.count, printed.count + 1 == columns else {
            return .unassigned(.fewerValues(printed: capture.values.count, expected: columns))
        }
        var options: [[Int]] = []
        for position in cell.positions(in: capture.row) {
            var option = printed
            option.insert(cell.value, at: position)
            if let totals, !groupTotalsHold(option, groupSize: totals) { continue }
            if !options.contains(option) { options.append(option) }
        }
        guard let first = options.first else {
            return .unassigned(.fewerValues(printed: printed.count, expected: columns))
        }
        if options.count == 1 { return .values(assign(capture, detached: cell, split: first)) }
        return .candidates(options, digits: cell.printed, locations: capture.values.map(\.location) + [cell.location])
    }

    /// Whether each group of `groupSize` values ends in the sum of the others.
    static func groupTotalsHold(_ values: [Int], groupSize: Int) -> Bool {
        guard groupSize >= 2, values.count % groupSize == 0 else { return true }
        return stride(from: 0, to: values.count, by: groupSize).allSatisfy { start in
            values[start..<(start + groupSize - 1)].checkedSum == values[start + groupSize - 1]
        }
    }

    /// Figures for a row completed by its detached value: the column where the value fits (the first such, when it
    /// fits several with the same result) takes it, the printed values fill the others in order.
    static func assign(_ capture: RowCapture, detached cell: DetachedCell, split: [Int]) -> [Figure] {
        let printed = capture.values.compactMap { Int($0.text) }
        let position =
            cell.positions(in: capture.row).first { index in
                index < split.count && split[index] == cell.value
                    && Array(split[..<index] + split[(index + 1)...]) == printed
            } ?? split.count - 1
        var tokens = capture.values.makeIterator()
        return capture.row.columns.enumerated().map { index, column in
            let id = capture.row.figureIDs[index]
            let value: CellValue = column.kind == .amount ? .decimal(Decimal(split[index])) : .integer(split[index])
            if index == position {
                return Figure(id: id, value: value, printed: cell.printed, location: cell.location)
            }
            let token = tokens.next()
            return Figure(id: id, value: value, printed: token?.text ?? "", location: token?.location)
        }
    }
}
