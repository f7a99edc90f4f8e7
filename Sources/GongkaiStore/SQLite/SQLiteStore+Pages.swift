import GRDB

extension SQLiteStore {
    public func agency(id: Int64) throws -> AgencyRecord? {
        try guarded {
            try pool.read { db in try AgencyRecord.fetchOne(db, key: id) }
        }
    }

    public func report(id: Int64) throws -> StoredReport? {
        try guarded {
            try pool.read { db in
                try ReportRecord.fetchOne(db, key: id).map { try stored($0, db) }
            }
        }
    }

    /// The filters of a ``ReportQuery``, every one a bound argument.
    static let pageFilter = """
        FROM report r JOIN agency a ON a.id = r.agency_id LEFT JOIN region g ON g.code = a.region_code
        WHERE r.status = 'current'
          AND (:year IS NULL OR r.year = :year)
          AND (:region IS NULL OR a.region_code IN (SELECT code FROM below))
          \(narrowing)
        """

    static func pageOrder(_ order: ReportQuery.Order) -> String {
        switch order {
        case .year: "r.year DESC, a.name, r.id"
        case .agency: "a.name, r.year DESC, r.id"
        case .errors: "r.errors DESC, r.warnings DESC, r.year DESC, a.name, r.id"
        }
    }

    public func reportPage(_ query: ReportQuery) throws -> ReportPage {
        let code = try query.region.map { name in
            guard let found = try self.region(name) else { throw StoreError.regionNotFound(name) }
            return found.code
        }
        var arguments: StatementArguments = [
            "year": query.year, "region": code, "template": query.template, "pattern": query.agencyPattern,
            "findings": query.findings?.rawValue,
        ]
        return try guarded {
            try pool.read { db in
                let counts = try Row.fetchOne(
                    db,
                    sql: Self.regionsBelow + """
                        SELECT count(*), coalesce(sum(r.errors > 0), 0), coalesce(sum(r.errors), 0),
                            coalesce(sum(r.warnings), 0)
                        """ + "\n" + Self.pageFilter,
                    arguments: arguments
                )
                _ = arguments.append(contentsOf: ["limit": max(0, query.limit), "offset": max(0, query.offset)])
                let rows = try Row.fetchAll(
                    db,
                    sql: Self.regionsBelow + """
                        SELECT r.*, a.name AS listed_agency_name, a.region_code AS listed_region_code,
                            g.name AS listed_region_name
                        """ + "\n" + Self.pageFilter + """

                            ORDER BY \(Self.pageOrder(query.order))
                            LIMIT :limit OFFSET :offset
                            """,
                    arguments: arguments
                ).map { row in
                    ReportListing(
                        record: try ReportRecord(row: row),
                        agencyName: row["listed_agency_name"],
                        regionCode: row["listed_region_code"],
                        regionName: row["listed_region_name"]
                    )
                }
                return ReportPage(
                    total: counts?[0] ?? 0,
                    withErrors: counts?[1] ?? 0,
                    errors: counts?[2] ?? 0,
                    warnings: counts?[3] ?? 0,
                    rows: rows
                )
            }
        }
    }
}
