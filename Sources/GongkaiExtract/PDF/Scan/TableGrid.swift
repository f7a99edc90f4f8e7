/// A ruled table found in a page image: the positions of its rules and its cells, merged cells included.
///
/// Lines that cross or touch form one table. The distinct positions of its horizontal and vertical lines cut it into
/// elementary boxes; two neighbouring boxes with no rule between them (over most of their common edge) belong to
/// one cell, so a cell spanning rows or columns comes out whole, as a merged cell in HTML or Word does.
struct TableGrid: Sendable, Equatable {
    /// One cell: its place on the grid (first row and column, and how many it spans) and its box in pixels, rules
    /// excluded.
    struct Cell: Sendable, Hashable {
        var row: Int
        var column: Int
        var rowSpan: Int
        var columnSpan: Int
        var box: PixelRect
    }

    /// Positions of the horizontal rules, top to bottom.
    var rows: [Int]
    /// Positions of the vertical rules, left to right.
    var columns: [Int]
    /// Cells in reading order: by first row, then first column.
    var cells: [Cell]

    var box: PixelRect {
        PixelRect(x0: columns.first ?? 0, y0: rows.first ?? 0, x1: columns.last ?? 0, y1: rows.last ?? 0)
    }

    /// The tables the lines form, top to bottom. `tolerance` is how far (in pixels) lines may miss each other and
    /// still meet. A table needs at least two rules each way and one cell.
    static func tables(_ lines: RulingLines, tolerance: Int) -> [TableGrid] {
        let horizontal = lines.horizontal
        let vertical = lines.vertical
        // Union-find over all lines: horizontal first, then vertical.
        var sets = UnionFind(count: horizontal.count + vertical.count)
        let slack = Double(tolerance)
        for (h, hLine) in horizontal.enumerated() {
            for (v, vLine) in vertical.enumerated() {
                let meetsAcross =
                    vLine.position >= Double(hLine.start) - slack && vLine.position <= Double(hLine.end) + slack
                let meetsAlong =
                    hLine.position >= Double(vLine.start) - slack && hLine.position <= Double(vLine.end) + slack
                if meetsAcross, meetsAlong {
                    sets.join(h, horizontal.count + v)
                }
            }
        }
        var groups: [Int: (h: [RulingLines.Line], v: [RulingLines.Line])] = [:]
        for (h, line) in horizontal.enumerated() { groups[sets.find(h), default: ([], [])].h.append(line) }
        for (v, line) in vertical.enumerated() {
            groups[sets.find(horizontal.count + v), default: ([], [])].v.append(line)
        }
        return groups.values
            .compactMap { group in
                group.h.count >= 2 && group.v.count >= 2
                    ? TableGrid(horizontal: group.h, vertical: group.v, tolerance: tolerance) : nil
            }
            .filter { !$0.cells.isEmpty }
            .sorted { $0.box.y0 < $1.box.y0 }
    }

    /// The grid of one table's lines.
    init(horizontal: [RulingLines.Line], vertical: [RulingLines.Line], tolerance: Int) {
        rows = Self.positions(horizontal, tolerance: tolerance)
        columns = Self.positions(vertical, tolerance: tolerance)
        cells = []
        guard rows.count >= 2, columns.count >= 2 else { return }
        let rowCount = rows.count - 1
        let columnCount = columns.count - 1
        // A rule stands between two boxes when lines at its position cover most of their common edge.
        func covered(_ lines: [RulingLines.Line], at position: Int, from start: Int, to end: Int) -> Bool {
            let span = end - start
            guard span > 0 else { return true }
            var pieces: [(Int, Int)] = []
            for line in lines where abs(line.position - Double(position)) <= Double(tolerance) {
                let low = max(line.start, start)
                let high = min(line.end, end)
                if high > low { pieces.append((low, high)) }
            }
            pieces.sort { $0.0 < $1.0 }
            var total = 0
            var reached = start
            for (low, high) in pieces where high > reached {
                total += high - max(low, reached)
                reached = high
            }
            return total * 10 >= span * 7
        }
        var sets = UnionFind(count: rowCount * columnCount)
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                let index = row * columnCount + column
                if column + 1 < columnCount,
                    !covered(vertical, at: columns[column + 1], from: rows[row], to: rows[row + 1])
                {
                    sets.join(index, index + 1)
                }
                if row + 1 < rowCount,
                    !covered(horizontal, at: rows[row + 1], from: columns[column], to: columns[column + 1])
                {
                    sets.join(index, index + columnCount)
                }
            }
        }
        var extents: [Int: (r0: Int, c0: Int, r1: Int, c1: Int)] = [:]
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                let root = sets.find(row * columnCount + column)
                if let extent = extents[root] {
                    extents[root] = (
                        min(extent.r0, row), min(extent.c0, column), max(extent.r1, row), max(extent.c1, column)
                    )
                } else {
                    extents[root] = (row, column, row, column)
                }
            }
        }
        // Boxes not closed by rules on every side (the table's lines do not reach there) are no cells.
        cells = extents.values
            .filter { extent in
                covered(horizontal, at: rows[extent.r0], from: columns[extent.c0], to: columns[extent.c1 + 1])
                    && covered(
                        horizontal,
                        at: rows[extent.r1 + 1],
                        from: columns[extent.c0],
                        to: columns[extent.c1 + 1]
                    )
                    && covered(vertical, at: columns[extent.c0], from: rows[extent.r0], to: rows[extent.r1 + 1])
                    && covered(vertical, at: columns[extent.c1 + 1], from: rows[extent.r0], to: rows[extent.r1 + 1])
            }
            .map { extent in
                Cell(
                    row: extent.r0,
                    column: extent.c0,
                    rowSpan: extent.r1 - extent.r0 + 1,
                    columnSpan: extent.c1 - extent.c0 + 1,
                    box: PixelRect(
                        x0: columns[extent.c0],
                        y0: rows[extent.r0],
                        x1: columns[extent.c1 + 1],
                        y1: rows[extent.r1 + 1]
                    )
                )
            }
            .sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }

    /// The distinct positions of lines: positions closer than `tolerance` are one rule, at their mean.
    static func positions(_ lines: [RulingLines.Line], tolerance: Int) -> [Int] {
        let sorted = lines.map(\.position).sorted()
        var result: [Int] = []
        var group: [Double] = []
        for position in sorted {
            if let last = group.last, position - last > Double(tolerance) {
                result.append(Int((group.reduce(0, +) / Double(group.count)).rounded()))
                group = []
            }
            group.append(position)
        }
        if !group.isEmpty { result.append(Int((group.reduce(0, +) / Double(group.count)).rounded())) }
        return result
    }
}

/// Sets of indices joined pair by pair; each set's representative is its smallest index.
private struct UnionFind {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ index: Int) -> Int {
        var index = index
        while parent[index] != index {
            parent[index] = parent[parent[index]]
            index = parent[index]
        }
        return index
    }

    mutating func join(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
