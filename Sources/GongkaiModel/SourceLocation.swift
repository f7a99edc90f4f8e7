/// Where something came from in the source document.
///
/// Text sources fill `line` and `column` (1-based, columns counted in characters); table-based sources (HTML, DOCX)
/// add `table`, `row` and `cell` (1-based); PDFs add `page` and `box`.
public struct SourceLocation: Hashable, Sendable, Codable {
    public var line: Int?
    public var column: Int?
    public var endLine: Int?
    public var endColumn: Int?
    public var table: Int?
    public var row: Int?
    public var cell: Int?
    public var page: Int?
    public var box: Box?

    /// A rectangle on a PDF page, in points from the top-left corner.
    public struct Box: Hashable, Sendable, Codable {
        public var x0: Double
        public var y0: Double
        public var x1: Double
        public var y1: Double

        public init(x0: Double, y0: Double, x1: Double, y1: Double) {
            self.x0 = x0
            self.y0 = y0
            self.x1 = x1
            self.y1 = y1
        }
    }

    public init(
        line: Int? = nil,
        column: Int? = nil,
        endLine: Int? = nil,
        endColumn: Int? = nil,
        table: Int? = nil,
        row: Int? = nil,
        cell: Int? = nil,
        page: Int? = nil,
        box: Box? = nil
    ) {
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.table = table
        self.row = row
        self.cell = cell
        self.page = page
        self.box = box
    }

    /// A location on one line of a text source, from `column` up to but not including `endColumn`.
    public static func text(line: Int, column: Int, endColumn: Int? = nil) -> SourceLocation {
        SourceLocation(line: line, column: column, endLine: line, endColumn: endColumn)
    }

    /// Where to point a reader, as `57:12`, `表 2 第 3 行第 4 列` or `第 3 页`.
    public var shortDescription: String {
        if let line {
            return column.map { "\(line):\($0)" } ?? "\(line)"
        }
        var parts: [String] = []
        if let page { parts.append("第\(page)页") }
        if let table { parts.append("表格\(table)") }
        if let row { parts.append("第\(row)行") }
        if let cell { parts.append("第\(cell)列") }
        return parts.joined(separator: " ")
    }
}
