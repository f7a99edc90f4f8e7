import Foundation
import GongkaiModel
import GongkaiPublish
import GongkaiRegister
import GongkaiScreen
import Testing

/// 三审 of a proactive item: the path from draft to publication, who may act at each level, screening before 终审,
/// and the 20 working days of 条例第二十六条.
@Suite("publishing: 三审 of proactive items")
struct PublishingTests {
    static let drafter = PublishActor(name: "王芳", roles: [.drafter])
    static let first = PublishActor(name: "李明", roles: [.firstReview])
    static let second = PublishActor(name: "赵强", roles: [.secondReview])
    static let final = PublishActor(name: "陈静", roles: [.finalReview])
    /// Holds every level: only the no-self-approval rule stops this one.
    static let everyone = PublishActor(name: "全能", roles: Set(PublishRole.allCases))
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let withID = "关于张三的处理决定\n当事人：张三，身份证号码：11010519491231002X。\n现予公布。"

    static func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(isoDay: text)) }

    static func normative(
        text: String = "各区人民政府：现将有关事项通知如下。",
        written: String = "2025-03-03"
    ) throws
        -> ProactiveItem
    {
        try ProactiveItem(
            title: "关于进一步规范政务公开工作的通知",
            category: .rulesAndDocuments,
            countsAs: .normative,
            text: text,
            number: "洛西司发〔2025〕3号",
            written: try day(written),
            by: drafter,
            at: now
        )
    }

    @Test("draft → 初审 → 复审 → 终审 → published with three different reviewers, each step in the history")
    func wholePath() throws {
        var item = try Self.normative()
        try item.submit(by: Self.drafter, at: Self.now)
        #expect(item.stage == .firstReview)
        try item.approve(by: Self.first, at: Self.now)
        #expect(item.stage == .secondReview)
        try item.approve(by: Self.second, at: Self.now)
        #expect(item.stage == .finalReview)
        try item.approve(by: Self.final, at: Self.now)
        #expect(item.stage == .approved)
        try item.publish(on: try Self.day("2025-03-20"), by: Self.drafter, at: Self.now, calendar: .builtIn)
        let day = try Self.day("2025-03-20")
        #expect(item.stage == .published && item.published == day)
        #expect(item.publishedLate == nil && item.lateNotice == nil)
        #expect(item.history.map(\.action) == [.created, .submitted, .approved, .approved, .approved, .published])
        #expect(item.history.compactMap(\.level) == [.firstReview, .secondReview, .finalReview])
        #expect(item.approvals.map(\.by) == ["李明", "赵强", "陈静"])
    }

    @Test("nobody approves their own draft, nor at two levels; a missing duty is refused at every level")
    func selfApproval() throws {
        var item = try ProactiveItem(
            title: "通知",
            category: .other,
            text: "本周五停电检修。",
            by: Self.everyone,
            at: Self.now
        )
        try item.submit(by: Self.everyone, at: Self.now)
        #expect(throws: PublishError.ownDraft(actor: "全能", level: .firstReview)) {
            try item.approve(by: Self.everyone, at: Self.now)
        }
        #expect(throws: PublishError.missingRole(actor: "赵强", roles: [.firstReview], action: .approved)) {
            try item.approve(by: Self.second, at: Self.now)
        }
        let both = PublishActor(name: "李明", roles: [.firstReview, .secondReview, .finalReview])
        try item.approve(by: both, at: Self.now)
        #expect(throws: PublishError.ownDraft(actor: "全能", level: .secondReview)) {
            try item.approve(by: Self.everyone, at: Self.now)
        }
        #expect(throws: PublishError.alreadyApproved(actor: "李明", earlier: .firstReview, level: .secondReview)) {
            try item.approve(by: both, at: Self.now)
        }
        try item.approve(by: Self.second, at: Self.now)
        #expect(throws: PublishError.ownDraft(actor: "全能", level: .finalReview)) {
            try item.approve(by: Self.everyone, at: Self.now)
        }
        #expect(throws: PublishError.alreadyApproved(actor: "李明", earlier: .firstReview, level: .finalReview)) {
            try item.approve(by: both, at: Self.now)
        }
        #expect(throws: PublishError.alreadyApproved(actor: "赵强", earlier: .secondReview, level: .finalReview)) {
            try item.approve(by: PublishActor(name: "赵强", roles: [.finalReview]), at: Self.now)
        }
        #expect(item.stage == .finalReview)
        #expect(throws: PublishError.wrongStage(action: .submitted, stage: .finalReview)) {
            try item.submit(by: Self.drafter, at: Self.now)
        }
        // A reviewer who masked the draft wrote it: that reviewer may not review it either.
        var masked = try ProactiveItem(
            title: "决定",
            category: .penalties,
            text: Self.withID,
            by: Self.drafter,
            at: Self.now
        )
        let masker = PublishActor(name: "李明", roles: [.drafter, .firstReview])
        try masked.maskPersonalData(by: masker, at: Self.now)
        try masked.submit(by: Self.drafter, at: Self.now)
        #expect(throws: PublishError.ownDraft(actor: "李明", level: .firstReview)) {
            try masked.approve(by: masker, at: Self.now)
        }
    }

    @Test("终审 is refused while a screening error is unresolved; allowed after masking or after a waiver")
    func finalReviewBlocked() throws {
        var item = try ProactiveItem(
            title: "处罚决定",
            category: .penalties,
            text: Self.withID,
            by: Self.drafter,
            at: Self.now
        )
        #expect(item.unresolved.map(\.kind).contains(.idNumber))
        try item.submit(by: Self.drafter, at: Self.now)
        try item.approve(by: Self.first, at: Self.now)
        try item.approve(by: Self.second, at: Self.now)
        #expect {
            try item.approve(by: Self.final, at: Self.now)
        } throws: { error in
            guard case PublishError.unresolvedHits(let count, let first) = error else { return false }
            return count == item.unresolved.count && count >= 2 && first.contains("「\(item.unresolved[0].text)」")
        }
        #expect(item.stage == .finalReview)

        // Fixed: returned, masked, approved again by all three.
        var fixed = item
        try fixed.returnToDraft(reason: "请对身份证号码和姓名脱敏", by: Self.final, at: Self.now)
        #expect(fixed.stage == .draft && fixed.approvals.isEmpty)
        #expect(fixed.history.last?.note == "请对身份证号码和姓名脱敏")
        #expect(throws: PublishError.missingReason) {
            try item.returnToDraft(reason: "  ", by: Self.final, at: Self.now)
        }
        let count = try fixed.maskPersonalData(by: Self.drafter, at: Self.now)
        #expect(count >= 2 && fixed.text.contains("1101**********002X") && !fixed.text.contains("11010519491231002X"))
        #expect(fixed.text.contains("张某") && fixed.unresolved.isEmpty)
        try fixed.submit(by: Self.drafter, at: Self.now)
        for reviewer in [Self.first, Self.second, Self.final] { try fixed.approve(by: reviewer, at: Self.now) }
        #expect(fixed.stage == .approved)

        // Waived: the 终审 reviewer lets each error stand with a reason.
        var waived = item
        #expect(throws: PublishError.missingRole(actor: "李明", roles: [.finalReview], action: .waived)) {
            try waived.waive(hitAt: 0, reason: "依法公开", by: Self.first, at: Self.now)
        }
        #expect(throws: PublishError.missingReason) {
            try waived.waive(hitAt: 0, reason: "", by: Self.final, at: Self.now)
        }
        for index in waived.screening.indices where waived.screening[index].severity == .error {
            try waived.waive(hitAt: index, reason: "依法应当公开当事人信息", by: Self.final, at: Self.now)
        }
        #expect(waived.unresolved.isEmpty && waived.waiver(forHitAt: 0)?.by == "陈静")
        try waived.approve(by: Self.final, at: Self.now)
        #expect(waived.stage == .approved && waived.history.contains { $0.action == .waived })
    }

    @Test("a 行政规范性文件 published more than 20 working days after its 成文日期 is flagged")
    func latePublication() throws {
        // Written on Monday 3 March 2025: the 20th working day after it is Monday 31 March.
        var onTime = try Self.approved(try Self.normative())
        try onTime.publish(on: try Self.day("2025-03-31"), by: Self.final, at: Self.now, calendar: .builtIn)
        #expect(onTime.publishedLate == nil)
        var late = try Self.approved(try Self.normative())
        try late.publish(on: try Self.day("2025-04-01"), by: Self.drafter, at: Self.now, calendar: .builtIn)
        #expect(late.publishedLate == 21)
        #expect(late.lateNotice?.contains("21个工作日") == true)
        var early = try Self.approved(try Self.normative())
        #expect(
            throws: PublishError.publishedBeforeWritten(
                written: try Self.day("2025-03-03"),
                published: try Self.day("2025-03-01")
            )
        ) {
            try early.publish(on: try Self.day("2025-03-01"), by: Self.drafter, at: Self.now, calendar: .builtIn)
        }
        #expect(throws: PublishError.missingRole(actor: "李明", roles: [.drafter, .finalReview], action: .published)) {
            try early.publish(on: try Self.day("2025-03-20"), by: Self.first, at: Self.now, calendar: .builtIn)
        }
    }

    @Test("a 规章 or 行政规范性文件 needs its 文号 and 成文日期, and only 第（一）项 items count in 表二")
    func documentFields() throws {
        #expect(throws: PublishError.invalid("行政规范性文件须填写文号。")) {
            try ProactiveItem(
                title: "通知",
                category: .rulesAndDocuments,
                countsAs: .normative,
                text: "正文",
                by: Self.drafter,
                at: Self.now
            )
        }
        #expect(throws: PublishError.invalid("只有第二十条第（一）项的事项才计入表二的「规章」。")) {
            try ProactiveItem(
                title: "通知",
                category: .budgets,
                countsAs: .rules,
                text: "正文",
                by: Self.drafter,
                at: Self.now
            )
        }
        #expect(throws: PublishError.invalid("标题不能为空。")) {
            try ProactiveItem(title: " ", category: .budgets, text: "正文", by: Self.drafter, at: Self.now)
        }
        #expect(throws: PublishError.missingRole(actor: "李明", roles: [.drafter], action: .created)) {
            try ProactiveItem(title: "通知", category: .budgets, text: "正文", by: Self.first, at: Self.now)
        }
        #expect(ProactiveCategory.allCases.count == 15 && ProactiveCategory.recruitment.item == "第二十条第（十四）项")
    }

    static func approved(_ item: ProactiveItem) throws -> ProactiveItem {
        var item = item
        try item.submit(by: drafter, at: now)
        for reviewer in [first, second, final] { try item.approve(by: reviewer, at: now) }
        return item
    }
}
