#if Postgres
import Foundation
public import GongkaiModel
import PostgresNIO

extension PostgresStore {
    /// The codes of a region (`$1`) and every region below it.
    static let regionsBelow = """
        WITH RECURSIVE below(code) AS (
            SELECT code FROM region WHERE code = $1
            UNION SELECT r.code FROM region r JOIN below ON r.parent_code = below.code
        )
        """

    public func hasRegions() throws -> Bool {
        try guarded {
            try readRows("SELECT EXISTS (SELECT 1 FROM region)").first?.decode(Bool.self) ?? false
        }
    }

    public func counts() throws -> StoreCounts {
        try guarded {
            let row = try readRows(
                """
                SELECT (SELECT count(*) FROM agency), (SELECT count(*) FROM report),
                    (SELECT count(*) FROM report WHERE status = 'current'), (SELECT count(*) FROM figure),
                    (SELECT count(*) FROM finding), (SELECT count(*) FROM finding WHERE scope = 'cross-year'),
                    (SELECT count(*) FROM failure), (SELECT count(*) FROM region)
                """
            ).first
            guard let row else { return StoreCounts() }
            let counts = try row.decode((Int, Int, Int, Int, Int, Int, Int, Int).self)
            return StoreCounts(
                agencies: counts.0,
                reports: counts.1,
                currentReports: counts.2,
                figures: counts.3,
                findings: counts.4,
                crossYearFindings: counts.5,
                failures: counts.6,
                regions: counts.7
            )
        }
    }

    public func reports(agencyID: Int64, year: Int?, allVersions: Bool) throws -> [StoredReport] {
        var binds = PostgresBindings()
        binds.append(agencyID)
        binds.append(year)
        binds.append(allVersions)
        return try guarded {
            try reading { db in
                try db.rows(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT \(ReportRecord.postgresColumns) FROM report r
                            WHERE r.agency_id = $1 AND ($2::integer IS NULL OR r.year = $2)
                              AND ($3 OR r.status = 'current')
                            ORDER BY r.year, r.version
                            """,
                        binds: binds
                    )
                ).map { try stored(try ReportRecord(postgres: $0), db) }
            }
        }
    }

    func regionCode(_ name: String?) throws -> String? {
        try name.map { name in
            guard let found = try self.region(name) else { throw StoreError.regionNotFound(name) }
            return found.code
        }
    }

    public func missing(year: Int, region: String?) throws -> [AgencyRecord] {
        let code = try regionCode(region)
        var binds = PostgresBindings()
        binds.append(code)
        binds.append(year)
        return try guarded {
            try readRows(
                PostgresQuery(
                    unsafeSQL: Self.regionsBelow + """
                        SELECT \(AgencyRecord.postgresColumns) FROM agency a
                        WHERE a.listed AND ($1::text IS NULL OR a.region_code IN (SELECT code FROM below))
                          AND NOT EXISTS (SELECT 1 FROM report r WHERE r.agency_id = a.id AND r.year = $2)
                        ORDER BY a.region_code COLLATE "C", a.name COLLATE "C"
                        """,
                    binds: binds
                )
            ).map(AgencyRecord.init(postgres:))
        }
    }

    public func listings(underRegion code: String, year: Int) throws -> [ReportListing] {
        var binds = PostgresBindings()
        binds.append(code)
        binds.append(year)
        return try guarded {
            try readRows(
                PostgresQuery(
                    unsafeSQL: Self.regionsBelow + """
                        SELECT \(ReportRecord.postgresColumns), a.name, a.region_code, g.name
                        FROM report r JOIN agency a ON a.id = r.agency_id LEFT JOIN region g ON g.code = a.region_code
                        WHERE r.year = $2 AND r.status = 'current' AND a.region_code IN (SELECT code FROM below)
                        ORDER BY a.name COLLATE "C", r.id
                        """,
                    binds: binds
                )
            ).map(Self.listing(row:))
        }
    }

    public func figureSums(
        underRegion code: String,
        year: Int,
        template: ReportTemplate
    ) throws -> [FigureID: FigureSum] {
        var binds = PostgresBindings()
        binds.append(code)
        binds.append(year)
        binds.append(template.rawValue)
        return try guarded {
            var sums: [FigureID: FigureSum] = [:]
            for row in try readRows(
                PostgresQuery(
                    unsafeSQL: Self.regionsBelow + """
                        SELECT k.figure, coalesce(sum(f.value), 0)::text, count(f.value)::bigint
                        FROM report r JOIN agency a ON a.id = r.agency_id
                            JOIN figure f ON f.report_id = r.id JOIN figure_kind k ON k.id = f.kind_id
                        WHERE r.year = $2 AND r.status = 'current' AND a.region_code IN (SELECT code FROM below)
                          AND (r.template = $3 OR r.template IS NULL) AND k.template = $3
                        GROUP BY k.figure
                        """,
                    binds: binds
                )
            ) {
                let (figure, total, reports) = try row.decode((String, String, Int64).self)
                sums[FigureID(figure)] = FigureSum(
                    total: Decimal(string: total, locale: Locale(identifier: "en_US_POSIX")) ?? 0,
                    reports: Int(reports)
                )
            }
            return sums
        }
    }

    public func forEachReport(_ filter: ReportFilter, _ body: (StoredReport) throws -> Void) throws {
        let code = try regionCode(filter.region)
        var binds = PostgresBindings()
        binds.append(code)
        binds.append(filter.year)
        binds.append(filter.allVersions)
        binds.append(filter.template)
        binds.append(filter.agencyPattern)
        binds.append(filter.findings?.rawValue)
        // The report ids first, then each report in turn: an export of the whole corpus never holds it all.
        let ids: [Int64] = try guarded {
            try readRows(
                PostgresQuery(
                    unsafeSQL: Self.regionsBelow + """
                        SELECT r.id FROM report r JOIN agency a ON a.id = r.agency_id
                        WHERE ($2::integer IS NULL OR r.year = $2) AND ($3 OR r.status = 'current')
                          AND ($1::text IS NULL OR a.region_code IN (SELECT code FROM below))
                          AND ($4::text IS NULL OR r.template = $4)
                          AND ($5::text IS NULL OR a.normalized_name LIKE $5 OR a.name LIKE $5
                               OR a.id IN (SELECT agency_id FROM agency_alias WHERE normalized_alias LIKE $5))
                          AND ($6::text IS NULL OR ($6 = 'errors' AND r.errors > 0)
                               OR ($6 = 'warnings' AND r.errors = 0 AND r.warnings > 0)
                               OR ($6 = 'clean' AND r.errors = 0 AND r.warnings = 0))
                        ORDER BY a.name COLLATE "C", a.id, r.year, r.version
                        """,
                    binds: binds
                )
            ).map { try $0.decode(Int64.self) }
        }
        var agencies: [Int64: AgencyRecord] = [:]
        var regions: [String: RegionRecord?] = [:]
        for id in ids {
            let report: StoredReport? = try guarded {
                try reading { db in
                    var binds = PostgresBindings()
                    binds.append(id)
                    guard
                        let row = try db.rows(
                            PostgresQuery(
                                unsafeSQL: "SELECT \(ReportRecord.postgresColumns) FROM report r WHERE r.id = $1",
                                binds: binds
                            )
                        ).first
                    else { return nil }
                    return try stored(try ReportRecord(postgres: row), db, agencies: &agencies, regions: &regions)
                }
            }
            if let report { try body(report) }
        }
    }

    public func failures() throws -> [FailureRecord] {
        try guarded {
            try readRows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(FailureRecord.postgresColumns) FROM failure ORDER BY source_path COLLATE "C"
                        """
                )
            ).map(FailureRecord.init(postgres:))
        }
    }

    func stored(_ record: ReportRecord, _ db: PostgresSession.Transaction) throws -> StoredReport {
        var agencies: [Int64: AgencyRecord] = [:]
        var regions: [String: RegionRecord?] = [:]
        return try stored(record, db, agencies: &agencies, regions: &regions)
    }

    func stored(
        _ record: ReportRecord,
        _ db: PostgresSession.Transaction,
        agencies: inout [Int64: AgencyRecord],
        regions: inout [String: RegionRecord?]
    ) throws -> StoredReport {
        let reportID = record.id ?? 0
        let agency: AgencyRecord
        if let known = agencies[record.agencyID] {
            agency = known
        } else {
            guard let fetched = try agencyRecord(record.agencyID, db) else { throw StoreError.damaged(path: location) }
            agencies[record.agencyID] = fetched
            agency = fetched
        }
        var region: RegionRecord?
        if let code = agency.regionCode {
            if let known = regions[code] {
                region = known
            } else {
                region = try regionRecord(code: code, db)
                regions[code] = region
            }
        }
        var binds = PostgresBindings()
        binds.append(reportID)
        let findings = try db.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(FindingRecord.postgresColumns) FROM finding WHERE report_id = $1
                    ORDER BY scope COLLATE "C" DESC, id
                    """,
                binds: binds
            )
        ).map(FindingRecord.init(postgres:))
        let sections = try db.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(SectionRecord.postgresColumns) FROM section WHERE report_id = $1 ORDER BY position
                    """,
                binds: binds
            )
        ).map(SectionRecord.init(postgres:))
        return StoredReport(
            record: record,
            agency: agency,
            region: region,
            figures: try figures(reportID: reportID, db),
            findings: findings,
            sections: sections,
            source: try sourceInfo(contentHash: record.contentHash, db)
        )
    }
}
#endif
