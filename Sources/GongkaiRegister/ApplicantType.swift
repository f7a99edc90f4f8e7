public import GongkaiModel

/// Who applied, as 表三 counts them: 自然人, or one of the five kinds of 法人或其他组织. The raw value is the column's
/// key in the figure ids (`t3.received.natural`).
public enum ApplicantType: String, Sendable, Hashable, Codable, CaseIterable {
    case natural
    case commercial
    case research
    case nonprofit
    case legal
    case other

    /// The column's heading as the national form prints it: 「自然人」…「其他」.
    public var chinese: String {
        switch self {
        case .natural: "自然人"
        case .commercial: "商业企业"
        case .research: "科研机构"
        case .nonprofit: "社会公益组织"
        case .legal: "法律服务机构"
        case .other: "其他"
        }
    }

    /// The 表三 cell of this column in the row with key `row` (`received`, `denied.state_secret`…).
    public func figureID(row: String) -> FigureID { FigureID("t3.\(row).\(rawValue)") }
}
