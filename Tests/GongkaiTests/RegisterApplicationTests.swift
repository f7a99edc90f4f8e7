import GongkaiModel
import GongkaiRegister
import Testing

/// Each path of an application against the 条例 and 国办函〔2020〕109号, with real dates on the built-in calendar.
@Suite("register: applications")
struct RegisterApplicationTests {
    let calendar = WorkingCalendar.builtIn

    static func day(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(isoDay: text) else { preconditionFailure("not a date: \(text)") }
        return date
    }

    func day(_ text: String) -> CalendarDate { Self.day(text) }

    func application(_ received: String, channel: ReceiptChannel = .online) -> Application {
        Application(
            id: "YSQ-\(received)",
            applicant: Applicant(name: "王某", identification: "110101199001011234", contact: "13800000000"),
            applicantType: .natural,
            request: "某路段拆迁补偿方案",
            channel: channel,
            received: day(received)
        )
    }

    func expectError(_ expected: ApplicationStepError, _ body: () throws(ApplicationStepError) -> Void) {
        do {
            try body()
            Issue.record("expected \(expected)")
        } catch {
            #expect(error == expected)
            #expect(!error.description.isEmpty && error.description.unicodeScalars.contains { $0.value > 0x4E00 })
        }
    }

    @Test("the receipt date follows the channel (条例第三十一条)")
    func receiptByChannel() {
        let post = application("2025-03-04", channel: .post)
        #expect(post.channel == .post(signedFor: day("2025-03-04")))
        #expect(post.channel.receiptDate == day("2025-03-04"))
        #expect(application("2025-03-04", channel: .ordinaryLetter).channel.chinese == "平常信函")
        #expect(ReceiptChannel.online.receiptRule == "双方确认之日")
        #expect(ReceiptChannel.allCases.map(\.chinese) == ["当面提交", "邮寄", "平常信函", "互联网", "传真"])
    }

    @Test("a plain application: due 20 working days after receipt, across National Day 2025")
    func plainReply() throws {
        var item = application("2025-09-26")
        let status = try item.status(on: day("2025-09-26"), calendar: calendar)
        #expect(status.state == .open)
        #expect(status.replyDue == day("2025-10-30"))
        #expect(status.deadlines.map(\.kind) == [.amendmentNotice, .reply])
        #expect(status.allowedSteps == [.amendmentRequested, .extended, .consultationStarted, .feeNoticed, .replied])
        #expect(!status.allowedOutcomes.contains(.noAmendment) && !status.allowedOutcomes.contains(.unpaidFee))
        #expect(!status.allowedOutcomes.contains(.unableUnclear))
        try item.record(.replied(on: day("2025-10-30"), outcome: .granted), calendar: calendar)
        let closed = try item.status(on: day("2025-12-31"), calendar: calendar)
        #expect(closed.state == .closed(.granted, on: day("2025-10-30")))
        #expect(closed.allowedSteps.isEmpty && closed.replyDue == nil)
        expectError(.closed(.granted, on: day("2025-10-30"))) { () throws(ApplicationStepError) in
            try item.record(.consultationStarted(party: .thirdParty, on: day("2025-11-03")), calendar: calendar)
        }
    }

    @Test("a reply or any step before receipt is refused; steps go in date order")
    func beforeReceipt() throws {
        var item = application("2025-03-10")
        expectError(.beforeReceipt(.replied, received: day("2025-03-10"))) { () throws(ApplicationStepError) in
            try item.record(.replied(on: day("2025-03-07"), outcome: .granted), calendar: calendar)
        }
        try item.record(.consultationStarted(party: .otherAgency, on: day("2025-03-12")), calendar: calendar)
        expectError(.outOfOrder(.consultationEnded, lastStep: day("2025-03-12"))) { () throws(ApplicationStepError) in
            try item.record(.consultationEnded(on: day("2025-03-11")), calendar: calendar)
        }
        expectError(.secondReceipt) { () throws(ApplicationStepError) in
            try item.record(.received(channel: .fax, on: day("2025-03-13")), calendar: calendar)
        }
        // The same day as receipt is an answer on the spot.
        var spot = application("2025-03-10", channel: .inPerson)
        try spot.record(.replied(on: day("2025-03-10"), outcome: .granted), calendar: calendar)
    }

    @Test("补正 across National Day 2025: the notice within 7 working days, the period restarting on the amended request")
    func amendmentAcrossNationalDay() throws {
        // Received Tuesday 30 September; 1–8 October off, Saturday 11 October worked: 9, 10, 11, 13, 14, 15, 16.
        var late = application("2025-09-30")
        expectError(.amendmentNoticeLate(deadline: day("2025-10-16"))) { () throws(ApplicationStepError) in
            try late.record(
                .amendmentRequested(on: day("2025-10-17"), respondBy: day("2025-10-31")),
                calendar: calendar
            )
        }
        var item = application("2025-09-30")
        #expect(try item.status(on: day("2025-10-09"), calendar: calendar).deadlines.first?.date == day("2025-10-16"))
        try item.record(.amendmentRequested(on: day("2025-10-16"), respondBy: day("2025-10-24")), calendar: calendar)
        expectError(.secondAmendmentNotice) { () throws(ApplicationStepError) in
            try item.record(
                .amendmentRequested(on: day("2025-10-16"), respondBy: day("2025-10-30")),
                calendar: calendar
            )
        }
        let waiting = try item.status(on: day("2025-10-20"), calendar: calendar)
        #expect(waiting.state == .awaitingAmendment(respondBy: day("2025-10-24")))
        #expect(waiting.replyDue == nil)
        #expect(waiting.due == day("2025-10-24"))
        #expect(waiting.allowedSteps == [.amendmentReceived])
        expectError(.awaitingAmendment(respondBy: day("2025-10-24"))) { () throws(ApplicationStepError) in
            try item.record(
                .extended(days: 5, approver: "李主任", approvedOn: day("2025-10-20"), applicantToldOn: day("2025-10-20")),
                calendar: calendar
            )
        }
        expectError(.amendmentNotLapsed(respondBy: day("2025-10-24"))) { () throws(ApplicationStepError) in
            try item.record(.replied(on: day("2025-10-24"), outcome: .noAmendment), calendar: calendar)
        }
        // Amended request on Monday 20 October: 20 working days from then is Monday 17 November.
        try item.record(.amendmentReceived(on: day("2025-10-20")), calendar: calendar)
        let running = try item.status(on: day("2025-10-20"), calendar: calendar)
        #expect(running.replyDue == day("2025-11-17"))
        #expect(running.allowedOutcomes.contains(.unableUnclear))
        #expect(!running.isOverdue(on: day("2025-11-17")) && running.isOverdue(on: day("2025-11-18")))
        try item.record(.replied(on: day("2025-11-17"), outcome: .unableUnclear), calendar: calendar)
    }

    @Test("逾期不补正: closed as （六）1 only after the 补正 period, and only then")
    func noAmendment() throws {
        var item = application("2025-05-06")
        expectError(
            .outcomeNotApplicable(.noAmendment, reason: "该申请没有未补正的补正通知")
        ) { () throws(ApplicationStepError) in
            try item.record(.replied(on: day("2025-05-07"), outcome: .noAmendment), calendar: calendar)
        }
        try item.record(.amendmentRequested(on: day("2025-05-08"), respondBy: day("2025-05-22")), calendar: calendar)
        let lapsed = try item.status(on: day("2025-05-23"), calendar: calendar)
        #expect(lapsed.allowedSteps == [.amendmentReceived, .replied])
        #expect(lapsed.allowedOutcomes == [.noAmendment])
        try item.record(.replied(on: day("2025-05-23"), outcome: .noAmendment), calendar: calendar)
        var unclear = application("2025-05-06")
        expectError(
            .outcomeNotApplicable(.unableUnclear, reason: "申请人没有补正过，这一项只用于补正后内容仍不明确的申请")
        ) { () throws(ApplicationStepError) in
            try unclear.record(.replied(on: day("2025-05-07"), outcome: .unableUnclear), calendar: calendar)
        }
    }

    @Test("an extension across the 调休 Saturday of 11 October 2025: once, at most 20 working days, with its approver")
    func extensionAcrossMakeUpSaturday() throws {
        // Received Friday 12 September: Sunday 28 September and Saturday 11 October are counted, due 16 October.
        var item = application("2025-09-12")
        #expect(try item.status(on: day("2025-09-12"), calendar: calendar).replyDue == day("2025-10-16"))
        let told = day("2025-10-15")
        expectError(.extensionTooLong(days: 21)) { () throws(ApplicationStepError) in
            try item.record(
                .extended(days: 21, approver: "李主任", approvedOn: day("2025-10-15"), applicantToldOn: told),
                calendar: calendar
            )
        }
        #expect(ApplicationStepError.extensionTooLong(days: 21).description.contains("最长不得超过20个工作日"))
        expectError(.extensionEmpty) { () throws(ApplicationStepError) in
            try item.record(
                .extended(days: 0, approver: "李主任", approvedOn: day("2025-10-15"), applicantToldOn: told),
                calendar: calendar
            )
        }
        expectError(.extensionWithoutApprover) { () throws(ApplicationStepError) in
            try item.record(
                .extended(days: 20, approver: " ", approvedOn: day("2025-10-15"), applicantToldOn: told),
                calendar: calendar
            )
        }
        expectError(.extensionAfterDeadline(due: day("2025-10-16"))) { () throws(ApplicationStepError) in
            try item.record(
                .extended(days: 20, approver: "李主任", approvedOn: day("2025-10-17"), applicantToldOn: day("2025-10-17")),
                calendar: calendar
            )
        }
        expectError(
            .applicantToldOutsidePeriod(approvedOn: day("2025-10-15"), due: day("2025-10-16"))
        ) { () throws(ApplicationStepError) in
            try item.record(
                .extended(days: 20, approver: "李主任", approvedOn: day("2025-10-15"), applicantToldOn: day("2025-10-17")),
                calendar: calendar
            )
        }
        try item.record(
            .extended(days: 20, approver: "李主任", approvedOn: day("2025-10-15"), applicantToldOn: day("2025-10-16")),
            calendar: calendar
        )
        // 20 more working days from 16 October: 17, 20–24, 27–31, 3–7 and 10–13 November.
        let extended = try item.status(on: day("2025-10-20"), calendar: calendar)
        #expect(extended.replyDue == day("2025-11-13"))
        #expect(!extended.allowedSteps.contains(.extended))
        expectError(.secondExtension) { () throws(ApplicationStepError) in
            try item.record(
                .extended(days: 1, approver: "李主任", approvedOn: day("2025-10-20"), applicantToldOn: day("2025-10-20")),
                calendar: calendar
            )
        }
    }

    @Test("a consultation pauses the reply period and it resumes when the views come back")
    func pauseAndResume() throws {
        // Received Monday 3 March 2025: due 31 March without a pause.
        var item = application("2025-03-03")
        #expect(try item.status(on: day("2025-03-03"), calendar: calendar).replyDue == day("2025-03-31"))
        try item.record(.consultationStarted(party: .thirdParty, on: day("2025-03-10")), calendar: calendar)
        let paused = try item.status(on: day("2025-03-12"), calendar: calendar)
        #expect(paused.state == .paused(.thirdParty))
        // The third party's 15 working days run to 31 March; until they answer the reply is due at the latest on
        // 22 April (11–31 March not counted, 清明 4 April off).
        #expect(paused.deadlines.contains(Deadline(kind: .consultation, date: day("2025-03-31"))))
        #expect(paused.replyDue == day("2025-04-22"))
        #expect(paused.allowedSteps.contains(.consultationEnded) && !paused.allowedSteps.contains(.consultationStarted))
        expectError(.consultationRunning) { () throws(ApplicationStepError) in
            try item.record(.consultationStarted(party: .otherAgency, on: day("2025-03-12")), calendar: calendar)
        }
        // Views back Monday 17 March: 11–17 March (five working days) are not counted, due 8 April.
        try item.record(.consultationEnded(on: day("2025-03-17")), calendar: calendar)
        let resumed = try item.status(on: day("2025-03-18"), calendar: calendar)
        #expect(resumed.state == .open)
        #expect(resumed.replyDue == day("2025-04-08"))
        expectError(.noConsultation) { () throws(ApplicationStepError) in
            try item.record(.consultationEnded(on: day("2025-03-18")), calendar: calendar)
        }
        try item.record(.replied(on: day("2025-04-08"), outcome: .deniedThirdParty), calendar: calendar)
    }

    @Test("a fee notice: paid, the unpaid days not counted; unpaid, closed as （六）2 after 20 working days")
    func feePaths() throws {
        var paid = application("2025-06-03")
        #expect(try paid.status(on: day("2025-06-03"), calendar: calendar).replyDue == day("2025-07-01"))
        expectError(
            .feeAmountWrong(.perPage(pages: 150), expected: 1_700, given: 1_500)
        ) { () throws(ApplicationStepError) in
            try paid.record(
                .feeNoticed(basis: .perPage(pages: 150), amount: 1_500, on: day("2025-06-10")),
                calendar: calendar
            )
        }
        expectError(.feeNotDue(.perPage(pages: 30))) { () throws(ApplicationStepError) in
            try paid.record(
                .feeNoticed(basis: .perPage(pages: 30), amount: 0, on: day("2025-06-10")),
                calendar: calendar
            )
        }
        try paid.record(
            .feeNoticed(basis: .perPage(pages: 150), amount: 1_700, on: day("2025-06-10")),
            calendar: calendar
        )
        expectError(.bothFeeBases(existing: "按量")) { () throws(ApplicationStepError) in
            try paid.record(
                .feeNoticed(basis: .perApplication(ordinal: 45), amount: 300, on: day("2025-06-11")),
                calendar: calendar
            )
        }
        expectError(.secondFeeNotice) { () throws(ApplicationStepError) in
            try paid.record(
                .feeNoticed(basis: .perPage(pages: 40), amount: 100, on: day("2025-06-11")),
                calendar: calendar
            )
        }
        let waiting = try paid.status(on: day("2025-06-11"), calendar: calendar)
        #expect(waiting.state == .awaitingFee(payBy: day("2025-07-08")))
        #expect(waiting.allowedSteps == [.feePaid])
        expectError(.awaitingFee(payBy: day("2025-07-08"))) { () throws(ApplicationStepError) in
            try paid.record(.replied(on: day("2025-06-12"), outcome: .granted), calendar: calendar)
        }
        try paid.record(.feePaid(on: day("2025-06-20")), calendar: calendar)
        // 11–20 June not counted: due 11 July instead of 1 July.
        #expect(try paid.status(on: day("2025-06-20"), calendar: calendar).replyDue == day("2025-07-11"))

        var unpaid = application("2025-06-03")
        try unpaid.record(
            .feeNoticed(basis: .perApplication(ordinal: 31), amount: 200, on: day("2025-06-10")),
            calendar: calendar
        )
        expectError(.feeNotLapsed(payBy: day("2025-07-08"))) { () throws(ApplicationStepError) in
            try unpaid.record(.replied(on: day("2025-07-08"), outcome: .unpaidFee), calendar: calendar)
        }
        expectError(.feePaidLate(payBy: day("2025-07-08"))) { () throws(ApplicationStepError) in
            try unpaid.record(.feePaid(on: day("2025-07-09")), calendar: calendar)
        }
        #expect(try unpaid.status(on: day("2025-07-09"), calendar: calendar).allowedOutcomes == [.unpaidFee])
        try unpaid.record(.replied(on: day("2025-07-09"), outcome: .unpaidFee), calendar: calendar)
    }

    @Test("a stored application replays its steps and refuses a wrong one")
    func storedReplay() throws {
        let events: [ApplicationEvent] = [
            .received(channel: .post, on: day("2025-04-01")),
            .consultationStarted(party: .otherAgency, on: day("2025-04-02")),
            .consultationEnded(on: day("2025-04-10")),
            .replied(on: day("2025-04-20"), outcome: .partial),
        ]
        let applicant = Applicant(name: "某公司")
        let stored = try Application(
            id: "A1",
            applicant: applicant,
            applicantType: .commercial,
            request: "x",
            events: events,
            calendar: calendar
        )
        #expect(stored.events == events)
        #expect(stored.reply?.outcome == .partial)
        do {
            _ = try Application(
                id: "A2",
                applicant: applicant,
                applicantType: .commercial,
                request: "x",
                events: Array(events.dropFirst()),
                calendar: calendar
            )
            Issue.record("accepted events without a receipt")
        } catch {
            #expect(error == .notReceivedFirst)
        }
    }

    @Test("overdue and due-soon lists")
    func lists() throws {
        let early = application("2025-03-03")  // due 31 March
        var answered = application("2025-03-03")
        try answered.record(.replied(on: day("2025-03-20"), outcome: .granted), calendar: calendar)
        let later = application("2025-03-10")  // due 8 April (4 April is 清明)
        let all = [later, answered, early]
        let overdue = try Application.overdue(all, on: day("2025-04-01"), calendar: calendar)
        #expect(overdue.map(\.application.id) == ["YSQ-2025-03-03"])
        #expect(overdue.first?.status.replyDue == day("2025-03-31"))
        let soon = try Application.dueSoon(all, on: day("2025-03-26"), withinWorkingDays: 3, calendar: calendar)
        #expect(soon.map(\.status.replyDue) == [day("2025-03-31")])
        let both = try Application.dueSoon(all, on: day("2025-03-26"), withinWorkingDays: 10, calendar: calendar)
        #expect(both.map(\.application.id) == ["YSQ-2025-03-03", "YSQ-2025-03-10"])
    }
}
