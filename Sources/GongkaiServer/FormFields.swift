import Foundation

/// The fields of a query string or an `application/x-www-form-urlencoded` body, in order: `+` is a space and
/// `%XX` a byte of UTF-8; a field named twice keeps its first value.
struct FormFields: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init(_ encoded: String) {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            pairs.append((name, value))
        }
    }

    subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// A field's value with surrounding spaces removed, or nil when it is missing or empty.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// ``text(_:)``, refused (400) when longer than `maximum` Unicode scalars (as JSON Schema's `maxLength` counts).
    func text(_ name: String, atMost maximum: Int) throws(WebError) -> String? {
        guard let value = text(name) else { return nil }
        guard value.unicodeScalars.count <= maximum else {
            throw .badRequest("参数 \(name) 至多 \(maximum) 个字符。")
        }
        return value
    }

    /// Refuses (400) a field of `names` that is given with no value: the API's numbers and lists of values must not
    /// be empty (a page's form, which sends its empty fields, reads them as not given).
    func requireValues(_ names: [String]) throws(WebError) {
        for name in names where self[name] != nil && text(name) == nil {
            throw .badRequest("参数 \(name) 不能为空：请给出它的值，或不写这个参数。")
        }
    }

    /// A value for a query string: everything but ASCII letters, digits and `-._~` percent-encoded.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
