import Foundation
import GongkaiModel
import GongkaiPublish
import GongkaiRegister
import GongkaiScreen
import Testing

@testable import GongkaiStore

/// Proactive items in the register on every backend: the path to publication saved step by step with its change log,
/// a published 行政规范性文件 counted in the compiled 表二, attachments, and the agencies' word lists.
extension StoreContractTests {
    static let drafter = PublishActor(name: "王芳", roles: [.drafter])
    static let reviewers = [
        PublishActor(name: "李明", roles: [.firstReview]), PublishActor(name: "赵强", roles: [.secondReview]),
        PublishActor(name: "陈静", roles: [.finalReview]),
    ]

    @Test(
        "an item saved through 三审 to publication: each step a change, the document in the compiled 表二, late flagged",
        arguments: StoreBackend.all
    )
    func publishesItem(_ backend: StoreBackend) throws {
        let (store, agency, other) = try Self.registerStore(backend)
        let calendar = try store.workingCalendar()
        let today = try Self.day("2025-03-03")
        let draft = try ProactiveItem(
            title: "关于进一步规范政务公开工作的通知",
            category: .rulesAndDocuments,
            countsAs: .normative,
            text: "各区人民政府：联系人手机13812345678。",
            number: "洛西司发〔2025〕3号",
            written: today,
            by: Self.drafter,
            at: Date()
        )
        let added = try store.addItem(draft, agencyID: agency, by: "王芳", today: today, calendar: calendar)
        #expect(added.value.id == "2025-0001" && added.record.kind == .proactiveItem)
        // Due on the 20th working day after 成文日期 while not yet published.
        #expect(added.record.due == "2025-03-31" && added.record.isOpen)
        let second = try store.addItem(draft, agencyID: agency, by: "王芳", today: today, calendar: calendar)
        #expect(second.value.id == "2025-0002")

        @discardableResult
        func act(_ change: (inout ProactiveItem) throws(PublishError) -> Void) throws -> Registered<ProactiveItem> {
            try store.actOnItem(agencyID: agency, key: "2025-0001", by: "测试", calendar: calendar, change)
        }
        try act { (item) throws(PublishError) in try item.maskPersonalData(by: Self.drafter, at: Date()) }
        try act { (item) throws(PublishError) in try item.submit(by: Self.drafter, at: Date()) }
        for reviewer in Self.reviewers {
            try act { (item) throws(PublishError) in try item.approve(by: reviewer, at: Date()) }
        }
        // A refused action saves nothing and says why.
        #expect(throws: PublishingError.refused(.wrongStage(action: .approved, stage: .approved))) {
            try act { (item) throws(PublishError) in try item.approve(by: Self.reviewers[2], at: Date()) }
        }
        let day = try Self.day("2025-04-01")
        let published = try act { (item) throws(PublishError) in
            try item.publish(on: day, by: Self.drafter, at: Date(), calendar: calendar)
        }
        #expect(published.value.stage == .published && published.value.publishedLate == 21)
        #expect(published.record.state == "已公开（逾期公开）" && !published.record.isOpen && published.record.due == nil)
        #expect(published.value.text.contains("138****5678"))
        let changes = try store.registerChanges(recordID: published.record.id)
        #expect(changes.count == 7 && changes.first?.action == .created)
        #expect(try store.item(recordID: published.record.id)?.value.id == "2025-0001")

        // The document is the register's, issued on 成文日期 and published on the day recorded.
        let document = try #require(try store.document(agencyID: agency, key: "item-2025-0001"))
        #expect(document.value.kind == .normative && document.value.issued == today)
        #expect(document.value.published == CalendarDate(isoDay: "2025-04-01"))
        let register = try store.agencyRegister(agencyID: agency, name: "洛阳市西工区司法局")
        let compiled = try RegisterCompiler.compile(register, year: 2025, calendar: calendar)
        #expect(compiled.report[FigureID("t2.normative.issued")]?.integer == 1)
        #expect(compiled.report[FigureID("t2.normative.in_force")]?.integer == 1)

        let list = try store.publishedItems(PublishedSelection(year: 2025))
        #expect(list.map(\.value.id) == ["2025-0001"])
        #expect(try store.publishedItems(PublishedSelection(agencyIDs: [other])).isEmpty)
        #expect(try store.publishedItems(PublishedSelection(category: .budgets)).isEmpty)
        #expect(try store.publishedItems(PublishedSelection(year: 2024)).isEmpty)
        #expect(try store.items(agencyIDs: [agency], openOnly: true).map(\.value.id) == ["2025-0002"])
    }

    @Test(
        "an attachment's bytes are kept once beside its item; the word list is the agency's",
        arguments: StoreBackend.all
    )
    func attachmentsAndWords(_ backend: StoreBackend) throws {
        let (store, agency, other) = try Self.registerStore(backend)
        let calendar = try store.workingCalendar()
        let bytes = Data("公告正文：本单位搬迁。".utf8)
        let draft = try ProactiveItem(
            title: "搬迁公告",
            category: .organisation,
            text: "公告正文：本单位搬迁。",
            attachment: ItemAttachment(name: "公告.txt", size: bytes.count),
            by: Self.drafter,
            at: Date()
        )
        let added = try store.addItem(
            draft,
            agencyID: agency,
            attachment: bytes,
            by: "王芳",
            today: try Self.day("2026-01-05"),
            calendar: calendar
        )
        let file = try #require(try store.attachment(agencyID: agency, key: added.value.id))
        #expect(file.name == "公告.txt" && file.bytes == bytes)
        #expect(throws: PublishingError.attachmentTooLarge(limit: 20 << 20)) {
            try store.addItem(
                draft,
                agencyID: agency,
                attachment: Data(count: (20 << 20) + 1),
                by: "王芳",
                today: try Self.day("2026-01-05"),
                calendar: calendar
            )
        }

        #expect(Screening.screen("本单位搬迁。", words: try store.screeningWords(agencyID: agency)).isEmpty)
        let entry = WordList.Entry(wrong: "搬迁", correct: "迁址", category: "本机关规范用语", basis: "本机关规定")
        try store.addWord(entry, agencyID: agency, by: "管理员")
        let hits = Screening.screen("本单位搬迁。", words: try store.screeningWords(agencyID: agency))
        #expect(hits.map(\.suggestion) == ["迁址"])
        #expect(Screening.screen("本单位搬迁。", words: try store.screeningWords(agencyID: other)).isEmpty)
        #expect(throws: PublishingError.invalidWord("本机关的错敏词表中没有「迁移」。")) {
            try store.removeWord("迁移", agencyID: agency, by: "管理员")
        }
        try store.removeWord("搬迁", agencyID: agency, by: "管理员")
        #expect(try store.agencyWords(agencyID: agency).entries.isEmpty)
        let log = try store.registerChanges(agencyID: agency, limit: 10).filter { $0.kind == .wordList }
        #expect(log.count == 2 && log.allSatisfy { $0.by == "管理员" })
    }
}
