import Foundation
import GongkaiForm
import GongkaiStore
import HTTPTypes
import Hummingbird

/// Signs requests in and keeps the site's doors: finds the session of the request's cookie, lets through only what the
/// visitor's role allows (a page asks to sign in first, the API answers 401), and refuses (403) every POST that does
/// not carry the visitor's token against cross-site requests — in a form's hidden field or the `X-CSRF-Token` header.
///
/// A POST to the API without a session (a script sending a report to `POST /api/v1/check`) carries no credentials
/// and changes nothing, so it needs no token; with a session cookie it must send the session's token as the header.
///
/// A visitor who has not signed in gets a random token in a cookie of its own (`gongkai_csrf`), which the forms carry
/// too: a site elsewhere can neither read that cookie nor set it, so it cannot post the 登录 or 检查报告 forms.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let sessionCookie = "gongkai_session"
    static let visitorCookie = "gongkai_csrf"

    let app: WebApp

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        // The stylesheet and the script are the same for everyone: no session to look up, no cookie to give.
        if path == Stylesheet.path || path.hasPrefix("/static/") { return try await next(request, context) }
        var session: SessionRecord?
        if let token = request.cookies[Self.sessionCookie]?.value, Tokens.isToken(token) {
            let limits = app.options.sessionLimits
            session = try await app.query { try $0.session(tokenHash: Tokens.hash(token), at: Date(), limits: limits) }
        }
        var duties: [DutyRecord] = []
        if let name = session?.user.name { duties = try await app.query { try $0.duties(userName: name) } }
        var visitorToken = request.cookies[Self.visitorCookie]?.value
        if let token = visitorToken, !Tokens.isToken(token) { visitorToken = nil }
        let newVisitorToken = session == nil && visitorToken == nil && !path.hasPrefix("/api/")
        if newVisitorToken { visitorToken = Tokens.random(bytes: 16) }
        let visitor = Visitor(
            session: session,
            csrfToken: session?.csrfToken ?? visitorToken ?? "",
            publicAccess: app.options.publicAccess,
            duties: duties
        )
        var response = try await Visitor.$current.withValue(visitor) { () async throws -> Response in
            var request = request
            do {
                if let refusal = try await admit(&request, visitor: visitor, context: context) { return refusal }
                return try await next(request, context)
            } catch let error as WebError {
                return PageMiddleware.response(error, for: request)
            }
        }
        if newVisitorToken, let visitorToken {
            response.setCookie(
                app.cookie(Self.visitorCookie, visitorToken, maxAge: nil, sameSite: .strict, for: request)
            )
        }
        return response
    }

    /// Nil when the request may go on; otherwise the answer instead (a redirect to 登录), or a ``WebError``.
    func admit(_ request: inout Request, visitor: Visitor, context: WebContext) async throws -> Response? {
        let path = request.uri.path
        let access = Access.of(path: path)
        if !visitor.may(access) {
            if let user = visitor.user {
                throw WebError(.forbidden, "您的账号「\(user.name)」（\(user.role.title)）无权使用此页面；如需权限，请联系管理员。")
            }
            if path.hasPrefix("/api/") {
                throw WebError(.unauthorized, "此服务需要登录：请先在网页上登录，再带着登录后的 Cookie 访问数据接口。")
            }
            guard request.method == .get || request.method == .head else {
                throw WebError(.unauthorized, "请先登录再提交。")
            }
            let target = request.uri.query.map { "\(path)?\($0)" } ?? path
            return Response(status: .seeOther, headers: [.location: "/login?next=\(FormFields.encode(target))"])
        }
        if request.method == .post { try await checkToken(&request, visitor: visitor, context: context) }
        return nil
    }

    static let refused = WebError(
        .forbidden,
        "表单已失效或来源不明（缺少防跨站请求令牌），未处理。请回到上一页，刷新后重新提交。"
    )

    /// Refuses a POST that does not carry the visitor's token.
    func checkToken(_ request: inout Request, visitor: Visitor, context: WebContext) async throws {
        let path = request.uri.path
        let header = HTTPField.Name(Visitor.csrfHeader).flatMap { request.headers[$0] }
        if path.hasPrefix("/api/") {
            guard let session = visitor.session else { return }
            guard let header, Tokens.equal(header, session.csrfToken) else { throw Self.refused }
            return
        }
        if let header {
            guard Tokens.equal(header, visitor.csrfToken) else { throw Self.refused }
            return
        }
        let limit = path == "/upload" ? app.options.batchUploadLimit : context.maxUploadSize
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw WebError.tooLarge(limit: limit)
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw WebError.tooLarge(limit: limit)
        }
        let contentType = request.headers[.contentType] ?? ""
        let data = Data(body.readableBytesView)
        var sent: String?
        if let boundary = MultipartForm.boundary(contentType: contentType) {
            sent = (try? MultipartForm(data, boundary: boundary))?.text(Visitor.csrfFieldName)
        } else if contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            sent = FormFields(String(decoding: data, as: UTF8.self))[Visitor.csrfFieldName]
        }
        guard let sent, Tokens.equal(sent, visitor.csrfToken) else { throw Self.refused }
    }
}

extension WebApp {
    /// A cookie for the whole site that scripts cannot read, `Secure` when the browser reached the site over https.
    func cookie(
        _ name: String,
        _ value: String,
        maxAge: Int?,
        sameSite: Cookie.SameSite = .lax,
        for request: Request
    ) -> Cookie {
        Cookie(
            name: name,
            value: value,
            maxAge: maxAge,
            path: "/",
            secure: isSecure(request),
            httpOnly: true,
            sameSite: sameSite
        )
    }

    /// Whether the browser reached the site over https: always with `--secure-cookies`; behind a proxy, when the
    /// proxy's `X-Forwarded-Proto` says so. Served over plain http itself, a `Secure` cookie would never come back.
    func isSecure(_ request: Request) -> Bool {
        if options.secureCookies { return true }
        guard options.behindProxy, let name = HTTPField.Name("X-Forwarded-Proto"),
            let proto = request.headers[name]
        else { return false }
        return proto.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// The client's address: behind a proxy, the last address of `X-Forwarded-For` (the one the proxy added);
    /// otherwise the connection's.
    func clientAddress(_ request: Request, context: WebContext) -> String {
        if options.behindProxy, let name = HTTPField.Name("X-Forwarded-For"), let forwarded = request.headers[name],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return String(last.prefix(64))
        }
        return context.peerAddress ?? "未知"
    }
}
