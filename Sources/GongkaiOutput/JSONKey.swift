import GongkaiModel

/// The key of a JSON member: a literal written in the source, whose bytes are copied as they are (literal keys are
/// plain ASCII names), or text from the data (a figure id), escaped like any string.
struct JSONKey: ExpressibleByStringLiteral {
    private let literal: StaticString?
    private let text: String

    init(stringLiteral literal: StaticString) {
        self.literal = literal
        self.text = ""
    }

    init(_ text: String) {
        self.literal = nil
        self.text = text
    }

    /// Appends the key in double quotes.
    func append(to bytes: inout ByteBuffer) {
        guard let literal else { return JSONText.appendQuoted(text, to: &bytes) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(literal)
        bytes.append(UInt8(ascii: "\""))
    }
}
