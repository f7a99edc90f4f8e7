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

    /// The page and the counts of the whole selection. The counts are worked out year by year; every year by year is
    /// cut from the years the page spans, each year read in agency order (index `agency_name_order`), as one year is.
    public func reportPage(_ query: ReportQuery) throws -> ReportPage {
        let code = try regionCode(query.region)
        var binds = PostgresBindings()
        binds.append(code)
        binds.append(query.year)
        binds.append(query.template)
        binds.append(query.agencyPattern)
        binds.append(query.findings?.rawValue)
        return try guarded {
            try reading { db in
                let years = try db.rows(
                    PostgresQuery(
                        unsafeSQL: Self.regionsBelow + """
                            SELECT r.year, count(*), count(*) FILTER (WHERE r.errors > 0), coalesce(sum(r.errors), 0),
                                coalesce(sum(r.warnings), 0)
                            """ + "\n" + Self.pageFilter + "\nGROUP BY r.year\nORDER BY r.year DESC",
                        binds: binds
                    )
                ).map { try $0.decode((Int, Int, Int, Int, Int).self) }
                var rows: [ReportListing] = []
                if query.year == nil && query.order == .year {
                    var skip = max(0, query.offset)
                    var wanted = max(0, query.limit)
                    for year in years where wanted > 0 {
                        if skip >= year.1 {
                            skip -= year.1
                            continue
                        }
                        var yearQuery = query
                        yearQuery.year = year.0
                        yearQuery.offset = skip
                        yearQuery.limit = wanted
                        let page = try rowsOfPage(yearQuery, regionCode: code, db)
                        rows += page
                        wanted -= page.count
                        skip = 0
                    }
                } else {
                    rows = try rowsOfPage(query, regionCode: code, db)
                }
                return ReportPage(
                    total: years.reduce(0) { $0 + $1.1 },
                    withErrors: years.reduce(0) { $0 + $1.2 },
                    errors: years.reduce(0) { $0 + $1.3 },
                    warnings: years.reduce(0) { $0 + $1.4 },
                    rows: rows
                )
            }
        }
    }

    /// The rows of one page in the query's order.
    private func rowsOfPage(
        _ query: ReportQuery,
        regionCode: String?,
        _ db: PostgresSession.Transaction
    ) throws -> [ReportListing] {
        var binds = PostgresBindings()
        binds.append(regionCode)
        binds.append(query.year)
        binds.append(query.template)
        binds.append(query.agencyPattern)
        binds.append(query.findings?.rawValue)
        binds.append(max(0, query.limit))
        binds.append(max(0, query.offset))
        // One year by year is in agency order.
        let order = query.year != nil && query.order == .year ? .agency : query.order
        return try db.rows(
            PostgresQuery(
                unsafeSQL: Self.regionsBelow + """
                    SELECT \(ReportRecord.postgresColumns), a.name, a.region_code, g.name
                    """ + "\n" + Self.pageFilter + """

                        ORDER BY \(Self.pageOrder(order))
                        LIMIT $6 OFFSET $7
                        """,
                binds: binds
            )
        ).map(Self.listing(row:))
    }
}
#endif
