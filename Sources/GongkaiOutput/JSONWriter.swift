import GongkaiModel

/// A small JSON writer with a fixed key order, exact decimals and UTF-8 text (no escaping of Chinese).
struct JSONWriter {
    private(set) var output = ""
    private var needsComma: [Bool] = [false]
    let pretty: Bool
    private var depth: Int { needsComma.count - 1 }

    init(pretty: Bool) { self.pretty = pretty }

    mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    mutating func endObject() { close("}") }
    mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    mutating func endArray() { close("]") }

    mutating func string(_ key: String?, _ value: String?) {
        element(key) { writer in
            if let value { writer.output += JSONText.quoted(value) } else { writer.output += "null" }
        }
    }

    mutating func number(_ key: String?, _ literal: String?) {
        element(key) { $0.output += literal ?? "null" }
    }

    mutating func int(_ key: String?, _ value: Int?) { number(key, value.map(String.init)) }

    mutating func bool(_ key: String?, _ value: Bool) { number(key, value ? "true" : "false") }

    private mutating func open(_ key: String?, _ bracket: String) {
        element(key) { $0.output += bracket }
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadElements = needsComma.removeLast()
        if pretty && hadElements {
            output += "\n" + String(repeating: "  ", count: depth)
        }
        output += bracket
    }

    private mutating func element(_ key: String?, _ body: (inout JSONWriter) -> Void) {
        if needsComma[depth] { output += "," }
        needsComma[depth] = true
        if pretty && depth > 0 { output += "\n" + String(repeating: "  ", count: depth) }
        if let key { output += JSONText.quoted(key) + (pretty ? ": " : ":") }
        body(&self)
    }

}
