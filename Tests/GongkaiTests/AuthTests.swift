import Foundation
import GongkaiCorpus
import GongkaiServer
import GongkaiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Signing in, roles, the token against cross-site requests, the limits on failed sign-ins, sessions and the audit
/// log, through the web application in process over real stores (SQLite and PostgreSQL).
@Suite("web application: users and sign-in")
struct AuthTests {
    /// Users of each role; passwords hashed with bcrypt at a low cost, so that the tests sign in quickly.
    static let users: [(name: String, role: UserRole, password: String)] = [
        ("查看员", .viewer, "viewer-password-1"), ("上传员", .uploader, "uploader-password-2"),
        ("管理员", .admin, "admin-password-3"),
    ]

    static func addUsers(_ store: any ReportStore) throws {
        for user in users {
            _ = try store.addUser(
                name: user.name,
                role: user.role,
                passwordHash: Passwords.hash(user.password, cost: 4),
                at: Date()
            )
        }
    }

    static func password(_ name: String) -> String { users.first { $0.name == name }?.password ?? "" }

    static func options(publicAccess: Bool = false, _ change: (inout WebOptions) -> Void = { _ in }) -> WebOptions {
        var options = ServerTests.options(publicAccess: publicAccess)
        change(&options)
        return options
    }

    static func audit(_ store: any ReportStore) throws -> [AuditEntry] {
        try store.audit(limit: 1000, offset: 0).entries
    }

    // MARK: Access

    @Test(
        "not signed in: every page sends to 登录 with the way back, the API answers 401; 登录 and the stylesheet are open",
        arguments: StoreBackend.all
    )
    func closedWithoutLogin(_ backend: StoreBackend) async throws {
        let corpus = try ServerTests.corpus(backend)
        try Self.addUsers(corpus.store)
        try await ServerTests.application(corpus.store, options: Self.options()).test(.router) { client in
            let browser = Browser(client)
            let pages = [
                "/", "/check", "/reports?year=2024", "/reports/\(corpus.hongze2024)", "/agencies/\(corpus.hongze)",
                "/missing", "/upload", "/admin/audit", "/admin/users", "/check/0123456789abcdef0123456789abcdef",
            ]
            for page in pages {
                let response = try await browser.get(page)
                #expect(response.status == .seeOther, "\(page)")
                #expect(response.headers[.location] == "/login?next=\(FormFieldsEncoding.encode(page))", "\(page)")
            }
            for api in ["/api/v1/reports", "/api/v1/reports/\(corpus.hongze2024)"] {
                let response = try await browser.get(api)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(((try response.jsonObject()["error"] as? [String: String])?["message"] ?? "").contains("需要登录"))
            }
            let check = try await browser.request(
                "/api/v1/check",
                method: .post,
                body: ByteBuffer(bytes: try Fixtures.data("seeds/001_2af83e509e4cbaa8.txt"))
            )
            #expect(check.status == .unauthorized)
            let login = try await browser.get("/login?next=%2Freports")
            #expect(login.status == .ok)
            #expect(login.text.contains("<form class=\"login\" method=\"post\" action=\"/login\">"))
            #expect(login.text.contains("<input type=\"hidden\" name=\"next\" value=\"/reports\">"))
            #expect(login.text.contains("<a href=\"/login\">登录</a>"))
            // Without signing in, the navigation offers nothing but 登录.
            #expect(!login.text.contains("href=\"/reports\""))
            for open in ["/assets/gongkai.css", "/static/upload.js"] {
                #expect(try await browser.get(open).status == .ok, "\(open)")
            }
            let post = try await browser.post("/check", [("text", "x")])
            #expect(post.status == .unauthorized)
            #expect(post.text.contains("请先登录"))
        }
    }

    @Test(
        "each role: viewer reads and checks, uploader also stores, admin also reads the audit log and users",
        arguments: StoreBackend.all
    )
    func roles(_ backend: StoreBackend) async throws {
        let corpus = try ServerTests.corpus(backend)
        try Self.addUsers(corpus.store)
        let reading = [
            "/", "/check", "/reports", "/reports/\(corpus.hongze2024)", "/agencies/\(corpus.hongze)", "/missing",
            "/api/v1/reports", "/api/v1/reports/\(corpus.hongze2024)",
        ]
        let expected: [String: (upload: HTTPResponse.Status, admin: HTTPResponse.Status, nav: [String])] = [
            "查看员": (.forbidden, .forbidden, ["检查报告", "报告库", "未报送"]),
            "上传员": (.ok, .forbidden, ["检查报告", "报告库", "未报送", "上传入库"]),
            "管理员": (.ok, .ok, ["检查报告", "报告库", "未报送", "上传入库", "操作记录"]),
        ]
        try await ServerTests.application(corpus.store, options: Self.options()).test(.router) { client in
            for user in Self.users {
                let browser = Browser(client)
                let signedIn = try await browser.signIn(user.name, user.password, next: "/reports?year=2024")
                #expect(signedIn.status == .seeOther)
                #expect(signedIn.headers[.location] == "/reports?year=2024")
                for path in reading {
                    #expect(try await browser.get(path).status == .ok, "\(user.name) \(path)")
                }
                let want = try #require(expected[user.name])
                let upload = try await browser.get("/upload")
                #expect(upload.status == want.upload, "\(user.name)")
                if want.upload == .forbidden {
                    #expect(upload.text.contains("无权使用此页面"))
                    #expect(upload.text.contains("<h1>403 无权访问</h1>"))
                }
                for admin in ["/admin/audit", "/admin/users"] {
                    #expect(try await browser.get(admin).status == want.admin, "\(user.name) \(admin)")
                }
                let home = try await browser.get("/").text
                // The header says who is signed in, with the role, and offers 退出 as a form with the token.
                #expect(
                    home.contains("<span>\(user.name)（\(user.role.title)）</span> <button type=\"submit\">退出</button>")
                )
                #expect(home.contains("<form class=\"account\" method=\"post\" action=\"/logout\">"))
                let nav = try #require(home.range(of: "<nav aria-label=\"主导航\">").map { home[$0.upperBound...] })
                let links = String(nav).components(separatedBy: "</nav>")[0]
                for title in ["检查报告", "报告库", "未报送", "上传入库", "操作记录"] {
                    #expect(links.contains(">\(title)</a>") == want.nav.contains(title), "\(user.name) \(title)")
                }
            }
            let admin = Browser(client)
            try await admin.signIn("管理员", Self.password("管理员"))
            let users = try await admin.get("/admin/users").text
            for user in Self.users {
                #expect(users.contains("<tr><td>\(user.name)</td><td>\(user.role.title)（\(user.role.rawValue)）</td>"))
            }
            #expect(users.contains("gongkai user add"))
        }
    }

    @Test("--public: the read-only pages, 检查报告 and the API without signing in; storing and the admin pages still ask")
    func publicAccess() async throws {
        let corpus = try ServerTests.corpus()
        try Self.addUsers(corpus.store)
        try await ServerTests.application(corpus.store, options: Self.options(publicAccess: true)).test(.router) {
            client in
            let browser = Browser(client)
            for path in ["/", "/check", "/reports", "/reports/\(corpus.hongze2024)", "/missing", "/api/v1/reports"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
            let home = try await browser.get("/").text
            #expect(home.contains(">报告库</a>"))
            #expect(!home.contains(">上传入库</a>"))
            #expect(try await browser.get("/upload").headers[.location] == "/login?next=%2Fupload")
            #expect(try await browser.get("/admin/audit").headers[.location] == "/login?next=%2Fadmin%2Faudit")
            // A script sends a report as the body, with no cookie: it needs no token.
            let script = try await client.execute(
                uri: "/api/v1/check?name=a.txt",
                method: .post,
                body: ByteBuffer(bytes: try Fixtures.data("seeds/001_2af83e509e4cbaa8.txt"))
            )
            #expect(script.status == .ok)
            let form = try await browser.upload(
                "/check",
                files: [(name: "a.txt", bytes: try Fixtures.data("seeds/001_2af83e509e4cbaa8.txt"))],
                field: "file"
            )
            #expect(form.status == .ok)
            #expect(form.text.contains("<h1>检查结果：漳州市司法局 2023年度</h1>"))
            let upload = try await browser.upload("/upload", files: [(name: "a.txt", bytes: Data("x".utf8))])
            #expect(upload.status == .unauthorized)
        }
    }

    // MARK: Tokens against cross-site requests

    @Test(
        "the token: a POST without it or with a wrong one is 403 in Chinese; with it, it goes through",
        arguments: StoreBackend.all
    )
    func csrf(_ backend: StoreBackend) async throws {
        let store = try backend.make()
        try Self.addUsers(store)
        try await ServerTests.application(store, options: Self.options(publicAccess: true)).test(.router) { client in
            let browser = Browser(client)
            let form = [("name", "管理员"), ("password", Self.password("管理员"))]
            // 登录 by a visitor: the token of the visitor's cookie.
            let visitorToken = try await browser.token()
            #expect(browser.cookies["gongkai_csrf"] == visitorToken)
            let missing = try await browser.post("/login", form, token: "")
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("缺少防跨站请求令牌"))
            #expect(missing.text.contains("<h1>403 无权访问</h1>"))
            let wrong = try await browser.post("/login", form, token: String(repeating: "0", count: 32))
            #expect(wrong.status == .forbidden)
            // The cookie alone, or the field without its cookie, is not enough.
            let other = Browser(client)
            let stolen = try await other.post("/login", form, token: visitorToken)
            #expect(stolen.status == .forbidden)
            #expect(try Self.audit(store).isEmpty, "a refused POST changes nothing")
            let right = try await browser.post("/login", form, token: visitorToken)
            #expect(right.status == .seeOther)

            // Signed in, forms carry the session's token; the visitor's token no longer does.
            let sessionToken = try await browser.token()
            #expect(sessionToken != visitorToken)
            let seed = try Fixtures.data("seeds/001_2af83e509e4cbaa8.txt")
            let old = try await browser.upload(
                "/check",
                files: [(name: "a.txt", bytes: seed)],
                field: "file",
                token: visitorToken
            )
            #expect(old.status == .forbidden)
            let checked = try await browser.upload("/check", files: [(name: "a.txt", bytes: seed)], field: "file")
            #expect(checked.status == .ok)
            // The JSON API with the session's cookie: the token as a header.
            let bare = try await browser.request(
                "/api/v1/check?name=a.txt",
                method: .post,
                body: ByteBuffer(bytes: seed)
            )
            #expect(bare.status == .forbidden)
            #expect(((try bare.jsonObject()["error"] as? [String: String])?["message"] ?? "").contains("令牌"))
            let wrongHeader = try await browser.request(
                "/api/v1/check?name=a.txt",
                method: .post,
                headers: [Browser.csrfHeader: visitorToken],
                body: ByteBuffer(bytes: seed)
            )
            #expect(wrongHeader.status == .forbidden)
            let withHeader = try await browser.request(
                "/api/v1/check?name=a.txt",
                method: .post,
                headers: [Browser.csrfHeader: sessionToken],
                body: ByteBuffer(bytes: seed)
            )
            #expect(withHeader.status == .ok)
            let logout = try await browser.post("/logout", [], token: "")
            #expect(logout.status == .forbidden)
            #expect(try await browser.get("/upload").status == .ok, "still signed in")
        }
    }

    // MARK: Sessions

    @Test(
        "the session cookie: random, HttpOnly, SameSite=Lax, Path=/, Secure only over https; the database keeps its hash",
        arguments: StoreBackend.all
    )
    func sessionCookie(_ backend: StoreBackend) async throws {
        let store = try backend.make()
        try Self.addUsers(store)
        let plain = Self.options()
        let proxied = Self.options { $0.behindProxy = true }
        for (options, https) in [(plain, false), (proxied, true)] {
            try await ServerTests.application(store, options: options).test(.router) { client in
                let browser = Browser(client)
                if https {
                    browser.extraHeaders[Browser.forwardedProto] = "https"
                    browser.extraHeaders[Browser.forwardedFor] = "203.0.113.9, 198.51.100.7"
                }
                let response = try await browser.signIn("管理员", Self.password("管理员"))
                #expect(response.status == .seeOther)
                let line = try #require(browser.setCookies.first { $0.hasPrefix("gongkai_session=") })
                let attributes = Set(
                    line.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
                )
                #expect(attributes.contains("HttpOnly"))
                #expect(attributes.contains("SameSite=Lax"))
                #expect(attributes.contains("Path=/"))
                #expect(attributes.contains("Max-Age=\(7 * 24 * 3600)"))
                #expect(attributes.contains("Secure") == https, "\(line)")
                let token = try #require(browser.cookies["gongkai_session"])
                #expect(token.count == 64)
                #expect(token.allSatisfy { $0.isHexDigit })
                // Only the token's hash is stored: the token itself names no session.
                let limits = SessionLimits.standard
                #expect(try store.session(tokenHash: token, at: Date(), limits: limits) == nil)
                let session = try #require(try store.session(tokenHash: Self.sha256(token), at: Date(), limits: limits))
                #expect(session.user.name == "管理员")
                if https {
                    let login = try #require(try Self.audit(store).first { $0.action == "登录" })
                    #expect(login.address == "198.51.100.7")
                }
            }
        }
        // Forced with --secure-cookies.
        try await ServerTests.application(store, options: Self.options { $0.secureCookies = true }).test(.router) {
            client in
            let browser = Browser(client)
            _ = try await browser.get("/login")
            #expect(browser.setCookies.first { $0.hasPrefix("gongkai_csrf=") }?.contains("Secure") == true)
            try await browser.signIn("管理员", Self.password("管理员"))
            #expect(browser.setCookies.first { $0.hasPrefix("gongkai_session=") }?.contains("Secure") == true)
        }
    }

    static func sha256(_ text: String) -> String {
        SHA256.hex(Data(text.utf8))
    }

    @Test(
        "退出 ends the session and clears its cookie; a cookie kept after 退出 opens nothing",
        arguments: StoreBackend.all
    )
    func logout(_ backend: StoreBackend) async throws {
        let store = try backend.make()
        try Self.addUsers(store)
        try await ServerTests.application(store, options: Self.options()).test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("上传员", Self.password("上传员"))
            let token = try #require(browser.cookies["gongkai_session"])
            #expect(try await browser.get("/upload").status == .ok)
            let out = try await browser.post("/logout", [])
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login")
            #expect(browser.setCookies.contains { $0.hasPrefix("gongkai_session=;") && $0.contains("Max-Age=0") })
            #expect(browser.cookies["gongkai_session"] == nil)
            browser.setCookie("gongkai_session", token)
            let again = try await browser.get("/upload")
            #expect(again.status == .seeOther)
            #expect(again.headers[.location] == "/login?next=%2Fupload")
            let actions = try Self.audit(store).map { "\($0.actor) \($0.action)" }
            #expect(actions == ["上传员 退出", "上传员 登录"])
        }
    }

    @Test(
        "a session ends after its idle time and after its whole lifetime; a removed user's and a changed password's sessions end",
        arguments: StoreBackend.all
    )
    func sessionExpiry(_ backend: StoreBackend) async throws {
        let store = try backend.make()
        try Self.addUsers(store)
        let options = Self.options { $0.sessionLimits = SessionLimits(idle: 3, absolute: 3600) }
        try await ServerTests.application(store, options: options).test(.router) { client in
            let browser = Browser(client)
            let began = Date()
            try await browser.signIn("查看员", Self.password("查看员"))
            let fresh = try await browser.get("/reports")
            // On a machine so busy that three seconds passed already, the session has rightly expired.
            if Date().timeIntervalSince(began) < 3 { #expect(fresh.status == .ok) }
            try await Task.sleep(for: .milliseconds(3500))
            let expired = try await browser.get("/reports")
            #expect(expired.status == .seeOther)
            #expect(expired.headers[.location] == "/login?next=%2Freports")
        }
        try await ServerTests.application(store, options: Self.options()).test(.router) { client in
            let viewer = Browser(client)
            try await viewer.signIn("查看员", Self.password("查看员"))
            let uploader = Browser(client)
            try await uploader.signIn("上传员", Self.password("上传员"))
            #expect(try await viewer.get("/reports").status == .ok)
            #expect(try await uploader.get("/upload").status == .ok)
            try store.removeUser(named: "查看员")
            #expect(try await viewer.get("/reports").status == .seeOther)
            _ = try store.changeUser(
                named: "上传员",
                role: nil,
                passwordHash: Passwords.hash("another-password", cost: 4),
                at: Date()
            )
            #expect(try await uploader.get("/upload").status == .seeOther)
            // The old password no longer signs in; the new one does.
            #expect(try await uploader.signIn("上传员", Self.password("上传员")).status == .unauthorized)
            #expect(try await uploader.signIn("上传员", "another-password").status == .seeOther)
        }
    }

    @Test("signing in: the way back stays on this site; the same words for an unknown name and a wrong password")
    func signInMessages() async throws {
        let store = try StoreBackend.sqlite.make()
        try Self.addUsers(store)
        try await ServerTests.application(store, options: Self.options()).test(.router) { client in
            let browser = Browser(client)
            let unknown = try await browser.signIn("无此人", "whatever-password")
            let wrong = try await browser.signIn("管理员", "wrong-password-0")
            for response in [unknown, wrong] {
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("<p class=\"error-box\" role=\"alert\">用户名或密码不正确。</p>"))
                #expect(browser.cookies["gongkai_session"] == nil)
            }
            for next in ["//evil.example/", "https://evil.example/", "/\\evil.example"] {
                let response = try await browser.signIn("管理员", Self.password("管理员"), next: next)
                #expect(response.headers[.location] == "/", "\(next)")
            }
            let entries = try Self.audit(store)
            #expect(entries.filter { $0.action == "登录失败" }.map(\.actor) == ["管理员", "无此人"])
            #expect(entries.filter { $0.action == "登录" }.count == 3)
        }
    }

    // MARK: Failed sign-ins

    @Test(
        "failed sign-ins: the account's limit gives 429 with when to try again; a success resets the count; the limit holds for another server on the same database",
        arguments: StoreBackend.all
    )
    func rateLimit(_ backend: StoreBackend) async throws {
        let store = try backend.make()
        try Self.addUsers(store)
        let options = Self.options { $0.loginLimits = LoginLimits(perAccount: 3, perAddress: 8, window: 600) }
        try await ServerTests.application(store, options: options).test(.router) { client in
            let browser = Browser(client)
            for _ in 0..<2 { #expect(try await browser.signIn("管理员", "wrong-password-0").status == .unauthorized) }
            // A success forgets the account's failures: two more are allowed again.
            #expect(try await browser.signIn("管理员", Self.password("管理员")).status == .seeOther)
            for _ in 0..<2 { #expect(try await browser.signIn("管理员", "wrong-password-0").status == .unauthorized) }
            #expect(try await browser.signIn("管理员", "wrong-password-0").status == .unauthorized)
            let limited = try await browser.signIn("管理员", Self.password("管理员"))
            #expect(limited.status == .tooManyRequests)
            #expect(limited.text.contains("登录失败次数过多，已暂停登录。请在 10 分钟后"))
            #expect(limited.text.contains("（北京时间）之后）再试"))
            let retry = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect(retry > 590 && retry <= 600)
            #expect(browser.setCookies.first { $0.hasPrefix("gongkai_session=") } == nil)
        }
        // Another server process on the same database refuses too.
        try await ServerTests.application(store, options: options).test(.router) { client in
            let browser = Browser(client)
            let held = try await browser.signIn("管理员", Self.password("管理员"))
            #expect(held.status == .tooManyRequests)
            // Other accounts are not held back by this one's failures.
            let other = try await browser.signIn("查看员", Self.password("查看员"))
            #expect(other.status == .seeOther)
        }
        let failed = try Self.audit(store).filter { $0.action == "登录失败" }
        #expect(failed.count == 7)
        #expect(failed.first?.detail.contains("尝试次数过多") == true)
    }

    @Test("failed sign-ins from one address: over its limit, every account is held back for that address only")
    func rateLimitByAddress() async throws {
        let store = try StoreBackend.sqlite.make()
        try Self.addUsers(store)
        let options = Self.options {
            $0.loginLimits = LoginLimits(perAccount: 5, perAddress: 3, window: 900)
            $0.behindProxy = true
        }
        try await ServerTests.application(store, options: options).test(.router) { client in
            let attacker = Browser(client)
            attacker.extraHeaders[Browser.forwardedFor] = "192.0.2.66"
            for name in ["甲", "乙", "丙"] {
                #expect(try await attacker.signIn(name, "guess-password-1").status == .unauthorized)
            }
            let held = try await attacker.signIn("管理员", Self.password("管理员"))
            #expect(held.status == .tooManyRequests)
            #expect(held.text.contains("15 分钟后"))
            let office = Browser(client)
            office.extraHeaders[Browser.forwardedFor] = "192.0.2.10"
            #expect(try await office.signIn("管理员", Self.password("管理员")).status == .seeOther)
        }
    }

    // MARK: Audit

    @Test(
        "/admin/audit: the log newest first, 50 a page, each line's who, what and where; gongkai's own markup escaped"
    )
    func auditPage() async throws {
        let store = try StoreBackend.sqlite.make()
        try Self.addUsers(store)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for index in 0..<60 {
            try store.addAudit(
                AuditEntry(
                    at: start.addingTimeInterval(Double(index)),
                    actor: "<b>x</b>",
                    action: "上传入库",
                    detail: "第\(index)次",
                    address: "10.0.0.\(index)"
                )
            )
        }
        try await ServerTests.application(store, options: Self.options()).test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("管理员", Self.password("管理员"))
            let first = try await browser.get("/admin/audit")
            #expect(first.status == .ok)
            #expect(first.text.contains("共 <strong>61</strong> 条，第 1 / 2 页"))
            #expect(first.text.contains("<td>管理员</td><td>登录</td>"))
            #expect(first.text.contains("<td>&lt;b&gt;x&lt;/b&gt;</td><td>上传入库</td><td>第59次</td><td>10.0.0.59</td>"))
            #expect(!first.text.contains("<b>x</b>"))
            let newest = try #require(first.text.range(of: "第59次"))
            let older = try #require(first.text.range(of: "第58次"))
            #expect(newest.lowerBound < older.lowerBound)
            #expect(first.text.contains("<a href=\"/admin/audit?page=2\" rel=\"next\">下一页</a>"))
            #expect(first.text.contains("<td>2027-01-15 16:00:59</td>"))
            let second = try await browser.get("/admin/audit?page=2")
            #expect(second.text.contains("第0次"))
            #expect(second.text.contains("第10次<"))
            #expect(!second.text.contains("第11次<"))
            #expect(second.text.contains("rel=\"prev\">上一页</a>"))
            #expect(try await browser.get("/admin/audit?page=0").status == .badRequest)
        }
    }
}
