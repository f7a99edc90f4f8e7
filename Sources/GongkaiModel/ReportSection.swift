/// The six parts of an annual report, and parts a report inserts beyond them.
public enum SectionKind: String, Sendable, Hashable, CaseIterable, Codable {
    case overview
    case proactive
    case applications
    case litigation
    case problems
    case otherMatters
    case extra

    /// The position the format gives the part (1–6), nil for an inserted part.
    public var number: Int? {
        switch self {
        case .overview: 1
        case .proactive: 2
        case .applications: 3
        case .litigation: 4
        case .problems: 5
        case .otherMatters: 6
        case .extra: nil
        }
    }

    /// The title the format gives the part.
    public var standardTitle: String {
        switch self {
        case .overview: "总体情况"
        case .proactive: "主动公开政府信息情况"
        case .applications: "收到和处理政府信息公开申请情况"
        case .litigation: "政府信息公开行政复议、行政诉讼情况"
        case .problems: "存在的主要问题及改进情况"
        case .otherMatters: "其他需要报告的事项"
        case .extra: ""
        }
    }

    /// The six parts in the format's order.
    public static let standard: [SectionKind] = [
        .overview, .proactive, .applications, .litigation, .problems, .otherMatters,
    ]
}

/// One part of a report as printed: its heading and its text.
public struct ReportSection: Hashable, Sendable, Codable {
    public var kind: SectionKind
    /// The numeral printed in the heading (「五、」 → 5), if any.
    public var printedNumber: Int?
    /// The heading text without its numeral.
    public var title: String
    /// The body: every line under the heading up to the next part, tables included, joined by newlines.
    public var text: String
    /// The heading's location.
    public var location: SourceLocation?

    public init(kind: SectionKind, printedNumber: Int?, title: String, text: String, location: SourceLocation?) {
        self.kind = kind
        self.printedNumber = printedNumber
        self.title = title
        self.text = text
        self.location = location
    }
}

/// A line that reads as a top-level heading (「二、主动公开政府信息情况」), whether or not it starts a part.
public struct Heading: Hashable, Sendable, Codable {
    public var number: Int
    public var title: String
    public var location: SourceLocation?
    /// True when the reader took this heading as the start of a part of the report.
    public var startsSection: Bool

    public init(number: Int, title: String, location: SourceLocation?, startsSection: Bool) {
        self.number = number
        self.title = title
        self.location = location
        self.startsSection = startsSection
    }
}
