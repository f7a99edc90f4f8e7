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
public struct RowSpec: Sendable, Hashable {
    public var table: TableKind { didSet { updateFigureIDs() } }
    /// The middle of the figure id (`received`, `denied.state_secret`, `rules`).
    public var key: String { didSet { updateFigureIDs() } }
    public var marker: RowMarker?
    /// The label without its marker, as the national format prints it.
    public var name: String
    /// Other names real reports print for this row (renamings and known typos).
    public var variants: [String]
    public var group: RowGroupSpec?
    /// For 表二: the item of 条例 art. 20 whose block holds the row (1, 5, 6, 8 or 9).
    public var article20Item: Int?
    public var columns: [ColumnSpec] { didSet { updateFigureIDs() } }
    /// The ids of the row's cells, in column order.
    public private(set) var figureIDs: [FigureID] = []
    /// True for a row the format does not have but real reports print in its place (a single 「（六）其他处理」 row in a
    /// 2021-format report).
    public var isVariant: Bool

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
        self.table = table
        self.key = key
        self.marker = marker
        self.name = name
        self.variants = variants
        self.group = group
        self.article20Item = article20Item
        self.columns = columns
        self.isVariant = isVariant
        updateFigureIDs()
    }

    private mutating func updateFigureIDs() { figureIDs = columns.map(figureID) }

    /// The label as the national format prints it, marker included.
    public var label: String { (marker?.printed ?? "") + name }

    /// The label with its group, as a clerk would name the row: 「（三）不予公开 1.属于国家秘密」.
    public var fullLabel: String { group.map { "\($0.label) \(label)" } ?? label }

    public func figureID(_ column: ColumnSpec) -> FigureID {
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
    public var tables: [TableSpec]

    public init(template: ReportTemplate, tables: [TableSpec]) {
        self.template = template
        self.tables = tables
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
        for table in tables {
            for row in table.rows + table.variantRows {
                for (column, columnID) in zip(row.columns, row.figureIDs) where columnID == id {
                    return (row, column)
                }
            }
        }
        return nil
    }
}
