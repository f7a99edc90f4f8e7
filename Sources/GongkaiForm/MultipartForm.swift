public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `multipart/form-data` body (RFC 7578) as browsers send a form with a file: its parts, each with its field name,
/// the file's name when it is a file, and its bytes. Every byte of a part is the sender's: the parser trusts none of
/// them (a fuzz target runs it on arbitrary bodies, Docs/fuzzing.md).
public struct MultipartForm: Sendable {
    public struct Part: Sendable, Equatable {
        public var name: String
        public var fileName: String?
        public var bytes: Data

        public init(name: String, fileName: String?, bytes: Data) {
            self.name = name
            self.fileName = fileName
            self.bytes = bytes
        }
    }

    /// A body that is not `multipart/form-data` with the boundary given.
    public struct Malformed: Error, Sendable, Equatable {
        public init() {}

        public var message: String { "上传的表单格式不正确（multipart/form-data 无法解析）。" }
    }

    public var parts: [Part] = []

    /// The boundary of a `multipart/form-data` content type, or nil when it is another type.
    public static func boundary(contentType: String) -> String? {
        let fields = HeaderParameters(contentType)
        guard fields.value.lowercased() == "multipart/form-data", let boundary = fields["boundary"],
            !boundary.isEmpty, boundary.utf8.count <= 200
        else { return nil }
        return boundary
    }

    public init(_ body: Data, boundary: String) throws(Malformed) {
        let malformed = Malformed()
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        guard var position = Self.find(delimiter, in: body, from: body.startIndex) else { throw malformed }
        position += delimiter.count
        while true {
            // After a delimiter: `--` ends the body, a line break starts a part.
            if body[position...].starts(with: Data("--".utf8)) { break }
            guard body[position...].starts(with: Data("\r\n".utf8)) else { throw malformed }
            position += 2
            guard let headersEnd = Self.find(headerEnd, in: body, from: position),
                let next = Self.find(separator, in: body, from: headersEnd + headerEnd.count)
            else { throw malformed }
            let headers = String(decoding: body[position..<headersEnd], as: UTF8.self)
            let content = body[(headersEnd + headerEnd.count)..<next]
            if let part = Self.part(headers: headers, bytes: Data(content)) { parts.append(part) }
            position = next + separator.count
        }
    }

    /// The first part of a field.
    public func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// A text field's value, as UTF-8.
    public func text(_ name: String) -> String? { part(name).map { String(decoding: $0.bytes, as: UTF8.self) } }

    static func part(headers: String, bytes: Data) -> Part? {
        for line in headers.split(separator: "\r\n") {
            let pieces = line.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2,
                pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            let disposition = HeaderParameters(String(pieces[1]))
            guard disposition.value.lowercased() == "form-data", let name = disposition["name"] else { return nil }
            return Part(name: name, fileName: disposition["filename"], bytes: bytes)
        }
        return nil
    }

    /// Where `needle` first occurs in `haystack` at or after `start`.
    static func find(_ needle: Data, in haystack: Data, from start: Data.Index) -> Data.Index? {
        guard start <= haystack.endIndex, !needle.isEmpty else { return nil }
        return haystack.withUnsafeBytes { hay -> Data.Index? in
            needle.withUnsafeBytes { pin -> Data.Index? in
                guard let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                var offset = start - haystack.startIndex
                let first = Int32(pin[0])
                // The needle's first byte by memchr, then the rest by memcmp.
                while offset + pin.count <= hay.count {
                    guard let found = memchr(hayBase + offset, first, hay.count - offset) else { return nil }
                    let candidate = hayBase.distance(to: UnsafeRawPointer(found))
                    guard candidate + pin.count <= hay.count else { return nil }
                    if memcmp(hayBase + candidate, pinBase, pin.count) == 0 { return haystack.startIndex + candidate }
                    offset = candidate + 1
                }
                return nil
            }
        }
    }
}

/// A header value with parameters, `form-data; name="file"; filename="报告.txt"`: the value before the first `;`
/// and the parameters after it (names in lower case, quotes removed, `\"` unescaped).
public struct HeaderParameters: Sendable {
    public var value: String
    private var parameters: [String: String] = [:]

    public init(_ header: String) {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in header {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        value = pieces.first?.trimmingCharacters(in: .whitespaces) ?? ""
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            if parameters[name] == nil { parameters[name] = pair[1].trimmingCharacters(in: .whitespaces) }
        }
    }

    public subscript(name: String) -> String? { parameters[name] }
}
