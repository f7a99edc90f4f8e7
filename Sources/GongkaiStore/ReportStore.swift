public import GongkaiModel
public import GongkaiRegister

/// The corpus: agencies, their reports by year and version, figures in long form, sections and findings.
///
/// Every method is one transaction. ``add(_:failures:)`` stores each report completely or not at all, so a process
/// killed mid-ingest leaves every committed report whole and a rerun goes on where it stopped.
public protocol ReportStore: AccountStore {
    /// The content hashes of every file already stored or recorded as failed: what an ingest can skip.
    func knownContentHashes() throws -> Set<String>
    /// The report stored from a file's bytes (its current or any version), or why they could not be read.
    func knownContent(_ contentHash: String) throws -> KnownContent?

    /// Stores read reports and failed files. A report whose content hash is already stored is a duplicate (another
    /// ingest got there first); a report for an agency and year already stored is another version of it, and the
    /// year's versions are numbered, and the current one chosen, in ``VersionOrder`` whatever order they came in.
    func add(_ submissions: [ReportSubmission], failures: [FailedFile]) throws -> [SubmissionOutcome]

    func counts() throws -> StoreCounts

    /// The agency a printed name resolves to (aliases, then the normalised name, then region-prefix variants).
    func agency(named name: String) throws -> AgencyRecord?
    /// Agencies whose name, normalised name or alias contains the text.
    func searchAgencies(_ text: String) throws -> [AgencyRecord]
    /// Makes `alias` a name of the agency `target` resolves to; an agency already stored under `alias` is merged in.
    func addAlias(_ alias: String, for target: String) throws -> AliasResult
    /// Gives the agency `current` resolves to the name `newName` (a name misread or mistyped); the old name stays an
    /// alias. Refused when `newName` is already another agency's name or alias (``StoreError/agencyNameTaken``).
    func renameAgency(_ current: String, to newName: String) throws -> AgencyRecord
    /// The agency `name` names (an alias or a variant of its name), created when there is none yet: for a register
    /// kept by an agency that has no report in the corpus.
    func createAgency(named name: String) throws -> AgencyRecord
    /// Adds or updates regions and listed agencies; returns how many of each.
    func importRegions(_ rows: [RegionRow]) throws -> RegionImportSummary
    /// A region by code, or by name when the name is unique.
    func region(_ codeOrName: String) throws -> RegionRecord?

    /// The agency stored under an id.
    func agency(id: Int64) throws -> AgencyRecord?
    /// The report stored under an id (any version), with its agency, figures and findings.
    func report(id: Int64) throws -> StoredReport?
    /// One page of the current reports matching the query, and the counts of the whole selection.
    func reportPage(_ query: ReportQuery) throws -> ReportPage

    /// The agency's reports (current versions unless `allVersions`), oldest year first.
    func reports(agencyID: Int64, year: Int?, allVersions: Bool) throws -> [StoredReport]
    /// Listed agencies in the region (or anywhere) with no report on the year.
    func missing(year: Int, region: String?) throws -> [AgencyRecord]
    /// Whether a region tree is imported: without one no agency can be called missing. Cheaper than ``counts()``,
    /// which counts every figure.
    func hasRegions() throws -> Bool
    /// The current reports on the year of every agency in the region or below it, as listed (no figures loaded), by
    /// agency name.
    func listings(underRegion code: String, year: Int) throws -> [ReportListing]
    /// Over those of them in the template (or in none recognised), each figure of the template: the sum of its
    /// values and how many reports gave one. Worked out in the database, no report loaded (``Rollup``).
    func figureSums(underRegion code: String, year: Int, template: ReportTemplate) throws -> [FigureID: FigureSum]
    /// Every current report (or every version) matching the filter, in agency and year order.
    func forEachReport(_ filter: ReportFilter, _ body: (StoredReport) throws -> Void) throws
    func failures() throws -> [FailureRecord]

    /// The measures (``ReportMeasure``) summed over the current reports the query selects, one group at a time, in
    /// year and key order. Throws ``StoreError/olderSchema(path:)`` for a corpus opened read-only before its
    /// measures were stored.
    func measureTotals(_ query: MeasureQuery) throws -> [MeasureGroup]
    /// How many current reports in the region (or everywhere) on the years have findings of each rule, by code and
    /// severity, in code order.
    func ruleCounts(region: String?, years: ClosedRange<Int>) throws -> [RuleCount]
    /// The source file stored with a report (any version); nil when the report was stored without one (before the
    /// corpus kept sources, or by an ingest told not to keep them).
    func sourceFile(reportID: Int64) throws -> SourceFile?
    /// Where each figure of a report stands in its source beyond line and column: the table, row and cell of a web
    /// page or Word file, the page and box of a PDF. Figures with no such place are left out.
    func figurePlaces(reportID: Int64) throws -> [FigureID: SourceLocation]

    /// Takes a file for this ingest, so that ingests on several machines share the files of one corpus.
    func claim(_ contentHash: String) throws -> ClaimResult
    /// Keeps this ingest's claims alive; called every few seconds while an ingest runs.
    func renewClaims() throws
    /// Gives up the claims this ingest still holds.
    func releaseClaims() throws
    /// The working-calendar years added with `gongkai calendar add`, oldest first; none for a corpus opened read-only
    /// that predates them. ``workingCalendar()`` is the calendar in effect.
    func storedCalendarYears() throws -> [CalendarYear]
    /// Stores calendar years, each whole or none of them: a year built in or stored already is refused
    /// (``StoreError/calendarYearBuiltIn(_:)``, ``StoreError/calendarYearStored(_:)``) unless `replace`, which puts the
    /// given days in place of the year's. Then every open deadline is counted again on the changed calendar
    /// (``recomputeOpenDeadlines(with:)``).
    func storeCalendarYears(_ years: [CalendarYear], replace: Bool) throws -> CalendarUpdate
    /// Counts the state and due date of every open application again on `calendar` as of today, after the calendar
    /// changed, saving those that changed; returns how many did. ``storeCalendarYears(_:replace:)`` calls it; both
    /// backends share the register's implementation (``recomputeOpenDeadlines(with:on:)``).
    func recomputeOpenDeadlines(with calendar: WorkingCalendar) throws -> Int

    /// Saves a record of an agency's register and adds a line to its audit log, in one transaction. `version` is the
    /// version the saver read: nil for a new record (refused with ``StoreError/registerRecordExists(_:version:)`` when
    /// the number is taken); otherwise it must be the stored one, or nothing is saved
    /// (``StoreError/registerConflict(_:stored:expected:)``). Returns the record as stored, with its id and new
    /// version.
    func saveRegisterRecord(_ record: RegisterRecord, expecting version: Int?, by user: String) throws -> RegisterRecord
    /// Saves many register records in one transaction, each checked as ``saveRegisterRecord(_:expecting:by:)`` checks
    /// it and logged: all of them, or none when one is refused (an import never stops half way). Returns the records
    /// as stored, in the order given.
    func saveRegisterRecords(_ writes: [RegisterWrite], by user: String) throws -> [RegisterRecord]
    /// The record under its agency, kind and number, or nil.
    func registerRecord(agencyID: Int64, kind: RegisterKind, key: String) throws -> RegisterRecord?
    /// The records a list shows: open ones by due date first (those with none last), then by number.
    func registerRecords(_ selection: RegisterSelection) throws -> [RegisterRecord]
    /// Removes a record, if its stored version is `version`, and logs the removal with the record as it was.
    func removeRegisterRecord(
        agencyID: Int64,
        kind: RegisterKind,
        key: String,
        expecting version: Int,
        by user: String
    )
        throws
    /// The audit log of one record (``RegisterRecord/id``), oldest first.
    func registerChanges(recordID: Int64) throws -> [RegisterChange]
    /// The newest lines of the audit log of an agency's register (or of every agency), newest first.
    func registerChanges(agencyID: Int64?, limit: Int) throws -> [RegisterChange]

    /// Makes what was written whole in the database itself, at the end of an ingest: SQLite moves its write-ahead
    /// log into the database file, so that a copy of `gongkai.sqlite` alone holds every report.
    func finishWriting() throws
}

extension ReportStore {
    /// A store with one writer at a time needs no claims: every file is this ingest's.
    public func claim(_ contentHash: String) throws -> ClaimResult { .claimed }
    public func renewClaims() throws {}
    public func releaseClaims() throws {}
    public func finishWriting() throws {}
}

/// Whether an ingest may read a file.
public enum ClaimResult: Sendable, Hashable {
    /// This ingest reads it.
    case claimed
    /// It is stored already.
    case done
    /// Another running ingest is reading it; ask again later.
    case busy
}

/// A report read and checked by an ingest, ready to store.
public struct ReportSubmission: Sendable {
    public var contentHash: String
    public var path: String
    public var report: AnnualReport
    public var findings: [Finding]
    /// The file's bytes and name, stored with the report in the same transaction; nil stores the report alone.
    public var source: SourceFile?

    public init(
        contentHash: String,
        path: String,
        report: AnnualReport,
        findings: [Finding],
        source: SourceFile? = nil
    ) {
        self.contentHash = contentHash
        self.path = path
        self.report = report
        self.findings = findings
        self.source = source
    }
}

/// A file that could not be read, and why.
public struct FailedFile: Sendable, Hashable {
    public var contentHash: String
    public var path: String
    public var reason: String

    public init(contentHash: String, path: String, reason: String) {
        self.contentHash = contentHash
        self.path = path
        self.reason = reason
    }
}

/// What became of one submission.
public enum SubmissionOutcome: Sendable, Hashable {
    /// Stored; `version` is its place among the versions of its agency and year (1 for the first of a new year, but
    /// also for a file that ranks below those stored before it), `versions` how many that year now has.
    case added(reportID: Int64, version: Int, versions: Int)
    /// The same bytes are already stored.
    case duplicate
    /// The report names no agency or no year, so it has no place in the corpus.
    case unplaced(reason: String)
}

public struct StoreCounts: Sendable, Hashable {
    public var agencies: Int
    public var reports: Int
    public var currentReports: Int
    public var figures: Int
    public var findings: Int
    public var crossYearFindings: Int
    public var failures: Int
    public var regions: Int

    public init(
        agencies: Int = 0,
        reports: Int = 0,
        currentReports: Int = 0,
        figures: Int = 0,
        findings: Int = 0,
        crossYearFindings: Int = 0,
        failures: Int = 0,
        regions: Int = 0
    ) {
        self.agencies = agencies
        self.reports = reports
        self.currentReports = currentReports
        self.figures = figures
        self.findings = findings
        self.crossYearFindings = crossYearFindings
        self.failures = failures
        self.regions = regions
    }
}

/// What `addAlias` did.
public struct AliasResult: Sendable, Hashable {
    public var agency: AgencyRecord
    /// Reports moved from an agency stored under the alias, which no longer exists on its own.
    public var mergedReports: Int
}

/// One row of a region-tree CSV: a region (a level such as 省, 市, 县) or an agency that must report (level
/// `agency` or 机关).
public struct RegionRow: Sendable, Hashable {
    public var code: String
    public var name: String
    public var parent: String?
    public var level: String

    public init(code: String, name: String, parent: String?, level: String) {
        self.code = code
        self.name = name
        self.parent = parent
        self.level = level
    }

    /// Whether the row lists an agency rather than a region.
    public var isAgency: Bool { ["agency", "机关", "单位", "部门"].contains(level.lowercased()) }
}

public struct RegionImportSummary: Sendable, Hashable {
    public var regions: Int
    public var agencies: Int

    public init(regions: Int, agencies: Int) {
        self.regions = regions
        self.agencies = agencies
    }
}

/// Which reports an export or a listing covers.
public struct ReportFilter: Sendable, Hashable {
    public var year: Int?
    /// A region code or name: agencies in it or below it.
    public var region: String?
    public var allVersions: Bool
    /// Text in the agency's name, normalised name or an alias (as ``ReportQuery/agencyText``).
    public var agencyText: String?
    /// `2021` or `2019`.
    public var template: String?
    public var findings: ReportQuery.Findings?

    public init(
        year: Int? = nil,
        region: String? = nil,
        allVersions: Bool = false,
        agencyText: String? = nil,
        template: String? = nil,
        findings: ReportQuery.Findings? = nil
    ) {
        self.year = year
        self.region = region
        self.allVersions = allVersions
        self.agencyText = agencyText
        self.template = template
        self.findings = findings
    }

    /// The reports a listing's filters select, on every page.
    public init(_ query: ReportQuery) {
        self.init(
            year: query.year,
            region: query.region,
            agencyText: query.agencyText,
            template: query.template,
            findings: query.findings
        )
    }

    var agencyPattern: String? { ReportQuery.pattern(agencyText) }
}
