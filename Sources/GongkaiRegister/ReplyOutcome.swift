public import GongkaiModel

/// How an application was closed, coded to exactly one outcome row of 表三 (2021 format). The raw value is the row's
/// key in the figure ids (`t3.denied.state_secret.natural`), so it never changes.
///
/// An application partly disclosed counts only as 部分公开 (the form's own note), so every closed application has one
/// outcome and 表三（七）总计 counts applications, not decisions.
public enum ReplyOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case granted = "granted"
    case partial = "partial"
    case deniedStateSecret = "denied.state_secret"
    case deniedProhibited = "denied.prohibited"
    case deniedSafetyStability = "denied.safety_stability"
    case deniedThirdParty = "denied.third_party"
    case deniedInternal = "denied.internal"
    case deniedProcess = "denied.process"
    case deniedEnforcementFile = "denied.enforcement_file"
    case deniedQuery = "denied.query"
    case unableNotHeld = "unable.not_held"
    case unableNeedsCreation = "unable.needs_creation"
    case unableUnclear = "unable.unclear"
    case complaint = "not_processed.complaint"
    case repeated = "not_processed.repeat"
    case publication = "not_processed.publication"
    case excessive = "not_processed.excessive"
    case reconfirm = "not_processed.reconfirm"
    case noAmendment = "other.no_amendment"
    case unpaidFee = "other.unpaid_fee"
    case otherHandling = "other.other"

    /// The row's key in 表三 (2021 format).
    public var rowKey: String { rawValue }

    /// The 表三 cell that counts this outcome for an applicant of `type`.
    public func figureID(_ type: ApplicantType) -> FigureID { type.figureID(row: rowKey) }

    /// The row's group as the national form prints it: 「（三）不予公开」; nil for （一） and （二）, which stand alone.
    public var group: String? {
        switch rawValue.split(separator: ".").first {
        case "denied": "（三）不予公开"
        case "unable": "（四）无法提供"
        case "not_processed": "（五）不予处理"
        case "other": "（六）其他处理"
        default: nil
        }
    }

    /// The row's label as the national form prints it: 「（一）予以公开」, 「1.属于国家秘密」.
    public var label: String {
        switch self {
        case .granted: "（一）予以公开"
        case .partial: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        case .deniedStateSecret: "1.属于国家秘密"
        case .deniedProhibited: "2.其他法律行政法规禁止公开"
        case .deniedSafetyStability: "3.危及“三安全一稳定”"
        case .deniedThirdParty: "4.保护第三方合法权益"
        case .deniedInternal: "5.属于三类内部事务信息"
        case .deniedProcess: "6.属于四类过程性信息"
        case .deniedEnforcementFile: "7.属于行政执法案卷"
        case .deniedQuery: "8.属于行政查询事项"
        case .unableNotHeld: "1.本机关不掌握相关政府信息"
        case .unableNeedsCreation: "2.没有现成信息需要另行制作"
        case .unableUnclear: "3.补正后申请内容仍不明确"
        case .complaint: "1.信访举报投诉类申请"
        case .repeated: "2.重复申请"
        case .publication: "3.要求提供公开出版物"
        case .excessive: "4.无正当理由大量反复申请"
        case .reconfirm: "5.要求行政机关确认或重新出具已获取信息"
        case .noAmendment: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        case .unpaidFee: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        case .otherHandling: "3.其他"
        }
    }

    /// The group and the row together, for a list a clerk picks from: 「（三）不予公开 1.属于国家秘密」.
    public var fullLabel: String { group.map { "\($0) \(label)" } ?? label }

    /// The provisions of 《中华人民共和国政府信息公开条例》 (2019) the outcome rests on (国办函〔2020〕109号 for an unpaid
    /// fee). 「（五）5」 has no article of its own: it follows from 第二条's definition of 政府信息. 「（六）3.其他」 rests
    /// on none in particular.
    public var articles: [String] {
        switch self {
        case .granted: ["第三十六条第（一）项", "第三十六条第（二）项"]
        case .partial: ["第三十七条"]
        case .deniedStateSecret, .deniedProhibited, .deniedSafetyStability: ["第十四条"]
        case .deniedThirdParty: ["第十五条", "第三十二条"]
        case .deniedInternal: ["第十六条第一款"]
        case .deniedProcess, .deniedEnforcementFile: ["第十六条第二款"]
        case .deniedQuery: ["第三十六条第（七）项"]
        case .unableNotHeld: ["第三十六条第（四）项", "第三十六条第（五）项"]
        case .unableNeedsCreation: ["第三十八条"]
        case .unableUnclear: ["第三十条"]
        case .complaint: ["第三十九条第一款"]
        case .repeated: ["第三十六条第（六）项"]
        case .publication: ["第三十九条第二款"]
        case .excessive: ["第三十五条"]
        case .reconfirm: ["第二条"]
        case .noAmendment: ["第三十条"]
        case .unpaidFee: ["第四十二条", "国办函〔2020〕109号"]
        case .otherHandling: []
        }
    }

    /// Outcomes that close an application without an answer on its substance, each allowed only after its own
    /// period ran out: 逾期不补正 after the 补正 period, 逾期未缴费 after the 20 working days to pay.
    var needsLapse: Bool { self == .noAmendment || self == .unpaidFee }
}
