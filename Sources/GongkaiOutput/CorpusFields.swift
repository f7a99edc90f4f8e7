public import GongkaiModel

/// What the corpus knows about a stored report beyond the report itself: its ids, the agency it is filed under, and the
/// findings against the agency's report on the previous year. The outputs write these beside the report's own fields
/// (see `Docs/data.md`).
public struct CorpusFields: Sendable {
    public var reportID: Int64
    public var agencyID: Int64
    /// The agency's name in the corpus (the report's own `agency` is the name printed in its title).
    public var agency: String
    /// The region's code as text: codes are identifiers, not numbers.
    public var regionCode: String?
    public var region: String?
    public var version: Int
    /// `current`, or `superseded` by a later version.
    public var reportStatus: String
    /// SHA-256 of the file's bytes, in hex.
    public var contentHash: String
    public var crossYearFindings: [CrossYearFinding]

    /// A finding from comparing the report with the agency's report on the previous year.
    public struct CrossYearFinding: Sendable {
        public var finding: Finding
        public var previousReportID: Int64
        /// The previous year's cells the finding names, with their values there.
        public var previousYearFigures: [Finding.FigureRef]

        public init(finding: Finding, previousReportID: Int64, previousYearFigures: [Finding.FigureRef]) {
            self.finding = finding
            self.previousReportID = previousReportID
            self.previousYearFigures = previousYearFigures
        }
    }

    public init(
        reportID: Int64,
        agencyID: Int64,
        agency: String,
        regionCode: String?,
        region: String?,
        version: Int,
        reportStatus: String,
        contentHash: String,
        crossYearFindings: [CrossYearFinding] = []
    ) {
        self.reportID = reportID
        self.agencyID = agencyID
        self.agency = agency
        self.regionCode = regionCode
        self.region = region
        self.version = version
        self.reportStatus = reportStatus
        self.contentHash = contentHash
        self.crossYearFindings = crossYearFindings
    }
}
