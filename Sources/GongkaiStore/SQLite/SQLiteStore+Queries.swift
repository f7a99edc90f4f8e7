import Foundation
import GRDB
public import GongkaiModel

extension SQLiteStore {
    /// The codes of a region and every region below it.
    static let regionsBelow = """
        WITH RECURSIVE below(code) AS (
            SELECT code FROM region WHERE code = :region
            UNION SELECT r.code FROM region r JOIN below ON r.parent_code = below.code
        )
        """

    public func hasRegions() throws -> Bool {
        try guarded {
            try pool.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM region)") ?? false }
        }
    }

    public func counts() throws -> StoreCounts {
        try guarded {
            try pool.read { db in
                func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
                return StoreCounts(
                    agencies: try count("SELECT count(*) FROM agency"),
                    reports: try count("SELECT count(*) FROM report"),
                    currentReports: try count("SELECT count(*) FROM report WHERE status = 'current'"),
                    figures: try count("SELECT count(*) FROM figure"),
                    findings: try count("SELECT count(*) FROM finding"),
                    crossYearFindings: try count("SELECT count(*) FROM finding WHERE scope = 'cross-year'"),
                    failures: try count("SELECT count(*) FROM failure"),
                    regions: try count("SELECT count(*) FROM region")
                )
            }
        }
    }

    public func reports(agencyID: Int64, year: Int?, allVersions: Bool) throws -> [StoredReport] {
        try guarded {
            try pool.read { db in
                let records = try ReportRecord.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM report WHERE agency_id = ? AND (?2 IS NULL OR year = ?2)
                          AND (?3 OR status = 'current')
                        ORDER BY year, version
                        """,
                    arguments: [agencyID, year, allVersions]
                )
                return try records.map { try stored($0, db) }
            }
        }
    }

    public func missing(year: Int, region: String?) throws -> [AgencyRecord] {
        let code = try region.map { name in
            guard let found = try self.region(name) else { throw StoreError.regionNotFound(name) }
            return found.code
        }
        return try guarded {
            try pool.read { db in
                try AgencyRecord.fetchAll(
                    db,
                    sql: Self.regionsBelow + """
                        SELECT * FROM agency a
                        WHERE a.listed = 1 AND (:region IS NULL OR a.region_code IN (SELECT code FROM below))
                          AND NOT EXISTS (SELECT 1 FROM report r WHERE r.agency_id = a.id AND r.year = :year)
                        ORDER BY a.region_code, a.name
                        """,
                    arguments: ["region": code, "year": year]
                )
            }
        }
    }

    public func listings(underRegion code: String, year: Int) throws -> [ReportListing] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: Self.regionsBelow + """
                        SELECT r.*, a.name AS listed_agency_name, a.region_code AS listed_region_code,
                            g.name AS listed_region_name
                        FROM report r JOIN agency a ON a.id = r.agency_id LEFT JOIN region g ON g.code = a.region_code
                        WHERE r.year = :year AND r.status = 'current' AND a.region_code IN (SELECT code FROM below)
                        ORDER BY a.name, r.id
                        """,
                    arguments: ["region": code, "year": year]
                ).map(Self.listing(row:))
            }
        }
    }

    public func figureSums(
        underRegion code: String,
        year: Int,
        template: ReportTemplate
    ) throws -> [FigureID: FigureSum] {
        try guarded {
            try pool.read { db in
                var sums: [FigureID: FigureSum] = [:]
                let rows = try Row.fetchCursor(
                    db,
                    sql: Self.regionsBelow + """
                        SELECT k.figure, sum(f.value), count(f.value)
                        FROM report r JOIN agency a ON a.id = r.agency_id
                            JOIN figure f ON f.report_id = r.id JOIN figure_kind k ON k.id = f.kind_id
                        WHERE r.year = :year AND r.status = 'current' AND a.region_code IN (SELECT code FROM below)
                          AND (r.template = :template OR r.template IS NULL) AND k.template = :template
                        GROUP BY k.figure
                        """,
                    arguments: ["region": code, "year": year, "template": template.rawValue]
                )
                while let row = try rows.next() {
                    sums[FigureID(row[0] as String)] = FigureSum(
                        total: Self.decimal(row[1] as DatabaseValue) ?? 0,
                        reports: row[2]
                    )
                }
                return sums
            }
        }
    }

    public func forEachReport(_ filter: ReportFilter, _ body: (StoredReport) throws -> Void) throws {
        let code = try filter.region.map { name in
            guard let found = try self.region(name) else { throw StoreError.regionNotFound(name) }
            return found.code
        }
        let (conditions, arguments) = Self.listing(filter, regionCode: code)
        try guarded {
            try pool.read { db in
                let records = try ReportRecord.fetchCursor(
                    db,
                    sql: (code == nil ? "" : Self.regionsBelow + "\n") + """
                        SELECT r.* FROM report r JOIN agency a ON a.id = r.agency_id
                        WHERE \(conditions)
                        ORDER BY a.name, a.id, r.year, r.version
                        """,
                    arguments: arguments
                )
                var agencies: [Int64: AgencyRecord] = [:]
                var regions: [String: RegionRecord] = [:]
                while let record = try records.next() {
                    try body(try stored(record, db, agencies: &agencies, regions: &regions))
                }
            }
        }
    }

    public func failures() throws -> [FailureRecord] {
        try guarded {
            try pool.read { db in
                try FailureRecord.fetchAll(db, sql: "SELECT * FROM failure ORDER BY source_path")
            }
        }
    }

    func stored(_ record: ReportRecord, _ db: Database) throws -> StoredReport {
        var agencies: [Int64: AgencyRecord] = [:]
        var regions: [String: RegionRecord] = [:]
        return try stored(record, db, agencies: &agencies, regions: &regions)
    }

    func stored(
        _ record: ReportRecord,
        _ db: Database,
        agencies: inout [Int64: AgencyRecord],
        regions: inout [String: RegionRecord]
    ) throws -> StoredReport {
        let reportID = record.id ?? 0
        let agency: AgencyRecord
        if let known = agencies[record.agencyID] {
            agency = known
        } else {
            guard let fetched = try AgencyRecord.fetchOne(db, key: record.agencyID) else {
                throw StoreError.damaged(path: path)
            }
            agencies[record.agencyID] = fetched
            agency = fetched
        }
        var region: RegionRecord?
        if let code = agency.regionCode {
            if let known = regions[code] {
                region = known
            } else {
                region = try RegionRecord.fetchOne(db, key: code)
                regions[code] = region
            }
        }
        let findings = try FindingRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM finding WHERE report_id = ? ORDER BY scope DESC, id"),
            arguments: [reportID]
        )
        let sections = try SectionRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM section WHERE report_id = ? ORDER BY position"),
            arguments: [reportID]
        )
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
