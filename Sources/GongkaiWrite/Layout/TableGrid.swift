public import GongkaiModel

/// A table of the national template as a grid of cells with their spans: what every renderer lays out.
///
/// Only the cell that starts a span is listed; the grid positions it covers hold nothing else.
public struct TableGrid: Sendable, Hashable {
    /// What a cell holds.
    public enum Role: Sendable, Hashable {
        /// A heading: a block header (「第二十条第（一）项」) or a column label.
        case header
        /// A row label.
        case label
        /// A figure.
        case value
    }

    public struct Cell: Sendable, Hashable {
        public var text: String
        public var row: Int
        public var column: Int
        public var rowSpan: Int
        public var columnSpan: Int
        public var role: Role
        /// The figure a value cell shows.
        public var figure: FigureID?

        public init(
            _ text: String,
            row: Int,
            column: Int,
            rowSpan: Int = 1,
            columnSpan: Int = 1,
            role: Role,
            figure: FigureID? = nil
        ) {
            self.text = text
            self.row = row
            self.column = column
            self.rowSpan = rowSpan
            self.columnSpan = columnSpan
            self.role = role
            self.figure = figure
        }
    }

    public var kind: TableKind
    public var rowCount: Int
    public var columnCount: Int
    /// The first rows that repeat as a header when the table breaks across pages.
    public var headerRowCount: Int
    /// Relative column widths (they need not add up to anything).
    public var columnWeights: [Double]
    /// Printed in the small table size: many columns, or long figures.
    public var compact = false
    /// Anchor cells, in row-major order.
    public var cells: [Cell]

    public init(
        kind: TableKind,
        rowCount: Int,
        columnCount: Int,
        headerRowCount: Int,
        columnWeights: [Double],
        compact: Bool = false,
        cells: [Cell]
    ) {
        self.kind = kind
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.headerRowCount = headerRowCount
        self.columnWeights = columnWeights
        self.compact = compact
        self.cells = cells
    }

    /// The anchor cells of one grid row, left to right.
    public func cells(inRow row: Int) -> [Cell] {
        cells.filter { $0.row == row }.sorted { $0.column < $1.column }
    }

    /// The anchor cell covering a grid position, if any.
    public func cell(covering row: Int, _ column: Int) -> Cell? {
        cells.first {
            row >= $0.row && row < $0.row + $0.rowSpan && column >= $0.column && column < $0.column + $0.columnSpan
        }
    }

    /// A header across the whole table heading a block of rows: 表二's 「第二十条第（一）项」.
    public func isBlockHeader(_ cell: Cell) -> Bool {
        kind == .two && cell.role == .header && cell.columnSpan == columnCount
    }

    /// Whether a row stays on the page of the row below it: a 表二 block from its 「第二十条」 header to its last row;
    /// 表三 and 表四 whole, so that no row is printed on a page apart from its merged label (「三、本年度办理结果」,
    /// 「（六）其他处理」). A table longer than a page still breaks where it must, under its repeated header rows.
    public func keepsWithNext(_ row: Int) -> Bool {
        guard row + 1 < rowCount else { return false }
        switch kind {
        case .two: return !cells(inRow: row + 1).contains(where: isBlockHeader)
        case .three, .four: return true
        }
    }

    /// Every grid position as text: a span's text in its first position and empty text in the rest.
    public var textRows: [[String]] {
        var rows = Array(repeating: Array(repeating: "", count: columnCount), count: rowCount)
        for cell in cells { rows[cell.row][cell.column] = cell.text }
        return rows
    }
}

extension TableGrid {
    /// The grid of one table of a report, laid out as the national template prints it, holding the report's figures.
    public static func make(_ kind: TableKind, template: ReportTemplate, figures: [FigureID: CellValue]) -> TableGrid {
        var builder = GridBuilder(kind: kind, figures: figures)
        let spec = NationalTemplates.spec(template).table(kind)
        switch kind {
        case .two: builder.proactive(spec)
        case .three: builder.applications(spec)
        case .four: builder.litigation(spec)
        }
        var grid = builder.grid
        // A table with a figure of six digits or more prints in the small size (and the report's other tables with
        // it: see ``ReportLayout``).
        let longest = grid.cells.filter { $0.role == .value }.map(\.text.unicodeScalars.count).max() ?? 0
        grid.compact = longest > 5
        // On a 15.6 cm text width: 42 em of 10.5 pt, 49 em of 9 pt.
        grid.fitValues(tableWidthInEm: grid.compact ? 49 : 42)
        return grid
    }

    /// Widens value columns whose longest figure would not fit on one line (a digit is about 0.6 em, a cell's margins
    /// about 1.2 em), taking the width from the widest column that holds no values; a figure must never wrap.
    mutating func fitValues(tableWidthInEm width: Double) {
        let total = columnWeights.reduce(0, +)
        guard total > 0, width > 0 else { return }
        var valueColumns = Set<Int>()
        var needed: [Int: Double] = [:]
        for cell in cells where cell.role == .value && cell.columnSpan == 1 {
            valueColumns.insert(cell.column)
            let em = Double(cell.text.unicodeScalars.count) * 0.6 + 1.2
            needed[cell.column] = max(needed[cell.column] ?? 0, em * total / width)
        }
        let donors = columnWeights.indices.filter { !valueColumns.contains($0) }
        guard !donors.isEmpty else {
            // Every column holds values (表四): share the width out by need.
            let weights = columnWeights.indices.map { max(columnWeights[$0], needed[$0] ?? 0) }
            let scale = total / weights.reduce(0, +)
            columnWeights = weights.map { $0 * scale }
            return
        }
        // Label columns give up to 55% of their width, each in proportion to what it has.
        let extra = needed.reduce(0.0) { sum, entry in sum + max(0, entry.value - columnWeights[entry.key]) }
        let spare = donors.reduce(0.0) { $0 + columnWeights[$1] * 0.55 }
        guard extra > 0, spare > 0 else { return }
        let share = min(1, spare / extra)
        let taken = extra * share
        for (column, weight) in needed where weight > columnWeights[column] {
            columnWeights[column] += (weight - columnWeights[column]) * share
        }
        let donorTotal = donors.reduce(0.0) { $0 + columnWeights[$1] }
        for donor in donors { columnWeights[donor] -= taken * columnWeights[donor] / donorTotal }
    }
}

/// Lays out the three tables row by row.
struct GridBuilder {
    /// The note 表三's label block prints in its header.
    static let balanceNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

    let kind: TableKind
    let figures: [FigureID: CellValue]
    var grid: TableGrid

    init(kind: TableKind, figures: [FigureID: CellValue]) {
        self.kind = kind
        self.figures = figures
        grid = TableGrid(kind: kind, rowCount: 0, columnCount: 0, headerRowCount: 0, columnWeights: [], cells: [])
    }

    mutating func add(_ cell: TableGrid.Cell) {
        grid.cells.append(cell)
        grid.rowCount = max(grid.rowCount, cell.row + cell.rowSpan)
    }

    func text(_ id: FigureID) -> String {
        switch figures[id] {
        case .integer, .decimal: figures[id]?.text ?? ""
        case .blank, .unknown, nil: ""
        }
    }

    /// 表二: each block of 条例 art. 20 under its own header 「第二十条第（一）项」 and column labels; a block with fewer
    /// columns than the widest one lets its last column span the rest.
    mutating func proactive(_ spec: TableSpec) {
        let width = 1 + (spec.rows.map(\.columns.count).max() ?? 1)
        grid.columnCount = width
        grid.columnWeights = [2.4] + Array(repeating: 1.5, count: width - 1)
        var block: Int?
        var row = 0
        for rowSpec in spec.rows {
            if let item = rowSpec.article20Item, item != block {
                block = item
                add(
                    .init(
                        "第二十条第（\(ChineseNumeral.string(item))）项",
                        row: row,
                        column: 0,
                        columnSpan: width,
                        role: .header
                    )
                )
                row += 1
                add(.init("信息内容", row: row, column: 0, role: .header))
                for (index, column) in rowSpec.columns.enumerated() {
                    let span = index == rowSpec.columns.count - 1 ? width - 1 - index : 1
                    add(.init(column.label, row: row, column: 1 + index, columnSpan: span, role: .header))
                }
                row += 1
            }
            add(.init(rowSpec.label, row: row, column: 0, role: .label))
            for (index, id) in rowSpec.figureIDs.enumerated() {
                let span = index == rowSpec.figureIDs.count - 1 ? width - 1 - index : 1
                add(.init(text(id), row: row, column: 1 + index, columnSpan: span, role: .value, figure: id))
            }
            row += 1
        }
    }

    /// 表三: three label columns (group, sub-group, item) under the 勾稽 note, then the seven applicant columns under
    /// 「申请人情况」, 「自然人」 | 「法人或其他组织」 (five) | 「总计」.
    /// The table's rows as this report prints them: a variant row (a single 「（六）其他处理」) stands in for the rows
    /// it replaces when the report has figures for it and none for them, so that no figure is dropped.
    func printedRows(_ spec: TableSpec) -> [RowSpec] {
        var rows = spec.rows
        for variant in spec.variantRows {
            let replaced = spec.replacedByVariant[variant.key] ?? []
            let hasVariant = variant.figureIDs.contains { figures[$0] != nil }
            let hasReplaced = rows.contains {
                replaced.contains($0.key) && $0.figureIDs.contains { figures[$0] != nil }
            }
            guard hasVariant, !hasReplaced, let first = rows.firstIndex(where: { replaced.contains($0.key) }) else {
                continue
            }
            rows.removeAll { replaced.contains($0.key) }
            rows.insert(variant, at: first)
        }
        return rows
    }

    mutating func applications(_ spec: TableSpec) {
        let applicants = NationalTemplates.applicantColumns
        let labelColumns = 3
        grid.columnCount = labelColumns + applicants.count
        grid.columnWeights = [1.0, 1.3, 4.9] + Array(repeating: 0.85, count: applicants.count)
        grid.headerRowCount = 3
        let organisations = applicants.dropFirst().dropLast()
        add(.init(Self.balanceNote, row: 0, column: 0, rowSpan: 3, columnSpan: labelColumns, role: .header))
        add(.init("申请人情况", row: 0, column: labelColumns, columnSpan: applicants.count, role: .header))
        if let natural = applicants.first, let total = applicants.last {
            add(.init(natural.label, row: 1, column: labelColumns, rowSpan: 2, role: .header))
            add(.init("法人或其他组织", row: 1, column: labelColumns + 1, columnSpan: organisations.count, role: .header))
            add(.init(total.label, row: 1, column: grid.columnCount - 1, rowSpan: 2, role: .header))
        }
        for (index, column) in organisations.enumerated() {
            add(.init(column.label, row: 2, column: labelColumns + 1 + index, role: .header))
        }

        let rows = printedRows(spec)
        var row = 3
        var index = 0
        while index < rows.count {
            let rowSpec = rows[index]
            guard let group = rowSpec.group else {
                // 「一、本年新收…」, 「二、上年结转…」, 「四、结转下年度继续办理」: the label spans all three columns.
                add(.init(rowSpec.label, row: row, column: 0, columnSpan: labelColumns, role: .label))
                values(rowSpec, row: row, from: labelColumns)
                row += 1
                index += 1
                continue
            }
            // The 「三、本年度办理结果」 block: every row up to the next ungrouped row.
            let outer = isTopLevel(group) ? group : nil
            var end = index
            while end < rows.count, rows[end].group != nil { end += 1 }
            if let outer {
                add(.init(outer.label, row: row, column: 0, rowSpan: end - index, role: .label))
            }
            var inner = index
            while inner < end {
                let innerSpec = rows[inner]
                if let innerGroup = innerSpec.group, !isTopLevel(innerGroup) {
                    // 「（三）不予公开」 and its numbered items.
                    var last = inner
                    while last < end, rows[last].group == innerGroup { last += 1 }
                    add(.init(innerGroup.label, row: row, column: 1, rowSpan: last - inner, role: .label))
                    for itemSpec in rows[inner..<last] {
                        add(.init(itemSpec.label, row: row, column: 2, role: .label))
                        values(itemSpec, row: row, from: labelColumns)
                        row += 1
                    }
                    inner = last
                } else {
                    add(.init(innerSpec.label, row: row, column: 1, columnSpan: 2, role: .label))
                    values(innerSpec, row: row, from: labelColumns)
                    row += 1
                    inner += 1
                }
            }
            index = end
        }
    }

    func isTopLevel(_ group: RowGroupSpec) -> Bool {
        if case .numeral = group.marker { return true }
        return false
    }

    mutating func values(_ rowSpec: RowSpec, row: Int, from column: Int) {
        for (offset, id) in rowSpec.figureIDs.enumerated() {
            add(.init(text(id), row: row, column: column + offset, role: .value, figure: id))
        }
    }

    /// 表四: 「行政复议」 (five columns) and 「行政诉讼」 (ten: 未经复议直接起诉 and 复议后起诉, five each), one row of values.
    mutating func litigation(_ spec: TableSpec) {
        let results = NationalTemplates.litigationColumns
        let groups = spec.rows
        grid.columnCount = groups.count * results.count
        grid.columnWeights = Array(repeating: 1, count: grid.columnCount)
        grid.headerRowCount = 3
        guard let review = groups.first else { return }
        let suits = Array(groups.dropFirst())
        add(.init(review.label, row: 0, column: 0, columnSpan: results.count, role: .header))
        add(
            .init(
                suits.first?.group?.label ?? "行政诉讼",
                row: 0,
                column: results.count,
                columnSpan: results.count * suits.count,
                role: .header
            )
        )
        for (index, column) in results.enumerated() {
            add(.init(column.label, row: 1, column: index, rowSpan: 2, role: .header))
        }
        for (offset, suit) in suits.enumerated() {
            let start = results.count * (offset + 1)
            add(.init(suit.label, row: 1, column: start, columnSpan: results.count, role: .header))
            for (index, column) in results.enumerated() {
                add(.init(column.label, row: 2, column: start + index, role: .header))
            }
        }
        for (offset, group) in groups.enumerated() {
            values(group, row: 3, from: offset * results.count)
        }
    }
}
