public import Foundation
public import GongkaiModel
public import GongkaiRegister
public import GongkaiScreen

/// What a user does in an agency's publishing (三审): drafts items (起草), or reviews them at one of the three levels.
public enum PublishRole: String, Sendable, Hashable, Codable, CaseIterable {
    case drafter
    case firstReview
    case secondReview
    case finalReview

    public var chinese: String {
        switch self {
        case .drafter: "起草"
        case .firstReview: "初审"
        case .secondReview: "复审"
        case .finalReview: "终审"
        }
    }
}

/// Who is acting on an item: a user's name and the roles the user holds for the item's agency.
public struct PublishActor: Sendable, Hashable {
    public var name: String
    public var roles: Set<PublishRole>

    public init(name: String, roles: Set<PublishRole>) {
        self.name = name
        self.roles = roles
    }
}

/// Where an item is on its way to publication.
public enum ItemStage: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case firstReview
    case secondReview
    case finalReview
    /// 终审 approved, waiting for its publication date to be recorded.
    case approved
    case published
    case withdrawn

    public var chinese: String {
        switch self {
        case .draft: "草稿"
        case .firstReview: "待初审"
        case .secondReview: "待复审"
        case .finalReview: "待终审"
        case .approved: "已终审，待发布"
        case .published: "已公开"
        case .withdrawn: "已撤回"
        }
    }

    /// The review level that acts on an item at this stage (nil when no review is waiting).
    public var reviewRole: PublishRole? {
        switch self {
        case .firstReview: .firstReview
        case .secondReview: .secondReview
        case .finalReview: .finalReview
        default: nil
        }
    }

    /// The stage after an approval at this one.
    var next: ItemStage? {
        switch self {
        case .firstReview: .secondReview
        case .secondReview: .finalReview
        case .finalReview: .approved
        default: nil
        }
    }

    /// Whether the item is still on its way (not published or withdrawn).
    public var isOpen: Bool { self != .published && self != .withdrawn }
}

/// The actions of an item's history.
public enum ItemAction: String, Sendable, Hashable, Codable, CaseIterable {
    case created, edited, masked, submitted, approved, returned, waived, published, withdrawn

    public var chinese: String {
        switch self {
        case .created: "起草"
        case .edited: "修改"
        case .masked: "一键脱敏"
        case .submitted: "提交审核"
        case .approved: "审核通过"
        case .returned: "退回修改"
        case .waived: "说明理由免于处理"
        case .published: "发布"
        case .withdrawn: "撤回"
        }
    }
}

/// One step of an item's history: who did what, when, and why.
public struct ItemStep: Sendable, Hashable, Codable {
    public var action: ItemAction
    public var by: String
    /// Seconds since 1970.
    public var at: Double
    public var from: ItemStage
    public var to: ItemStage
    /// The review level acted at, for approvals, returns and waivers.
    public var level: PublishRole?
    public var note: String?
}

/// A file attached as the item's body: its name and size. The bytes are kept by the store beside the item; the item's
/// text is the text extracted from them.
public struct ItemAttachment: Sendable, Hashable, Codable {
    public var name: String
    public var size: Int

    public init(name: String, size: Int) {
        self.name = name
        self.size = size
    }
}

/// Which hit of a screening a waiver is for: its kind, its matched text and which occurrence of that text of that kind
/// it is. A waiver stays with its hit when text before it is changed, and lapses when the hit is gone.
public struct HitMark: Sendable, Hashable, Codable {
    public var kind: ScreeningKind
    public var text: String
    public var occurrence: Int

    public init(kind: ScreeningKind, text: String, occurrence: Int) {
        self.kind = kind
        self.text = text
        self.occurrence = occurrence
    }

    /// Each hit's mark, in the hits' order.
    public static func marks(_ hits: [ScreeningHit]) -> [HitMark] {
        var seen: [String: Int] = [:]
        return hits.map { hit in
            let key = "\(hit.kind.rawValue)\u{0}\(hit.text)"
            let occurrence = seen[key, default: 0] + 1
            seen[key] = occurrence
            return HitMark(kind: hit.kind, text: hit.text, occurrence: occurrence)
        }
    }
}

/// A reviewer's decision that a screening error is right as it stands (a name that must be published, a quoted
/// former name), with the reason.
public struct ScreeningWaiver: Sendable, Hashable, Codable {
    public var mark: HitMark
    public var reason: String
    public var by: String
    public var at: Double
}

/// An approval in the current round of review.
public struct ItemApproval: Sendable, Hashable, Codable {
    public var level: PublishRole
    public var by: String
    public var at: Double
}

/// A proactive item (主动公开事项) on its way through 三审 to publication: drafted, screened, approved at 初审, 复审 and
/// 终审 by three different reviewers, then published on a recorded date.
public struct ProactiveItem: Sendable, Hashable, Codable, Identifiable {
    /// The item's number in its agency's register (`2026-0001`), empty until first saved.
    public var id: String
    public var title: String
    public var category: ProactiveCategory
    /// The 表二 row the item counts in once published (a 规章 or 行政规范性文件), or nil.
    public var countsAs: NormativeKind?
    /// The text screened and published: typed, or extracted from the attachment.
    public private(set) var text: String
    public private(set) var attachment: ItemAttachment?
    /// 文号 and 成文日期, for a 规章 or 行政规范性文件.
    public var number: String?
    public var written: CalendarDate?
    public private(set) var stage: ItemStage
    /// Everybody who wrote the text (created, edited or masked it): none of them may review it.
    public private(set) var drafters: [String]
    /// The approvals of the current round (cleared when the item is returned).
    public private(set) var approvals: [ItemApproval]
    /// The hits of the last screening, run on every submission and approval.
    public private(set) var screening: [ScreeningHit]
    public private(set) var waivers: [ScreeningWaiver]
    public private(set) var published: CalendarDate?
    /// For a 规章 or 行政规范性文件: the working days from 成文日期 to publication, when more than the 20 of 条例第二十六条.
    public private(set) var publishedLate: Int?
    public private(set) var history: [ItemStep]

    /// The longest title and text an item takes.
    public static let maximumTitle = 200
    public static let maximumText = 2_000_000
    /// 条例第二十六条: 「自该政府信息形成或者变更之日起20个工作日内」.
    public static let publicationDays = 20

    /// A new draft by `actor`, who must hold the drafter's role; screened at once.
    public init(
        title: String,
        category: ProactiveCategory,
        countsAs: NormativeKind? = nil,
        text: String,
        attachment: ItemAttachment? = nil,
        number: String? = nil,
        written: CalendarDate? = nil,
        by actor: PublishActor,
        at time: Date,
        words: WordList = .builtIn
    ) throws(PublishError) {
        id = ""
        self.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        self.category = category
        self.countsAs = countsAs
        self.text = text
        self.attachment = attachment
        self.number = number?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        self.written = written
        stage = .draft
        drafters = []
        approvals = []
        screening = []
        waivers = []
        history = []
        try require(.drafter, of: actor, to: .created)
        try validate()
        drafters = [actor.name]
        screen(words)
        record(.created, by: actor, at: time, from: .draft)
    }

    /// The screening errors neither fixed nor waived: they keep the item from 终审 approval.
    public var unresolved: [ScreeningHit] {
        let waived = Set(waivers.map(\.mark))
        return zip(screening, HitMark.marks(screening)).filter { hit, mark in
            hit.severity == .error && !waived.contains(mark)
        }.map(\.0)
    }

    /// The waiver of the hit at `index` of ``screening``, if it is waived.
    public func waiver(forHitAt index: Int) -> ScreeningWaiver? {
        let marks = HitMark.marks(screening)
        guard marks.indices.contains(index) else { return nil }
        return waivers.last { $0.mark == marks[index] }
    }

    /// Changes the draft's title, text or documents' particulars; only at the draft stage, by a drafter.
    public mutating func edit(
        title: String? = nil,
        text: String? = nil,
        attachment: ItemAttachment?? = nil,
        number: String?? = nil,
        written: CalendarDate?? = nil,
        by actor: PublishActor,
        at time: Date,
        words: WordList = .builtIn
    ) throws(PublishError) {
        try require(stage: [.draft], for: .edited)
        try require(.drafter, of: actor, to: .edited)
        var changed = self
        if let title { changed.title = title.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let text { changed.text = text }
        if let attachment { changed.attachment = attachment }
        if let number { changed.number = number?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty }
        if let written { changed.written = written }
        try changed.validate()
        self = changed
        addDrafter(actor.name)
        screen(words)
        record(.edited, by: actor, at: time, from: .draft)
    }

    /// 一键脱敏: replaces every personal-data error in the draft's text by its masked form, as a new draft text by
    /// `actor`; returns how many were masked.
    @discardableResult
    public mutating func maskPersonalData(
        by actor: PublishActor,
        at time: Date,
        words: WordList = .builtIn
    ) throws(PublishError) -> Int {
        try require(stage: [.draft], for: .masked)
        try require(.drafter, of: actor, to: .masked)
        let hits = Screening.screen(text, words: words)
        let personal = hits.filter { $0.kind.isPersonalData && $0.severity == .error }
        guard !personal.isEmpty else { throw .nothingToMask }
        text = Screening.mask(text, hits)
        addDrafter(actor.name)
        screen(words)
        record(.masked, by: actor, at: time, from: .draft, note: "脱敏\(personal.count)处")
        return personal.count
    }

    /// Sends the draft to 初审.
    public mutating func submit(by actor: PublishActor, at time: Date, words: WordList = .builtIn) throws(PublishError)
    {
        try require(stage: [.draft], for: .submitted)
        try require(.drafter, of: actor, to: .submitted)
        approvals = []
        screen(words)
        stage = .firstReview
        record(.submitted, by: actor, at: time, from: .draft)
    }

    /// Approves the item at the level waiting for it, moving it to the next. Refused to anybody without that level's
    /// role, to the item's drafters and to anybody who approved it at an earlier level; at 终审, refused while a
    /// screening error is neither fixed nor waived.
    public mutating func approve(by actor: PublishActor, at time: Date, words: WordList = .builtIn) throws(PublishError)
    {
        guard let level = stage.reviewRole, let next = stage.next else {
            throw .wrongStage(action: .approved, stage: stage)
        }
        try requireReviewer(actor, at: level, for: .approved)
        screen(words)
        if level == .finalReview {
            let open = unresolved
            if let first = open.first {
                throw .unresolvedHits(
                    count: open.count,
                    first: "\(first.kind.chineseName)「\(first.text)」（第\(first.line)行）"
                )
            }
        }
        let from = stage
        approvals.append(ItemApproval(level: level, by: actor.name, at: time.timeIntervalSince1970))
        stage = next
        record(.approved, by: actor, at: time, from: from, level: level)
    }

    /// Sends the item back to its drafters with a reason; the round of review starts again on the next submission.
    public mutating func returnToDraft(reason: String, by actor: PublishActor, at time: Date) throws(PublishError) {
        let level: PublishRole
        switch stage {
        case .approved: level = .finalReview
        default:
            guard let reviewLevel = stage.reviewRole else { throw .wrongStage(action: .returned, stage: stage) }
            level = reviewLevel
        }
        try requireReviewer(actor, at: level, for: .returned)
        let reason = try Self.reason(reason)
        let from = stage
        approvals = []
        stage = .draft
        record(.returned, by: actor, at: time, from: from, level: level, note: reason)
    }

    /// A reviewer at the level waiting for the item decides that the error hit at `index` of ``screening`` stands,
    /// for `reason`.
    public mutating func waive(
        hitAt index: Int,
        reason: String,
        by actor: PublishActor,
        at time: Date
    )
        throws(PublishError)
    {
        guard let level = stage.reviewRole else { throw .wrongStage(action: .waived, stage: stage) }
        try requireReviewer(actor, at: level, for: .waived)
        guard screening.indices.contains(index), screening[index].severity == .error else { throw .hitNotFound }
        let reason = try Self.reason(reason)
        let mark = HitMark.marks(screening)[index]
        waivers.removeAll { $0.mark == mark }
        waivers.append(ScreeningWaiver(mark: mark, reason: reason, by: actor.name, at: time.timeIntervalSince1970))
        let hit = screening[index]
        record(
            .waived,
            by: actor,
            at: time,
            from: stage,
            level: level,
            note: "\(hit.kind.chineseName)「\(hit.text)」：\(reason)"
        )
    }

    /// Records the publication of an item approved at 终审, on `date`; for a 规章 or 行政规范性文件, the working days
    /// since its 成文日期 are counted on `calendar` and kept when more than 20.
    public mutating func publish(
        on date: CalendarDate,
        by actor: PublishActor,
        at time: Date,
        calendar: WorkingCalendar
    ) throws(PublishError) {
        try require(stage: [.approved], for: .published)
        guard actor.roles.contains(.drafter) || actor.roles.contains(.finalReview) else {
            throw .missingRole(actor: actor.name, roles: [.drafter, .finalReview], action: .published)
        }
        var late: Int?
        if countsAs != nil, let written {
            guard date >= written else { throw .publishedBeforeWritten(written: written, published: date) }
            do {
                let days = try calendar.workingDays(after: written, through: date)
                late = days > Self.publicationDays ? days : nil
            } catch {
                throw .calendar(error)
            }
        }
        published = date
        publishedLate = late
        stage = .published
        record(.published, by: actor, at: time, from: .approved, note: date.chinese)
    }

    /// Takes a published item down, for a reason; only a 终审 reviewer may.
    public mutating func withdraw(reason: String, by actor: PublishActor, at time: Date) throws(PublishError) {
        try require(stage: [.published], for: .withdrawn)
        try require(.finalReview, of: actor, to: .withdrawn)
        let reason = try Self.reason(reason)
        stage = .withdrawn
        record(.withdrawn, by: actor, at: time, from: .published, level: .finalReview, note: reason)
    }

    /// What the late publication means, in a sentence, or nil when the item was not late.
    public var lateNotice: String? {
        guard let publishedLate, let written, let published else { return nil }
        return "成文日期\(written.chinese)，\(published.chinese)公开，相隔\(publishedLate)个工作日，"
            + "超过《政府信息公开条例》第二十六条规定的\(Self.publicationDays)个工作日。"
    }

    // MARK: - Checks

    private func validate() throws(PublishError) {
        guard !title.isEmpty else { throw .invalid("标题不能为空。") }
        guard title.count <= Self.maximumTitle else { throw .invalid("标题至多\(Self.maximumTitle)个字。") }
        guard text.utf8.count <= Self.maximumText else { throw .invalid("正文过长（至多 2 MB）。") }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalid(attachment == nil ? "正文不能为空：请填写正文或上传附件。" : "附件中没有读出文字，无法筛查；请上传含文字的文件或填写正文。")
        }
        if let countsAs {
            guard category.countableKinds.contains(countsAs) else {
                throw .invalid("只有第二十条第（一）项的事项才计入表二的「\(countsAs.chinese)」。")
            }
            guard number != nil else { throw .invalid("\(countsAs.chinese)须填写文号。") }
            guard written != nil else { throw .invalid("\(countsAs.chinese)须填写成文日期。") }
        }
    }

    private func require(stage allowed: [ItemStage], for action: ItemAction) throws(PublishError) {
        guard allowed.contains(stage) else { throw .wrongStage(action: action, stage: stage) }
    }

    private func require(_ role: PublishRole, of actor: PublishActor, to action: ItemAction) throws(PublishError) {
        guard actor.roles.contains(role) else { throw .missingRole(actor: actor.name, roles: [role], action: action) }
    }

    private func requireReviewer(
        _ actor: PublishActor,
        at level: PublishRole,
        for action: ItemAction
    )
        throws(PublishError)
    {
        try require(level, of: actor, to: action)
        guard !drafters.contains(actor.name) else { throw .ownDraft(actor: actor.name, level: level) }
        if let earlier = approvals.first(where: { $0.by == actor.name }) {
            throw .alreadyApproved(actor: actor.name, earlier: earlier.level, level: level)
        }
    }

    private static func reason(_ text: String) throws(PublishError) -> String {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .missingReason }
        guard reason.count <= 1000 else { throw .invalid("理由至多1000个字。") }
        return reason
    }

    private mutating func addDrafter(_ name: String) {
        if !drafters.contains(name) { drafters.append(name) }
    }

    private mutating func screen(_ words: WordList) {
        screening = Screening.screen(text, words: words)
    }

    private mutating func record(
        _ action: ItemAction,
        by actor: PublishActor,
        at time: Date,
        from: ItemStage,
        level: PublishRole? = nil,
        note: String? = nil
    ) {
        history.append(
            ItemStep(
                action: action,
                by: actor.name,
                at: time.timeIntervalSince1970,
                from: from,
                to: stage,
                level: level,
                note: note
            )
        )
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
