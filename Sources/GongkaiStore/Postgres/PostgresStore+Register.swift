#if Postgres
import Foundation
import PostgresNIO

/// The agencies' disclosure registers (``RegisterRecord``) and their audit log (``RegisterChange``).
extension PostgresStore {
    static func registerRecord(_ row: PostgresRow) throws -> RegisterRecord {
        let (id, agencyID, kindText, key, year, open, state, due, body, version, changedAt, changedBy) =
            try row.decode(
                (Int64, Int64, String, String, Int, Bool, String, String?, String, Int, Double, String).self
            )
        guard let kind = RegisterKind(rawValue: kindText) else {
            throw StoreError.cannotOpen(path: "register_record", detail: "未知的登记类别「\(kindText)」")
        }
        return RegisterRecord(
            id: id,
            agencyID: agencyID,
            kind: kind,
            key: key,
            year: year,
            isOpen: open,
            state: state,
            due: due,
            body: body,
            version: version,
            changedAt: changedAt,
            changedBy: changedBy
        )
    }

    static func registerChange(_ row: PostgresRow) throws -> RegisterChange {
        let (id, recordID, agencyID, kindText, key, at, by, actionText, before, after, version) = try row.decode(
            (Int64, Int64, Int64, String, String, Double, String, String, String?, String?, Int).self
        )
        guard let kind = RegisterKind(rawValue: kindText), let action = RegisterChange.Action(rawValue: actionText)
        else {
            throw StoreError.cannotOpen(path: "register_change", detail: "无法读取的日志「\(kindText) \(actionText)」")
        }
        return RegisterChange(
            id: id,
            recordID: recordID,
            agencyID: agencyID,
            kind: kind,
            key: key,
            at: at,
            by: by,
            action: action,
            before: before,
            after: after,
            version: version
        )
    }

    /// The stored record, locked until the transaction ends: two savers of one record take turns.
    private static func stored(
        _ db: PostgresSession.Transaction,
        agencyID: Int64,
        kind: RegisterKind,
        key: String
    ) throws -> RegisterRecord? {
        try db.rows(
            """
            SELECT id, agency_id, kind, key, year, open, state, due, body, version, changed_at, changed_by
            FROM register_record WHERE agency_id = \(agencyID) AND kind = \(kind.rawValue) AND key = \(key)
            FOR UPDATE
            """
        ).first.map(registerRecord)
    }

    private static func log(
        _ db: PostgresSession.Transaction,
        _ record: RegisterRecord,
        action: RegisterChange.Action,
        before: String?,
        after: String?,
        at time: Double,
        by user: String
    ) throws {
        try db.execute(
            """
            INSERT INTO register_change (record_id, agency_id, kind, key, at, by, action, before, after, version)
            VALUES (\(record.id), \(record.agencyID), \(record.kind.rawValue), \(record.key), \(time), \(user),
                \(action.rawValue), \(before), \(after), \(record.version))
            """
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
            try writer.transaction { db in
                try Self.save(record, expecting: version, at: Date().timeIntervalSince1970, by: user, db)
            }
        }
    }

    public func saveRegisterRecords(_ writes: [RegisterWrite], by user: String) throws -> [RegisterRecord] {
        try guarded {
            try writer.transaction { db in
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
        _ db: PostgresSession.Transaction
    ) throws -> RegisterRecord {
        guard let stored = try Self.stored(db, agencyID: record.agencyID, kind: record.kind, key: record.key) else {
            throw StoreError.registerRecordNotFound(record.key)
        }
        guard stored.version == version else {
            throw StoreError.registerConflict(record.key, stored: stored.version, expected: version)
        }
        try db.execute("DELETE FROM register_record WHERE id = \(stored.id)")
        try Self.log(db, stored, action: .removed, before: stored.body, after: nil, at: time, by: user)
        return stored
    }

    private static func save(
        _ record: RegisterRecord,
        expecting version: Int?,
        at time: Double,
        by user: String,
        _ db: PostgresSession.Transaction
    ) throws -> RegisterRecord {
        // A new number taken by two savers at once: the second waits for the first, then sees its row. (The lock's
        // first key sets register numbers apart from the agency names of lookUpAgency.)
        let lockName = "\(record.agencyID)\u{1F}\(record.kind.rawValue)\u{1F}\(record.key)"
        try db.execute("SELECT pg_advisory_xact_lock(3, hashtext(\(lockName)))")
        let stored = try Self.stored(db, agencyID: record.agencyID, kind: record.kind, key: record.key)
        try RegisterRules.check(record, stored: stored?.version, expected: version)
        if let stored {
            let saved = record.saved(over: stored.version, id: stored.id, at: time, by: user)
            try db.execute(
                """
                UPDATE register_record SET year = \(saved.year), open = \(saved.isOpen),
                    state = \(saved.state), due = \(saved.due), body = \(saved.body),
                    version = \(saved.version), changed_at = \(time), changed_by = \(user)
                WHERE id = \(saved.id)
                """
            )
            try Self.log(
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
        guard
            let id = try db.one(
                """
                INSERT INTO register_record
                    (agency_id, kind, key, year, open, state, due, body, version, changed_at, changed_by)
                VALUES (\(record.agencyID), \(record.kind.rawValue), \(record.key), \(record.year),
                    \(record.isOpen), \(record.state), \(record.due), \(record.body), 1, \(time), \(user))
                RETURNING id
                """,
                as: Int64.self
            )
        else { throw StoreError.registerRecordNotFound(record.key) }
        let saved = record.saved(over: nil, id: id, at: time, by: user)
        try Self.log(db, saved, action: .created, before: nil, after: saved.body, at: time, by: user)
        return saved
    }

    public func registerRecord(agencyID: Int64, kind: RegisterKind, key: String) throws -> RegisterRecord? {
        try guarded {
            try reading { db in
                guard try db.one("SELECT to_regclass('register_record') IS NOT NULL", as: Bool.self) == true else {
                    return nil
                }
                return try db.rows(
                    """
                    SELECT id, agency_id, kind, key, year, open, state, due, body, version, changed_at, changed_by
                    FROM register_record WHERE agency_id = \(agencyID) AND kind = \(kind.rawValue) AND key = \(key)
                    """
                ).first.map(Self.registerRecord)
            }
        }
    }

    public func registerRecords(_ selection: RegisterSelection) throws -> [RegisterRecord] {
        if let agencies = selection.agencyIDs, agencies.isEmpty { return [] }
        let openOnly = selection.openOnly || selection.dueThrough != nil
        return try guarded {
            try reading { db in
                guard try db.one("SELECT to_regclass('register_record') IS NOT NULL", as: Bool.self) == true else {
                    return []
                }
                return try db.rows(
                    """
                    SELECT id, agency_id, kind, key, year, open, state, due, body, version, changed_at, changed_by
                    FROM register_record
                    WHERE kind = \(selection.kind.rawValue)
                      AND (\(selection.agencyIDs == nil) OR agency_id = ANY(\(selection.agencyIDs ?? [])))
                      AND (\(selection.year)::integer IS NULL OR year = \(selection.year))
                      AND (NOT \(openOnly) OR open)
                      AND (\(selection.dueThrough)::text IS NULL OR (due IS NOT NULL AND due <= \(selection.dueThrough)))
                      AND (\(selection.key)::text IS NULL OR key = \(selection.key))
                    ORDER BY open DESC, due IS NULL, due, key COLLATE "C", agency_id
                    """
                ).map(Self.registerRecord)
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
            try writer.transaction { db in
                guard let stored = try Self.stored(db, agencyID: agencyID, kind: kind, key: key) else {
                    throw StoreError.registerRecordNotFound(key)
                }
                guard stored.version == version else {
                    throw StoreError.registerConflict(key, stored: stored.version, expected: version)
                }
                try db.execute("DELETE FROM register_record WHERE id = \(stored.id)")
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
            try reading { db in
                guard try db.one("SELECT to_regclass('register_change') IS NOT NULL", as: Bool.self) == true else {
                    return []
                }
                return try db.rows(
                    """
                    SELECT id, record_id, agency_id, kind, key, at, by, action, before, after, version
                    FROM register_change WHERE record_id = \(recordID) ORDER BY id
                    """
                ).map(Self.registerChange)
            }
        }
    }

    public func registerChanges(agencyID: Int64?, limit: Int) throws -> [RegisterChange] {
        try guarded {
            try reading { db in
                guard try db.one("SELECT to_regclass('register_change') IS NOT NULL", as: Bool.self) == true else {
                    return []
                }
                return try db.rows(
                    """
                    SELECT id, record_id, agency_id, kind, key, at, by, action, before, after, version
                    FROM register_change WHERE (\(agencyID)::bigint IS NULL OR agency_id = \(agencyID))
                    ORDER BY id DESC LIMIT \(max(0, limit))
                    """
                ).map(Self.registerChange)
            }
        }
    }
}
#endif
