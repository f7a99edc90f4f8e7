import GongkaiModel

/// A piece of HTML. Text interpolated into it is escaped; only other `HTML` values go in as markup, so that report
/// text (agency names, messages, source lines, file names) can never become markup.
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var markup: String

    /// Markup written by Gongkai itself, taken as it is.
    init(trusted markup: String) { self.markup = markup }

    public init(stringLiteral value: String) { markup = value }

    public init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    public var description: String { markup }

    public static let empty = HTML(trusted: "")

    /// Text shown as text.
    public static func text(_ text: String) -> HTML { HTML(trusted: MarkupText.escape(text)) }

    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.markup + rhs.markup) }

    public static func += (lhs: inout HTML, rhs: HTML) { lhs.markup += rhs.markup }

    public struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { markup += literal }

        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

        public mutating func appendInterpolation(_ text: String) { markup += MarkupText.escape(text) }

        public mutating func appendInterpolation(_ number: Int) { markup += String(number) }

        public mutating func appendInterpolation(_ number: Int64) { markup += String(number) }

        public mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { markup += part.markup }
        }
    }
}

extension Sequence where Element == HTML {
    /// The pieces one after another.
    func joined() -> HTML { HTML(trusted: map(\.markup).joined()) }
}
