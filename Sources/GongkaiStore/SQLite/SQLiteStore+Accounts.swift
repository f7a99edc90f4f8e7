public import Foundation
import GRDB

extension SQLiteStore {
    static let userColumns = "u.id, u.name, u.role, u.password_hash, u.created_at, u.updated_at"

    static func user(_ row: Row, from column: Int = 0) throws -> UserRecord {
        let roleText: String = row[column + 2]
        guard let role = UserRole(rawValue: roleText) else {
            throw StoreError.cannotOpen(path: "app_user", detail: "未知的角色「\(roleText)」")
        }
        return UserRecord(
            id: row[column],
            name: row[column + 1],
            role: role,
            passwordHash: row[column + 3],
            created: Date(timeIntervalSince1970: row[column + 4]),
            updated: Date(timeIntervalSince1970: row[column + 5])
        )
    }

    public func knownContent(_ contentHash: String) throws -> KnownContent? {
        try guarded {
            try pool.read { db in
                if let id = try Int64.fetchOne(
                    db,
                    sql: "SELECT id FROM report WHERE content_hash = ?",
                    arguments: [contentHash]
                ) {
                    return .report(id: id)
                }
                return try String.fetchOne(
                    db,
                    sql: "SELECT reason FROM failure WHERE content_hash = ?",
                    arguments: [contentHash]
                ).map { .failure(reason: $0) }
            }
        }
    }

    public func addUser(name: String, role: UserRole, passwordHash: String, at: Date) throws -> UserRecord {
        try guarded {
            try pool.write { db in
                let exists = try Bool.fetchOne(
                    db,
                    sql: "SELECT EXISTS (SELECT 1 FROM app_user WHERE name = ?)",
                    arguments: [name]
                )
                if exists == true { throw StoreError.userExists(name) }
                try db.execute(
                    sql: """
                        INSERT INTO app_user (name, role, password_hash, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [name, role.rawValue, passwordHash, at.timeIntervalSince1970, at.timeIntervalSince1970]
                )
                return UserRecord(
                    id: db.lastInsertedRowID,
                    name: name,
                    role: role,
                    passwordHash: passwordHash,
                    created: at,
                    updated: at
                )
            }
        }
    }

    public func user(named name: String) throws -> UserRecord? {
        try guarded {
            try pool.read { db in
                try Row.fetchOne(
                    db,
                    sql: "SELECT \(Self.userColumns) FROM app_user u WHERE u.name = ?",
                    arguments: [name]
                )
                .map { try Self.user($0) }
            }
        }
    }

    public func users() throws -> [UserRecord] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.userColumns) FROM app_user u ORDER BY u.name").map {
                    try Self.user($0)
                }
            }
        }
    }

    public func changeUser(named name: String, role: UserRole?, passwordHash: String?, at: Date) throws -> UserRecord {
        try guarded {
            try pool.write { db in
                guard
                    var user = try Row.fetchOne(
                        db,
                        sql: "SELECT \(Self.userColumns) FROM app_user u WHERE u.name = ?",
                        arguments: [name]
                    ).map({ try Self.user($0) })
                else { throw StoreError.userNotFound(name) }
                if let role { user.role = role }
                if let passwordHash {
                    user.passwordHash = passwordHash
                    try db.execute(sql: "DELETE FROM app_session WHERE user_id = ?", arguments: [user.id])
                }
                user.updated = at
                try db.execute(
                    sql: "UPDATE app_user SET role = ?, password_hash = ?, updated_at = ? WHERE id = ?",
                    arguments: [user.role.rawValue, user.passwordHash, at.timeIntervalSince1970, user.id]
                )
                return user
            }
        }
    }

    public func removeUser(named name: String) throws {
        try guarded {
            try pool.write { db in
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM app_user WHERE name = ?", arguments: [name])
                else { throw StoreError.userNotFound(name) }
                try db.execute(sql: "DELETE FROM app_session WHERE user_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM app_user WHERE id = ?", arguments: [id])
            }
        }
    }

    public func addSession(tokenHash: String, userID: Int64, csrfToken: String, at: Date) throws {
        let now = at.timeIntervalSince1970
        try guarded {
            try pool.write { db in
                // Sessions past any lifetime a server would give them.
                try db.execute(
                    sql: "DELETE FROM app_session WHERE created_at < ?",
                    arguments: [now - Self.sessionHousekeeping]
                )
                try db.execute(
                    sql: """
                        INSERT INTO app_session (token_hash, user_id, csrf_token, created_at, last_seen_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [tokenHash, userID, csrfToken, now, now]
                )
            }
        }
    }

    public func session(tokenHash: String, at: Date, limits: SessionLimits) throws -> SessionRecord? {
        let now = at.timeIntervalSince1970
        let found = try guarded {
            try pool.read { db -> (SessionRecord, Double)? in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT \(Self.userColumns), s.csrf_token, s.created_at, s.last_seen_at
                            FROM app_session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?
                            """,
                        arguments: [tokenHash]
                    )
                else { return nil }
                let lastSeen: Double = row[8]
                let session = SessionRecord(
                    user: try Self.user(row),
                    csrfToken: row[6],
                    created: Date(timeIntervalSince1970: row[7]),
                    lastSeen: Date(timeIntervalSince1970: lastSeen)
                )
                return (session, lastSeen)
            }
        }
        guard var (session, lastSeen) = found else { return nil }
        if now - lastSeen > limits.idle || now - session.created.timeIntervalSince1970 > limits.absolute {
            try removeSession(tokenHash: tokenHash)
            return nil
        }
        // The time it was last seen is written at most once a minute: most requests only read.
        if now - lastSeen >= Self.lastSeenResolution {
            lastSeen = now
            try guarded {
                try pool.write { db in
                    try db.execute(
                        sql: "UPDATE app_session SET last_seen_at = ? WHERE token_hash = ?",
                        arguments: [now, tokenHash]
                    )
                }
            }
            session.lastSeen = at
        }
        return session
    }

    public func removeSession(tokenHash: String) throws {
        try guarded {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM app_session WHERE token_hash = ?", arguments: [tokenHash])
            }
        }
    }

    public func addLoginFailure(account: String, address: String, at: Date) throws {
        let now = at.timeIntervalSince1970
        try guarded {
            try pool.write { db in
                try db.execute(
                    sql: "DELETE FROM login_failure WHERE failed_at < ?",
                    arguments: [now - Self.failureHousekeeping]
                )
                for (kind, subject) in [("account", account), ("address", address)] {
                    try db.execute(
                        sql: "INSERT INTO login_failure (kind, subject, failed_at) VALUES (?, ?, ?)",
                        arguments: [kind, subject, now]
                    )
                }
            }
        }
    }

    public func loginFailures(account: String, address: String, since: Date, limit: Int) throws -> LoginFailures {
        try guarded {
            try pool.read { db in
                func times(_ kind: String, _ subject: String) throws -> [Date] {
                    try Double.fetchAll(
                        db,
                        sql: """
                            SELECT failed_at FROM login_failure WHERE kind = ? AND subject = ? AND failed_at >= ?
                            ORDER BY failed_at DESC LIMIT ?
                            """,
                        arguments: [kind, subject, since.timeIntervalSince1970, max(0, limit)]
                    ).map { Date(timeIntervalSince1970: $0) }
                }
                return LoginFailures(account: try times("account", account), address: try times("address", address))
            }
        }
    }

    public func clearLoginFailures(account: String) throws {
        try guarded {
            try pool.write { db in
                try db.execute(
                    sql: "DELETE FROM login_failure WHERE kind = 'account' AND subject = ?",
                    arguments: [account]
                )
            }
        }
    }

    public func addAudit(_ entry: AuditEntry) throws {
        try guarded {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO audit_log (at, actor, action, detail, address) VALUES (?, ?, ?, ?, ?)",
                    arguments: [entry.at.timeIntervalSince1970, entry.actor, entry.action, entry.detail, entry.address]
                )
            }
        }
    }

    public func audit(limit: Int, offset: Int) throws -> AuditPage {
        try guarded {
            try pool.read { db in
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, at, actor, action, detail, address FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?
                        """,
                    arguments: [max(0, limit), max(0, offset)]
                )
                return AuditPage(
                    total: total,
                    entries: rows.map { row in
                        AuditEntry(
                            id: row[0],
                            at: Date(timeIntervalSince1970: row[1]),
                            actor: row[2],
                            action: row[3],
                            detail: row[4],
                            address: row[5]
                        )
                    }
                )
            }
        }
    }
}

extension AccountStore {
    /// Sessions older than this (30 days) are removed whenever a session begins, whatever the server's limits.
    static var sessionHousekeeping: Double { 30 * 24 * 3600 }
    /// Failed sign-ins older than a day are removed whenever one is recorded.
    static var failureHousekeeping: Double { 24 * 3600 }
    /// Seconds between writes of the time a session was last seen.
    static var lastSeenResolution: Double { 60 }
}
