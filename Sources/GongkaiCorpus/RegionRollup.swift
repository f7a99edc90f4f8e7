import GongkaiCheck
public import GongkaiModel
public import GongkaiStore

/// A region's year rolled up, as `gongkai rollup` and the web application's 汇总 show it: the sums (``Rollup``) and
/// what the rules find in them, the agencies of the region tree with no report, the files the corpus could not read,
/// and the rows where some reports left cells out of the sums.
public struct RegionRollup: Sendable {
    /// A row of the national tables where some reports print cells empty or undeterminable.
    public struct IncompleteRow: Sendable, Hashable {
        /// 「表三「三、本年度办理结果 (一)予以公开」」.
        public var label: String
        /// Cells of the row left out of some sums.
        public var cells: Int
        /// The most reports any of those cells was left out of.
        public var reports: Int
    }

    public var region: RegionRecord
    public var year: Int
    public var rollup: Rollup
    /// The rules on a report's own figures, applied to the sums (``Rollup/appliesToSums(_:)``).
    public var findings: [Finding]
    /// Listed agencies of the region with no report on the year.
    public var missing: [Review.Missing]
    /// Files the corpus could not read; they belong to no agency, so some may be the region's.
    public var unreadable: [FailureRecord]
    /// In label order.
    public var incompleteRows: [IncompleteRow]

    /// Rolls up the region (by code or name) on the year; throws ``StoreError/regionNotFound(_:)`` for a region the
    /// corpus does not know. A region is known only from an imported region tree, so its missing agencies can
    /// always be told.
    public static func build(store: any ReportStore, region name: String, year: Int) throws -> RegionRollup {
        guard let region = try store.region(name) else { throw StoreError.regionNotFound(name) }
        let rollup = try Rollup.build(store: store, regionCode: region.code, regionName: region.name, year: year)
        return RegionRollup(
            region: region,
            year: year,
            rollup: rollup,
            findings: ReportChecker.check(rollup.report).filter(Rollup.appliesToSums),
            missing: try Review.missing(in: store, year: year, region: region.code),
            unreadable: try store.failures(),
            incompleteRows: incompleteRows(rollup)
        )
    }

    static func incompleteRows(_ rollup: Rollup) -> [IncompleteRow] {
        let spec = rollup.report.spec
        var rows: [String: IncompleteRow] = [:]
        for (id, count) in rollup.incomplete {
            let label = spec.cell(id).map { "\($0.row.table.name)「\($0.row.fullLabel)」" } ?? id.rawValue
            var row = rows[label] ?? IncompleteRow(label: label, cells: 0, reports: 0)
            row.cells += 1
            row.reports = max(row.reports, count)
            rows[label] = row
        }
        return rows.values.sorted { $0.label < $1.label }
    }
}
