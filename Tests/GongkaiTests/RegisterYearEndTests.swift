import GongkaiModel
import GongkaiRegister
import Testing

/// December, before next year's holiday notice is in the calendar: the steps of an application are checked by the
/// days up to their own dates, so a clerk can keep working; the deadlines that fall in the unknown year are said to be
/// unknown, never guessed from weekends.
@Suite("register: deadlines running into a year the calendar does not know")
struct RegisterYearEndTests {
    /// The built-in calendar ends with 2026.
    let calendar = WorkingCalendar.builtIn

    func day(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(isoDay: text) else { preconditionFailure("not a date: \(text)") }
        return date
    }

    func application(_ received: String) -> Application {
        Application(
            id: "YSQ-\(received)",
            applicant: Applicant(name: "王某", identification: "110101199001011234", contact: "13800000000"),
            applicantType: .natural,
            request: "某路段拆迁补偿方案",
            channel: .online,
            received: day(received)
        )
    }

    @Test("the calendar this suite relies on ends with 2026")
    func calendarEnds() {
        #expect(calendar.knownYears.last == 2026)
        #expect(throws: MissingCalendarYear(year: 2027)) { try calendar.workingDay(20, after: day("2026-12-21")) }
    }

    @Test("a due list's window ends at the last known day when it runs into the unknown year, and says which")
    func window() throws {
        let within = try calendar.window(3, after: day("2026-12-01"))
        #expect(within.last == day("2026-12-04") && within.unknownYear == nil)
        let past = try calendar.window(5, after: day("2026-12-28"))
        #expect(past.last == day("2026-12-31") && past.unknownYear == 2027)
        // A start in a year the calendar does not know has no window.
        #expect(throws: MissingCalendarYear(year: 2027)) { try calendar.window(5, after: day("2027-01-04")) }
    }

    @Test("received on 21 December: the reply's due date is unknown, the 补正 notice's is known, every step is offered")
    func status() throws {
        let item = application("2026-12-21")
        let status = try item.status(on: day("2026-12-22"), calendar: calendar)
        #expect(status.state == .open)
        #expect(status.replyDue == nil)
        #expect(status.calendarMissing == MissingCalendarYear(year: 2027))
        #expect(status.deadlines == [Deadline(kind: .amendmentNotice, date: day("2026-12-30"))])
        #expect(status.allowedSteps == [.amendmentRequested, .extended, .consultationStarted, .feeNoticed, .replied])
        #expect(!status.isOverdue(on: day("2026-12-31")))
        // With the deadline known the status says nothing is missing.
        #expect(try application("2026-11-02").status(on: day("2026-11-03"), calendar: calendar).calendarMissing == nil)
    }

    @Test("steps dated in December are recorded: 补正, extension, consultation, fee, reply")
    func steps() throws {
        var amended = application("2026-12-28")
        // The 7th working day after 28 December is in 2027; a notice on the 30th is before it whatever 2027 holds.
        try amended.record(.amendmentRequested(on: day("2026-12-30"), respondBy: day("2027-01-15")), calendar: calendar)
        try amended.record(.amendmentReceived(on: day("2026-12-31")), calendar: calendar)
        try amended.record(.replied(on: day("2026-12-31"), outcome: .granted), calendar: calendar)

        var extended = application("2026-12-01")
        try extended.record(
            .extended(days: 20, approver: "李某", approvedOn: day("2026-12-28"), applicantToldOn: day("2026-12-29")),
            calendar: calendar
        )
        #expect(try extended.status(on: day("2026-12-29"), calendar: calendar).replyDue == nil)

        var consulted = application("2026-12-14")
        try consulted.record(.consultationStarted(party: .thirdParty, on: day("2026-12-15")), calendar: calendar)
        let paused = try consulted.status(on: day("2026-12-16"), calendar: calendar)
        #expect(paused.state == .paused(.thirdParty))
        #expect(paused.calendarMissing == MissingCalendarYear(year: 2027))
        try consulted.record(.consultationEnded(on: day("2026-12-24")), calendar: calendar)
        try consulted.record(.replied(on: day("2026-12-30"), outcome: .granted), calendar: calendar)

        var charged = application("2026-12-07")
        try charged.record(
            .feeNoticed(basis: .perPage(pages: 150), amount: 1_700, on: day("2026-12-10")),
            calendar: calendar
        )
        try charged.record(.feePaid(on: day("2026-12-30")), calendar: calendar)
        try charged.record(.replied(on: day("2026-12-31"), outcome: .granted), calendar: calendar)
    }

    @Test("what cannot be told without next year's days is refused with the calendar's reason, not allowed")
    func refused() throws {
        // A 补正 notice dated in 2027 cannot be checked against a deadline in 2027.
        var late = application("2026-12-28")
        #expect(throws: ApplicationStepError.calendar(MissingCalendarYear(year: 2027))) {
            try late.record(
                .amendmentRequested(on: day("2027-01-04"), respondBy: day("2027-01-20")),
                calendar: calendar
            )
        }
        // Whether an unpaid fee has lapsed: its last day is in 2027, so 「逾期未缴费」 in December cannot be right.
        var charged = application("2026-12-07")
        try charged.record(
            .feeNoticed(basis: .perPage(pages: 150), amount: 1_700, on: day("2026-12-10")),
            calendar: calendar
        )
        #expect(throws: ApplicationStepError.calendar(MissingCalendarYear(year: 2027))) {
            try charged.record(.replied(on: day("2026-12-31"), outcome: .unpaidFee), calendar: calendar)
        }
        // A step the fee's wait does not allow is refused too.
        #expect(throws: ApplicationStepError.self) {
            try charged.record(
                .extended(days: 5, approver: "李某", approvedOn: day("2026-12-15"), applicantToldOn: day("2026-12-15")),
                calendar: calendar
            )
        }
        // A 补正 notice late within the known year is still late.
        var early = application("2026-12-01")
        #expect(throws: ApplicationStepError.amendmentNoticeLate(deadline: day("2026-12-10"))) {
            try early.record(
                .amendmentRequested(on: day("2026-12-11"), respondBy: day("2026-12-31")),
                calendar: calendar
            )
        }
    }

    @Test("due soon in the last days of the year lists what the calendar can tell, without failing")
    func dueSoon() throws {
        let applications = [application("2026-11-27"), application("2026-12-21")]
        let soon = try Application.dueSoon(applications, on: day("2026-12-24"), calendar: calendar)
        #expect(soon.map(\.application.id) == ["YSQ-2026-11-27"])
        #expect(soon.first?.status.replyDue == day("2026-12-25"))
        // On 31 December the first is late; the second's due date is in 2027, so it is not.
        let late = try Application.overdue(applications, on: day("2026-12-31"), calendar: calendar)
        #expect(late.map(\.application.id) == ["YSQ-2026-11-27"])
    }
}
