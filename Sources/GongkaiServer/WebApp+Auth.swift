import Foundation
import GongkaiStore
import HTTPTypes
import Hummingbird

/// 登录 and 退出, and the administrators' pages: the audit log and the list of users. Sign-ins are limited per
/// account and per client address (kept in the database, so the limits hold across server processes); every sign-in,
/// failed sign-in and sign-out is a line of the audit log.
extension WebApp {
    func addAuthRoutes(to router: Router<WebContext>) {
        router.get("/login") { request, _ in loginForm(next: FormFields(request.uri.query ?? "").text("next")) }
        router.post("/login") { request, context in try await login(request, context: context) }
        router.post("/logout") { request, context in try await logout(request, context: context) }
        router.get("/admin/audit") { request, _ in try await auditPage(request) }
        router.get("/admin/users") { _, _ in try await usersPage() }
    }

    /// A path on this site to go to after signing in; anything else (another site, `//host`) is the home page.
    static func localPath(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.value < 0x20 }), next.count <= 2000
        else { return "/" }
        return next
    }

    func loginForm(
        next: String?,
        name: String = "",
        message: String? = nil,
        status: HTTPResponse.Status = .ok
    )
        -> Response
    {
        let visitor = Visitor.current
        let error: HTML = message.map { "<p class=\"error-box\" role=\"alert\">\($0)</p>\n" } ?? ""
        let signedIn: HTML =
            visitor.user.map { "<p class=\"notice-box\">您已作为「\($0.name)」登录；再次登录将换成另一个账号。</p>\n" } ?? ""
        let content: HTML = """
            <h1>登录</h1>
            \(signedIn)\(error)<form class="login" method="post" action="/login">
            \(visitor.csrfField)<input type="hidden" name="next" value="\(Self.localPath(next))">
            <label>用户名 <input type="text" name="name" value="\(name)" autocomplete="username" required></label>
            <label>密码 <input type="password" name="password" autocomplete="current-password" required></label>
            <button type="submit">登录</button>
            </form>
            <p>账号由管理员在服务器上用 <code>gongkai user add</code> 添加；忘记密码请联系管理员用 \
            <code>gongkai user passwd</code> 重设。</p>

            """
        return Responses.page(Page(title: "登录", section: .home, content: content), status: status)
    }

    func login(_ request: Request, context: WebContext) async throws -> Response {
        let body = try await Self.body(request, limit: context.maxUploadSize)
        let fields = FormFields(String(decoding: body, as: UTF8.self))
        let name = String((fields.text("name") ?? "").prefix(64))
        let password = fields["password"] ?? ""
        let next = fields.text("next")
        let address = clientAddress(request, context: context)
        let now = Date()
        let limits = options.loginLimits
        let failures = try await query {
            try $0.loginFailures(
                account: name,
                address: address,
                since: now.addingTimeInterval(-limits.window),
                limit: max(limits.perAccount, limits.perAddress)
            )
        }
        var blockedUntil: Date?
        if failures.account.count >= limits.perAccount {
            blockedUntil = failures.account[limits.perAccount - 1].addingTimeInterval(limits.window)
        }
        if failures.address.count >= limits.perAddress {
            let until = failures.address[limits.perAddress - 1].addingTimeInterval(limits.window)
            blockedUntil = max(blockedUntil ?? until, until)
        }
        if let blockedUntil {
            try await audit("登录失败", "「\(name)」尝试次数过多，暂停登录至 \(Self.clock(blockedUntil))", actor: name, address)
            let minutes = max(1, Int((blockedUntil.timeIntervalSince(now) / 60).rounded(.up)))
            var response = loginForm(
                next: next,
                name: name,
                message: "登录失败次数过多，已暂停登录。请在 \(minutes) 分钟后（\(Self.clock(blockedUntil))之后）再试；"
                    + "忘记密码请联系管理员。",
                status: .tooManyRequests
            )
            response.headers[.retryAfter] = String(max(1, Int(blockedUntil.timeIntervalSince(now).rounded(.up))))
            return response
        }
        let user = name.isEmpty ? nil : try await query { try $0.user(named: name) }
        let hash = user?.passwordHash ?? Passwords.unknownUserHash
        let matches = try await BlockingWork.run { Passwords.verify(password, hash: hash) }
        guard let user, matches else {
            try await query { try $0.addLoginFailure(account: name, address: address, at: now) }
            try await audit("登录失败", "用户名「\(name)」或密码不正确", actor: name.isEmpty ? "（未填用户名）" : name, address)
            return loginForm(next: next, name: name, message: "用户名或密码不正确。", status: .unauthorized)
        }
        let token = Tokens.random()
        let csrf = Tokens.random(bytes: 16)
        let old = request.cookies[AccessMiddleware.sessionCookie]?.value
        try await query { store in
            try store.clearLoginFailures(account: user.name)
            if let old, Tokens.isToken(old) { try store.removeSession(tokenHash: Tokens.hash(old)) }
            try store.addSession(tokenHash: Tokens.hash(token), userID: user.id, csrfToken: csrf, at: now)
        }
        try await audit("登录", "以「\(user.role.title)」角色登录", actor: user.name, address)
        var response = Response(status: .seeOther, headers: [.location: Self.localPath(next)])
        response.setCookie(
            cookie(AccessMiddleware.sessionCookie, token, maxAge: Int(options.sessionLimits.absolute), for: request)
        )
        return response
    }

    func logout(_ request: Request, context: WebContext) async throws -> Response {
        if let token = request.cookies[AccessMiddleware.sessionCookie]?.value, Tokens.isToken(token) {
            try await query { try $0.removeSession(tokenHash: Tokens.hash(token)) }
        }
        if let user = Visitor.current.user {
            try await audit("退出", "退出登录", actor: user.name, clientAddress(request, context: context))
        }
        var response = Response(status: .seeOther, headers: [.location: "/login"])
        response.setCookie(cookie(AccessMiddleware.sessionCookie, "", maxAge: 0, for: request))
        return response
    }

    /// Writes a line of the audit log.
    func audit(_ action: String, _ detail: String, actor: String, _ address: String?) async throws {
        let entry = AuditEntry(at: Date(), actor: actor, action: action, detail: detail, address: address)
        try await query { try $0.addAudit(entry) }
    }

    static let auditPageSize = 50

    func auditPage(_ request: Request) async throws -> Response {
        let fields = FormFields(request.uri.query ?? "")
        let page =
            try fields.text("page").map { text -> Int in
                guard let number = Int(text), number >= 1, number <= 1_000_000 else {
                    throw WebError.badRequest("page 应为正整数，收到的是「\(text)」。")
                }
                return number
            } ?? 1
        let size = Self.auditPageSize
        let log = try await query { try $0.audit(limit: size, offset: (page - 1) * size) }
        let pages = max(1, (log.total + size - 1) / size)
        let rows = log.entries.map { entry -> HTML in
            """
            <tr><td>\(AuditEntry.chinaTime(entry.at))</td><td>\(entry.actor)</td><td>\(entry.action)</td>\
            <td>\(entry.detail)</td><td>\(entry.address ?? "")</td></tr>

            """
        }
        var links: [HTML] = []
        if page > 1 { links.append("<a href=\"/admin/audit?page=\(page - 1)\" rel=\"prev\">上一页</a>") }
        if page < pages { links.append("<a href=\"/admin/audit?page=\(page + 1)\" rel=\"next\">下一页</a>") }
        let table: HTML =
            rows.isEmpty
            ? "<p>本页没有记录。</p>\n"
            : """
            <table class="audit">
            <thead><tr><th>时间（北京时间）</th><th>用户</th><th>操作</th><th>说明</th><th>地址</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
        let content: HTML = """
            <h1>操作记录</h1>
            <p class="lead">登录、退出、登录失败、用户的添加和修改、每次上传入库，最新的在前。共 <strong>\(log.total)</strong> 条，\
            第 \(page) / \(pages) 页。也可在服务器上用 <code>gongkai audit</code> 查看。</p>
            <p><a href="/admin/users">用户列表</a></p>
            \(table)<nav class="pages" aria-label="翻页">\(links)</nav>

            """
        return Responses.page(Page(title: "操作记录", section: .admin, content: content))
    }

    func usersPage() async throws -> Response {
        let users = try await query { try $0.users() }
        let rows = users.map { user -> HTML in
            """
            <tr><td>\(user.name)</td><td>\(user.role.title)（\(user.role.rawValue)）</td>\
            <td>\(AuditEntry.chinaTime(user.created))</td><td>\(AuditEntry.chinaTime(user.updated))</td></tr>

            """
        }
        let content: HTML = """
            <h1>用户</h1>
            <p class="lead">共 <strong>\(users.count)</strong> 个用户。查看：浏览报告库和检查报告；上传：另可上传入库；\
            管理：另可查看操作记录和本页。</p>
            <table class="users">
            <thead><tr><th>用户名</th><th>角色</th><th>添加时间</th><th>修改时间</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            <p class="notice-box">添加、修改和删除用户在服务器上用命令行进行，并记入操作记录：\
            <code>gongkai user add 用户名 --role viewer|uploader|admin</code>、<code>gongkai user passwd 用户名</code>、\
            <code>gongkai user remove 用户名</code>。</p>
            <p><a href="/admin/audit">操作记录</a></p>

            """
        return Responses.page(Page(title: "用户", section: .admin, content: content))
    }
}
