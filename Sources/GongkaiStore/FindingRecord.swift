import Foundation
public import GongkaiModel

/// One finding on a stored report: from the report's own checks, or from comparing it with the previous year's.
public struct FindingRecord: Codable, Hashable, Sendable {
    public enum Scope: String, Codable, Sendable {
        /// `ReportChecker` on the report alone.
        case report
        /// R6, R8, R9, R12: this report against the agency's report on the previous year.
        case crossYear = "cross-year"
    }

    public var id: Int64?
    public var reportID: Int64
    /// For cross-year findings: the previous year's report.
    public var previousReportID: Int64?
    public var scope: Scope
    public var code: String
    /// `error`, `warning`, `notice`.
    public var severity: String
    public var tableNo: Int?
    /// The cells involved, as a JSON array of `{"figure": id, "value": number or null}` (null when not a number), the
    /// previous year's cells of a cross-year finding marked `"previousYear": true`.
    public var figures: String
    public var message: String
    public var line: Int?
    public var col: Int?
}

extension FindingRecord {
    /// The finding as the checker made it, and for a cross-year finding the previous year's cells apart. A cell stored
    /// without a number is blank, or unknown when the report's own `figures` say so (the finding does not keep which).
    /// Cells that cannot be decoded are left out.
    public func finding(figures: [FigureID: Figure]) -> (finding: Finding, previousYear: [Finding.FigureRef]) {
        let cells = (try? JSONDecoder().decode([StoredCell].self, from: Data(self.figures.utf8))) ?? []
        var current: [Finding.FigureRef] = []
        var previous: [Finding.FigureRef] = []
        for cell in cells {
            let id = FigureID(cell.figure)
            let value: CellValue
            if let number = cell.value {
                value = Self.value(number)
            } else if cell.previousYear != true, figures[id]?.value == .unknown {
                value = .unknown
            } else {
                value = .blank
            }
            if cell.previousYear == true {
                previous.append(Finding.FigureRef(id: id, value: value))
            } else {
                current.append(Finding.FigureRef(id: id, value: value))
            }
        }
        let location = line == nil && col == nil ? nil : SourceLocation(line: line, column: col)
        let finding = Finding(
            code: code,
            severity: Severity(rawValue: severity) ?? .warning,
            table: tableNo.flatMap(TableKind.init(rawValue:)),
            figures: current,
            message: message,
            location: location
        )
        return (finding, previous)
    }

    private struct StoredCell: Decodable {
        var figure: String
        var value: Decimal?
        var previousYear: Bool?
    }

    /// A whole number that fits as a count, else the amount.
    private static func value(_ number: Decimal) -> CellValue {
        CellValue.decimal(number).integer.map(CellValue.integer) ?? .decimal(number)
    }
}
