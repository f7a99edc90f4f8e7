import Foundation
import GongkaiModel
public import GongkaiStore

/// The corpus for researchers: long-format CSV (one figure a row, with Chinese table, row and column labels) and
/// versioned JSON (one object per report).
public enum CorpusExport {
    public static let csvHeader = [
        "agency", "region_code", "region", "year", "version", "status", "template", "file", "figure", "table", "row",
        "column", "value", "state", "printed", "source_line", "source_column",
    ]

    /// Bumped whenever a field changes meaning or disappears.
    public static let jsonSchemaVersion = 1

    /// The CSV lines of one report's figures, in the format's order.
    public static func csvRows(_ stored: StoredReport) -> [String] {
        let report = stored.annualReport
        let spec = report.spec
        return report.orderedFigures.map { figure in
            let cell = spec.cell(figure.id)
            let fields: [String] = [
                stored.agency.name,
                stored.agency.regionCode ?? "",
                stored.region?.name ?? "",
                String(stored.record.year),
                String(stored.record.version),
                stored.record.status.rawValue,
                stored.record.template ?? "",
                stored.record.sourcePath,
                figure.id.rawValue,
                cell.map { $0.row.table.name } ?? "",
                cell.map { $0.row.fullLabel } ?? "",
                cell.map { $0.column.label } ?? "",
                figure.value.text,
                state(figure.value),
                figure.printed,
                figure.location?.line.map(String.init) ?? "",
                figure.location?.column.map(String.init) ?? "",
            ]
            return fields.map(CSVText.field).joined(separator: ",")
        }
    }

    static func state(_ value: CellValue) -> String {
        switch value {
        case .integer, .decimal: "value"
        case .blank: "blank"
        case .unknown: "unknown"
        }
    }

    /// One report as a JSON object.
    struct ReportObject: Encodable {
        var agency: String
        var printedAgency: String
        var regionCode: String?
        var region: String?
        var year: Int
        var version: Int
        var status: String
        var template: String?
        var file: String
        var contentHash: String
        var publicationDate: String?
        var figures: [String: Decimal?]
        var unknown: [String]
        var findings: [FindingObject]
    }

    struct FindingObject: Encodable {
        var code: String
        var severity: String
        var scope: String
        var table: Int?
        var message: String
        var line: Int?
        var column: Int?
    }

    public static func jsonObject(_ stored: StoredReport) throws -> String {
        var figures: [String: Decimal?] = [:]
        var unknown: [String] = []
        for figure in stored.figures.values {
            if figure.value == .unknown {
                unknown.append(figure.id.rawValue)
            } else {
                figures[figure.id.rawValue] = figure.value.number
            }
        }
        let object = ReportObject(
            agency: stored.agency.name,
            printedAgency: stored.record.printedAgency,
            regionCode: stored.agency.regionCode,
            region: stored.region?.name,
            year: stored.record.year,
            version: stored.record.version,
            status: stored.record.status.rawValue,
            template: stored.record.template,
            file: stored.record.sourcePath,
            contentHash: stored.record.contentHash,
            publicationDate: stored.record.publicationDate,
            figures: figures,
            unknown: unknown.sorted(),
            findings: stored.findings.map {
                FindingObject(
                    code: $0.code,
                    severity: $0.severity,
                    scope: $0.scope.rawValue,
                    table: $0.tableNo,
                    message: $0.message,
                    line: $0.line,
                    column: $0.col
                )
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(object), as: UTF8.self)
    }

    /// Writes the whole export, one report at a time.
    public static func write(
        format: Format,
        store: any ReportStore,
        filter: ReportFilter,
        to output: (String) -> Void
    ) throws {
        switch format {
        case .csv:
            output(csvHeader.joined(separator: ",") + "\n")
            try store.forEachReport(filter) { stored in
                output(csvRows(stored).joined(separator: "\n") + "\n")
            }
        case .json:
            output("{\"schemaVersion\":\(jsonSchemaVersion),\"reports\":[")
            var first = true
            try store.forEachReport(filter) { stored in
                output((first ? "\n" : ",\n") + (try jsonObject(stored)))
                first = false
            }
            output("\n]}\n")
        }
    }

    public enum Format: String, Sendable {
        case csv, json
    }
}
