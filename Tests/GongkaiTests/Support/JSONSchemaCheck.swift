import Foundation

/// A JSON value with its object members in the order written, integers apart from other numbers.
indirect enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)): Double(a) == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var keys: [String] {
        guard case .object(let members) = self else { return [] }
        return members.map(\.key)
    }

    var array: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    var integer: Int? {
        guard case .integer(let value) = self else { return nil }
        return value
    }

    /// The value with `key` set (added at the end when absent) or, for nil, removed.
    func setting(_ key: String, _ value: JSONValue?) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let index = members.firstIndex(where: { $0.key == key }) {
            if let value { members[index].value = value } else { members.remove(at: index) }
        } else if let value {
            members.append((key, value))
        }
        return .object(members)
    }

    struct ParseError: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "not JSON at byte \(offset)" }
    }

    /// Parses one JSON text (RFC 8259), rejecting anything after it.
    static func parse(_ text: String) throws -> JSONValue {
        var parser = Parser(bytes: Array(text.utf8))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.offset == parser.bytes.count else { throw ParseError(offset: parser.offset) }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var offset = 0

        mutating func skipSpace() {
            while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
        }

        mutating func expect(_ literal: String) throws {
            let expected = Array(literal.utf8)
            guard offset + expected.count <= bytes.count, Array(bytes[offset..<(offset + expected.count)]) == expected
            else { throw ParseError(offset: offset) }
            offset += expected.count
        }

        mutating func value() throws -> JSONValue {
            skipSpace()
            guard offset < bytes.count else { throw ParseError(offset: offset) }
            switch bytes[offset] {
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                offset += 1
                var elements: [JSONValue] = []
                skipSpace()
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                    offset += 1
                    return .array(elements)
                }
                while true {
                    elements.append(try value())
                    skipSpace()
                    guard offset < bytes.count else { throw ParseError(offset: offset) }
                    offset += 1
                    if bytes[offset - 1] == UInt8(ascii: "]") { return .array(elements) }
                    guard bytes[offset - 1] == UInt8(ascii: ",") else { throw ParseError(offset: offset - 1) }
                }
            case UInt8(ascii: "{"):
                offset += 1
                var members: [(key: String, value: JSONValue)] = []
                skipSpace()
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                    offset += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                        throw ParseError(offset: offset)
                    }
                    let key = try string()
                    guard !members.contains(where: { $0.key == key }) else { throw ParseError(offset: offset) }
                    skipSpace()
                    try expect(":")
                    members.append((key, try value()))
                    skipSpace()
                    guard offset < bytes.count else { throw ParseError(offset: offset) }
                    offset += 1
                    if bytes[offset - 1] == UInt8(ascii: "}") { return .object(members) }
                    guard bytes[offset - 1] == UInt8(ascii: ",") else { throw ParseError(offset: offset - 1) }
                }
            default:
                return try number()
            }
        }

        mutating func string() throws -> String {
            offset += 1
            var scalars = String.UnicodeScalarView()
            var start = offset
            func flush(_ end: Int) {
                scalars.append(contentsOf: String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars)
            }
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    flush(offset)
                    offset += 1
                    return String(scalars)
                }
                guard byte >= 0x20 else { throw ParseError(offset: offset) }
                guard byte == UInt8(ascii: "\\") else {
                    offset += 1
                    continue
                }
                flush(offset)
                guard offset + 1 < bytes.count else { throw ParseError(offset: offset) }
                let escaped = bytes[offset + 1]
                offset += 2
                switch escaped {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    guard offset + 4 <= bytes.count,
                        let code = UInt32(String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { throw ParseError(offset: offset) }
                    scalars.append(scalar)
                    offset += 4
                default: throw ParseError(offset: offset)
                }
                start = offset
            }
            throw ParseError(offset: offset)
        }

        mutating func number() throws -> JSONValue {
            let start = offset
            while offset < bytes.count, "+-0123456789.eE".utf8.contains(bytes[offset]) { offset += 1 }
            let text = String(decoding: bytes[start..<offset], as: UTF8.self)
            let pattern = #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#
            guard text.range(of: pattern, options: .regularExpression) != nil else { throw ParseError(offset: start) }
            if let integer = Int(text) { return .integer(integer) }
            guard let number = Double(text) else { throw ParseError(offset: start) }
            return .number(number)
        }
    }
}

/// Holds JSON to Gongkai's published schemas (`Docs/schema/`, draft 2020-12), for the keywords those schemas use:
/// `type`, `enum`, `const`, `properties`, `required`, `additionalProperties`, `propertyNames`, `items`, `minItems`,
/// `maxItems`, `pattern`, `minimum`, `anyOf`, `oneOf` and `$ref` (within a document and to a sibling file). A schema
/// with any other keyword is refused, so that the tests never pass by skipping one.
struct JSONSchemaCheck {
    static let folder = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Docs/schema")

    static let assertions: Set<String> = [
        "type", "enum", "const", "properties", "required", "additionalProperties", "propertyNames", "items", "minItems",
        "maxItems", "pattern", "minimum", "maximum", "maxLength", "anyOf", "oneOf", "$ref",
    ]
    static let annotations: Set<String> = [
        "$schema", "$id", "$defs", "title", "description", "format", "default", "contentMediaType",
    ]

    /// A value a schema document cannot hold.
    struct Unsupported: Error {
        var value: String
    }

    /// The schema files by name.
    let documents: [String: JSONValue]

    init() throws {
        var documents: [String: JSONValue] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.folder.path) where name.hasSuffix(".json")
        {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
            documents[name] = try JSONValue.parse(text)
        }
        self.documents = documents
    }

    /// Schemas given as documents by name (an OpenAPI document, say).
    init(documents: [String: JSONValue]) { self.documents = documents }

    /// Every keyword of every schema object in the documents (or in the members of the object at `path` in each)
    /// that this check does not know.
    func unsupportedKeywords(under path: [String] = []) -> [String] {
        var unknown: [String] = []
        func visit(_ schema: JSONValue, _ path: String) {
            guard case .object(let members) = schema else { return }
            for (key, value) in members {
                if !Self.assertions.contains(key) && !Self.annotations.contains(key) {
                    unknown.append("\(path)/\(key)")
                }
                switch key {
                case "properties", "$defs":
                    for (name, child) in value.objectMembers { visit(child, "\(path)/\(key)/\(name)") }
                case "items", "additionalProperties", "propertyNames":
                    visit(value, "\(path)/\(key)")
                case "anyOf", "oneOf":
                    for (index, child) in (value.array ?? []).enumerated() { visit(child, "\(path)/\(key)/\(index)") }
                default: break
                }
            }
        }
        for (name, document) in documents {
            if path.isEmpty {
                visit(document, name)
            } else {
                var schemas = document
                for key in path { schemas = schemas[key] ?? .null }
                for (key, schema) in schemas.objectMembers { visit(schema, "\(name)/\(key)") }
            }
        }
        return unknown.sorted()
    }

    /// The places where `instance` breaks the schema of the file `name`, as JSON pointers and reasons; empty when it
    /// is valid.
    func errors(_ instance: JSONValue, against name: String) -> [String] {
        guard let document = documents[name] else { return ["no schema \(name)"] }
        var errors: [String] = []
        check(instance, document, in: name, at: "", errors: &errors)
        return errors
    }

    /// The same against the schema at a reference within the document (`#/components/schemas/Report`).
    func errors(_ instance: JSONValue, against name: String, at reference: String) -> [String] {
        guard let (schema, file) = resolve(reference, from: name) else { return ["no schema \(name)\(reference)"] }
        var errors: [String] = []
        check(instance, schema, in: file, at: "", errors: &errors)
        return errors
    }

    private func resolve(_ reference: String, from file: String) -> (schema: JSONValue, file: String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let target = parts[0].isEmpty ? file : parts[0]
        guard var schema = documents[target] else { return nil }
        if parts.count == 2, !parts[1].isEmpty {
            for token in parts[1].split(separator: "/") {
                guard let next = schema[String(token)] else { return nil }
                schema = next
            }
        }
        return (schema, target)
    }

    private func check(
        _ value: JSONValue,
        _ schema: JSONValue,
        in file: String,
        at path: String,
        errors: inout [String]
    ) {
        let at = path.isEmpty ? "/" : path
        if case .bool(let allowed) = schema {
            if !allowed { errors.append("\(at): not allowed") }
            return
        }
        if let reference = schema["$ref"]?.string {
            guard let (target, targetFile) = resolve(reference, from: file) else {
                errors.append("\(at): unresolved $ref \(reference)")
                return
            }
            check(value, target, in: targetFile, at: path, errors: &errors)
        }
        if let type = schema["type"] {
            let names = type.array?.compactMap(\.string) ?? type.string.map { [$0] } ?? []
            if !names.contains(where: { Self.has(value, type: $0) }) {
                errors.append("\(at): \(Self.describe(value)) is not of type \(names.joined(separator: " or "))")
            }
        }
        if let options = schema["enum"]?.array, !options.contains(value) {
            errors.append("\(at): \(Self.describe(value)) is not one of the allowed values")
        }
        if let constant = schema["const"], constant != value {
            errors.append("\(at): \(Self.describe(value)) is not the constant")
        }
        if let pattern = schema["pattern"]?.string, case .string(let text) = value,
            text.range(of: pattern, options: .regularExpression) == nil
        {
            errors.append("\(at): \"\(text)\" does not match \(pattern)")
        }
        if let minimum = schema["minimum"], let bound = Self.double(minimum), let number = Self.double(value),
            number < bound
        {
            errors.append("\(at): \(number) is below \(bound)")
        }
        if let maximum = schema["maximum"], let bound = Self.double(maximum), let number = Self.double(value),
            number > bound
        {
            errors.append("\(at): \(number) is above \(bound)")
        }
        if let maxLength = schema["maxLength"]?.integer, case .string(let text) = value, text.count > maxLength {
            errors.append("\(at): longer than \(maxLength) characters")
        }
        if case .array(let elements) = value {
            if let minItems = schema["minItems"]?.integer, elements.count < minItems {
                errors.append("\(at): fewer than \(minItems) items")
            }
            if let maxItems = schema["maxItems"]?.integer, elements.count > maxItems {
                errors.append("\(at): more than \(maxItems) items")
            }
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() {
                    check(element, items, in: file, at: "\(path)/\(index)", errors: &errors)
                }
            }
        }
        if case .object(let members) = value {
            let properties = schema["properties"]?.objectMembers ?? []
            for required in schema["required"]?.array?.compactMap(\.string) ?? []
            where !members.contains(where: { $0.key == required }) {
                errors.append("\(at): missing \(required)")
            }
            for (key, member) in members {
                let memberPath = "\(path)/\(key)"
                if let names = schema["propertyNames"] {
                    check(.string(key), names, in: file, at: memberPath, errors: &errors)
                }
                if let property = properties.first(where: { $0.key == key }) {
                    check(member, property.value, in: file, at: memberPath, errors: &errors)
                } else if let additional = schema["additionalProperties"] {
                    if case .bool(false) = additional {
                        errors.append("\(memberPath): not declared")
                    } else {
                        check(member, additional, in: file, at: memberPath, errors: &errors)
                    }
                }
            }
        }
        if let options = schema["anyOf"]?.array {
            let valid = options.contains { option in
                var optionErrors: [String] = []
                check(value, option, in: file, at: path, errors: &optionErrors)
                return optionErrors.isEmpty
            }
            if !valid { errors.append("\(at): matches none of anyOf") }
        }
        if let options = schema["oneOf"]?.array {
            let matches = options.filter { option in
                var optionErrors: [String] = []
                check(value, option, in: file, at: path, errors: &optionErrors)
                return optionErrors.isEmpty
            }
            if matches.count != 1 { errors.append("\(at): matches \(matches.count) of oneOf, not one") }
        }
    }

    private static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .number),
            ("string", .string), ("array", .array), ("object", .object):
            true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    private static func double(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let integer): Double(integer)
        case .number(let number): number
        default: nil
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .integer(let integer): "\(integer)"
        case .number(let number): "\(number)"
        case .string(let text): "\"\(text.prefix(40))\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONValue {
    var objectMembers: [(key: String, value: JSONValue)] {
        guard case .object(let members) = self else { return [] }
        return members
    }
}
