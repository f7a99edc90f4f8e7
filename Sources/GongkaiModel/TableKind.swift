/// The three statistical tables of an annual report.
public enum TableKind: Int, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// 表二 主动公开政府信息情况.
    case two = 2
    /// 表三 收到和处理政府信息公开申请情况.
    case three = 3
    /// 表四 政府信息公开行政复议、行政诉讼情况.
    case four = 4

    public static func < (lhs: TableKind, rhs: TableKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// 「表二」, 「表三」, 「表四」.
    public var name: String {
        switch self {
        case .two: "表二"
        case .three: "表三"
        case .four: "表四"
        }
    }

    /// The table's heading as the format prints it.
    public var title: String {
        switch self {
        case .two: "主动公开政府信息情况"
        case .three: "收到和处理政府信息公开申请情况"
        case .four: "政府信息公开行政复议、行政诉讼情况"
        }
    }
}
