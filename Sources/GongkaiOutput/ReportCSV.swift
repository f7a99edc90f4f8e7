public import GongkaiModel

/// Long-format CSV: one figure per row, with the report it belongs to and the printed labels, for spreadsheets and
/// statistics packages.
public enum ReportCSV {
    public static let header = [
        "file", "agency", "year", "template", "figure", "table", "row", "column", "value", "status", "printed",
        "source_line", "source_column",
    ]

    public static func document(_ reports: [AnnualReport]) -> String {
        var bytes = ByteBuffer(capacity: 1 << 16)
        bytes.append(headerBytes)
        for report in reports { appendRows(report, to: &bytes) }
        return bytes.text
    }

    /// The header line, line break included.
    public static var headerBytes: [UInt8] { Array((header.joined(separator: ",") + "\n").utf8) }

    /// Appends one line per figure, each ending in a line break.
    /// The fields that name a cell — its id and its table, row and column labels — each after a comma.
    static func appendCellFields(
        _ id: FigureID,
        _ cell: (row: RowSpec, column: ColumnSpec)?,
        to bytes: inout ByteBuffer
    ) {
        for text in [id.rawValue, cell?.row.table.name ?? "", cell?.row.fullLabel ?? "", cell?.column.label ?? ""] {
            bytes.append(UInt8(ascii: ","))
            CSVText.appendField(text, to: &bytes)
        }
    }

    /// ``appendCellFields(_:_:to:)``'s bytes for every cell of a format, made once: the labels are the same in every
    /// report.
    static func cellFields(_ template: ReportTemplate) -> [FigureID: [UInt8]] {
        switch template {
        case .v2021: cellFields2021
        case .v2019: cellFields2019
        }
    }

    private static let cellFields2021 = makeCellFields(NationalTemplates.v2021)
    private static let cellFields2019 = makeCellFields(NationalTemplates.v2019)

    private static func makeCellFields(_ spec: TemplateSpec) -> [FigureID: [UInt8]] {
        var fields: [FigureID: [UInt8]] = [:]
        for id in spec.outputOrder {
            var bytes = ByteBuffer()
            appendCellFields(id, spec.cell(id), to: &bytes)
            fields[id] = bytes.bytes
        }
        return fields
    }

    public static func appendRows(_ report: AnnualReport, to bytes: inout ByteBuffer) {
        let spec = report.spec
        var reportFields = ByteBuffer()
        for text in [report.source.name, report.agency ?? "", report.year.map(String.init) ?? ""] {
            CSVText.appendField(text, to: &reportFields)
            reportFields.append(UInt8(ascii: ","))
        }
        CSVText.appendField(report.template?.rawValue ?? "", to: &reportFields)
        let prefix = reportFields.bytes
        let cells = cellFields(report.template ?? .v2021)
        for figure in report.orderedFigures {
            bytes.append(prefix)
            if let fields = cells[figure.id] {
                bytes.append(fields)
            } else {
                appendCellFields(figure.id, spec.cell(figure.id), to: &bytes)
            }
            bytes.append(UInt8(ascii: ","))
            switch figure.value {
            case .integer(let number): IntegerText.append(number, to: &bytes)
            case .decimal: CSVText.appendField(figure.value.text, to: &bytes)
            case .blank, .unknown: break
            }
            bytes.append(UInt8(ascii: ","))
            switch figure.value {
            case .integer, .decimal: bytes.append("value")
            case .blank: bytes.append("blank")
            case .unknown: bytes.append("unknown")
            }
            bytes.append(UInt8(ascii: ","))
            CSVText.appendField(figure.printed, to: &bytes)
            bytes.append(UInt8(ascii: ","))
            if let line = figure.location?.line { IntegerText.append(line, to: &bytes) }
            bytes.append(UInt8(ascii: ","))
            if let column = figure.location?.column { IntegerText.append(column, to: &bytes) }
            bytes.append(UInt8(ascii: "\n"))
        }
    }
}
