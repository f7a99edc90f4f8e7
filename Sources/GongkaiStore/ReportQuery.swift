/// One page of the current reports matching filters, for a listing that shows a page at a time.
public struct ReportQuery: Sendable, Hashable {
    /// Which reports by their findings.
    public enum Findings: String, Sendable, Hashable, CaseIterable {
        /// At least one error.
        case errors
        /// No error, at least one warning.
        case warnings
        /// Neither errors nor warnings.
        case clean
    }

    /// The order of a listing; every order ends on the report id, so that pages never overlap.
    public enum Order: String, Sendable, Hashable, CaseIterable {
        /// Latest year first, then agency name.
        case year
        /// Agency name, then latest year first.
        case agency
        /// Most errors first, then most warnings, latest year, agency name.
        case errors
    }

    public var year: Int?
    /// A region code or name: agencies in it or below it.
    public var region: String?
    /// Text in the agency's name, normalised name or an alias.
    public var agencyText: String?
    /// `2021` or `2019`.
    public var template: String?
    public var findings: Findings?
    public var order: Order
    public var offset: Int
    public var limit: Int

    public init(
        year: Int? = nil,
        region: String? = nil,
        agencyText: String? = nil,
        template: String? = nil,
        findings: Findings? = nil,
        order: Order = .year,
        offset: Int = 0,
        limit: Int = 50
    ) {
        self.year = year
        self.region = region
        self.agencyText = agencyText
        self.template = template
        self.findings = findings
        self.order = order
        self.offset = offset
        self.limit = limit
    }

    /// The `LIKE` pattern of the agency text (normalised as names are; `%` and `_` dropped), or nil for none.
    var agencyPattern: String? { Self.pattern(agencyText) }

    static func pattern(_ agencyText: String?) -> String? {
        guard let text = agencyText, !text.isEmpty else { return nil }
        let core = AgencyName.normalize(text).replacingAll("%", with: "").replacingAll("_", with: "")
        return core.isEmpty ? nil : "%" + core + "%"
    }
}

/// A page of reports and what the whole selection holds.
public struct ReportPage: Sendable {
    /// Reports matching the filters, on every page.
    public var total: Int
    /// Of them, reports with at least one error.
    public var withErrors: Int
    /// Errors and warnings of all matching reports together.
    public var errors: Int
    public var warnings: Int
    public var rows: [ReportListing]

    public init(total: Int, withErrors: Int, errors: Int, warnings: Int, rows: [ReportListing]) {
        self.total = total
        self.withErrors = withErrors
        self.errors = errors
        self.warnings = warnings
        self.rows = rows
    }
}

/// One report of a listing: its row, its agency's name and its region's.
public struct ReportListing: Sendable, Hashable {
    public var record: ReportRecord
    public var agencyName: String
    public var regionCode: String?
    public var regionName: String?

    public init(record: ReportRecord, agencyName: String, regionCode: String?, regionName: String?) {
        self.record = record
        self.agencyName = agencyName
        self.regionCode = regionCode
        self.regionName = regionName
    }
}
