import Foundation
import GongkaiServer
import GongkaiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A browser over HummingbirdTesting's client: it keeps the cookies the server sets and sends them back, reads the
/// token of the forms from the pages, and posts forms as a browser does.
final class Browser {
    let client: any TestClientProtocol
    /// Headers sent with every request (a proxy's `X-Forwarded-For`, say).
    var extraHeaders: HTTPFields = [:]
    private(set) var cookies: [String: String] = [:]
    /// The `Set-Cookie` lines of the last response.
    private(set) var setCookies: [String] = []

    init(_ client: any TestClientProtocol) { self.client = client }

    static let csrfHeader = HTTPField.Name("X-CSRF-Token") ?? .cookie
    static let forwardedFor = HTTPField.Name("X-Forwarded-For") ?? .cookie
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto") ?? .cookie

    @discardableResult
    func request(
        _ uri: String,
        method: HTTPRequest.Method = .get,
        headers: HTTPFields = [:],
        body: ByteBuffer? = nil
    ) async throws -> TestResponse {
        var headers = headers
        for field in extraHeaders { headers.append(field) }
        if !cookies.isEmpty, headers[.cookie] == nil {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; "
            )
        }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        setCookies = response.headers[values: .setCookie]
        for line in setCookies {
            let pair = line.split(separator: ";", maxSplits: 1)[0]
                .split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            if line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = String(pair[1]) }
        }
        return response
    }

    func get(_ uri: String) async throws -> TestResponse { try await request(uri) }

    func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    /// The token of the forms of a page.
    static func token(_ page: String) -> String? {
        guard let start = page.range(of: "name=\"csrf\" value=\"")?.upperBound else { return nil }
        return String(page[start...].prefix { $0 != "\"" })
    }

    /// The token of this browser's forms, read from the 登录 page (a visitor's) or the header's 退出 form.
    func token() async throws -> String {
        if cookies["gongkai_session"] != nil, let token = Self.token(try await get("/check").text) { return token }
        return try #require(Self.token(try await get("/login").text))
    }

    /// Posts a URL-encoded form with the page's token (or `token`, or none when `token` is "").
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], token: String? = nil) async throws -> TestResponse {
        let csrf: String
        if let token { csrf = token } else { csrf = try await self.token() }
        let all = (csrf.isEmpty ? [] : [("csrf", csrf)]) + fields
        let body = all.map { "\(FormFieldsEncoding.encode($0.0))=\(FormFieldsEncoding.encode($0.1))" }
            .joined(separator: "&")
        return try await request(
            uri,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        )
    }

    /// Posts files as a multipart form with the page's token (or `token`, or none when `token` is "").
    @discardableResult
    func upload(
        _ uri: String,
        files: [(name: String, bytes: Data)],
        field: String = "files",
        token: String? = nil
    ) async throws -> TestResponse {
        let csrf: String
        if let token { csrf = token } else { csrf = try await self.token() }
        var parts: [(name: String, fileName: String?, bytes: Data)] = []
        if !csrf.isEmpty { parts.append((name: "csrf", fileName: nil, bytes: Data(csrf.utf8))) }
        parts += files.map { (name: field, fileName: $0.name, bytes: $0.bytes) }
        let (headers, body) = ServerTests.multipart(parts, token: nil, cookie: "")
        var sent = headers
        sent[.cookie] = nil
        return try await request(uri, method: .post, headers: sent, body: body)
    }

    /// Signs in through the 登录 form.
    @discardableResult
    func signIn(_ name: String, _ password: String, next: String = "/") async throws -> TestResponse {
        try await post("/login", [("name", name), ("password", password), ("next", next)])
    }
}

enum FormFieldsEncoding {
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
