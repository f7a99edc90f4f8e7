import Foundation
import GongkaiForm
public import HTTPTypes

/// A request that cannot be answered as asked: its status and one sentence in Chinese, shown on an error page or,
/// under `/api/`, as `{"error": {"message": …}}`.
public struct WebError: Error, Sendable, Hashable {
    public var status: HTTPResponse.Status
    public var message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ message: String) -> WebError { WebError(.badRequest, message) }

    static func notFound(_ message: String) -> WebError { WebError(.notFound, message) }

    /// A body larger than the upload limit.
    static func tooLarge(limit: Int) -> WebError {
        WebError(.contentTooLarge, "上传的内容超过 \(limit / 1_048_576) MB 的上限，未读取。")
    }
}

extension MultipartForm {
    /// The form of a request's body, or 400 with a sentence saying it could not be read.
    static func parsed(_ body: Data, boundary: String) throws(WebError) -> MultipartForm {
        do {
            return try MultipartForm(body, boundary: boundary)
        } catch {
            throw .badRequest(error.message)
        }
    }
}
