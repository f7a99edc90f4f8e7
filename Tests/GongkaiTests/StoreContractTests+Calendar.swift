import Foundation
import GongkaiModel
import GongkaiRegister
import GongkaiStore
import Testing

/// Calendar years added to the corpus (`gongkai calendar add`), on every backend.
extension StoreContractTests {
    static let year2027 = """
        # 2027年（示例数据，仅供测试）
        year\t2027\t国办发明电〔2026〕99号《测试用通知》
        2027-01-01\tholiday\t元旦
        2027-02-05\tholiday\t春节
        2027-02-06\tholiday\t春节
        2027-02-07\tworkday\t春节
        2027-02-08\tholiday\t春节

        """

    @Test(
        "added years are stored whole, read back and put on top of the built-in calendar",
        arguments: StoreBackend.all
    )
    func storesCalendarYears(_ backend: StoreBackend) throws {
        let store = try backend.make()
        #expect(try store.storedCalendarYears().isEmpty)
        #expect(try store.workingCalendar() == WorkingCalendar.builtIn)

        let years = try CalendarFile.parse(Self.year2027)
        let update = try store.storeCalendarYears(years, replace: false)
        #expect(update == CalendarUpdate(added: [2027], replaced: [], recomputedDeadlines: 0))
        #expect(try store.storedCalendarYears() == years)
        let calendar = try store.workingCalendar()
        #expect(calendar.knownYears == Array(2019...2027))
        let sunday = try #require(CalendarDate(year: 2027, month: 2, day: 7))
        #expect(try calendar.isWorkingDay(sunday))
        #expect(try !calendar.isWorkingDay(try #require(CalendarDate(year: 2027, month: 2, day: 8))))
        // A reply due across the year boundary now answers.
        let received = try #require(CalendarDate(year: 2026, month: 12, day: 28))
        #expect(try calendar.workingDay(4, after: received) == CalendarDate(year: 2027, month: 1, day: 4))

        // The same year again is refused and changes nothing.
        #expect(throws: StoreError.calendarYearStored(2027)) { try store.storeCalendarYears(years, replace: false) }
        #expect(try store.storedCalendarYears() == years)

        // With --replace the year's days are the new ones only.
        var changed = years[0]
        changed.notice = "国办发明电〔2026〕100号《调整通知》"
        changed.days = Array(changed.days.prefix(2))
        let replaced = try store.storeCalendarYears([changed], replace: true)
        #expect(replaced == CalendarUpdate(added: [], replaced: [2027], recomputedDeadlines: 0))
        #expect(try store.storedCalendarYears() == [changed])
        #expect(try store.workingCalendar().isWorkingDay(sunday) == false)
    }

    @Test(
        "a built-in year is refused unless replaced; several years are stored all or none",
        arguments: StoreBackend.all
    )
    func refusesBuiltInYears(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let year2026 = CalendarYear(
            year: 2026,
            notice: "测试用通知",
            days: [
                SpecialDay(date: try #require(CalendarDate(year: 2026, month: 1, day: 1)), kind: .holiday, name: "元旦")
            ]
        )
        let both = try CalendarFile.parse(Self.year2027) + [year2026]
        #expect(throws: StoreError.calendarYearBuiltIn(2026)) { try store.storeCalendarYears(both, replace: false) }
        #expect(try store.storedCalendarYears().isEmpty)
        #expect(StoreError.calendarYearBuiltIn(2026).description.contains("--replace"))

        let update = try store.storeCalendarYears(both, replace: true)
        #expect(update.added == [2027] && update.replaced == [2026])
        let calendar = try store.workingCalendar()
        // 2026's own make-up Sunday, 4 January, is gone with the replaced year.
        #expect(try !calendar.isWorkingDay(try #require(CalendarDate(year: 2026, month: 1, day: 4))))
        #expect(calendar.years[2026]?.notice == "测试用通知")
        #expect(calendar.years[2025] == WorkingCalendar.builtIn.years[2025])
    }
}
