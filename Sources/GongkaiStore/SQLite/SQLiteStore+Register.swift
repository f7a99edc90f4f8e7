import Foundation
import GRDB

/// The agencies' disclosure registers (``RegisterRecord``) and their audit log (``RegisterChange``).
extension SQLiteStore {
    static let registerColumns =
        "id, agency_id, kind, key, year, open, state, due, body, version, changed_at, changed_by"

    static func registerRecord(_ row: Row) throws -> RegisterRecord {
        let kindText: String = row[2]
        guard let kind = RegisterKind(rawValue: kindText) else {
            throw StoreError.cannotOpen(path: "register_record", detail: "未知的登记类别「\(kindText)」")
        }
        return RegisterRecord(
            id: row[0],
            agencyID: row[1],
            kind: kind,
            key: row[3],
            year: row[4],
            isOpen: row[5],
            state: row[6],
            due: row[7],
            body: row[8],
            version: row[9],
            changedAt: row[10],
            changedBy: row[11]
        )
    }

    static func registerChange(_ row: Row) throws -> RegisterChange {
        let kindText: String = row["kind"]
        let actionText: String = row["action"]
        guard let kind = RegisterKind(rawValue: kindText), let action = RegisterChange.Action(rawValue: actionText)
        else {
            throw StoreError.cannotOpen(path: "register_change", detail: "无法读取的日志「\(kindText) \(actionText)」")
        }
        return RegisterChange(
            id: row["id"],
            recordID: row["record_id"],
            agencyID: row["agency_id"],
            kind: kind,
            key: row["key"],
            at: row["at"],
            by: row["by"],
            action: action,
            before: row["before"],
            after: row["after"],
            version: row["version"]
        )
    }

    private static func stored(
        _ db: Database,
        agencyID: Int64,
        kind: RegisterKind,
        key: String
    ) throws
        -> RegisterRecord?
    {
        try Row.fetchOne(
            db,
            sql: "SELECT \(registerColumns) FROM register_record WHERE agency_id = ? AND kind = ? AND key = ?",
            arguments: [agencyID, kind.rawValue, key]
        ).map(registerRecord)
    }

    private static func log(
        _ db: Database,
        _ record: RegisterRecord,
        action: RegisterChange.Action,
        before: String?,
        after: String?,
        at time: Double,
        by user: String
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO register_change (record_id, agency_id, kind, key, at, by, action, before, after, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                record.id, record.agencyID, record.kind.rawValue, record.key, time, user, action.rawValue, before,
                after, record.version,
            ]
        )
    }

    public func saveRegisterRecord(
        _ record: RegisterRecord,
        expecting version: Int?,
        by user: String
    ) throws
        -> RegisterRecord
    {
        try guarded {
            try pool.write { db in
                try Self.save(record, expecting: version, at: Date().timeIntervalSince1970, by: user, db)
            }
        }
    }

    public func saveRegisterRecords(_ writes: [RegisterWrite], by user: String) throws -> [RegisterRecord] {
        try guarded {
            try pool.write { db in
                let time = Date().timeIntervalSince1970
                return try writes.map { write in
                    guard write.removes else {
                        return try Self.save(write.record, expecting: write.expecting, at: time, by: user, db)
                    }
                    return try Self.remove(write.record, expecting: write.expecting ?? 0, at: time, by: user, db)
                }
            }
        }
    }

    private static func remove(
        _ record: RegisterRecord,
        expecting version: Int,
        at time: Double,
        by user: String,
        _ db: Database
    ) throws -> RegisterRecord {
        guard let stored = try Self.stored(db, agencyID: record.agencyID, kind: record.kind, key: record.key) else {
            throw StoreError.registerRecordNotFound(record.key)
        }
        guard stored.version == version else {
            throw StoreError.registerConflict(record.key, stored: stored.version, expected: version)
        }
        try db.execute(sql: "DELETE FROM register_record WHERE id = ?", arguments: [stored.id])
        try Self.log(db, stored, action: .removed, before: stored.body, after: nil, at: time, by: user)
        return stored
    }

    private static func save(
        _ record: RegisterRecord,
        expecting version: Int?,
        at time: Double,
        by user: String,
        _ db: Database
    ) throws -> RegisterRecord {
        let stored = try Self.stored(db, agencyID: record.agencyID, kind: record.kind, key: record.key)
        try RegisterRules.check(record, stored: stored?.version, expected: version)
        if let stored {
            let saved = record.saved(over: stored.version, id: stored.id, at: time, by: user)
            try db.execute(
                sql: """
                    UPDATE register_record SET year = ?, open = ?, state = ?, due = ?, body = ?, version = ?,
                        changed_at = ?, changed_by = ?
                    WHERE id = ?
                    """,
                arguments: [
                    saved.year, saved.isOpen, saved.state, saved.due, saved.body, saved.version, time, user,
                    saved.id,
                ]
            )
            try log(
                db,
                saved,
                action: .changed,
                before: stored.body,
                after: saved.body,
                at: time,
                by: user
            )
            return saved
        }
        try db.execute(
            sql: """
                INSERT INTO register_record
                    (agency_id, kind, key, year, open, state, due, body, version, changed_at, changed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                """,
            arguments: [
                record.agencyID, record.kind.rawValue, record.key, record.year, record.isOpen, record.state,
                record.due, record.body, time, user,
            ]
        )
        let saved = record.saved(over: nil, id: db.lastInsertedRowID, at: time, by: user)
        try log(db, saved, action: .created, before: nil, after: saved.body, at: time, by: user)
        return saved
    }

    public func registerRecord(agencyID: Int64, kind: RegisterKind, key: String) throws -> RegisterRecord? {
        try guarded {
            try pool.read { db in
                guard try db.tableExists("register_record") else { return nil }
                return try Self.stored(db, agencyID: agencyID, kind: kind, key: key)
            }
        }
    }

    public func registerRecords(_ selection: RegisterSelection) throws -> [RegisterRecord] {
        var conditions = ["kind = ?"]
        var arguments: StatementArguments = [selection.kind.rawValue]
        if let agencies = selection.agencyIDs {
            guard !agencies.isEmpty else { return [] }
            conditions.append("agency_id IN (\(Array(repeating: "?", count: agencies.count).joined(separator: ", ")))")
            for agency in agencies { _ = arguments.append(contentsOf: [agency]) }
        }
        if let year = selection.year {
            conditions.append("year = ?")
            _ = arguments.append(contentsOf: [year])
        }
        if selection.openOnly || selection.dueThrough != nil { conditions.append("open = 1") }
        if let through = selection.dueThrough {
            conditions.append("due IS NOT NULL AND due <= ?")
            _ = arguments.append(contentsOf: [through])
        }
        if let key = selection.key {
            conditions.append("key = ?")
            _ = arguments.append(contentsOf: [key])
        }
        let sql = """
            SELECT \(Self.registerColumns) FROM register_record
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY open DESC, due IS NULL, due, key, agency_id
            """
        return try guarded {
            try pool.read { db in
                guard try db.tableExists("register_record") else { return [] }
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.registerRecord)
            }
        }
    }

    public func removeRegisterRecord(
        agencyID: Int64,
        kind: RegisterKind,
        key: String,
        expecting version: Int,
        by user: String
    ) throws {
        try guarded {
            try pool.write { db in
                guard let stored = try Self.stored(db, agencyID: agencyID, kind: kind, key: key) else {
                    throw StoreError.registerRecordNotFound(key)
                }
                guard stored.version == version else {
                    throw StoreError.registerConflict(key, stored: stored.version, expected: version)
                }
                try db.execute(sql: "DELETE FROM register_record WHERE id = ?", arguments: [stored.id])
                try Self.log(
                    db,
                    stored,
                    action: .removed,
                    before: stored.body,
                    after: nil,
                    at: Date().timeIntervalSince1970,
                    by: user
                )
            }
        }
    }

    public func registerChanges(recordID: Int64) throws -> [RegisterChange] {
        try guarded {
            try pool.read { db in
                guard try db.tableExists("register_change") else { return [] }
                return try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM register_change WHERE record_id = ? ORDER BY id",
                    arguments: [recordID]
                ).map(Self.registerChange)
            }
        }
    }

    public func registerChanges(agencyID: Int64?, limit: Int) throws -> [RegisterChange] {
        try guarded {
            try pool.read { db in
                guard try db.tableExists("register_change") else { return [] }
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM register_change WHERE (:agency IS NULL OR agency_id = :agency)
                        ORDER BY id DESC LIMIT :limit
                        """,
                    arguments: ["agency": agencyID, "limit": max(0, limit)]
                ).map(Self.registerChange)
            }
        }
    }
}
