public import GongkaiModel
public import GongkaiRegister

/// Why an action on a proactive item was refused, as one sentence a clerk understands.
public enum PublishError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The item is not at a stage where the action can be taken.
    case wrongStage(action: ItemAction, stage: ItemStage)
    /// The actor holds none of the roles the action needs for the item's agency.
    case missingRole(actor: String, roles: [PublishRole], action: ItemAction)
    /// The actor wrote the item's text and may not review it.
    case ownDraft(actor: String, level: PublishRole)
    /// The actor approved the item at an earlier level of this round.
    case alreadyApproved(actor: String, earlier: PublishRole, level: PublishRole)
    /// 终审 with screening errors neither fixed nor waived.
    case unresolvedHits(count: Int, first: String)
    case missingReason
    case hitNotFound
    case nothingToMask
    case publishedBeforeWritten(written: CalendarDate, published: CalendarDate)
    case calendar(MissingCalendarYear)
    /// A field of the item is missing or wrong.
    case invalid(String)

    public var description: String {
        switch self {
        case .wrongStage(let action, let stage):
            "此事项目前「\(stage.chinese)」，不能\(action.chinese)。"
        case .missingRole(let actor, let roles, let action):
            "「\(actor)」没有本机关的\(roles.map { "「\($0.chinese)」" }.joined(separator: "或"))职责，不能\(action.chinese)。"
        case .ownDraft(let actor, let level):
            "「\(actor)」参与起草了此事项，不能对其进行\(level.chinese)（不得审核本人起草的内容）。"
        case .alreadyApproved(let actor, let earlier, let level):
            "「\(actor)」已在\(earlier.chinese)环节审核通过此事项，不能再进行\(level.chinese)（三审须由不同人员完成）。"
        case .unresolvedHits(let count, let first):
            "还有\(count)处筛查错误既未改正也未说明理由，不能终审通过。首处：\(first)。请退回修改，或逐处说明理由免于处理。"
        case .missingReason: "请填写理由。"
        case .hitNotFound: "没有找到这处筛查错误（正文可能已修改），请刷新后重试。"
        case .nothingToMask: "正文中没有需要脱敏的个人信息。"
        case .publishedBeforeWritten(let written, let published):
            "发布日期\(published.chinese)早于成文日期\(written.chinese)。"
        case .calendar(let missing): missing.description
        case .invalid(let message): message
        }
    }
}
