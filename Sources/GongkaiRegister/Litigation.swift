public import GongkaiModel

/// How a decided administrative review or lawsuit came out, as 表四 counts it.
public enum CaseDecisionResult: String, Sendable, Hashable, Codable, CaseIterable {
    /// 结果维持: the agency's handling upheld.
    case upheld = "upheld"
    /// 结果纠正: the agency's handling corrected (revoked, changed, ordered to act again).
    case corrected = "corrected"
    /// 其他结果: withdrawn, dismissed on procedure, settled.
    case other = "other"

    public var chinese: String {
        switch self {
        case .upheld: "结果维持"
        case .corrected: "结果纠正"
        case .other: "其他结果"
        }
    }
}

/// A 表四 column: a result, or 尚未审结. The raw value is the column's key in the figure ids (`t4.review.pending`).
public enum CaseResult: String, Sendable, Hashable, Codable, CaseIterable {
    case upheld = "upheld"
    case corrected = "corrected"
    case other = "other"
    case pending = "pending"

    public var chinese: String {
        switch self {
        case .upheld: "结果维持"
        case .corrected: "结果纠正"
        case .other: "其他结果"
        case .pending: "尚未审结"
        }
    }
}

/// A case decided: when and how.
public struct CaseDecision: Sendable, Hashable, Codable {
    public var on: CalendarDate
    public var result: CaseDecisionResult

    public init(on: CalendarDate, result: CaseDecisionResult) {
        self.on = on
        self.result = result
    }
}

/// A case whose decision is dated before it was filed.
public struct CaseDateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var filed: CalendarDate
    public var decided: CalendarDate

    public var description: String {
        "审结日期\(decided.chinese)早于立案（申请、起诉）日期\(filed.chinese)。"
    }
}

/// 表四's three groups.
public enum CaseKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 行政复议.
    case review = "review"
    /// 行政诉讼，未经复议直接起诉.
    case suitDirect = "suit_direct"
    /// 行政诉讼，复议后起诉.
    case suitAfterReview = "suit_after_review"

    public var chinese: String {
        switch self {
        case .review: "行政复议"
        case .suitDirect: "行政诉讼（未经复议直接起诉）"
        case .suitAfterReview: "行政诉讼（复议后起诉）"
        }
    }

    /// The 表四 cell of this group in `column`.
    public func figureID(_ column: CaseResult) -> FigureID { FigureID("t4.\(rawValue).\(column.rawValue)") }

    /// The group's 总计 cell.
    public var totalFigureID: FigureID { FigureID("t4.\(rawValue).total") }
}

/// An administrative review (行政复议) or a lawsuit (行政诉讼) over the agency's disclosure work, linked to the
/// application it arose from when there is one.
public struct DisclosureCase: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var kind: CaseKind
    /// The application it concerns, if any (a case can be over proactive disclosure).
    public var applicationID: String?
    /// For a suit after review: the review it followed, if the register holds it.
    public var reviewID: String?
    /// The day the review was applied for, or the suit filed.
    public var filed: CalendarDate
    /// The decision; nil while pending (尚未审结).
    public private(set) var decision: CaseDecision?

    public init(
        id: String,
        kind: CaseKind,
        applicationID: String? = nil,
        reviewID: String? = nil,
        filed: CalendarDate,
        decision: CaseDecision? = nil
    ) throws(CaseDateError) {
        self.id = id
        self.kind = kind
        self.applicationID = applicationID
        self.reviewID = reviewID
        self.filed = filed
        try decide(decision)
    }

    /// Records the decision (nil: pending again), refusing one dated before the filing.
    public mutating func decide(_ decision: CaseDecision?) throws(CaseDateError) {
        if let decision, decision.on < filed { throw CaseDateError(filed: filed, decided: decision.on) }
        self.decision = decision
    }

    /// The 表四 column the case falls in at the end of `year`: its result if decided by then, else 尚未审结.
    public func result(atEndOf year: Int) -> CaseResult {
        guard let decision, decision.on.year <= year else { return .pending }
        return CaseResult(rawValue: decision.result.rawValue) ?? .other
    }

    /// Whether 表四 of `year` counts the case: filed in the year, or filed earlier and not decided before it began
    /// (carried in pending, so that last year's 尚未审结 reappear this year, R8).
    public func counts(inYear year: Int) -> Bool {
        guard filed.year <= year else { return false }
        return filed.year == year || (decision.map { $0.on.year >= year } ?? true)
    }
}
