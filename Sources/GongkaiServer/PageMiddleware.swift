import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Adds the security headers to every response and turns every error into a response: a page in Chinese, or under
/// `/api/` a JSON object `{"error": {"message": …}}`.
///
/// The content security policy allows the site's own stylesheet and nothing else: no script, no inline style, no
/// frame, and forms posting only to the site.
struct PageMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    static let otherHeaders = [("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY")]

    func handle(
        _ request: Request,
        context: WebContext,
        next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as WebError {
            response = Self.response(error, for: request)
        } catch let error as any HTTPResponseError {
            if error.status == .notFound, request.uri.path.hasPrefix("/api/"),
                let allowed = WebApp.allowedMethods(request.uri.path)
            {
                let allow = allowed.map(\.rawValue).joined(separator: ", ")
                response = Self.response(WebError(.methodNotAllowed, "此地址只接受 \(allow) 请求。"), for: request)
                response.headers[.allow] = allow
            } else {
                response = Self.response(Self.webError(error.status), for: request)
            }
        } catch {
            context.logger.error("request failed: \(String(describing: error))")
            response = Self.response(WebError(.internalServerError, "服务器内部错误。"), for: request)
        }
        // A response with a stricter policy of its own (a stored source file: `sandbox`) keeps it.
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        for (name, value) in Self.otherHeaders {
            if let name = HTTPField.Name(name) { response.headers[name] = value }
        }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// Hummingbird's own errors (no route, a body over the limit) in Chinese.
    static func webError(_ status: HTTPResponse.Status) -> WebError {
        switch status {
        case .notFound: WebError.notFound("找不到此页面。")
        case .contentTooLarge: WebError.tooLarge(limit: WebOptions.uploadLimit)
        case .methodNotAllowed: WebError(.methodNotAllowed, "此地址不接受这种请求。")
        default: WebError(status, "请求无法完成（\(status.code)）。")
        }
    }

    static func response(_ error: WebError, for request: Request) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            let message = String(
                decoding: (try? JSONEncoder().encode(error.message)) ?? Data("\"\"".utf8),
                as: UTF8.self
            )
            return Responses.json("{\"error\":{\"message\":\(message)}}\n", status: error.status)
        }
        let content: HTML = """
            <h1>\(error.status.code) \(title(error.status))</h1>
            <p class="error-box">\(error.message)</p>
            <p><a href="/">返回首页</a></p>

            """
        return Responses.page(Page(title: title(error.status), section: .home, content: content), status: error.status)
    }

    static func title(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .badRequest: "请求有误"
        case .notFound: "找不到"
        case .contentTooLarge: "文件太大"
        case .unprocessableContent: "无法读取"
        case .unsupportedMediaType: "内容类型不对"
        case .serviceUnavailable: "服务器正忙"
        case .unauthorized: "需要登录"
        case .forbidden: "无权访问"
        case .tooManyRequests: "尝试次数过多"
        default: "出错了"
        }
    }
}
