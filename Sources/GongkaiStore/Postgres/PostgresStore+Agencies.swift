#if Postgres
import Foundation
import PostgresNIO

extension PostgresStore {
    /// The agency a printed name names: an alias, then the normalised name, then a stored agency with the same core
    /// and compatible region segments. With `create`, a name that matches none becomes a new agency.
    func resolveAgency(_ printed: String, create: Bool, _ db: PostgresSession.Transaction) throws -> Int64? {
        let name = AgencyName(printed)
        if let id = caches.agency(name.normalized) { return id }
        let id = try resolveUncached(printed, name: name, create: create, db)
        if let id { caches.remember(agency: id, as: name.normalized) }
        return id
    }

    func resolveUncached(
        _ printed: String,
        name: AgencyName,
        create: Bool,
        _ db: PostgresSession.Transaction
    ) throws
        -> Int64?
    {
        if create {
            // Two ingests meeting variants of one new name make one agency, not two.
            try db.execute("SELECT pg_advisory_xact_lock(2, hashtext(\(name.key)))")
        }
        if let id = try lookUpAgency(name, db) { return id }
        guard create else { return nil }
        let inserted = try db.one(
            """
            INSERT INTO agency (name, normalized_name, core_name, name_key, segments, region_code, listed, created_at)
            VALUES (\(printed), \(name.normalized), \(name.core), \(name.key), \(name.segments.joined(separator: "/")),
                \(try regionCode(for: name, db)), false, \(Self.now()))
            ON CONFLICT (normalized_name) DO NOTHING
            RETURNING id
            """,
            as: Int64.self
        )
        if let inserted { return inserted }
        return try db.one("SELECT id FROM agency WHERE normalized_name = \(name.normalized)", as: Int64.self)
    }

    public func createAgency(named name: String) throws -> AgencyRecord {
        try AgencyRules.checkNewName(name)
        return try guarded {
            try writer.transaction { db in
                guard let id = try resolveAgency(name, create: true, db), let agency = try agencyRecord(id, db) else {
                    throw StoreError.agencyNotFound(name)
                }
                return agency
            }
        }
    }

    func lookUpAgency(_ name: AgencyName, _ db: PostgresSession.Transaction) throws -> Int64? {
        if let id = try db.one(
            "SELECT agency_id FROM agency_alias WHERE normalized_alias = \(name.normalized)",
            as: Int64.self
        ) {
            return id
        }
        if let id = try db.one("SELECT id FROM agency WHERE normalized_name = \(name.normalized)", as: Int64.self) {
            return id
        }
        let candidates = try db.rows(
            PostgresQuery(
                unsafeSQL: "SELECT \(AgencyRecord.postgresColumns) FROM agency a WHERE a.name_key = $1 ORDER BY a.id",
                binds: bindings(name.key)
            )
        ).map(AgencyRecord.init(postgres:))
        return candidates.first { name.isCompatible(with: AgencyName(stored: $0)) }?.id
    }

    func bindings(_ values: String...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }

    func agencyRecord(_ id: Int64, _ db: PostgresSession.Transaction) throws -> AgencyRecord? {
        var binds = PostgresBindings()
        binds.append(id)
        return try db.rows(
            PostgresQuery(
                unsafeSQL: "SELECT \(AgencyRecord.postgresColumns) FROM agency a WHERE a.id = $1",
                binds: binds
            )
        ).first.map(AgencyRecord.init(postgres:))
    }

    func regionRecord(code: String, _ db: PostgresSession.Transaction) throws -> RegionRecord? {
        try db.rows(
            PostgresQuery(
                unsafeSQL: "SELECT \(RegionRecord.postgresColumns) FROM region WHERE code = $1",
                binds: bindings(code)
            )
        ).first.map(RegionRecord.init(postgres:))
    }

    func regions(normalizedName: String, _ db: PostgresSession.Transaction) throws -> [RegionRecord] {
        try db.rows(
            PostgresQuery(
                unsafeSQL:
                    "SELECT \(RegionRecord.postgresColumns) FROM region WHERE normalized_name = $1 ORDER BY code",
                binds: bindings(normalizedName)
            )
        ).map(RegionRecord.init(postgres:))
    }

    /// The region whose name is the name's innermost segment, if exactly one fits (outer segments break ties).
    func regionCode(for name: AgencyName, _ db: PostgresSession.Transaction) throws -> String? {
        guard let innermost = name.segments.last else { return nil }
        let regions = try regions(normalizedName: innermost, db)
        if regions.count <= 1 { return regions.first?.code }
        let outer = Set(name.segments.dropLast())
        let fitting = try regions.filter { region in
            let ancestors = try db.rows(
                """
                WITH RECURSIVE up(code, parent_code, normalized_name) AS (
                    SELECT code, parent_code, normalized_name FROM region WHERE code = \(region.code)
                    UNION SELECT r.code, r.parent_code, r.normalized_name FROM region r JOIN up ON r.code = up.parent_code
                ) SELECT normalized_name FROM up
                """
            ).map { try $0.decode(String.self) }
            return !outer.isEmpty && outer.isSubset(of: Set(ancestors))
        }
        return fitting.count == 1 ? fitting.first?.code : nil
    }

    public func agency(named name: String) throws -> AgencyRecord? {
        try guarded {
            try reading { db in
                guard let id = try lookUpAgency(AgencyName(name), db) else { return nil }
                return try agencyRecord(id, db)
            }
        }
    }

    public func searchAgencies(_ text: String) throws -> [AgencyRecord] {
        let pattern = "%" + AgencyName.normalize(text).replacingAll("%", with: "").replacingAll("_", with: "") + "%"
        return try guarded {
            try readRows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(AgencyRecord.postgresColumns) FROM agency a
                        WHERE a.normalized_name LIKE $1 OR a.name LIKE $1
                           OR a.id IN (SELECT agency_id FROM agency_alias WHERE normalized_alias LIKE $1)
                        ORDER BY a.name COLLATE "C"
                        """,
                    binds: bindings(pattern)
                )
            ).map(AgencyRecord.init(postgres:))
        }
    }

    public func addAlias(_ alias: String, for target: String) throws -> AliasResult {
        defer { forgetCaches() }
        return try guarded {
            try writer.transaction { db in
                guard let targetID = try lookUpAgency(AgencyName(target), db),
                    var agency = try agencyRecord(targetID, db)
                else { throw StoreError.agencyNotFound(target) }
                let name = AgencyName(alias)
                var merged = 0
                // An agency stored under exactly this name is the same body: move its reports over.
                if let otherID = try db.one(
                    "SELECT id FROM agency WHERE normalized_name = \(name.normalized) AND id <> \(targetID)",
                    as: Int64.self
                ) {
                    for id in [targetID, otherID].sorted() { try lockAgency(id, db) }
                    merged = try merge(otherID, into: targetID, db)
                }
                try db.execute(
                    """
                    INSERT INTO agency_alias (normalized_alias, alias, agency_id)
                    VALUES (\(name.normalized), \(alias), \(targetID))
                    ON CONFLICT (normalized_alias) DO UPDATE SET alias = excluded.alias, agency_id = excluded.agency_id
                    """
                )
                agency = try agencyRecord(targetID, db) ?? agency
                return AliasResult(agency: agency, mergedReports: merged)
            }
        }
    }

    public func renameAgency(_ current: String, to newName: String) throws -> AgencyRecord {
        defer { forgetCaches() }
        return try guarded {
            try writer.transaction { db in
                guard let id = try lookUpAgency(AgencyName(current), db), let agency = try agencyRecord(id, db) else {
                    throw StoreError.agencyNotFound(current)
                }
                try lockAgency(id, db)
                let name = AgencyName(newName)
                let aliasOwner = try db.one(
                    "SELECT agency_id FROM agency_alias WHERE normalized_alias = \(name.normalized)",
                    as: Int64.self
                )
                if let otherID = try lookUpAgency(name, db), otherID != id, let other = try agencyRecord(otherID, db),
                    other.normalizedName == name.normalized || aliasOwner == otherID
                {
                    throw StoreError.agencyNameTaken(newName, existing: other.name)
                }
                // The old name keeps finding the agency.
                if agency.normalizedName != name.normalized {
                    try db.execute(
                        """
                        INSERT INTO agency_alias (normalized_alias, alias, agency_id)
                        VALUES (\(agency.normalizedName), \(agency.name), \(id))
                        ON CONFLICT (normalized_alias) DO UPDATE SET alias = excluded.alias, agency_id = excluded.agency_id
                        """
                    )
                }
                try db.execute("DELETE FROM agency_alias WHERE normalized_alias = \(name.normalized)")
                let segments = name.segments.joined(separator: "/")
                try db.execute(
                    """
                    UPDATE agency SET name = \(newName), normalized_name = \(name.normalized), core_name = \(name.core),
                        name_key = \(name.key), segments = \(segments)
                    WHERE id = \(id)
                    """
                )
                return try agencyRecord(id, db) ?? agency
            }
        }
    }

    /// Moves every report, alias and listing of one agency to another, puts the versions of each year in their
    /// ``VersionOrder``, and recomputes the cross-year findings.
    func merge(_ otherID: Int64, into targetID: Int64, _ db: PostgresSession.Transaction) throws -> Int {
        let moved = try db.one("SELECT count(*) FROM report WHERE agency_id = \(otherID)", as: Int.self) ?? 0
        try db.execute("UPDATE agency_alias SET agency_id = \(targetID) WHERE agency_id = \(otherID)")
        try db.execute("UPDATE agency SET parent_id = \(targetID) WHERE parent_id = \(otherID)")
        try db.execute(
            """
            UPDATE agency SET listed = listed OR (SELECT listed FROM agency WHERE id = \(otherID)),
                region_code = coalesce(region_code, (SELECT region_code FROM agency WHERE id = \(otherID)))
            WHERE id = \(targetID)
            """
        )
        // Versions are renumbered past the unique constraints: first out of the way, then in order.
        try db.execute(
            """
            UPDATE report SET status = 'superseded', version = \(unescaped: VersionOrder.outOfTheWay)
            WHERE agency_id IN (\(targetID), \(otherID))
            """
        )
        try db.execute("UPDATE report SET agency_id = \(targetID) WHERE agency_id = \(otherID)")
        let years = try db.rows(
            "SELECT DISTINCT year FROM report WHERE agency_id = \(targetID) ORDER BY year"
        ).map { try $0.decode(Int.self) }
        for year in years { _ = try putVersionsInOrder(agencyID: targetID, year: year, db) }
        // The register's records go with the agency; a number both registers use is for the clerk to settle first.
        if let clash = try db.one(
            """
            SELECT o.key FROM register_record o
            JOIN register_record t ON t.agency_id = \(targetID) AND t.kind = o.kind AND t.key = o.key
            WHERE o.agency_id = \(otherID) LIMIT 1
            """,
            as: String.self
        ) {
            throw StoreError.registerRecordExists(clash, version: 0)
        }
        try db.execute("UPDATE register_record SET agency_id = \(targetID) WHERE agency_id = \(otherID)")
        // Users' duties go with it too; a duty held for both stays once.
        try db.execute(
            """
            INSERT INTO user_duty (user_id, agency_id, duty, granted_at)
            SELECT user_id, \(targetID), duty, granted_at FROM user_duty WHERE agency_id = \(otherID)
            ON CONFLICT DO NOTHING
            """
        )
        let otherName = try db.one("SELECT name FROM agency WHERE id = \(otherID)", as: String.self)
        try db.execute("DELETE FROM agency WHERE id = \(otherID)")
        if let otherName {
            try db.execute(
                """
                INSERT INTO agency_alias (normalized_alias, alias, agency_id)
                VALUES (\(AgencyName.normalize(otherName)), \(otherName), \(targetID))
                ON CONFLICT DO NOTHING
                """
            )
        }
        for year in years {
            try recomputeCrossYear(agencyID: targetID, year: year, db)
            try recomputeCrossYear(agencyID: targetID, year: year + 1, db)
        }
        return moved
    }

    public func importRegions(_ rows: [RegionRow]) throws -> RegionImportSummary {
        defer { forgetCaches() }
        return try guarded {
            try writer.transaction { db in
                var regions = 0
                var agencies = 0
                try db.execute("SET CONSTRAINTS ALL DEFERRED")
                for row in rows where !row.isAgency {
                    try db.execute(
                        """
                        INSERT INTO region (code, name, normalized_name, parent_code, level)
                        VALUES (\(row.code), \(row.name), \(AgencyName.normalize(row.name)), \(row.parent),
                            \(row.level))
                        ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                            normalized_name = excluded.normalized_name, parent_code = excluded.parent_code,
                            level = excluded.level
                        """
                    )
                    regions += 1
                }
                for row in rows where row.isAgency {
                    guard let parent = row.parent, let region = try regionRecord(code: parent, db) else {
                        throw StoreError.invalidRegionFile(
                            line: 0,
                            reason: "机关「\(row.name)」的上级地区「\(row.parent ?? "")」不存在"
                        )
                    }
                    // A name without its region (「司法局」 under 西工区) is the region's agency of that name.
                    let full = AgencyName(row.name).segments.isEmpty ? region.name + row.name : row.name
                    guard let id = try resolveAgency(full, create: true, db) else { continue }
                    try db.execute(
                        "UPDATE agency SET region_code = \(region.code), listed = true, level = \(row.level) WHERE id = \(id)"
                    )
                    agencies += 1
                }
                // Agencies stored before the tree was known get their region now.
                let unplaced = try db.rows(
                    PostgresQuery(
                        unsafeSQL: "SELECT \(AgencyRecord.postgresColumns) FROM agency a WHERE a.region_code IS NULL"
                    )
                ).map(AgencyRecord.init(postgres:))
                for agency in unplaced {
                    guard let id = agency.id, let code = try regionCode(for: AgencyName(stored: agency), db) else {
                        continue
                    }
                    try db.execute("UPDATE agency SET region_code = \(code) WHERE id = \(id)")
                }
                return RegionImportSummary(regions: regions, agencies: agencies)
            }
        }
    }

    public func region(_ codeOrName: String) throws -> RegionRecord? {
        try guarded {
            try reading { db in
                if let region = try regionRecord(code: codeOrName, db) { return region }
                let named = try regions(normalizedName: AgencyName.normalize(codeOrName), db)
                return named.count == 1 ? named.first : nil
            }
        }
    }
}
#endif
