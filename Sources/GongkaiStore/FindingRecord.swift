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
    /// The cells involved, as a JSON object from figure id to value (null when not a number).
    public var figures: String
    public var message: String
    public var line: Int?
    public var col: Int?
}
