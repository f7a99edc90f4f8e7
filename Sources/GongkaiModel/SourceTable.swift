/// A table of a web page or Word file as the file lays it out: its rows and cells, a merged cell spanning the rows
/// and columns it covers, numbered as locations number them (「表格2 第4行第10列」), so that a finding's cell can be
/// shown in its own table.
public struct SourceTable: Hashable, Sendable, Codable {
    /// 1-based, in document order: the `table` of a location.
    public var number: Int
    /// The rows the file prints, in order (a web page's rows without any text are left out).
    public var rows: [Row]

    public struct Row: Hashable, Sendable, Codable {
        /// 1-based: the `row` of a location.
        public var number: Int
        public var cells: [Cell]

        public init(number: Int, cells: [Cell]) {
            self.number = number
            self.cells = cells
        }
    }

    /// A cell of its own (positions a merged cell covers have none).
    public struct Cell: Hashable, Sendable, Codable {
        /// 1-based column of the grid where the cell starts: the `cell` of a location.
        public var column: Int
        /// The text as printed.
        public var text: String
        public var rowSpan: Int
        public var columnSpan: Int

        public init(column: Int, text: String, rowSpan: Int = 1, columnSpan: Int = 1) {
            self.column = column
            self.text = text
            self.rowSpan = rowSpan
            self.columnSpan = columnSpan
        }
    }

    public init(number: Int, rows: [Row] = []) {
        self.number = number
        self.rows = rows
    }

    /// Columns of the grid: as far as the widest row reaches.
    public var columnCount: Int {
        rows.lazy.flatMap(\.cells).map { $0.column + max(1, $0.columnSpan) - 1 }.max() ?? 0
    }
}
