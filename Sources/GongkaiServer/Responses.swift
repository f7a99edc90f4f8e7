import Foundation
import Hummingbird

/// Responses with their content types: pages, JSON, downloads, the stylesheet.
enum Responses {
    static func page(_ page: Page, status: HTTPResponse.Status = .ok) -> Response {
        body(page.html, status: status, contentType: "text/html; charset=utf-8")
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, status: status, contentType: "application/json; charset=utf-8")
    }

    /// A file to save: `fileName` is ASCII; `displayName`, the name in Chinese, is sent as RFC 5987 `filename*`.
    static func download(_ text: String, contentType: String, fileName: String, displayName: String) -> Response {
        download(Data(text.utf8), contentType: contentType, fileName: fileName, displayName: displayName)
    }

    /// A file to save, from its bytes.
    static func download(_ data: Data, contentType: String, fileName: String, displayName: String) -> Response {
        var response = Response(
            status: .ok,
            headers: [.contentType: contentType, .contentLength: String(data.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
        let encoded = FormFields.encode(displayName)
        response.headers[.contentDisposition] = "attachment; filename=\"\(fileName)\"; filename*=UTF-8''\(encoded)"
        return response
    }

    static func openAPIDocument() -> Response {
        var response = body(OpenAPIDocument.yaml, status: .ok, contentType: "application/yaml; charset=utf-8")
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }

    static func stylesheet() -> Response {
        var response = body(Stylesheet.css, status: .ok, contentType: "text/css; charset=utf-8")
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }

    static func body(_ text: String, status: HTTPResponse.Status, contentType: String) -> Response {
        let buffer = ByteBuffer(string: text)
        return Response(
            status: status,
            headers: [.contentType: contentType, .contentLength: String(buffer.readableBytes)],
            body: ResponseBody(byteBuffer: buffer)
        )
    }
}
