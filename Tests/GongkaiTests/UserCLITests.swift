import Foundation
import GongkaiServer
import GongkaiStore
import Testing

/// `gongkai user` and `gongkai audit` through the real binary, on SQLite and PostgreSQL.
@Suite("gongkai user and gongkai audit")
struct UserCLITests {
    func gongkai(_ arguments: [String], db: String, stdin: String? = nil) throws -> CLI.Result {
        try CLI.run(arguments + ["--db", db], stdin: stdin.map { Data($0.utf8) })
    }

    @Test(
        "add, passwd and remove with --password-stdin; list; each change in the audit log under 命令行",
        arguments: CorpusDatabase.all
    )
    func users(_ database: CorpusDatabase) throws {
        let folder = try StoreTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try database.make(folder)
        let added = try gongkai(
            ["user", "add", "张三", "--role", "uploader", "--password-stdin"],
            db: db,
            stdin: "first-password-1\n"
        )
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "已添加用户「张三」（上传）。\n")
        #expect(
            try gongkai(
                ["user", "add", "admin", "--role", "admin", "--password-stdin"],
                db: db,
                stdin: "admin-password-1\n"
            ).status == 0
        )
        let store = try database.open(db)
        let user = try #require(try store.user(named: "张三"))
        #expect(user.role == .uploader)
        #expect(user.passwordHash.hasPrefix("$2b$12$"))
        #expect(Passwords.verify("first-password-1", hash: user.passwordHash))
        #expect(!user.passwordHash.contains("first-password-1"))

        let list = try gongkai(["user", "list"], db: db)
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map {
            $0.split(separator: "\t").prefix(3).joined(separator: " ")
        }
        #expect(lines == ["admin admin 管理", "张三 uploader 上传"])

        let duplicate = try gongkai(
            ["user", "add", "张三", "--role", "viewer", "--password-stdin"],
            db: db,
            stdin: "other-password-1\n"
        )
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr.contains("已有名为「张三」的用户"))

        try store.addSession(tokenHash: "abc", userID: user.id, csrfToken: "c", at: Date())
        let passwd = try gongkai(
            ["user", "passwd", "张三", "--role", "viewer", "--password-stdin"],
            db: db,
            stdin: "second-password-2\n"
        )
        #expect(passwd.status == 0, "\(passwd.stderr)")
        let changed = try #require(try store.user(named: "张三"))
        #expect(changed.role == .viewer)
        #expect(Passwords.verify("second-password-2", hash: changed.passwordHash))
        #expect(!Passwords.verify("first-password-1", hash: changed.passwordHash))
        #expect(try store.session(tokenHash: "abc", at: Date(), limits: .standard) == nil)

        let removed = try gongkai(["user", "remove", "张三"], db: db)
        #expect(removed.status == 0)
        #expect(removed.stdout == "已删除用户「张三」。\n")
        #expect(try store.user(named: "张三") == nil)
        let again = try gongkai(["user", "remove", "张三"], db: db)
        #expect(again.status == 1)
        #expect(again.stderr.contains("没有名为「张三」的用户"))
        #expect(
            try gongkai(["user", "passwd", "无名", "--password-stdin"], db: db, stdin: "third-password-3\n").status == 1
        )

        let audit = try gongkai(["audit"], db: db)
        #expect(audit.status == 0)
        let rows = audit.stdout.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows.map { $0[2] } == ["删除用户", "修改用户", "添加用户", "添加用户"])
        #expect(rows.allSatisfy { $0[1].hasPrefix("命令行") })
        #expect(rows[1][3].contains("重设用户「张三」的密码，角色改为查看（viewer）"))
        #expect(
            rows.allSatisfy {
                $0[0].range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"#, options: .regularExpression) != nil
            }
        )
        let limited = try gongkai(["audit", "--limit", "1"], db: db)
        #expect(limited.stdout.split(separator: "\n").count == 1)
    }

    @Test("wrong input: a bad role and a bad --limit exit 64, a short password or none exits 64, nothing stored")
    func refusals() throws {
        let folder = try StoreTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("gongkai.sqlite").path
        let role = try gongkai(
            ["user", "add", "甲", "--role", "boss", "--password-stdin"],
            db: db,
            stdin: "long-enough-pw\n"
        )
        #expect(role.status == 64)
        #expect(role.stderr.contains("--role 的值「boss」无效，应为 viewer（查看）、uploader（上传）或 admin（管理）之一。"))
        let short = try gongkai(["user", "add", "甲", "--role", "viewer", "--password-stdin"], db: db, stdin: "short\n")
        #expect(short.status == 64)
        #expect(short.stderr.contains("密码至少 10 个字符"))
        let empty = try gongkai(["user", "add", "甲", "--role", "viewer", "--password-stdin"], db: db, stdin: "")
        #expect(empty.status == 64)
        // No terminal to type on and no --password-stdin.
        let noTerminal = try gongkai(["user", "add", "甲", "--role", "viewer"], db: db, stdin: "long-enough-pw\n")
        #expect(noTerminal.status == 64)
        #expect(noTerminal.stderr.contains("--password-stdin"))
        let name = try gongkai(
            ["user", "add", "有 空格", "--role", "viewer", "--password-stdin"],
            db: db,
            stdin: "long-enough-pw\n"
        )
        #expect(name.status == 64)
        #expect(try gongkai(["audit", "--limit", "0"], db: db).status == 64)
        #expect(try SQLiteStore(path: db).users().isEmpty)
        // The password is never an argument.
        #expect(
            try gongkai(["user", "add", "甲", "--role", "viewer", "--password", "long-enough-pw"], db: db).status == 64
        )
    }

    @Test("gongkai serve with no users and no --public says how to add one and does not start")
    func serveWithoutUsers() throws {
        let folder = try StoreTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("gongkai.sqlite").path
        _ = try SQLiteStore(path: db)
        let result = try CLI.run(["serve", "--db", db, "--port", "18999"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("报告库中还没有用户"))
        #expect(result.stderr.contains("gongkai user add 用户名 --role admin --db \(db)"))
        #expect(result.stderr.contains("--public"))
    }

    @Test("grant, list and revoke duties; an unknown duty, user or agency is refused", arguments: CorpusDatabase.all)
    func duties(_ database: CorpusDatabase) throws {
        let folder = try StoreTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try database.make(folder)
        #expect(
            try gongkai(
                ["user", "add", "李四", "--role", "viewer", "--password-stdin"],
                db: db,
                stdin: "password-li-4\n"
            )
            .status == 0
        )
        let store = try database.open(db)
        _ = try store.createAgency(named: "某市水务局")

        let grant = try gongkai(["user", "grant", "李四", "--duty", "clerk", "--agency", "某市水务局"], db: db)
        #expect(grant.status == 0, "\(grant.stderr)")
        #expect(grant.stdout == "已授予「李四」「某市水务局」的登记员职责。\n")
        #expect(try gongkai(["user", "grant", "李四", "--duty", "督办"], db: db).status == 0)
        let listed = try gongkai(["user", "duties", "李四"], db: db)
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n").map {
            $0.split(separator: "\t").prefix(3).joined(separator: " ")
        }
        #expect(lines == ["所有机关 supervisor 督办", "某市水务局 clerk 登记员"])

        let noAgency = try gongkai(["user", "grant", "李四", "--duty", "终审"], db: db)
        #expect(noAgency.status == 1)
        #expect(noAgency.stderr.contains("须指定机关"))
        #expect(try gongkai(["user", "grant", "李四", "--duty", "审核", "--agency", "某市水务局"], db: db).status == 64)
        #expect(try gongkai(["user", "grant", "无名", "--duty", "clerk", "--agency", "某市水务局"], db: db).status == 1)
        let noSuchAgency = try gongkai(["user", "grant", "李四", "--duty", "clerk", "--agency", "某市林业局"], db: db)
        #expect(noSuchAgency.status == 1)
        #expect(noSuchAgency.stderr.contains("未找到机关"))

        let revoke = try gongkai(["user", "revoke", "李四", "--duty", "clerk", "--agency", "某市水务局"], db: db)
        #expect(revoke.status == 0)
        #expect(try store.duties(userName: "李四").map(\.duty) == [.supervisor])
        let audit = try store.audit(limit: 10, offset: 0).entries.map(\.action)
        #expect(audit.filter { $0 == "授予职责" }.count == 2)
        #expect(audit.contains("收回职责"))
    }
}
