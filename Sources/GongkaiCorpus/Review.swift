import Foundation
import GongkaiCheck
public import GongkaiModel
public import GongkaiStore

/// A supervisor's review of a year: the agencies' current reports ranked by errors and then warnings, the late ones
/// marked, the agencies of the region tree with no report, and the files that could not be read; and for each report
/// a 审核意见, its findings in Chinese ready to send back.
public struct Review: Sendable {
    /// One agency's current report on the year.
    public struct Entry: Sendable {
        public var agency: String
        public var region: String?
        public var regionCode: String?
        public var year: Int
        public var errors: Int
        public var warnings: Int
        public var notices: Int
        /// Dated after its deadline (31 January, 31 March for a people's government).
        public var late: Bool
        public var publicationDate: CalendarDate?
        public var sourcePath: String
        public var sourceFormat: String
        /// Every finding stored with the report, its own and those against the year before.
        public var findings: [FindingRecord]

        public init(_ stored: StoredReport) {
            let record = stored.record
            let counts = Review.counts(stored)
            agency = stored.agency.name
            region = stored.region?.name
            regionCode = stored.agency.regionCode
            year = record.year
            (errors, warnings, notices, late) = counts
            publicationDate = record.publicationDate.flatMap(CalendarDate.init(isoText:))
            sourcePath = record.sourcePath
            sourceFormat = record.sourceFormat
            findings = stored.findings
        }
    }

    /// A stored report's counts of findings by severity, and whether it was late.
    public static func counts(_ stored: StoredReport) -> (errors: Int, warnings: Int, notices: Int, late: Bool) {
        let record = stored.record
        return (
            stored.findings.filter { $0.severity == Severity.error.rawValue }.count,
            stored.findings.filter { $0.severity == Severity.warning.rawValue }.count,
            stored.findings.filter { $0.severity == Severity.notice.rawValue }.count,
            PublicationDeadline.isLate(
                year: record.year,
                agency: stored.agency.name,
                published: record.publicationDate.flatMap(CalendarDate.init(isoText:))
            )
        )
    }

    /// An agency of the region tree with no report on the year.
    public struct Missing: Sendable, Hashable {
        public var agency: String
        public var region: String?
        public var regionCode: String?
    }

    public var year: Int
    /// The region reviewed, as the user named it; nil for the whole corpus.
    public var region: String?
    /// Ranked: most errors first, then most warnings, then late before on time, then by name.
    public var entries: [Entry]
    public var missing: [Missing]
    /// Whether a region tree is imported: without one, no agency can be called missing.
    public var hasRegionTree: Bool
    /// Files the corpus could not read; they belong to no agency, so some may be the region's.
    public var unreadable: [FailureRecord]

    public static func build(store: any ReportStore, year: Int, region: String? = nil) throws -> Review {
        var entries: [Entry] = []
        try store.forEachReport(ReportFilter(year: year, region: region)) { entries.append(Entry($0)) }
        entries.sort {
            ($1.errors, $1.warnings, $1.late ? 1 : 0, $0.agency) < ($0.errors, $0.warnings, $0.late ? 1 : 0, $1.agency)
        }
        let hasRegionTree = try store.hasRegions()
        return Review(
            year: year,
            region: region,
            entries: entries,
            missing: hasRegionTree ? try missing(in: store, year: year, region: region) : [],
            hasRegionTree: hasRegionTree,
            unreadable: try store.failures()
        )
    }

    /// The agencies of the region tree with no report on the year, each with its region's name.
    public static func missing(in store: any ReportStore, year: Int, region: String?) throws -> [Missing] {
        var regionNames: [String: String?] = [:]
        return try store.missing(year: year, region: region).map { agency in
            let code = agency.regionCode
            if let code, regionNames[code] == nil { regionNames[code] = try store.region(code)?.name }
            return Missing(agency: agency.name, region: code.flatMap { regionNames[$0] ?? nil }, regionCode: code)
        }
    }

    /// The reports with errors, with warnings only, and late.
    public var withErrors: Int { entries.filter { $0.errors > 0 }.count }
    public var withWarningsOnly: Int { entries.filter { $0.errors == 0 && $0.warnings > 0 }.count }
    public var late: Int { entries.filter(\.late).count }
}
