/// What a ledger column holds. The raw value is the name a mapping file uses (`received=收到申请日期`).
public enum LedgerField: String, Sendable, Hashable, CaseIterable {
    case id
    case received
    case channel
    case applicant
    case applicantType = "applicant_type"
    case identification
    case contact
    case request
    case amendmentRequested = "amendment_requested"
    case amendmentDue = "amendment_due"
    case amendmentReceived = "amendment_received"
    case extended
    case extensionDays = "extension_days"
    case approver
    case replied
    case outcome
    case fee

    /// The fields an import cannot do without.
    public static let required: [LedgerField] = [.id, .received, .channel, .applicant, .applicantType]

    /// The field as a clerk names it.
    public var chinese: String {
        switch self {
        case .id: "登记号"
        case .received: "收到申请日期"
        case .channel: "申请方式"
        case .applicant: "申请人"
        case .applicantType: "申请人类型"
        case .identification: "证件号码"
        case .contact: "联系方式"
        case .request: "申请内容"
        case .amendmentRequested: "补正告知日期"
        case .amendmentDue: "补正期限"
        case .amendmentReceived: "收到补正日期"
        case .extended: "延期日期"
        case .extensionDays: "延长期限"
        case .approver: "延期批准人"
        case .replied: "答复日期"
        case .outcome: "答复结果"
        case .fee: "收费"
        }
    }

    /// The headers recognised for the field, the likeliest first. A header matches when it is one of these once spaces,
    /// line breaks, brackets with what they hold and a trailing colon are taken away; failing that, when it contains
    /// one (the longest synonym wins).
    public var synonyms: [String] {
        switch self {
        case .id: ["登记号", "登记编号", "申请编号", "受理编号", "受理号", "申请登记号", "编号", "序号"]
        case .received:
            [
                "收到日期", "收到申请日期", "申请日期", "受理日期", "登记日期", "接收日期", "收件日期", "收到时间", "申请时间",
                "收到申请时间", "受理时间", "申请收到日期",
            ]
        case .channel: ["申请方式", "渠道", "申请渠道", "提交方式", "申请途径", "收到方式", "受理方式", "申请形式"]
        case .applicant: ["申请人", "申请人姓名", "申请人名称", "姓名或名称", "姓名名称", "申请人姓名或名称", "姓名"]
        case .applicantType: ["申请人类型", "申请人类别", "申请人性质", "主体类型", "申请主体类型", "申请人身份"]
        case .identification: ["证件号码", "身份证号码", "身份证号", "证件号", "统一社会信用代码", "身份证明", "证件号码或代码"]
        case .contact: ["联系方式", "联系电话", "电话", "联系地址", "通讯地址", "联系人及电话"]
        case .request: ["申请内容", "所需信息", "申请公开内容", "所需政府信息", "申请事项", "所需信息名称", "申请公开的信息", "内容描述"]
        case .amendmentRequested: ["补正告知日期", "补正通知日期", "告知补正日期", "发出补正通知日期", "补正告知时间", "补正通知时间"]
        case .amendmentDue: ["补正期限", "补正截止日期", "补正期限届满日期"]
        case .amendmentReceived: ["收到补正日期", "补正收到日期", "补正完成日期", "收到补正申请日期", "补正日期", "收到补正时间"]
        case .extended: ["延期日期", "延期告知日期", "延长答复日期", "延期批准日期", "告知延期日期", "延期时间", "延期答复日期"]
        case .extensionDays: ["延长期限", "延长天数", "延期天数", "延长工作日", "延长工作日数", "延期期限"]
        case .approver: ["延期批准人", "批准人", "审批人", "延期审批人"]
        case .replied: ["答复日期", "办结日期", "答复时间", "办结时间", "答复告知日期", "出具答复日期"]
        case .outcome: ["答复结果", "处理结果", "答复类型", "办理结果", "答复情况", "处理情况", "办理情况", "答复意见", "办理结果类型"]
        case .fee: ["收费", "收费金额", "信息处理费", "收费情况", "收取信息处理费"]
        }
    }

    /// A header as headers are compared: without spaces, line breaks, bracketed notes (「申请人类型（自然人/法人）」)
    /// and a trailing colon.
    static func normalizedHeader(_ text: String) -> String {
        var result = ""
        var depth = 0
        for character in text {
            switch character {
            case "（", "(", "【", "[": depth += 1
            case "）", ")", "】", "]": depth = max(0, depth - 1)
            default:
                if depth == 0, !character.isWhitespace, !"：:*＊/、".contains(character) { result.append(character) }
            }
        }
        return result
    }

    /// The columns of `headers` that match fields, exact matches first, then containing ones (longest synonym
    /// first); `taken` columns are left out.
    static func recognise(_ headers: [String], fields: [LedgerField], taken: Set<Int> = []) -> [LedgerField: Int] {
        let normalized = headers.map(normalizedHeader)
        var used = taken
        var found: [LedgerField: Int] = [:]
        for field in fields {
            for synonym in field.synonyms {
                if let column = normalized.indices.first(where: { !used.contains($0) && normalized[$0] == synonym }) {
                    found[field] = column
                    used.insert(column)
                    break
                }
            }
        }
        var candidates: [(field: LedgerField, length: Int, column: Int)] = []
        for field in fields where found[field] == nil {
            for synonym in field.synonyms where synonym.count >= 2 {
                for column in normalized.indices where !used.contains(column) && normalized[column].contains(synonym) {
                    candidates.append((field, synonym.count, column))
                }
            }
        }
        candidates.sort { ($0.length, -$0.column) > ($1.length, -$1.column) }
        for candidate in candidates where found[candidate.field] == nil && !used.contains(candidate.column) {
            found[candidate.field] = candidate.column
            used.insert(candidate.column)
        }
        return found
    }
}
