import GongkaiModel

/// The comparison keys (``LabelText/key(_:)``) of a template's row names, column labels and their variants, made once
/// per template rather than once per report.
struct TemplateLabelKeys: Sendable {
    /// Row name keys by `table.rowKey`.
    let rowNames: [String: String]
    /// Column label keys by `table.columnKey`.
    let columnLabels: [String: String]
    /// Variant keys by the variant text's owner: `table.rowKey` or `table.columnKey`, in the template's order.
    let variants: [String: [(text: String, key: String)]]
    /// Each table's columns, each key once, sorted by key, with the keys of their labels and variants.
    let columns: [TableKind: [ColumnKeys]]

    struct ColumnKeys: Sendable {
        var column: ColumnSpec
        var label: String
        var variants: [(text: String, key: String)]
    }

    init(_ spec: TemplateSpec) {
        var rowNames: [String: String] = [:]
        var columnLabels: [String: String] = [:]
        var variants: [String: [(text: String, key: String)]] = [:]
        for table in spec.tables {
            for row in table.rows + table.variantRows {
                let rowID = "\(table.kind.rawValue).\(row.key)"
                rowNames[rowID] = LabelText.key(row.name)
                variants[rowID] = row.variants.map { ($0, LabelText.key($0)) }
                for column in row.columns {
                    let columnID = "\(table.kind.rawValue).\(column.key)"
                    columnLabels[columnID] = LabelText.key(column.label)
                    variants[columnID] = column.variants.map { ($0, LabelText.key($0)) }
                }
            }
        }
        self.rowNames = rowNames
        self.columnLabels = columnLabels
        self.variants = variants
        var columns: [TableKind: [ColumnKeys]] = [:]
        for table in spec.tables {
            var seen = Set<String>()
            columns[table.kind] = table.rows.flatMap(\.columns).filter { seen.insert($0.key).inserted }
                .sorted { $0.key < $1.key }
                .map { column in
                    let columnID = "\(table.kind.rawValue).\(column.key)"
                    return ColumnKeys(
                        column: column,
                        label: columnLabels[columnID] ?? LabelText.key(column.label),
                        variants: variants[columnID] ?? []
                    )
                }
        }
        self.columns = columns
    }

    static func of(_ template: ReportTemplate) -> TemplateLabelKeys { template == .v2021 ? v2021 : v2019 }

    private static let v2021 = TemplateLabelKeys(NationalTemplates.spec(.v2021))
    private static let v2019 = TemplateLabelKeys(NationalTemplates.spec(.v2019))
}
