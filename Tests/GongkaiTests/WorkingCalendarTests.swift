import Foundation
import GongkaiModel
import GongkaiRegister
import Testing

/// China's working-day calendar and the statute's deadlines counted in it, on the built-in data.
@Suite("working-day calendar")
struct WorkingCalendarTests {
    let calendar = WorkingCalendar.builtIn
    var deadlines: StatutoryDeadlines { StatutoryDeadlines(calendar: calendar) }

    static func day(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(isoDay: text) else { preconditionFailure("not a date: \(text)") }
        return date
    }

    func day(_ text: String) -> CalendarDate { Self.day(text) }

    func working(_ text: String) throws -> Bool { try calendar.isWorkingDay(day(text)) }

    @Test("the built-in years are 2019 to 2026, each naming its notice")
    func builtInYears() throws {
        #expect(calendar.knownYears == Array(2019...2026))
        #expect(calendar.years[2024]?.notice.hasPrefix("国办发明电〔2023〕7号") == true)
        #expect(calendar.years[2025]?.notice.hasPrefix("国办发明电〔2024〕12号") == true)
        #expect(calendar.years[2020]?.notice.contains("国办发明电〔2020〕1号") == true)
        for year in calendar.years.values {
            #expect(year.days.allSatisfy { $0.date.year == year.year })
            #expect(year.days.filter { $0.kind == .workday }.allSatisfy { $0.date.weekday.isWeekend })
        }
    }

    @Test("the embedded calendar is byte for byte the data file Data/calendar/china-2019-2026.tsv")
    func embeddedCopyIsTheDataFile() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Data/calendar/china-2019-2026.tsv")
        let bytes = try Data(contentsOf: file)
        #expect(Data(WorkingCalendar.builtInText.utf8) == bytes)
        #expect(bytes.count > 5000)
    }

    @Test("weekdays and days of the week from the day number")
    func weekdays() {
        #expect(day("1970-01-01").weekday == .thursday)
        #expect(day("2024-02-18").weekday == .sunday)
        #expect(day("2000-02-29").adding(days: 1) == day("2000-03-01"))
        #expect(day("2023-12-31").adding(days: 1) == day("2024-01-01"))
        #expect(day("2024-03-01").adding(days: -1) == day("2024-02-29"))
        for text in ["1900-03-01", "1969-12-31", "2026-12-31", "2400-02-29"] {
            #expect(CalendarDate(dayNumber: day(text).dayNumber) == day(text))
        }
        #expect(day("2025-10-11").chineseWithWeekday == "2025年10月11日（星期六）")
    }

    @Test("2024 Spring Festival: 10 to 17 February off, Sundays 4 and 18 February worked")
    func springFestival2024() throws {
        #expect(try working("2024-02-04"))
        #expect(try working("2024-02-18"))
        #expect(day("2024-02-04").weekday == .sunday && day("2024-02-18").weekday == .sunday)
        for date in 10...17 { #expect(try !working("2024-02-\(date)")) }
        #expect(try working("2024-02-09"))  // 除夕: a working day, leave encouraged only
        #expect(try !working("2024-02-03"))
        // Counted from the day after 1 February: 2, 4, 5, 6, 7, 8, 9, 18, 19, 20.
        #expect(try calendar.workingDay(10, after: day("2024-02-01")) == day("2024-02-20"))
        #expect(try calendar.workingDays(after: day("2024-02-01"), through: day("2024-02-20")) == 10)
    }

    @Test("National Day 2025: 1 to 8 October off, 28 September and 11 October worked")
    func nationalDay2025() throws {
        for date in 1...8 { #expect(try !working("2025-10-0\(date)")) }
        #expect(try working("2025-09-28"))
        #expect(try working("2025-10-11"))
        #expect(try !working("2025-10-12"))
        #expect(try working("2025-10-09"))
        // A reply due 20 working days after Friday 26 September runs through the whole holiday.
        #expect(try deadlines.replyDeadline(received: day("2025-09-26")) == day("2025-10-30"))
        // A deadline that falls on the make-up Saturday is that Saturday, not moved by hand.
        #expect(try calendar.workingDay(1, after: day("2025-10-10")) == day("2025-10-11"))
    }

    @Test("a deadline running across a 调休 weekend counts the make-up Sunday and skips the holiday")
    func acrossMakeUpWeekend() throws {
        // 2023 Labour Day: Sunday 23 April worked, 29 April to 3 May off, Saturday 6 May worked.
        #expect(try calendar.workingDay(3, after: day("2023-04-21")) == day("2023-04-25"))
        // 27, 28 April; 29 April to 3 May off; 4, 5 May and Saturday 6 May.
        #expect(try calendar.workingDay(5, after: day("2023-04-26")) == day("2023-05-06"))
        #expect(day("2023-05-06").weekday == .saturday)
        // An ordinary weekend is not counted.
        #expect(try calendar.workingDay(1, after: day("2023-03-10")) == day("2023-03-13"))
        // 2020: the Spring Festival extended to 2 February, Saturday 1 February no longer worked.
        #expect(try !working("2020-02-01"))
        #expect(try !working("2020-01-31"))
        #expect(try working("2020-01-19"))
        #expect(try calendar.workingDay(5, after: day("2020-01-23")) == day("2020-02-07"))
        // Count 0 is the start day itself.
        #expect(try calendar.workingDay(0, after: day("2024-02-10")) == day("2024-02-10"))
    }

    @Test("a year boundary: New Year 2026 off, Sunday 4 January worked; a year without data is refused")
    func yearBoundary() throws {
        // 25, 26, 29, 30, 31 December; 1 to 3 January off; Sunday 4 and Monday 5 January.
        #expect(try calendar.workingDay(7, after: day("2025-12-24")) == day("2026-01-05"))
        #expect(try calendar.workingDays(after: day("2025-12-24"), through: day("2026-01-05")) == 7)
        #expect(try working("2026-01-04"))
        #expect(try !working("2026-01-02"))
        // 2022's 31 December is the first day of the 2023 New Year holiday (a Saturday).
        #expect(calendar.specialDay(day("2022-12-31"))?.name == "元旦")

        let error = #expect(throws: MissingCalendarYear.self) {
            try calendar.workingDay(20, after: day("2026-12-20"))
        }
        #expect(error?.year == 2027)
        #expect(error?.description.contains("没有2027年的节假日安排") == true)
        #expect(error?.description.contains("gongkai calendar add") == true)
        #expect(throws: MissingCalendarYear(year: 2018)) { try calendar.isWorkingDay(day("2018-12-31")) }
        // Within the known years up to the last day of 2026 still answers.
        #expect(try calendar.workingDay(1, after: day("2026-12-30")) == day("2026-12-31"))
    }

    @Test("working days in whole years")
    func wholeYears() throws {
        #expect(try calendar.workingDays(after: day("2023-12-31"), through: day("2024-12-31")) == 251)
        #expect(try calendar.workingDays(after: day("2024-12-31"), through: day("2025-12-31")) == 248)
        #expect(try calendar.workingDays(after: day("2025-12-31"), through: day("2026-12-31")) == 248)
        #expect(try calendar.workingDays(after: day("2024-03-05"), through: day("2024-03-01")) == 0)
    }

    @Test("art. 31: the receipt date of each channel")
    func receiptDates() {
        let date = day("2024-05-06")
        #expect(ApplicationChannel.inPerson(handedIn: date).receiptDate == date)
        #expect(ApplicationChannel.post(signedFor: date).receiptDate == date)
        #expect(ApplicationChannel.ordinaryLetter(confirmed: date).receiptDate == date)
        #expect(ApplicationChannel.online(confirmed: day("2024-05-07")).receiptDate == day("2024-05-07"))
        #expect(ApplicationChannel.fax(confirmed: date).receiptDate == date)
        #expect(ApplicationChannel.post(signedFor: date).chinese == "邮寄")
        #expect(ApplicationChannel.ordinaryLetter(confirmed: date).chinese == "平常信函")
    }

    @Test("art. 33: reply in 20 working days, extended by at most 20 more")
    func replyAndExtension() throws {
        let received = day("2024-02-01")
        #expect(try deadlines.replyDeadline(received: received) == day("2024-03-05"))
        #expect(try deadlines.replyDeadline(received: received, extendedBy: 20) == day("2024-04-02"))
        #expect(try deadlines.longestExtendedReplyDeadline(received: received) == day("2024-04-02"))
        #expect(try deadlines.replyDeadline(received: received, extendedBy: 5) == day("2024-03-12"))
        let error = #expect(throws: ExtensionTooLong.self) {
            try deadlines.replyDeadline(received: received, extendedBy: 21)
        }
        #expect(error?.description.contains("最长不得超过20个工作日") == true)
        #expect(throws: ExtensionTooLong.self) { try deadlines.replyDeadline(received: received, extendedBy: -1) }
    }

    @Test("art. 30: the 补正 notice within 7 working days; the reply clock restarts when the amended request arrives")
    func amendment() throws {
        #expect(try deadlines.amendmentNoticeDeadline(received: day("2024-02-01")) == day("2024-02-09"))
        #expect(try deadlines.replyDeadline(afterAmendmentReceived: day("2024-02-19")) == day("2024-03-18"))
        #expect(try deadlines.replyDeadline(received: day("2024-02-19")) == day("2024-03-18"))
    }

    @Test("arts. 32, 34: 15 working days for views; the consultation's working days are not counted in the reply")
    func consultation() throws {
        #expect(try deadlines.consultationDeadline(requestReceived: day("2025-09-26")) == day("2025-10-23"))
        let received = day("2024-03-01")
        #expect(try deadlines.replyDeadline(received: received) == day("2024-03-29"))
        // Views asked on 8 March, answered on 15 March: the five working days 11 to 15 March stand still, and the
        // reply moves past the Qingming holiday onto the make-up Sunday 7 April and on to Monday 8 April.
        let pause = ConsultationPause(sent: day("2024-03-08"), answered: day("2024-03-15"))
        #expect(try deadlines.replyDeadline(received: received, consultations: [pause]) == day("2024-04-08"))
        // Asked and answered on one day: nothing stands still.
        let sameDay = ConsultationPause(sent: day("2024-03-08"), answered: day("2024-03-08"))
        #expect(try deadlines.replyDeadline(received: received, consultations: [sameDay]) == day("2024-03-29"))
    }

    @Test("国办函〔2020〕109号: the fee is due 20 working days after the fee notice")
    func feePayment() throws {
        // Mid-Autumn (14 September worked) and National Day (29 September and 12 October worked) 2024 in between.
        #expect(try deadlines.feePaymentDeadline(noticeReceived: day("2024-09-10")) == day("2024-10-14"))
    }
}
