/// The cells of a table laid out on its grid, rowspan and colspan expanded as browsers do (HTML's table model): every
/// position a spanning cell covers beyond its first is an empty cell, as the same table printed to text has empty
/// cells there.
struct HTMLTableGrid {
    struct Cell {
        var text: String
        var rowSpan: Int
        var columnSpan: Int
    }

    /// Rows of cell texts; a position no cell covers (a short row in the middle of a span) is empty too.
    private(set) var rows: [[String]]

    /// `budget` bounds the covered positions a whole page may add, so that absurd spans cannot blow up memory; once
    /// it is used up, spans count as 1.
    init(_ source: [[Cell]], budget: inout Int) {
        var grid: [[String?]] = Array(repeating: [], count: source.count)
        for (rowIndex, cells) in source.enumerated() {
            var column = 0
            for cell in cells {
                while column < grid[rowIndex].count, grid[rowIndex][column] != nil { column += 1 }
                let remaining = source.count - rowIndex
                var rowSpan = cell.rowSpan == 0 ? remaining : min(cell.rowSpan, remaining)
                var columnSpan = cell.columnSpan
                let extra = rowSpan * columnSpan - 1
                if extra > budget {
                    rowSpan = 1
                    columnSpan = 1
                } else {
                    budget -= extra
                }
                for row in rowIndex..<(rowIndex + rowSpan) {
                    if grid[row].count < column + columnSpan {
                        grid[row].append(contentsOf: repeatElement(nil, count: column + columnSpan - grid[row].count))
                    }
                    for position in column..<(column + columnSpan) {
                        grid[row][position] = row == rowIndex && position == column ? cell.text : ""
                    }
                }
                column += columnSpan
            }
        }
        rows = grid.map { $0.map { $0 ?? "" } }
    }
}
