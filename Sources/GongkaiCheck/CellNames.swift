import GongkaiModel

/// How findings name tables, rows and cells to a clerk: 「表三「一、本年新收政府信息公开申请数量」行「总计」列」.
struct CellNames {
    let spec: TemplateSpec

    func row(_ row: RowSpec) -> String {
        switch row.table {
        case .four: "\(row.table.name)「\(row.group.map { $0.name + "—" } ?? "")\(row.name)」"
        default: "\(row.table.name)「\(row.fullLabel)」行"
        }
    }

    func cell(_ id: FigureID) -> String {
        guard let (row, column) = spec.cell(id) else { return id.rawValue }
        return "\(self.row(row))「\(column.label)」列"
    }

    /// A value as a clerk reads it: the number, 「空白」 or 「无法确定」.
    static func value(_ value: CellValue?) -> String {
        switch value {
        case .integer, .decimal: value?.text ?? ""
        case .blank: "空白"
        case .unknown, nil: "无法确定"
        }
    }
}
