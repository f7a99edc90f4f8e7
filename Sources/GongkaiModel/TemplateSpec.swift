/// How the values of a column are written.
public enum ValueKind: Sendable, Hashable {
    /// A non-negative whole number (件).
    case count
    /// A whole number that may carry a sign (2019 「本年增/减」).
    case signedCount
    /// An amount in 万元 that may carry decimals.
    case amount
}

/// One column of a template table.
public struct ColumnSpec: Sendable, Hashable {
    /// The last component of the figure id (`natural`, `issued`, …).
    public var key: String
    /// The label the national format prints.
    public var label: String
    /// Other labels real reports print for this column (「社会组织」 for 「社会公益组织」).
    public var variants: [String]
    public var kind: ValueKind

    public init(_ key: String, _ label: String, variants: [String] = [], kind: ValueKind = .count) {
        self.key = key
        self.label = label
        self.variants = variants
        self.kind = kind
    }
}

/// A labelled group of rows, such as 「（三）不予公开」.
public struct RowGroupSpec: Sendable, Hashable {
    public var marker: RowMarker?
    public var name: String

    public init(_ marker: RowMarker?, _ name: String) {
        self.marker = marker
        self.name = name
    }

    public var label: String { (marker?.printed ?? "") + name }
}

/// One data row of a template table.
///
/// A value like any other, kept in one shared, immutable box: the readers and rules pass rows around constantly, and
/// copying a row is then one reference count instead of one for each of its strings and arrays.
public struct RowSpec: Sendable, Hashable {
    private struct Fields: Sendable, Hashable {
        var table: TableKind
        var key: String
        var marker: RowMarker?
        var name: String
        var variants: [String]
        var group: RowGroupSpec?
        var article20Item: Int?
        var columns: [ColumnSpec]
        var figureIDs: [FigureID]
        var isVariant: Bool
    }

    private final class Storage: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        fields.figureIDs = fields.columns.map { Self.figureID(table: fields.table, key: fields.key, column: $0) }
        storage = Storage(fields)
    }

    public var table: TableKind {
        get { storage.fields.table }
        set { update { $0.table = newValue } }
    }
    /// The middle of the figure id (`received`, `denied.state_secret`, `rules`).
    public var key: String {
        get { storage.fields.key }
        set { update { $0.key = newValue } }
    }
    public var marker: RowMarker? {
        get { storage.fields.marker }
        set { update { $0.marker = newValue } }
    }
    /// The label without its marker, as the national format prints it.
    public var name: String {
        get { storage.fields.name }
        set { update { $0.name = newValue } }
    }
    /// Other names real reports print for this row (renamings and known typos).
    public var variants: [String] {
        get { storage.fields.variants }
        set { update { $0.variants = newValue } }
    }
    public var group: RowGroupSpec? {
        get { storage.fields.group }
        set { update { $0.group = newValue } }
    }
    /// For 表二: the item of 条例 art. 20 whose block holds the row (1, 5, 6, 8 or 9).
    public var article20Item: Int? {
        get { storage.fields.article20Item }
        set { update { $0.article20Item = newValue } }
    }
    public var columns: [ColumnSpec] {
        get { storage.fields.columns }
        set { update { $0.columns = newValue } }
    }
    /// The ids of the row's cells, in column order.
    public var figureIDs: [FigureID] { storage.fields.figureIDs }
    /// True for a row the format does not have but real reports print in its place (a single 「（六）其他处理」 row in a
    /// 2021-format report).
    public var isVariant: Bool {
        get { storage.fields.isVariant }
        set { update { $0.isVariant = newValue } }
    }

    public init(
        table: TableKind,
        key: String,
        marker: RowMarker? = nil,
        name: String,
        variants: [String] = [],
        group: RowGroupSpec? = nil,
        article20Item: Int? = nil,
        columns: [ColumnSpec],
        isVariant: Bool = false
    ) {
        storage = Storage(
            Fields(
                table: table,
                key: key,
                marker: marker,
                name: name,
                variants: variants,
                group: group,
                article20Item: article20Item,
                columns: columns,
                figureIDs: columns.map { Self.figureID(table: table, key: key, column: $0) },
                isVariant: isVariant
            )
        )
    }

    public static func == (lhs: RowSpec, rhs: RowSpec) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

    /// The label as the national format prints it, marker included.
    public var label: String { (marker?.printed ?? "") + name }

    /// The label with its group, as a clerk would name the row: 「（三）不予公开 1.属于国家秘密」.
    public var fullLabel: String { group.map { "\($0.label) \(label)" } ?? label }

    public func figureID(_ column: ColumnSpec) -> FigureID {
        Self.figureID(table: table, key: key, column: column)
    }

    private static func figureID(table: TableKind, key: String, column: ColumnSpec) -> FigureID {
        FigureID("t\(table.rawValue).\(key).\(column.key)")
    }
}

/// One table of a template: its rows in printed order.
public struct TableSpec: Sendable, Hashable {
    public var kind: TableKind
    public var rows: [RowSpec] { didSet { updateRowIndex() } }
    /// Rows real reports print instead of some template rows (see ``RowSpec/isVariant``).
    public var variantRows: [RowSpec] { didSet { updateRowIndex() } }
    /// Rows that `variantRows` stand in for, by key.
    public var replacedByVariant: [String: [String]]

    public init(
        kind: TableKind,
        rows: [RowSpec],
        variantRows: [RowSpec] = [],
        replacedByVariant: [String: [String]] = [:]
    ) {
        self.kind = kind
        self.rows = rows
        self.variantRows = variantRows
        self.replacedByVariant = replacedByVariant
        updateRowIndex()
    }

    public func row(_ key: String) -> RowSpec? {
        rowIndex[key].map { $0.isVariant ? variantRows[$0.index] : rows[$0.index] }
    }

    /// Where `row(_:)` finds a key.
    private struct RowPosition: Sendable, Hashable {
        var index: Int
        var isVariant: Bool
    }

    /// The first row with each key, else the first variant row: made when the rows are set, not on every lookup.
    private var rowIndex: [String: RowPosition] = [:]

    private mutating func updateRowIndex() {
        var index: [String: RowPosition] = [:]
        for (position, row) in variantRows.enumerated().reversed() {
            index[row.key] = RowPosition(index: position, isVariant: true)
        }
        for (position, row) in rows.enumerated().reversed() {
            index[row.key] = RowPosition(index: position, isVariant: false)
        }
        rowIndex = index
    }
}

/// A national format: its three tables.
public struct TemplateSpec: Sendable {
    public var template: ReportTemplate
    public var tables: [TableSpec] { didSet { updateCellIndex() } }

    public init(template: ReportTemplate, tables: [TableSpec]) {
        self.template = template
        self.tables = tables
        updateCellIndex()
    }

    public func table(_ kind: TableKind) -> TableSpec {
        guard let table = tables.first(where: { $0.kind == kind }) else {
            preconditionFailure("every template has tables 二, 三 and 四")
        }
        return table
    }

    /// Every figure id of the format, in table order.
    public var figureIDs: [FigureID] { tables.flatMap { $0.rows.flatMap(\.figureIDs) } }

    /// The row and column an id names, including variant rows.
    public func cell(_ id: FigureID) -> (row: RowSpec, column: ColumnSpec)? {
        guard let position = cellIndex[id] else { return nil }
        let table = tables[position.table]
        let row = position.isVariant ? table.variantRows[position.row] : table.rows[position.row]
        return (row, row.columns[position.column])
    }

    /// The ids of every cell, variant rows included, in the order outputs list figures: table by table, each table's
    /// rows then its variant rows. An id printed in two rows takes the place of its last one.
    public var outputOrder: [FigureID] { orderedIDs }

    /// Where `cell(_:)` finds an id: its first row and column.
    private struct CellPosition: Sendable {
        var table: Int
        var row: Int
        var isVariant: Bool
        var column: Int
    }

    /// Made when the tables are set, not on every lookup: outputs name the cell of every figure of every report.
    private var cellIndex: [FigureID: CellPosition] = [:]
    private var orderedIDs: [FigureID] = []

    private mutating func updateCellIndex() {
        var index: [FigureID: CellPosition] = [:]
        var order: [FigureID: Int] = [:]
        var count = 0
        for (tableIndex, table) in tables.enumerated() {
            let rows =
                table.rows.enumerated().map { ($0, $1, false) } + table.variantRows.enumerated().map { ($0, $1, true) }
            for (rowIndex, row, isVariant) in rows {
                for (columnIndex, id) in row.figureIDs.enumerated() {
                    if index[id] == nil {
                        index[id] = CellPosition(
                            table: tableIndex,
                            row: rowIndex,
                            isVariant: isVariant,
                            column: columnIndex
                        )
                    }
                    order[id] = count
                    count += 1
                }
            }
        }
        cellIndex = index
        orderedIDs = order.sorted { $0.value < $1.value }.map(\.key)
    }
}
