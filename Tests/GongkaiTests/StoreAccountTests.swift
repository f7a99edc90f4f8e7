import Foundation
import GongkaiStore
import Testing

/// The contract every corpus backend keeps for the web application's users, sessions, failed sign-ins and audit log.
@Suite("corpus store contract: users, sessions and audit")
struct StoreAccountTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("users: added once under a name, listed by name, changed, removed", arguments: StoreBackend.all)
    func users(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let added = try store.addUser(name: "王五", role: .viewer, passwordHash: "$2b$04$a", at: Self.start)
        _ = try store.addUser(name: "admin", role: .admin, passwordHash: "$2b$04$b", at: Self.start)
        #expect(throws: StoreError.userExists("王五")) {
            try store.addUser(name: "王五", role: .admin, passwordHash: "x", at: Self.start)
        }
        #expect(try store.users().map(\.name) == ["admin", "王五"])
        let found = try #require(try store.user(named: "王五"))
        #expect(found == added)
        #expect(found.role == .viewer)
        #expect(found.created == Self.start)
        #expect(try store.user(named: "王") == nil)
        let later = Self.start.addingTimeInterval(60)
        let promoted = try store.changeUser(named: "王五", role: .uploader, passwordHash: nil, at: later)
        #expect(promoted.role == .uploader)
        #expect(promoted.passwordHash == "$2b$04$a")
        #expect(try store.user(named: "王五")?.updated == later)
        let rehashed = try store.changeUser(named: "王五", role: nil, passwordHash: "$2b$04$c", at: later)
        #expect(rehashed.role == .uploader)
        #expect(try store.user(named: "王五")?.passwordHash == "$2b$04$c")
        #expect(throws: StoreError.userNotFound("无名")) {
            try store.changeUser(named: "无名", role: .admin, passwordHash: nil, at: later)
        }
        try store.removeUser(named: "王五")
        #expect(try store.user(named: "王五") == nil)
        #expect(throws: StoreError.userNotFound("王五")) { try store.removeUser(named: "王五") }
        #expect(try store.users().map(\.name) == ["admin"])
    }

    @Test(
        "sessions: found by the token's hash; end when idle, when too old, at sign-out, with the user or a new password",
        arguments: StoreBackend.all
    )
    func sessions(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let user = try store.addUser(name: "李四", role: .uploader, passwordHash: "h", at: Self.start)
        let limits = SessionLimits(idle: 3600, absolute: 4 * 3600)
        try store.addSession(tokenHash: "t1", userID: user.id, csrfToken: "c1", at: Self.start)
        let session = try #require(
            try store.session(tokenHash: "t1", at: Self.start.addingTimeInterval(10), limits: limits)
        )
        #expect(session.user == user)
        #expect(session.csrfToken == "c1")
        #expect(session.created == Self.start)
        #expect(try store.session(tokenHash: "t2", at: Self.start, limits: limits) == nil)
        // Seen every 50 minutes, it lives past its idle hour, up to its four hours.
        for minutes in stride(from: 50, through: 200, by: 50) {
            let seen = try store.session(
                tokenHash: "t1",
                at: Self.start.addingTimeInterval(Double(minutes) * 60),
                limits: limits
            )
            #expect(seen?.lastSeen == Self.start.addingTimeInterval(Double(minutes) * 60), "\(minutes)")
        }
        #expect(
            try store.session(tokenHash: "t1", at: Self.start.addingTimeInterval(4 * 3600 + 1), limits: limits) == nil
        )
        // Once expired it is gone, whatever time is asked about.
        #expect(try store.session(tokenHash: "t1", at: Self.start.addingTimeInterval(60), limits: limits) == nil)

        try store.addSession(tokenHash: "t3", userID: user.id, csrfToken: "c3", at: Self.start)
        #expect(try store.session(tokenHash: "t3", at: Self.start.addingTimeInterval(3601), limits: limits) == nil)

        try store.addSession(tokenHash: "t4", userID: user.id, csrfToken: "c4", at: Self.start)
        try store.removeSession(tokenHash: "t4")
        #expect(try store.session(tokenHash: "t4", at: Self.start, limits: limits) == nil)

        try store.addSession(tokenHash: "t5", userID: user.id, csrfToken: "c5", at: Self.start)
        _ = try store.changeUser(named: "李四", role: .admin, passwordHash: nil, at: Self.start)
        #expect(try store.session(tokenHash: "t5", at: Self.start, limits: limits)?.user.role == .admin)
        _ = try store.changeUser(named: "李四", role: nil, passwordHash: "new", at: Self.start)
        #expect(try store.session(tokenHash: "t5", at: Self.start, limits: limits) == nil)

        try store.addSession(tokenHash: "t6", userID: user.id, csrfToken: "c6", at: Self.start)
        try store.removeUser(named: "李四")
        #expect(try store.session(tokenHash: "t6", at: Self.start, limits: limits) == nil)
    }

    @Test(
        "failed sign-ins: per account and per address within a window, newest first; cleared for the account only",
        arguments: StoreBackend.all
    )
    func loginFailures(_ backend: StoreBackend) throws {
        let store = try backend.make()
        for minutes in [0, 5, 10, 20] {
            try store.addLoginFailure(
                account: "张三",
                address: "10.0.0.1",
                at: Self.start.addingTimeInterval(Double(minutes) * 60)
            )
        }
        try store.addLoginFailure(account: "李四", address: "10.0.0.1", at: Self.start.addingTimeInterval(21 * 60))
        let since = Self.start.addingTimeInterval(5 * 60)
        let found = try store.loginFailures(account: "张三", address: "10.0.0.1", since: since, limit: 10)
        #expect(found.account == [20, 10, 5].map { Self.start.addingTimeInterval(Double($0) * 60) })
        #expect(found.address == [21, 20, 10, 5].map { Self.start.addingTimeInterval(Double($0) * 60) })
        #expect(try store.loginFailures(account: "张三", address: "x", since: since, limit: 2).account.count == 2)
        #expect(
            try store.loginFailures(account: "王五", address: "10.0.0.2", since: since, limit: 10)
                == LoginFailures(account: [], address: [])
        )
        try store.clearLoginFailures(account: "张三")
        let cleared = try store.loginFailures(account: "张三", address: "10.0.0.1", since: since, limit: 10)
        #expect(cleared.account.isEmpty)
        #expect(cleared.address.count == 4)
    }

    @Test("the audit log: newest first, paged, with its total", arguments: StoreBackend.all)
    func audit(_ backend: StoreBackend) throws {
        let store = try backend.make()
        for index in 0..<5 {
            try store.addAudit(
                AuditEntry(
                    at: Self.start.addingTimeInterval(Double(index)),
                    actor: "命令行（root）",
                    action: "添加用户",
                    detail: "第\(index)条",
                    address: index == 0 ? nil : "127.0.0.1"
                )
            )
        }
        let first = try store.audit(limit: 2, offset: 0)
        #expect(first.total == 5)
        #expect(first.entries.map(\.detail) == ["第4条", "第3条"])
        #expect(first.entries.first?.at == Self.start.addingTimeInterval(4))
        #expect(first.entries.first?.actor == "命令行（root）")
        let last = try store.audit(limit: 2, offset: 4)
        #expect(last.entries.map(\.detail) == ["第0条"])
        #expect(last.entries.first?.address == nil)
    }

    @Test(
        "what the corpus holds of a file's bytes: its report, or why it could not be read",
        arguments: StoreBackend.all
    )
    func knownContent(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let submission = try StoreTesting.seed("001_2af83e509e4cbaa8")
        guard case .added(let id, _, _) = try #require(try store.add([submission], failures: []).first) else {
            Issue.record("not added")
            return
        }
        let failed = String(repeating: "f", count: 64)
        _ = try store.add([], failures: [FailedFile(contentHash: failed, path: "a.pdf", reason: "无法读取。")])
        #expect(try store.knownContent(submission.contentHash) == .report(id: id))
        #expect(try store.knownContent(failed) == .failure(reason: "无法读取。"))
        #expect(try store.knownContent("nothing") == nil)
    }
}
