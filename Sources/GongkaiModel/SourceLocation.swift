/// Where something came from in the source document.
///
/// Text sources fill `line` and `column` (1-based, columns counted in characters); table-based sources (HTML, DOCX)
/// add `table`, `row` and `cell` (1-based); PDFs add `page` and `box`.
public struct SourceLocation: Hashable, Sendable {
    // Every token, cell and figure carries a location and is copied many times as a report is read, so the numbers
    // are kept as 32-bit values with `absent` for none: 72 bytes instead of 170 for optional `Int`s.
    private var storedLine = absent
    private var storedColumn = absent
    private var storedEndLine = absent
    private var storedEndColumn = absent
    private var storedTable = absent
    private var storedRow = absent
    private var storedCell = absent
    private var storedPage = absent
    public var box: Box?

    private static let absent = Int32.min

    /// A number as stored: values beyond 32 bits (no real document has 2 billion lines) are clamped.
    private static func stored(_ value: Int?) -> Int32 {
        guard let value else { return absent }
        return Int32(clamping: max(value, Int(Int32.min) + 1))
    }

    private static func value(_ stored: Int32) -> Int? { stored == absent ? nil : Int(stored) }

    public var line: Int? {
        get { Self.value(storedLine) }
        set { storedLine = Self.stored(newValue) }
    }
    public var column: Int? {
        get { Self.value(storedColumn) }
        set { storedColumn = Self.stored(newValue) }
    }
    public var endLine: Int? {
        get { Self.value(storedEndLine) }
        set { storedEndLine = Self.stored(newValue) }
    }
    public var endColumn: Int? {
        get { Self.value(storedEndColumn) }
        set { storedEndColumn = Self.stored(newValue) }
    }
    public var table: Int? {
        get { Self.value(storedTable) }
        set { storedTable = Self.stored(newValue) }
    }
    public var row: Int? {
        get { Self.value(storedRow) }
        set { storedRow = Self.stored(newValue) }
    }
    public var cell: Int? {
        get { Self.value(storedCell) }
        set { storedCell = Self.stored(newValue) }
    }
    public var page: Int? {
        get { Self.value(storedPage) }
        set { storedPage = Self.stored(newValue) }
    }

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
        storedLine = Self.stored(line)
        storedColumn = Self.stored(column)
        storedEndLine = Self.stored(endLine)
        storedEndColumn = Self.stored(endColumn)
        storedTable = Self.stored(table)
        storedRow = Self.stored(row)
        storedCell = Self.stored(cell)
        storedPage = Self.stored(page)
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

extension SourceLocation: Codable {
    /// The keys of the JSON form: only the parts a location has.
    enum CodingKeys: String, CodingKey {
        case line, column, endLine, endColumn, table, row, cell, page, box
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            line: try container.decodeIfPresent(Int.self, forKey: .line),
            column: try container.decodeIfPresent(Int.self, forKey: .column),
            endLine: try container.decodeIfPresent(Int.self, forKey: .endLine),
            endColumn: try container.decodeIfPresent(Int.self, forKey: .endColumn),
            table: try container.decodeIfPresent(Int.self, forKey: .table),
            row: try container.decodeIfPresent(Int.self, forKey: .row),
            cell: try container.decodeIfPresent(Int.self, forKey: .cell),
            page: try container.decodeIfPresent(Int.self, forKey: .page),
            box: try container.decodeIfPresent(Box.self, forKey: .box)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encodeIfPresent(column, forKey: .column)
        try container.encodeIfPresent(endLine, forKey: .endLine)
        try container.encodeIfPresent(endColumn, forKey: .endColumn)
        try container.encodeIfPresent(table, forKey: .table)
        try container.encodeIfPresent(row, forKey: .row)
        try container.encodeIfPresent(cell, forKey: .cell)
        try container.encodeIfPresent(page, forKey: .page)
        try container.encodeIfPresent(box, forKey: .box)
    }
}
