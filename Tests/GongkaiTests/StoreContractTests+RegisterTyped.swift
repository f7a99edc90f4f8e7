import Foundation
import GongkaiModel
import GongkaiRegister
import Testing

@testable import GongkaiStore

/// The typed register over the store (applications, steps, batches, deadlines counted again), on every backend.
extension StoreContractTests {
    static func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(isoDay: text)) }

    static func newApplication(received: String, key: String = "", name: String = "张三") throws -> Application {
        Application(
            id: key,
            applicant: Applicant(name: name, identification: "110101199001011234", contact: "13800000000"),
            applicantType: .natural,
            request: "2024年行政复议决定书",
            channel: .online,
            received: try day(received)
        )
    }

    @Test("an agency created for its register: a new name makes one, a variant finds it", arguments: StoreBackend.all)
    func createsAgency(_ backend: StoreBackend) throws {
        let (store, agency, _) = try Self.registerStore(backend)
        #expect(try store.createAgency(named: "洛阳市西工区司法局").id == agency)
        let created = try store.createAgency(named: "洛阳市西工区档案馆")
        #expect(created.id != nil && created.id != agency && created.name == "洛阳市西工区档案馆")
        #expect(try store.agency(named: "洛阳市西工区档案馆")?.id == created.id)
        #expect(try store.createAgency(named: "洛阳市西工区档案馆").id == created.id)
        #expect(throws: StoreError.agencyNameInvalid(" ")) { try store.createAgency(named: " ") }
        #expect(throws: StoreError.agencyNameInvalid("甲\n乙")) { try store.createAgency(named: "甲\n乙") }
    }

    @Test(
        "a batch of register records is saved whole or not at all, each logged",
        arguments: StoreBackend.all
    )
    func registerBatch(_ backend: StoreBackend) throws {
        let (store, agency, other) = try Self.registerStore(backend)
        let existing = try store.saveRegisterRecord(Self.application(agency, "2025-0009"), expecting: nil, by: "甲")
        // The third record expects a version that is not stored: nothing of the batch is saved.
        let refused = [
            RegisterWrite(Self.application(agency, "2025-0001")),
            RegisterWrite(Self.application(other, "2025-0001")),
            RegisterWrite(Self.application(agency, "2025-0009", due: "2025-05-05"), expecting: existing.version + 1),
        ]
        #expect(throws: StoreError.registerConflict("2025-0009", stored: 1, expected: 2)) {
            try store.saveRegisterRecords(refused, by: "导入")
        }
        #expect(try store.registerRecords(RegisterSelection(kind: .application)).map(\.key) == ["2025-0009"])
        #expect(try store.registerChanges(agencyID: nil, limit: 10).count == 1)

        let accepted = try store.saveRegisterRecords(
            [
                RegisterWrite(Self.application(agency, "2025-0001")),
                RegisterWrite(Self.application(other, "2025-0001")),
                RegisterWrite(Self.application(agency, "2025-0009", due: "2025-05-05"), expecting: 1),
            ],
            by: "导入"
        )
        #expect(accepted.map(\.version) == [1, 1, 2])
        #expect(accepted.allSatisfy { $0.id > 0 && $0.changedBy == "导入" })
        #expect(try store.registerRecords(RegisterSelection(kind: .application)).count == 3)
        let log = try store.registerChanges(agencyID: nil, limit: 10)
        #expect(log.count == 4)
        #expect(log.prefix(3).map(\.action) == [.changed, .created, .created])
        // A new record twice in one batch: the second is refused, and so the whole batch.
        #expect(throws: StoreError.registerRecordExists("2025-0002", version: 1)) {
            try store.saveRegisterRecords(
                [
                    RegisterWrite(Self.application(agency, "2025-0002")),
                    RegisterWrite(Self.application(agency, "2025-0002")),
                ],
                by: "导入"
            )
        }
        #expect(try store.registerRecord(agencyID: agency, kind: .application, key: "2025-0002") == nil)
    }

    @Test(
        "applications: numbered by year, steps checked by the 条例, a refused or stale step saves nothing",
        arguments: StoreBackend.all
    )
    func typedApplications(_ backend: StoreBackend) throws {
        let (store, agency, other) = try Self.registerStore(backend)
        let calendar = WorkingCalendar.builtIn
        let today = try Self.day("2025-03-10")
        let first = try store.addApplication(
            try Self.newApplication(received: "2025-03-03"),
            agencyID: agency,
            by: "甲",
            today: today,
            calendar: calendar
        )
        let second = try store.addApplication(
            try Self.newApplication(received: "2025-03-04"),
            agencyID: agency,
            by: "甲",
            today: today,
            calendar: calendar
        )
        let elsewhere = try store.addApplication(
            try Self.newApplication(received: "2025-03-04"),
            agencyID: other,
            by: "乙",
            today: today,
            calendar: calendar
        )
        let lastYear = try store.addApplication(
            try Self.newApplication(received: "2024-12-30"),
            agencyID: agency,
            by: "甲",
            today: today,
            calendar: calendar
        )
        #expect(
            [first, second, elsewhere, lastYear].map(\.value.id) == [
                "2025-0001", "2025-0002", "2025-0001", "2024-0001",
            ]
        )
        #expect(first.record.year == 2025 && first.record.isOpen)
        // The body: keys sorted, dates as days.
        #expect(first.record.body.contains(#""on":"2025-03-03""#), "\(first.record.body)")
        #expect(first.record.body.hasPrefix(#"{"applicant":{"contact""#), "\(first.record.body)")
        let status = try first.value.status(on: today, calendar: calendar)
        #expect(first.record.due == status.due?.description)
        #expect(first.record.state == status.state.chinese)
        #expect(try store.nextKey(agencyID: agency, kind: .application, year: 2025) == "2025-0003")

        // A step the 条例 refuses (a fee paid with no fee notice): its reason, nothing saved.
        #expect(throws: RegisterError.step(.noFeeOwed)) {
            try store.recordStep(
                .feePaid(on: try Self.day("2025-03-05")),
                agencyID: agency,
                key: "2025-0001",
                by: "甲",
                today: today,
                calendar: calendar
            )
        }
        let unchanged = try #require(try store.application(agencyID: agency, key: "2025-0001"))
        #expect(unchanged.record.version == 1 && unchanged.record.body == first.record.body)

        let replied = try store.recordStep(
            .replied(on: try Self.day("2025-03-20"), outcome: .granted),
            agencyID: agency,
            key: "2025-0001",
            by: "乙",
            today: today,
            calendar: calendar
        )
        // A reply dated after today still closes the record: the state is as of its last step.
        #expect(replied.record.version == 2 && !replied.record.isOpen && replied.record.due == nil)
        #expect(replied.record.state.contains("已于2025年3月20日办结"))
        let stillOpen = try store.registerRecords(
            RegisterSelection(agencyIDs: [agency], kind: .application, openOnly: true)
        )
        #expect(Set(stillOpen.map(\.key)) == ["2025-0002", "2024-0001"])

        // A clerk who read version 1 saves over it after the reply: refused, the reply stays.
        let stale = RegisterRecord.application(unchanged.value, agencyID: agency, on: today, calendar: calendar)
        #expect(throws: StoreError.registerConflict("2025-0001", stored: 2, expected: 1)) {
            try store.saveRegisterRecord(stale, expecting: unchanged.record.version, by: "丙")
        }
        #expect(try store.application(agencyID: agency, key: "2025-0001")?.value.reply?.outcome == .granted)

        // The audit log: who, and the record before and after.
        let log = try store.registerChanges(recordID: replied.record.id)
        #expect(log.map(\.by) == ["甲", "乙"])
        #expect(log.map(\.action) == [.created, .changed])
        #expect(log[1].before == first.record.body && log[1].after == replied.record.body)

        // Cases, documents and counts read back whole into the agency's register.
        _ = try store.saveCase(
            try DisclosureCase(
                id: "2025-0001",
                kind: .review,
                applicationID: "2025-0001",
                filed: Self.day("2025-04-01")
            ),
            agencyID: agency,
            expecting: nil,
            by: "甲"
        )
        _ = try store.saveDocument(
            try NormativeDocument(
                id: "甲规〔2025〕1号",
                kind: .normative,
                number: "甲规〔2025〕1号",
                title: "办法",
                issued: Self.day("2025-02-01")
            ),
            agencyID: agency,
            expecting: nil,
            by: "甲"
        )
        _ = try store.saveCounts(
            ProactiveCounts(year: 2025, licensing: 3, feesTenThousandYuan: Decimal(string: "1.25")!),
            agencyID: agency,
            by: "甲"
        )
        let counts = try store.saveCounts(ProactiveCounts(year: 2025, licensing: 4), agencyID: agency, by: "甲")
        #expect(counts.record.version == 2)
        let register = try store.agencyRegister(agencyID: agency, name: "洛阳市西工区司法局")
        #expect(register.applications.count == 3)
        #expect(register.cases.map(\.applicationID) == ["2025-0001"])
        #expect(register.documents.map(\.issued) == [try Self.day("2025-02-01")])
        #expect(register.counts == [ProactiveCounts(year: 2025, licensing: 4)])
    }

    @Test(
        "a calendar year added or changed counts open applications' deadlines again, logged as by the calendar",
        arguments: StoreBackend.all
    )
    func recountsDeadlines(_ backend: StoreBackend) throws {
        let (store, agency, _) = try Self.registerStore(backend)
        let today = try Self.day("2026-12-28")
        let open = try store.addApplication(
            try Self.newApplication(received: "2026-12-28"),
            agencyID: agency,
            by: "甲",
            today: today,
            calendar: try store.workingCalendar()
        )
        // 2027 is not known yet: no due date, and the state says why.
        #expect(open.record.due == nil)
        #expect(open.record.state.contains("日历缺少2027年"), "\(open.record.state)")
        let closed = try store.addApplication(
            try Self.newApplication(received: "2026-12-01"),
            agencyID: agency,
            by: "甲",
            today: today,
            calendar: try store.workingCalendar()
        )
        _ = try store.recordStep(
            .replied(on: try Self.day("2026-12-10"), outcome: .granted),
            agencyID: agency,
            key: closed.value.id,
            by: "甲",
            today: today,
            calendar: try store.workingCalendar()
        )

        let years = try CalendarFile.parse(Self.year2027)
        #expect(try store.storeCalendarYears(years, replace: false).recomputedDeadlines == 1)
        let counted = try #require(try store.application(agencyID: agency, key: open.value.id))
        #expect(counted.record.version == 2 && counted.record.due != nil && counted.record.changedBy == "calendar")
        #expect(counted.record.body == open.record.body)
        // As of 28 December 2026 (calendar add counts as of the machine's day): the 补正 notice is due on the 7th
        // working day, 1 January a holiday.
        _ = try store.recomputeOpenDeadlines(with: store.workingCalendar(), on: today)
        #expect(try store.application(agencyID: agency, key: open.value.id)?.record.due == "2027-01-07")
        #expect(try store.recomputeOpenDeadlines(with: store.workingCalendar(), on: today) == 0)

        // A changed notice makes 4 January a holiday: both deadlines move a working day on.
        var moved = years[0]
        moved.days.append(SpecialDay(date: try Self.day("2027-01-04"), kind: .holiday, name: "测试调整"))
        moved.days.sort { $0.date < $1.date }
        let calendar = WorkingCalendar.builtIn.adding([moved])
        #expect(try store.recomputeOpenDeadlines(with: calendar, on: today) == 1)
        let recounted = try #require(try store.application(agencyID: agency, key: open.value.id))
        #expect(recounted.record.due == "2027-01-08")
        #expect(try recounted.value.status(on: today, calendar: calendar).replyDue == Self.day("2027-01-27"))
        let log = try store.registerChanges(recordID: recounted.record.id)
        #expect(log.first?.by == "甲" && log.count >= 3)
        #expect(log.dropFirst().allSatisfy { $0.by == "calendar" && $0.before == $0.after })
        // The closed application was left alone.
        #expect(try store.application(agencyID: agency, key: closed.value.id)?.record.version == 2)
    }
}
