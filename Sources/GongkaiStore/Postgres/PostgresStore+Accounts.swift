#if Postgres
public import Foundation
import PostgresNIO

extension PostgresStore {
    static let userColumns = "u.id, u.name, u.role, u.password_hash, u.created_at, u.updated_at"

    static func user(_ row: PostgresRow) throws -> UserRecord {
        let (id, name, roleText, hash, created, updated) = try row.decode(
            (Int64, String, String, String, Double, Double).self
        )
        guard let role = UserRole(rawValue: roleText) else {
            throw StoreError.cannotOpen(path: "app_user", detail: "未知的角色「\(roleText)」")
        }
        return UserRecord(
            id: id,
            name: name,
            role: role,
            passwordHash: hash,
            created: Date(timeIntervalSince1970: created),
            updated: Date(timeIntervalSince1970: updated)
        )
    }

    public func knownContent(_ contentHash: String) throws -> KnownContent? {
        try guarded {
            try writer.transaction { db in
                if let id = try db.one("SELECT id FROM report WHERE content_hash = \(contentHash)", as: Int64.self) {
                    return .report(id: id)
                }
                return try db.one("SELECT reason FROM failure WHERE content_hash = \(contentHash)", as: String.self)
                    .map { .failure(reason: $0) }
            }
        }
    }

    public func addUser(name: String, role: UserRole, passwordHash: String, at: Date) throws -> UserRecord {
        let time = at.timeIntervalSince1970
        return try guarded {
            guard
                let id = try writer.rows(
                    """
                    INSERT INTO app_user (name, role, password_hash, created_at, updated_at)
                    VALUES (\(name), \(role.rawValue), \(passwordHash), \(time), \(time))
                    ON CONFLICT (name) DO NOTHING RETURNING id
                    """
                ).first?.decode(Int64.self)
            else { throw StoreError.userExists(name) }
            return UserRecord(id: id, name: name, role: role, passwordHash: passwordHash, created: at, updated: at)
        }
    }

    public func user(named name: String) throws -> UserRecord? {
        try guarded {
            try writer.rows(
                PostgresQuery(
                    unsafeSQL: "SELECT \(Self.userColumns) FROM app_user u WHERE u.name = $1",
                    binds: Self.binds(name)
                )
            ).first.map { try Self.user($0) }
        }
    }

    public func users() throws -> [UserRecord] {
        try guarded {
            try writer.rows(
                PostgresQuery(unsafeSQL: "SELECT \(Self.userColumns) FROM app_user u ORDER BY u.name COLLATE \"C\"")
            ).map { try Self.user($0) }
        }
    }

    public func changeUser(named name: String, role: UserRole?, passwordHash: String?, at: Date) throws -> UserRecord {
        try guarded {
            try writer.transaction { db in
                guard
                    var user = try db.rows(
                        PostgresQuery(
                            unsafeSQL: "SELECT \(Self.userColumns) FROM app_user u WHERE u.name = $1 FOR UPDATE",
                            binds: Self.binds(name)
                        )
                    ).first.map({ try Self.user($0) })
                else { throw StoreError.userNotFound(name) }
                if let role { user.role = role }
                if let passwordHash {
                    user.passwordHash = passwordHash
                    try db.execute("DELETE FROM app_session WHERE user_id = \(user.id)")
                }
                user.updated = at
                try db.execute(
                    """
                    UPDATE app_user SET role = \(user.role.rawValue), password_hash = \(user.passwordHash),
                        updated_at = \(at.timeIntervalSince1970) WHERE id = \(user.id)
                    """
                )
                return user
            }
        }
    }

    public func removeUser(named name: String) throws {
        try guarded {
            try writer.transaction { db in
                guard let id = try db.one("SELECT id FROM app_user WHERE name = \(name) FOR UPDATE", as: Int64.self)
                else { throw StoreError.userNotFound(name) }
                try db.execute("DELETE FROM app_session WHERE user_id = \(id)")
                try db.execute("DELETE FROM app_user WHERE id = \(id)")
            }
        }
    }

    public func addSession(tokenHash: String, userID: Int64, csrfToken: String, at: Date) throws {
        let now = at.timeIntervalSince1970
        try guarded {
            try writer.transaction { db in
                try db.execute("DELETE FROM app_session WHERE created_at < \(now - Self.sessionHousekeeping)")
                try db.execute(
                    """
                    INSERT INTO app_session (token_hash, user_id, csrf_token, created_at, last_seen_at)
                    VALUES (\(tokenHash), \(userID), \(csrfToken), \(now), \(now))
                    """
                )
            }
        }
    }

    public func session(tokenHash: String, at: Date, limits: SessionLimits) throws -> SessionRecord? {
        let now = at.timeIntervalSince1970
        let row = try guarded {
            try writer.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.userColumns), s.csrf_token, s.created_at, s.last_seen_at
                        FROM app_session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = $1
                        """,
                    binds: Self.binds(tokenHash)
                )
            ).first
        }
        guard let row else { return nil }
        let (user, csrf, created, lastSeen) = try guarded {
            let columns = try row.decode((Int64, String, String, String, Double, Double, String, Double, Double).self)
            return (try Self.user(row), columns.6, columns.7, columns.8)
        }
        if now - lastSeen > limits.idle || now - created > limits.absolute {
            try removeSession(tokenHash: tokenHash)
            return nil
        }
        var seen = lastSeen
        if now - lastSeen >= Self.lastSeenResolution {
            seen = now
            try guarded {
                try writer.execute("UPDATE app_session SET last_seen_at = \(now) WHERE token_hash = \(tokenHash)")
            }
        }
        return SessionRecord(
            user: user,
            csrfToken: csrf,
            created: Date(timeIntervalSince1970: created),
            lastSeen: Date(timeIntervalSince1970: seen)
        )
    }

    public func removeSession(tokenHash: String) throws {
        try guarded {
            try writer.execute("DELETE FROM app_session WHERE token_hash = \(tokenHash)")
        }
    }

    public func addLoginFailure(account: String, address: String, at: Date) throws {
        let now = at.timeIntervalSince1970
        try guarded {
            try writer.transaction { db in
                try db.execute("DELETE FROM login_failure WHERE failed_at < \(now - Self.failureHousekeeping)")
                try db.execute(
                    """
                    INSERT INTO login_failure (kind, subject, failed_at)
                    VALUES ('account', \(account), \(now)), ('address', \(address), \(now))
                    """
                )
            }
        }
    }

    public func loginFailures(account: String, address: String, since: Date, limit: Int) throws -> LoginFailures {
        let from = since.timeIntervalSince1970
        let count = max(0, limit)
        return try guarded {
            try writer.transaction { db in
                func times(_ kind: String, _ subject: String) throws -> [Date] {
                    try db.rows(
                        """
                        SELECT failed_at FROM login_failure WHERE kind = \(kind) AND subject = \(subject)
                          AND failed_at >= \(from) ORDER BY failed_at DESC LIMIT \(count)
                        """
                    ).map { Date(timeIntervalSince1970: try $0.decode(Double.self)) }
                }
                return LoginFailures(account: try times("account", account), address: try times("address", address))
            }
        }
    }

    public func clearLoginFailures(account: String) throws {
        try guarded {
            try writer.execute("DELETE FROM login_failure WHERE kind = 'account' AND subject = \(account)")
        }
    }

    public func addAudit(_ entry: AuditEntry) throws {
        try guarded {
            try writer.execute(
                """
                INSERT INTO audit_log (at, actor, action, detail, address)
                VALUES (\(entry.at.timeIntervalSince1970), \(entry.actor), \(entry.action), \(entry.detail),
                    \(entry.address))
                """
            )
        }
    }

    public func audit(limit: Int, offset: Int) throws -> AuditPage {
        let count = max(0, limit)
        let skip = max(0, offset)
        return try guarded {
            try writer.transaction { db in
                let total = try db.one("SELECT count(*) FROM audit_log", as: Int.self) ?? 0
                let entries = try db.rows(
                    """
                    SELECT id, at, actor, action, detail, address FROM audit_log ORDER BY id DESC
                    LIMIT \(count) OFFSET \(skip)
                    """
                ).map { row in
                    let (id, at, actor, action, detail, address) = try row.decode(
                        (Int64, Double, String, String, String, String?).self
                    )
                    return AuditEntry(
                        id: id,
                        at: Date(timeIntervalSince1970: at),
                        actor: actor,
                        action: action,
                        detail: detail,
                        address: address
                    )
                }
                return AuditPage(total: total, entries: entries)
            }
        }
    }

    static func binds(_ text: String) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(text)
        return binds
    }
}
#endif
