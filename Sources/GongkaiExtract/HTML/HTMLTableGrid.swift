/// The cells of a table laid out on its grid, rowspan and colspan expanded as browsers do (HTML's table model): every
/// position a spanning cell covers beyond its first is marked covered (no cell of its own), as distinct from a cell
/// printed empty.
struct HTMLTableGrid {
    struct Cell {
        var text: String
        var rowSpan: Int
        var columnSpan: Int
    }

    /// One position of the grid.
    struct Position: Equatable {
        var text: String
        /// Covered by a cell that spans over it.
        var isCovered: Bool
        /// The rows and columns the cell starting here spans (as laid out, within the table).
        var rowSpan = 1
        var columnSpan = 1

        var isEmpty: Bool { text.isEmpty }
    }

    /// Rows of grid positions; a position no cell reaches (a short row in the middle of a span) is an empty cell.
    private(set) var rows: [[Position]]

    /// `budget` bounds the covered positions a whole page may add, so that absurd spans cannot blow up memory; once
    /// it is used up, spans count as 1.
    init(_ source: [[Cell]], budget: inout Int) {
        var grid: [[Position?]] = Array(repeating: [], count: source.count)
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
                        let first = row == rowIndex && position == column
                        grid[row][position] = Position(
                            text: first ? cell.text : "",
                            isCovered: !first,
                            rowSpan: first ? rowSpan : 1,
                            columnSpan: first ? columnSpan : 1
                        )
                    }
                }
                column += columnSpan
            }
        }
        rows = grid.map { $0.map { $0 ?? Position(text: "", isCovered: false) } }
    }
}
