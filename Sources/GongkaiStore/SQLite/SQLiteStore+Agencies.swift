import Foundation
import GRDB

extension SQLiteStore {
    /// The agency a printed name names: an alias, then the normalised name, then a stored agency with the same core
    /// and compatible region segments. With `create`, a name that matches none becomes a new agency.
    func resolveAgency(_ printed: String, create: Bool, _ db: Database) throws -> Int64? {
        let name = AgencyName(printed)
        if let id = caches.agency(name.normalized) { return id }
        if let id = try lookUpAgency(name, db) {
            caches.remember(agency: id, as: name.normalized)
            return id
        }
        guard create else { return nil }
        var record = AgencyRecord(
            id: nil,
            name: printed,
            normalizedName: name.normalized,
            coreName: name.core,
            nameKey: name.key,
            segments: name.segments.joined(separator: "/"),
            regionCode: try regionCode(for: name, db),
            level: nil,
            parentID: nil,
            listed: false,
            createdAt: Self.now()
        )
        try record.insert(db)
        let id = record.id ?? db.lastInsertedRowID
        caches.remember(agency: id, as: name.normalized)
        return id
    }

    func lookUpAgency(_ name: AgencyName, _ db: Database) throws -> Int64? {
        if let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT agency_id FROM agency_alias WHERE normalized_alias = ?"),
            arguments: [name.normalized]
        ) {
            return id
        }
        if let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM agency WHERE normalized_name = ?"),
            arguments: [name.normalized]
        ) {
            return id
        }
        let candidates = try AgencyRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM agency WHERE name_key = ? ORDER BY id"),
            arguments: [name.key]
        )
        return candidates.first { name.isCompatible(with: AgencyName(stored: $0)) }?.id
    }

    /// The region whose name is the name's innermost segment, if exactly one fits (outer segments break ties).
    func regionCode(for name: AgencyName, _ db: Database) throws -> String? {
        guard let innermost = name.segments.last else { return nil }
        let regions = try RegionRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM region WHERE normalized_name = ?"),
            arguments: [innermost]
        )
        if regions.count <= 1 { return regions.first?.code }
        let outer = Set(name.segments.dropLast())
        let fitting = try regions.filter { region in
            let ancestors = try String.fetchAll(
                db,
                sql: """
                    WITH RECURSIVE up(code, parent_code, normalized_name) AS (
                        SELECT code, parent_code, normalized_name FROM region WHERE code = ?
                        UNION SELECT r.code, r.parent_code, r.normalized_name FROM region r JOIN up ON r.code = up.parent_code
                    ) SELECT normalized_name FROM up
                    """,
                arguments: [region.code]
            )
            return !outer.isEmpty && outer.isSubset(of: Set(ancestors))
        }
        return fitting.count == 1 ? fitting.first?.code : nil
    }

    public func agency(named name: String) throws -> AgencyRecord? {
        try guarded {
            try pool.read { db in
                guard let id = try lookUpAgency(AgencyName(name), db) else { return nil }
                return try AgencyRecord.fetchOne(db, key: id)
            }
        }
    }

    public func createAgency(named name: String) throws -> AgencyRecord {
        try AgencyRules.checkNewName(name)
        return try guarded {
            try pool.write { db in
                guard let id = try resolveAgency(name, create: true, db),
                    let agency = try AgencyRecord.fetchOne(db, key: id)
                else { throw StoreError.agencyNotFound(name) }
                return agency
            }
        }
    }

    public func searchAgencies(_ text: String) throws -> [AgencyRecord] {
        let pattern = "%" + AgencyName.normalize(text).replacingAll("%", with: "").replacingAll("_", with: "") + "%"
        return try guarded {
            try pool.read { db in
                try AgencyRecord.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM agency WHERE normalized_name LIKE ?1 OR name LIKE ?1
                           OR id IN (SELECT agency_id FROM agency_alias WHERE normalized_alias LIKE ?1)
                        ORDER BY name
                        """,
                    arguments: [pattern]
                )
            }
        }
    }

    public func addAlias(_ alias: String, for target: String) throws -> AliasResult {
        let result: AliasResult = try guarded {
            try pool.write { db in
                guard let targetID = try lookUpAgency(AgencyName(target), db),
                    var agency = try AgencyRecord.fetchOne(db, key: targetID)
                else { throw StoreError.agencyNotFound(target) }
                let name = AgencyName(alias)
                var merged = 0
                // An agency stored under exactly this name is the same body: move its reports over.
                if let otherID = try Int64.fetchOne(
                    db,
                    sql: "SELECT id FROM agency WHERE normalized_name = ? AND id <> ?",
                    arguments: [name.normalized, targetID]
                ) {
                    merged = try merge(otherID, into: targetID, db)
                }
                try db.execute(
                    sql: """
                        INSERT INTO agency_alias (normalized_alias, alias, agency_id) VALUES (?, ?, ?)
                        ON CONFLICT (normalized_alias) DO UPDATE SET alias = excluded.alias, agency_id = excluded.agency_id
                        """,
                    arguments: [name.normalized, alias, targetID]
                )
                agency = try AgencyRecord.fetchOne(db, key: targetID) ?? agency
                return AliasResult(agency: agency, mergedReports: merged)
            }
        }
        caches.forgetAgencies()
        return result
    }

    public func renameAgency(_ current: String, to newName: String) throws -> AgencyRecord {
        let result: AgencyRecord = try guarded {
            try pool.write { db in
                guard let id = try lookUpAgency(AgencyName(current), db),
                    let agency = try AgencyRecord.fetchOne(db, key: id)
                else { throw StoreError.agencyNotFound(current) }
                let name = AgencyName(newName)
                let aliasOwner = try Int64.fetchOne(
                    db,
                    sql: "SELECT agency_id FROM agency_alias WHERE normalized_alias = ?",
                    arguments: [name.normalized]
                )
                if let otherID = try lookUpAgency(name, db), otherID != id,
                    let other = try AgencyRecord.fetchOne(db, key: otherID),
                    other.normalizedName == name.normalized || aliasOwner == otherID
                {
                    throw StoreError.agencyNameTaken(newName, existing: other.name)
                }
                // The old name keeps finding the agency.
                if agency.normalizedName != name.normalized {
                    try db.execute(
                        sql: """
                            INSERT INTO agency_alias (normalized_alias, alias, agency_id) VALUES (?, ?, ?)
                            ON CONFLICT (normalized_alias) DO UPDATE SET alias = excluded.alias, agency_id = excluded.agency_id
                            """,
                        arguments: [agency.normalizedName, agency.name, id]
                    )
                }
                try db.execute(sql: "DELETE FROM agency_alias WHERE normalized_alias = ?", arguments: [name.normalized])
                try db.execute(
                    sql: """
                        UPDATE agency SET name = ?, normalized_name = ?, core_name = ?, name_key = ?, segments = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        newName, name.normalized, name.core, name.key, name.segments.joined(separator: "/"), id,
                    ]
                )
                return try AgencyRecord.fetchOne(db, key: id) ?? agency
            }
        }
        caches.forgetAgencies()
        return result
    }

    /// Moves every report, alias and listing of one agency to another, puts the versions of each year in their
    /// ``VersionOrder``, and recomputes the cross-year findings.
    func merge(_ otherID: Int64, into targetID: Int64, _ db: Database) throws -> Int {
        let moved =
            try Int.fetchOne(db, sql: "SELECT count(*) FROM report WHERE agency_id = ?", arguments: [otherID]) ?? 0
        try db.execute(
            sql: "UPDATE agency_alias SET agency_id = ? WHERE agency_id = ?",
            arguments: [targetID, otherID]
        )
        try db.execute(sql: "UPDATE agency SET parent_id = ? WHERE parent_id = ?", arguments: [targetID, otherID])
        try db.execute(
            sql: """
                UPDATE agency SET listed = max(listed, (SELECT listed FROM agency WHERE id = ?2)),
                    region_code = coalesce(region_code, (SELECT region_code FROM agency WHERE id = ?2))
                WHERE id = ?1
                """,
            arguments: [targetID, otherID]
        )
        // Versions are renumbered past the unique constraints: first out of the way, then in order.
        try db.execute(
            sql:
                "UPDATE report SET status = 'superseded', version = \(VersionOrder.outOfTheWay) WHERE agency_id IN (?, ?)",
            arguments: [targetID, otherID]
        )
        try db.execute(sql: "UPDATE report SET agency_id = ? WHERE agency_id = ?", arguments: [targetID, otherID])
        let years = try Int.fetchAll(
            db,
            sql: "SELECT DISTINCT year FROM report WHERE agency_id = ? ORDER BY year",
            arguments: [targetID]
        )
        for year in years { _ = try putVersionsInOrder(agencyID: targetID, year: year, db) }
        // The register's records go with the agency; a number both registers use is for the clerk to settle first.
        if let clash = try String.fetchOne(
            db,
            sql: """
                SELECT o.key FROM register_record o
                JOIN register_record t ON t.agency_id = ? AND t.kind = o.kind AND t.key = o.key
                WHERE o.agency_id = ? LIMIT 1
                """,
            arguments: [targetID, otherID]
        ) {
            throw StoreError.registerRecordExists(clash, version: 0)
        }
        try db.execute(
            sql: "UPDATE register_record SET agency_id = ? WHERE agency_id = ?",
            arguments: [targetID, otherID]
        )
        // Users' duties go with it too; a duty held for both stays once.
        try db.execute(
            sql: "UPDATE OR IGNORE user_duty SET agency_id = ? WHERE agency_id = ?",
            arguments: [targetID, otherID]
        )
        let otherName = try String.fetchOne(db, sql: "SELECT name FROM agency WHERE id = ?", arguments: [otherID])
        try db.execute(sql: "DELETE FROM agency WHERE id = ?", arguments: [otherID])
        if let otherName {
            try db.execute(
                sql: "INSERT OR IGNORE INTO agency_alias (normalized_alias, alias, agency_id) VALUES (?, ?, ?)",
                arguments: [AgencyName.normalize(otherName), otherName, targetID]
            )
        }
        for year in years {
            try recomputeCrossYear(agencyID: targetID, year: year, db)
            try recomputeCrossYear(agencyID: targetID, year: year + 1, db)
        }
        return moved
    }

    public func importRegions(_ rows: [RegionRow]) throws -> RegionImportSummary {
        let summary: RegionImportSummary = try guarded {
            try pool.write { db in
                var regions = 0
                var agencies = 0
                for row in rows where !row.isAgency {
                    try RegionRecord(
                        code: row.code,
                        name: row.name,
                        normalizedName: AgencyName.normalize(row.name),
                        parentCode: row.parent,
                        level: row.level
                    ).upsert(db)
                    regions += 1
                }
                for row in rows where row.isAgency {
                    guard let parent = row.parent,
                        let region = try RegionRecord.fetchOne(db, key: parent)
                    else {
                        throw StoreError.invalidRegionFile(
                            line: 0,
                            reason: "机关「\(row.name)」的上级地区「\(row.parent ?? "")」不存在"
                        )
                    }
                    // A name without its region (「司法局」 under 西工区) is the region's agency of that name.
                    let full = AgencyName(row.name).segments.isEmpty ? region.name + row.name : row.name
                    guard let id = try resolveAgency(full, create: true, db) else { continue }
                    try db.execute(
                        sql: "UPDATE agency SET region_code = ?, listed = 1, level = ? WHERE id = ?",
                        arguments: [region.code, row.level, id]
                    )
                    agencies += 1
                }
                // Agencies stored before the tree was known get their region now.
                for agency in try AgencyRecord.fetchAll(db, sql: "SELECT * FROM agency WHERE region_code IS NULL") {
                    guard let id = agency.id,
                        let code = try regionCode(for: AgencyName(stored: agency), db)
                    else { continue }
                    try db.execute(sql: "UPDATE agency SET region_code = ? WHERE id = ?", arguments: [code, id])
                }
                return RegionImportSummary(regions: regions, agencies: agencies)
            }
        }
        caches.forgetAgencies()
        return summary
    }

    public func region(_ codeOrName: String) throws -> RegionRecord? {
        try guarded {
            try pool.read { db in
                if let region = try RegionRecord.fetchOne(db, key: codeOrName) { return region }
                let named = try RegionRecord.fetchAll(
                    db,
                    sql: "SELECT * FROM region WHERE normalized_name = ?",
                    arguments: [AgencyName.normalize(codeOrName)]
                )
                return named.count == 1 ? named.first : nil
            }
        }
    }
}

extension AgencyName {
    /// The name of a stored agency, from its stored parts.
    init(stored agency: AgencyRecord) {
        self.init(agency.name)
    }
}
