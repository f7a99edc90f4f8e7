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

    /// Whether a page is read agency by agency in name order (index `agency_name_search`), each agency's reports
    /// looked up
    /// (index `report_current`), so that a page reads its own rows rather than sorting every report: one year by
    /// name, or every year by agency.
    static func agencyFirst(_ query: ReportQuery) -> Bool {
        query.order == .agency || (query.year != nil && query.order == .year)
    }

    static func pageSource(_ query: ReportQuery) -> String {
        agencyFirst(query)
            ? "FROM agency a CROSS JOIN report r ON r.agency_id = a.id"
            : "FROM report r JOIN agency a ON a.id = r.agency_id"
    }

    static func pageOrder(_ query: ReportQuery) -> String {
        if query.year != nil && query.order == .year { return "a.name, r.id" }
        return switch query.order {
        case .year: "r.year DESC, a.name, r.id"
        case .agency: "a.name, r.year DESC, r.id"
        case .errors: "r.errors DESC, r.warnings DESC, r.year DESC, a.name, r.id"
        }
    }

    /// The conditions of a listing, only those its filters ask for, so that the year and the partial index
    /// `report_listing` serve it (a condition written `:year IS NULL OR r.year = :year` would make SQLite read every
    /// report); and their arguments, every value bound. They read the report alone (`r`), agencies by their ids. The
    /// 报告库 (current versions) and the exports (`allVersions` too) filter with them. A page read agency by agency
    /// (`agencyFirst`, the agency as `a`) matches the agency text on each agency as it is read instead: a text
    /// matching thousands of agencies then reads only the agencies up to the end of the page, not all of their
    /// reports sorted by name.
    static func listing(
        _ filter: ReportFilter,
        regionCode: String?,
        agencyFirst: Bool = false
    ) -> (conditions: String, arguments: StatementArguments) {
        var conditions = [filter.allVersions ? "1" : "r.status = 'current'"]
        var arguments: StatementArguments = [:]
        if let year = filter.year {
            conditions.append("r.year = :year")
            _ = arguments.append(contentsOf: ["year": year])
        }
        if let regionCode {
            conditions.append("r.agency_id IN (SELECT id FROM agency WHERE region_code IN (SELECT code FROM below))")
            _ = arguments.append(contentsOf: ["region": regionCode])
        }
        if let template = filter.template {
            conditions.append("r.template = :template")
            _ = arguments.append(contentsOf: ["template": template])
        }
        if let pattern = filter.agencyPattern, agencyFirst {
            conditions.append(
                """
                (a.normalized_name LIKE :pattern OR a.name LIKE :pattern
                    OR a.id IN (SELECT agency_id FROM agency_alias WHERE normalized_alias LIKE :pattern))
                """
            )
            _ = arguments.append(contentsOf: ["pattern": pattern])
        } else if let pattern = filter.agencyPattern {
            conditions.append(
                """
                r.agency_id IN (
                    SELECT id FROM agency WHERE normalized_name LIKE :pattern OR name LIKE :pattern
                    UNION SELECT agency_id FROM agency_alias WHERE normalized_alias LIKE :pattern)
                """
            )
            _ = arguments.append(contentsOf: ["pattern": pattern])
        }
        switch filter.findings {
        case .errors: conditions.append("r.errors > 0")
        case .warnings: conditions.append("r.errors = 0 AND r.warnings > 0")
        case .clean: conditions.append("r.errors = 0 AND r.warnings = 0")
        case nil: break
        }
        return (conditions.joined(separator: "\n  AND "), arguments)
    }

    public func reportPage(_ query: ReportQuery) throws -> ReportPage {
        let code = try query.region.map { name in
            guard let found = try self.region(name) else { throw StoreError.regionNotFound(name) }
            return found.code
        }
        let filter = ReportFilter(query)
        let (conditions, filterArguments) = Self.listing(filter, regionCode: code)
        let below = code == nil ? "" : Self.regionsBelow + "\n"
        return try guarded {
            try pool.read { db in
                // The counts read the report rows alone, year by year: the partial index holds what they need, and
                // the filters on agencies pick their ids first (each agency's name is matched once, not once per
                // report).
                let key = "\(code ?? "")\u{1}\(filter)"
                let years = try listingCounts.years(key, db) {
                    try Row.fetchAll(
                        db,
                        sql: below + """
                            SELECT r.year, count(*), coalesce(sum(r.errors > 0), 0), coalesce(sum(r.errors), 0),
                                coalesce(sum(r.warnings), 0)
                            FROM report r
                            WHERE \(conditions)
                            GROUP BY r.year
                            ORDER BY r.year DESC
                            """,
                        arguments: filterArguments
                    ).map { row in
                        ListingCounts.Year(
                            year: row[0],
                            count: row[1],
                            withErrors: row[2],
                            errors: row[3],
                            warnings: row[4]
                        )
                    }
                }
                var rows: [ReportListing] = []
                if query.year == nil && query.order == .year {
                    // Latest year first, each year by name: the page is cut from the years it spans, each read
                    // the way one year is.
                    var skip = max(0, query.offset)
                    var wanted = max(0, query.limit)
                    for year in years where wanted > 0 {
                        if skip >= year.count {
                            skip -= year.count
                            continue
                        }
                        var yearQuery = query
                        yearQuery.year = year.year
                        yearQuery.offset = skip
                        yearQuery.limit = wanted
                        let page = try rowsOfPage(yearQuery, filter: filter, regionCode: code, db)
                        rows += page
                        wanted -= page.count
                        skip = 0
                    }
                } else {
                    rows = try rowsOfPage(query, filter: filter, regionCode: code, db)
                }
                return ReportPage(
                    total: years.reduce(0) { $0 + $1.count },
                    withErrors: years.reduce(0) { $0 + $1.withErrors },
                    errors: years.reduce(0) { $0 + $1.errors },
                    warnings: years.reduce(0) { $0 + $1.warnings },
                    rows: rows
                )
            }
        }
    }

    /// A report row with its agency's name and region (`listed_agency_name`, `listed_region_code`,
    /// `listed_region_name`).
    static func listing(row: Row) throws -> ReportListing {
        ReportListing(
            record: try ReportRecord(row: row),
            agencyName: row["listed_agency_name"],
            regionCode: row["listed_region_code"],
            regionName: row["listed_region_name"]
        )
    }

    /// The rows of one page, in the query's order: the page's report ids first, from the indexes alone (a page deep in
    /// the list passes over the reports before it without reading them), then those reports.
    private func rowsOfPage(
        _ query: ReportQuery,
        filter: ReportFilter,
        regionCode: String?,
        _ db: Database
    ) throws -> [ReportListing] {
        var pageFilter = filter
        pageFilter.year = query.year
        let (conditions, filterArguments) = Self.listing(
            pageFilter,
            regionCode: regionCode,
            agencyFirst: Self.agencyFirst(query)
        )
        var arguments = filterArguments
        _ = arguments.append(contentsOf: ["limit": max(0, query.limit), "offset": max(0, query.offset)])
        let below = regionCode == nil ? "" : Self.regionsBelow + "\n"
        let ids = try Int64.fetchAll(
            db,
            sql: below + """
                SELECT r.id \(Self.pageSource(query))
                WHERE \(conditions)
                ORDER BY \(Self.pageOrder(query))
                LIMIT :limit OFFSET :offset
                """,
            arguments: arguments
        )
        guard !ids.isEmpty else { return [] }
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        var listed: [Int64: ReportListing] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT r.*, a.name AS listed_agency_name, a.region_code AS listed_region_code,
                    g.name AS listed_region_name
                FROM report r JOIN agency a ON a.id = r.agency_id LEFT JOIN region g ON g.code = a.region_code
                WHERE r.id IN (\(marks))
                """,
            arguments: StatementArguments(ids)
        ) {
            let listing = try Self.listing(row: row)
            guard let id = listing.record.id else { continue }
            listed[id] = listing
        }
        return ids.compactMap { listed[$0] }
    }
}
