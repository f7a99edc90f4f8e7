import GongkaiModel

/// An application's steps folded into what they add up to: the receipt, the 补正, the extension, the pauses, the fee,
/// the reply. Checks a further step against them (the statute's rules) and works out the deadlines.
struct Timeline {
    var received: CalendarDate
    var lastDate: CalendarDate
    /// Steps after the receipt.
    var stepCount = 0
    var amendmentNotice: (on: CalendarDate, respondBy: CalendarDate)?
    var amendmentArrived: CalendarDate?
    var extensionDays = 0
    var consultations: [(party: ConsultedParty, start: CalendarDate, end: CalendarDate?)] = []
    var fee: (basis: FeeBasis, amount: Int, on: CalendarDate)?
    var feePaid: CalendarDate?
    var reply: (on: CalendarDate, outcome: ReplyOutcome)?

    /// The steps up to and including `through` (all when nil); the receipt comes first.
    init(_ events: [ApplicationEvent], through: CalendarDate? = nil) {
        received = events[0].date
        lastDate = received
        for event in events.dropFirst() {
            if let through, event.date > through { break }
            stepCount += 1
            lastDate = event.date
            switch event {
            case .received: break
            case .amendmentRequested(let on, let respondBy): amendmentNotice = (on, respondBy)
            case .amendmentReceived(let on): amendmentArrived = on
            case .extended(let days, _, _, _): extensionDays = days
            case .consultationStarted(let party, let on): consultations.append((party, on, nil))
            case .consultationEnded(let on): consultations[consultations.count - 1].end = on
            case .feeNoticed(let basis, let amount, let on): fee = (basis, amount, on)
            case .feePaid(let on): feePaid = on
            case .replied(let on, let outcome): reply = (on, outcome)
            }
        }
    }

    var awaitingAmendment: Bool { amendmentNotice != nil && amendmentArrived == nil }
    var openConsultation: (party: ConsultedParty, start: CalendarDate)? {
        guard let last = consultations.last, last.end == nil else { return nil }
        return (last.party, last.start)
    }
    var awaitingFee: Bool { fee != nil && feePaid == nil }

    /// The day the reply period counts from: the receipt, or the amended request's arrival (条例第三十条).
    var clockStart: CalendarDate { amendmentArrived ?? received }

    /// The last day to pay the fee, if a fee notice went out.
    func feeDeadline(_ deadlines: StatutoryDeadlines) throws(MissingCalendarYear) -> CalendarDate? {
        guard let fee else { return nil }
        return try deadlines.feePaymentDeadline(noticeReceived: fee.on)
    }

    /// The stretches the reply period stands still: each consultation (to its end, or while it runs to the 15th working
    /// day the views are due) and the fee (to its payment, or while unpaid to the last day to pay).
    func pauses(_ deadlines: StatutoryDeadlines) throws(MissingCalendarYear) -> [DateSpan] {
        var spans: [DateSpan] = []
        for consultation in consultations {
            var end = consultation.end
            if end == nil {
                end = Self.orUnknownYear(try deadlines.consultationDeadline(requestReceived: consultation.start))
            }
            if let end, let span = ConsultationPause(sent: consultation.start, answered: end).span {
                spans.append(span)
            }
        }
        var feeEnd = feePaid
        if feeEnd == nil { feeEnd = Self.orUnknownYear(try feeDeadline(deadlines)) }
        if let fee, let feeEnd, feeEnd > fee.on {
            spans.append(DateSpan(first: fee.on.adding(days: 1), last: feeEnd))
        }
        return spans
    }

    /// A pause's end, or — when it falls in a year the calendar does not know yet — a day past every year it knows: a
    /// period counted into the pause then reaches that year too, and says so, while one that ends before the pause
    /// begins is not held up by it.
    private static func orUnknownYear(
        _ end: @autoclosure () throws(MissingCalendarYear) -> CalendarDate?
    ) -> CalendarDate? {
        do {
            return try end()
        } catch {
            return CalendarDate(dayNumber: 2_932_896)  // 9999-12-31
        }
    }

    /// A deadline that a step dated `date` is checked against: the date `compute` works out, or nil when it falls in
    /// a year after the step's that the calendar does not know yet — the step is then before it, which is all the
    /// check needs. A step can be recorded in December while the year after has no holiday data.
    static func deadline(
        checking date: CalendarDate,
        _ compute: () throws(MissingCalendarYear) -> CalendarDate?
    ) throws(MissingCalendarYear) -> CalendarDate? {
        do {
            return try compute()
        } catch {
            if error.year > date.year { return nil }
            throw error
        }
    }

    /// The reply's due date: 20 working days from ``clockStart``, plus the extension, the pauses not counted. Nil while
    /// the applicant has yet to send the 补正 (the period starts only when it arrives).
    func replyDeadline(
        _ deadlines: StatutoryDeadlines,
        extended: Bool = true
    ) throws(MissingCalendarYear)
        -> CalendarDate?
    {
        guard !awaitingAmendment else { return nil }
        return try deadlines.calendar.workingDay(
            StatutoryDeadlines.replyDays + (extended ? extensionDays : 0),
            after: clockStart,
            excluding: pauses(deadlines)
        )
    }

    /// Refuses a step the statute does not allow after these.
    func check(_ event: ApplicationEvent, deadlines: StatutoryDeadlines) throws(ApplicationStepError) {
        do {
            try checkThrowingCalendar(event, deadlines: deadlines)
        } catch let error as ApplicationStepError {
            throw error
        } catch let error as MissingCalendarYear {
            throw .calendar(error)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    private func checkThrowingCalendar(_ event: ApplicationEvent, deadlines: StatutoryDeadlines) throws {
        let step = event.step
        if let reply { throw ApplicationStepError.closed(reply.outcome, on: reply.on) }
        guard event.date >= received else { throw ApplicationStepError.beforeReceipt(step, received: received) }
        guard event.date >= lastDate else { throw ApplicationStepError.outOfOrder(step, lastStep: lastDate) }
        if awaitingAmendment, let notice = amendmentNotice {
            switch event {
            case .amendmentRequested, .amendmentReceived, .replied(_, .noAmendment): break
            default: throw ApplicationStepError.awaitingAmendment(respondBy: notice.respondBy)
            }
        }
        // The last day to pay; nil when it falls in a year after the step's that the calendar does not know, and then
        // the step is before it.
        let payBy = try Self.deadline(checking: event.date) { () throws(MissingCalendarYear) in
            try feeDeadline(deadlines)
        }
        if awaitingFee {
            switch event {
            case .feeNoticed, .feePaid, .replied(_, .unpaidFee), .consultationEnded: break
            default:
                guard let payBy else {
                    _ = try feeDeadline(deadlines)
                    break
                }
                throw ApplicationStepError.awaitingFee(payBy: payBy)
            }
        }
        switch event {
        case .received:
            throw ApplicationStepError.secondReceipt
        case .amendmentRequested(let on, let respondBy):
            guard amendmentNotice == nil else { throw ApplicationStepError.secondAmendmentNotice }
            guard stepCount == 0 else { throw ApplicationStepError.amendmentAfterOtherSteps }
            if let latest = try Self.deadline(
                checking: on,
                { () throws(MissingCalendarYear) in
                    try deadlines.amendmentNoticeDeadline(received: received)
                }
            ) {
                guard on <= latest else { throw ApplicationStepError.amendmentNoticeLate(deadline: latest) }
            }
            guard respondBy > on else { throw ApplicationStepError.amendmentPeriodEmpty }
        case .amendmentReceived:
            guard awaitingAmendment else { throw ApplicationStepError.noAmendmentRequested }
        case .extended(let days, let approver, let approvedOn, let toldOn):
            guard extensionDays == 0 else { throw ApplicationStepError.secondExtension }
            guard days >= 1 else { throw ApplicationStepError.extensionEmpty }
            guard days <= StatutoryDeadlines.maximumExtensionDays else {
                throw ApplicationStepError.extensionTooLong(days: days)
            }
            guard !approver.allSatisfy(\.isWhitespace) else { throw ApplicationStepError.extensionWithoutApprover }
            if let due = try Self.deadline(
                checking: max(approvedOn, toldOn),
                { () throws(MissingCalendarYear) in
                    try replyDeadline(deadlines, extended: false)
                }
            ) {
                guard approvedOn <= due else { throw ApplicationStepError.extensionAfterDeadline(due: due) }
                guard toldOn >= approvedOn, toldOn <= due else {
                    throw ApplicationStepError.applicantToldOutsidePeriod(approvedOn: approvedOn, due: due)
                }
            }
        case .consultationStarted:
            guard openConsultation == nil else { throw ApplicationStepError.consultationRunning }
        case .consultationEnded:
            guard openConsultation != nil else { throw ApplicationStepError.noConsultation }
        case .feeNoticed(let basis, let amount, let on):
            if let fee {
                if fee.basis.chinese != basis.chinese {
                    throw ApplicationStepError.bothFeeBases(existing: fee.basis.chinese)
                }
                throw ApplicationStepError.secondFeeNotice
            }
            switch basis {
            case .perApplication(let ordinal) where ordinal < 1, .perPage(let ordinal) where ordinal < 1:
                throw ApplicationStepError.feeQuantityInvalid
            default: break
            }
            guard basis.amount > 0 else { throw ApplicationStepError.feeNotDue(basis) }
            guard amount == basis.amount else {
                throw ApplicationStepError.feeAmountWrong(basis, expected: basis.amount, given: amount)
            }
            if let due = try Self.deadline(
                checking: on,
                { () throws(MissingCalendarYear) in try replyDeadline(deadlines) }
            ),
                on > due
            {
                throw ApplicationStepError.feeNoticeAfterDeadline(due: due)
            }
        case .feePaid(let on):
            guard awaitingFee else { throw ApplicationStepError.noFeeOwed }
            if let payBy, on > payBy { throw ApplicationStepError.feePaidLate(payBy: payBy) }
        case .replied(let on, let outcome):
            if outcome == .unpaidFee, awaitingFee, payBy == nil {
                // Not lapsed: the last day to pay is in a year after the reply's. Said with the calendar's reason.
                _ = try feeDeadline(deadlines)
            }
            try checkReply(on: on, outcome: outcome, payBy: payBy)
        }
    }

    private func checkReply(on: CalendarDate, outcome: ReplyOutcome, payBy: CalendarDate?) throws(ApplicationStepError)
    {
        switch outcome {
        case .noAmendment:
            guard awaitingAmendment, let notice = amendmentNotice else {
                throw .outcomeNotApplicable(outcome, reason: "该申请没有未补正的补正通知")
            }
            guard on > notice.respondBy else { throw .amendmentNotLapsed(respondBy: notice.respondBy) }
        case .unpaidFee:
            guard awaitingFee, let payBy else { throw .outcomeNotApplicable(outcome, reason: "该申请没有未缴的收费通知") }
            guard on > payBy else { throw .feeNotLapsed(payBy: payBy) }
        case .unableUnclear:
            guard amendmentArrived != nil else {
                throw .outcomeNotApplicable(outcome, reason: "申请人没有补正过，这一项只用于补正后内容仍不明确的申请")
            }
        default:
            break
        }
    }
}
