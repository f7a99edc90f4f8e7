import Foundation
public import GongkaiModel

/// Long-format CSV: one figure per row, with the report it belongs to and the printed labels, for spreadsheets and
/// statistics packages.
public enum ReportCSV {
    public static let header = [
        "file", "agency", "year", "template", "figure", "table", "row", "column", "value", "status", "printed",
        "source_line", "source_column",
    ]

    public static func document(_ reports: [AnnualReport]) -> String {
        var lines = [header.joined(separator: ",")]
        for report in reports { lines += rows(report) }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func rows(_ report: AnnualReport) -> [String] {
        let spec = report.spec
        return report.orderedFigures.map { figure in
            let cell = spec.cell(figure.id)
            let status: String
            switch figure.value {
            case .integer, .decimal: status = "value"
            case .blank: status = "blank"
            case .unknown: status = "unknown"
            }
            let fields: [String] = [
                report.source.name,
                report.agency ?? "",
                report.year.map(String.init) ?? "",
                report.template?.rawValue ?? "",
                figure.id.rawValue,
                cell.map { $0.row.table.name } ?? "",
                cell.map { $0.row.fullLabel } ?? "",
                cell.map { $0.column.label } ?? "",
                figure.value.text,
                status,
                figure.printed,
                figure.location?.line.map(String.init) ?? "",
                figure.location?.column.map(String.init) ?? "",
            ]
            return fields.map(CSVText.field).joined(separator: ",")
        }
    }
}
