#if Postgres
import PostgresNIO

extension PostgresStore {
    public func agency(id: Int64) throws -> AgencyRecord? {
        try guarded {
            try reading { db in try agencyRecord(id, db) }
        }
    }

    public func report(id: Int64) throws -> StoredReport? {
        var binds = PostgresBindings()
        binds.append(id)
        return try guarded {
            try reading { db in
                guard
                    let row = try db.rows(
                        PostgresQuery(
                            unsafeSQL: "SELECT \(ReportRecord.postgresColumns) FROM report r WHERE r.id = $1",
                            binds: binds
                        )
                    ).first
                else { return nil }
                return try stored(try ReportRecord(postgres: row), db)
            }
        }
    }

    /// The filters of a ``ReportQuery``: `$1` region code, `$2` year, `$3` template, `$4` agency pattern, `$5`
    /// findings, every one bound.
    static let pageFilter = """
        FROM report r JOIN agency a ON a.id = r.agency_id LEFT JOIN region g ON g.code = a.region_code
        WHERE r.status = 'current'
          AND ($2::integer IS NULL OR r.year = $2)
          AND ($1::text IS NULL OR a.region_code IN (SELECT code FROM below))
          AND ($3::text IS NULL OR r.template = $3)
          AND ($4::text IS NULL OR a.normalized_name LIKE $4 OR a.name LIKE $4
               OR a.id IN (SELECT agency_id FROM agency_alias WHERE normalized_alias LIKE $4))
          AND ($5::text IS NULL OR ($5 = 'errors' AND r.errors > 0)
               OR ($5 = 'warnings' AND r.errors = 0 AND r.warnings > 0)
               OR ($5 = 'clean' AND r.errors = 0 AND r.warnings = 0))
        """

    static func pageOrder(_ order: ReportQuery.Order) -> String {
        switch order {
        case .year: #"r.year DESC, a.name COLLATE "C", r.id"#
        case .agency: #"a.name COLLATE "C", r.year DESC, r.id"#
        case .errors: #"r.errors DESC, r.warnings DESC, r.year DESC, a.name COLLATE "C", r.id"#
        }
    }

    /// A report's columns (``ReportRecord/postgresColumns``) followed by its agency's name, region code and region
    /// name.
    static func listing(row: PostgresRow) throws -> ReportListing {
        let cells = row.makeRandomAccess()
        let count = cells.count
        return ReportListing(
            record: try ReportRecord(postgres: row),
            agencyName: try cells[count - 3].decode(String.self),
            regionCode: try cells[count - 2].decode(String?.self),
            regionName: try cells[count - 1].decode(String?.self)
        )
    }

    public func reportPage(_ query: ReportQuery) throws -> ReportPage {
        let code = try regionCode(query.region)
        var binds = PostgresBindings()
        binds.append(code)
        binds.append(query.year)
        binds.append(query.template)
        binds.append(query.agencyPattern)
        binds.append(query.findings?.rawValue)
        var pageBinds = binds
        pageBinds.append(max(0, query.limit))
        pageBinds.append(max(0, query.offset))
        return try guarded {
            try reading { db in
                let counts =
                    try db.rows(
                        PostgresQuery(
                            unsafeSQL: Self.regionsBelow + """
                                SELECT count(*), count(*) FILTER (WHERE r.errors > 0), coalesce(sum(r.errors), 0),
                                    coalesce(sum(r.warnings), 0)
                                """ + "\n" + Self.pageFilter,
                            binds: binds
                        )
                    ).first?.decode((Int, Int, Int, Int).self) ?? (0, 0, 0, 0)
                let rows = try db.rows(
                    PostgresQuery(
                        unsafeSQL: Self.regionsBelow + """
                            SELECT \(ReportRecord.postgresColumns), a.name, a.region_code, g.name
                            """ + "\n" + Self.pageFilter + """

                                ORDER BY \(Self.pageOrder(query.order))
                                LIMIT $6 OFFSET $7
                                """,
                        binds: pageBinds
                    )
                ).map(Self.listing(row:))
                return ReportPage(
                    total: counts.0,
                    withErrors: counts.1,
                    errors: counts.2,
                    warnings: counts.3,
                    rows: rows
                )
            }
        }
    }
}
#endif
