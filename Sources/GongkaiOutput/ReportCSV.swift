public import GongkaiModel

/// Long-format CSV: one figure per row, with the report it belongs to and the printed labels, for spreadsheets and
/// statistics packages. `gongkai parse --format csv`, `gongkai export --format csv` and the corpus's `figure_long`
/// view have these columns, in this order (`Docs/data.md`); `parse` leaves the columns only a corpus knows empty.
public enum ReportCSV {
    public static let header = [
        "report_id", "agency_id", "agency", "region_code", "region", "year", "version", "report_status", "template",
        "file", "figure_id", "table_name", "row_label", "column_label", "value", "state", "printed", "source_line",
        "source_column",
    ]

    public static func document(_ reports: [AnnualReport]) -> String {
        var bytes = ByteBuffer(capacity: 1 << 16)
        bytes.append(headerBytes)
        for report in reports { appendRows(report, to: &bytes) }
        return bytes.text
    }

    static let regionCodeColumn = 3

    /// The header line, line break included.
    public static var headerBytes: [UInt8] { Array((header.joined(separator: ",") + "\n").utf8) }

    /// The fields before a figure's own, the same on each of a report's rows: from `report_id` to `file`.
    static func reportFields(_ report: AnnualReport, corpus: CorpusFields?) -> [UInt8] {
        let fields = [
            corpus.map { String($0.reportID) } ?? "", corpus.map { String($0.agencyID) } ?? "",
            corpus?.agency ?? report.agency ?? "", corpus?.regionCode ?? "", corpus?.region ?? "",
            report.year.map(String.init) ?? "", corpus.map { String($0.version) } ?? "", corpus?.reportStatus ?? "",
            report.template?.rawValue ?? "", report.source.name,
        ]
        var bytes = ByteBuffer()
        for (index, text) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            // The region code is text made of digits: quoted, so that its leading zeros and its length are kept by
            // readers that take quoted fields as text.
            CSVText.appendField(text, to: &bytes, alwaysQuoted: index == regionCodeColumn)
        }
        return bytes.bytes
    }

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

    /// Appends one line per figure, each ending in a line break; `corpus` fills the columns a stored report has.
    public static func appendRows(_ report: AnnualReport, corpus: CorpusFields? = nil, to bytes: inout ByteBuffer) {
        let spec = report.spec
        let prefix = reportFields(report, corpus: corpus)
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
