import GongkaiModel

/// A small JSON writer with a fixed key order, exact decimals and UTF-8 text (no escaping of Chinese), writing bytes.
struct JSONWriter: ~Copyable {
    private(set) var output: ByteBuffer
    /// Bit n is set once the object or array open at depth n has an element (and the next one needs a comma).
    private var hasElements: UInt64 = 0
    private var depth = 0
    let pretty: Bool

    /// The deepest nesting written: far more than any output of Gongkai has.
    static let maximumDepth = 63

    /// A writer for a value at `depth`: 0 for a whole document, 1 for an element of a top-level array (written after
    /// the line break and indent a pretty array puts before it; commas are the array's business).
    init(pretty: Bool, depth: Int = 0, capacity: Int = 256) {
        self.pretty = pretty
        self.depth = depth
        output = ByteBuffer(capacity: capacity)
    }

    /// The bytes written.
    var bytes: [UInt8] { output.bytes }

    mutating func beginObject(_ key: JSONKey? = nil) { open(key, UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray(_ key: JSONKey? = nil) { open(key, UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    mutating func string(_ key: JSONKey?, _ value: String?) {
        startElement(key)
        if let value { JSONText.appendQuoted(value, to: &output) } else { output.append("null") }
    }

    /// A number already written as JSON (`12`, `0.35`), or null.
    mutating func number(_ key: JSONKey?, _ literal: String?) {
        startElement(key)
        if let literal { output.append(utf8Of: literal) } else { output.append("null") }
    }

    mutating func int(_ key: JSONKey?, _ value: Int?) {
        startElement(key)
        if let value { IntegerText.append(value, to: &output) } else { output.append("null") }
    }

    /// A cell's value as a number, or null when it holds none.
    mutating func value(_ key: JSONKey?, _ value: CellValue) {
        switch value {
        case .integer(let number): int(key, number)
        case .decimal: number(key, value.text)
        case .blank, .unknown: number(key, nil)
        }
    }

    mutating func bool(_ key: JSONKey?, _ value: Bool) {
        startElement(key)
        output.append(value ? "true" : "false")
    }

    private mutating func open(_ key: JSONKey?, _ bracket: UInt8) {
        startElement(key)
        output.append(bracket)
        precondition(depth < Self.maximumDepth, "JSON nested deeper than \(Self.maximumDepth) levels")
        depth += 1
        hasElements &= ~(1 << depth)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadElements = hasElements & (1 << depth) != 0
        depth -= 1
        if pretty && hadElements { newline() }
        output.append(bracket)
    }

    private mutating func newline() {
        let count = 1 + 2 * depth
        Self.indents.withUnsafeBufferPointer { output.append(UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// A line break and the indents of every depth up to ``maximumDepth``.
    private static let indents: [UInt8] = [UInt8(ascii: "\n")] + Array(repeating: 0x20, count: 2 * maximumDepth)

    private mutating func startElement(_ key: JSONKey?) {
        let bit: UInt64 = 1 << depth
        if hasElements & bit != 0 { output.append(UInt8(ascii: ",")) }
        hasElements |= bit
        if pretty && depth > 0 { newline() }
        if let key {
            key.append(to: &output)
            output.append(UInt8(ascii: ":"))
            if pretty { output.append(UInt8(ascii: " ")) }
        }
    }
}
