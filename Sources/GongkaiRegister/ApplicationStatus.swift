public import GongkaiModel

/// Where an application stands.
public enum ApplicationState: Sendable, Hashable {
    /// Being handled; the reply period runs.
    case open
    /// Views asked of a third party or another agency: the reply period stands still.
    case paused(ConsultedParty)
    /// A 补正 notice went out; the reply period starts again when the amended request arrives.
    case awaitingAmendment(respondBy: CalendarDate)
    /// A fee notice went out and the fee is unpaid; the reply period stands still.
    case awaitingFee(payBy: CalendarDate)
    /// Replied; counted in 表三 under the outcome's row in the year of the reply.
    case closed(ReplyOutcome, on: CalendarDate)

    /// Whether the application is still being handled (carried into next year if so at the year's end).
    public var isOpen: Bool {
        if case .closed = self { return false }
        return true
    }

    /// The state as a clerk reads it.
    public var chinese: String {
        switch self {
        case .open: "办理中"
        case .paused(let party): "征求\(party.chinese)意见中（答复期限中止计算）"
        case .awaitingAmendment(let respondBy): "等待申请人补正（补正期限至\(respondBy.chinese)）"
        case .awaitingFee(let payBy): "等待申请人缴费（缴费期限至\(payBy.chinese)）"
        case .closed(let outcome, let on): "已于\(on.chinese)办结：\(outcome.fullLabel)"
        }
    }
}

/// A date by which something must happen to an application.
public struct Deadline: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The agency's reply (条例第三十三条).
        case reply = "reply"
        /// The last day the agency can still ask for 补正 (条例第三十条).
        case amendmentNotice = "amendment_notice"
        /// The applicant's 补正期限.
        case amendment = "amendment"
        /// The consulted party's 15 working days (条例第三十二条、第三十四条).
        case consultation = "consultation"
        /// The applicant's 20 working days to pay the fee (国办函〔2020〕109号).
        case feePayment = "fee_payment"

        public var chinese: String {
            switch self {
            case .reply: "答复期限"
            case .amendmentNotice: "补正通知期限"
            case .amendment: "申请人补正期限"
            case .consultation: "征求意见答复期限"
            case .feePayment: "缴费期限"
            }
        }
    }

    public var kind: Kind
    public var date: CalendarDate

    public init(kind: Kind, date: CalendarDate) {
        self.kind = kind
        self.date = date
    }
}

/// An application as of a day: its state, its deadlines, and what may be done next.
public struct ApplicationStatus: Sendable, Hashable {
    public var state: ApplicationState
    /// When the reply is due: 20 working days from receipt (from the amended request after a 补正), plus any
    /// extension, the days of consultations and of an unpaid fee not counted (while one runs, as if it ran its full
    /// time). Nil while the applicant has yet to send the 补正, and once closed.
    public var replyDue: CalendarDate?
    /// Every date still running, soonest first.
    public var deadlines: [Deadline]
    /// The steps the statute allows next, for a form to offer.
    public var allowedSteps: [ApplicationStep]
    /// The outcomes a reply may have now (empty when no reply is allowed).
    public var allowedOutcomes: [ReplyOutcome]
    /// The year the calendar has no holiday data for, when a deadline falls in it: that deadline is left out of
    /// ``deadlines`` (and ``replyDue`` is nil for the reply) until the year is added with `gongkai calendar add`. The
    /// steps allowed are still known: each is checked by the days up to its own date.
    public var calendarMissing: MissingCalendarYear? = nil

    /// The reply's due date as a clerk reads it: the day with its weekday; 「待计算」 with the reason when it falls in a
    /// year the calendar does not know yet; while the applicant has yet to send the 补正, that it starts again then.
    public var replyDueChinese: String {
        if let replyDue { return replyDue.chineseWithWeekday }
        if let calendarMissing { return "待计算（落在\(calendarMissing.year)年，日历尚无该年的节假日安排）" }
        return "申请人补正后重新计算"
    }

    /// The nearest date anything is due.
    public var due: CalendarDate? { deadlines.first?.date }

    /// Whether the reply is late on `date`: still unanswered after its due date.
    public func isOverdue(on date: CalendarDate) -> Bool {
        guard state.isOpen, let replyDue else { return false }
        return date > replyDue
    }
}

extension Application {
    /// The application as of `date`, counting only steps dated up to that day: its state, its deadlines and the
    /// steps allowed next.
    public func status(
        on date: CalendarDate,
        calendar: WorkingCalendar
    ) throws(MissingCalendarYear)
        -> ApplicationStatus
    {
        let deadlines = StatutoryDeadlines(calendar: calendar)
        let timeline = Timeline(events, through: date)
        if let reply = timeline.reply {
            return ApplicationStatus(
                state: .closed(reply.outcome, on: reply.on),
                replyDue: nil,
                deadlines: [],
                allowedSteps: [],
                allowedOutcomes: []
            )
        }
        var state = ApplicationState.open
        var running: [Deadline] = []
        var missing: MissingCalendarYear?
        /// A deadline, or nil (and the year noted) when it falls in a year after `date`'s the calendar does not know.
        func unlessMissing(
            _ compute: () throws(MissingCalendarYear) -> CalendarDate?
        ) throws(MissingCalendarYear) -> CalendarDate? {
            do {
                return try compute()
            } catch {
                guard error.year > date.year else { throw error }
                missing = missing ?? error
                return nil
            }
        }
        let replyDue = try unlessMissing { () throws(MissingCalendarYear) in try timeline.replyDeadline(deadlines) }
        if let replyDue { running.append(Deadline(kind: .reply, date: replyDue)) }
        if timeline.stepCount == 0,
            let latest = try unlessMissing({ () throws(MissingCalendarYear) in
                try deadlines.amendmentNoticeDeadline(received: timeline.received)
            }), date <= latest
        {
            running.append(Deadline(kind: .amendmentNotice, date: latest))
        }
        if let consultation = timeline.openConsultation {
            state = .paused(consultation.party)
            if let views = try unlessMissing({ () throws(MissingCalendarYear) in
                try deadlines.consultationDeadline(requestReceived: consultation.start)
            }) {
                running.append(Deadline(kind: .consultation, date: views))
            }
        }
        if timeline.awaitingFee, let payBy = try timeline.feeDeadline(deadlines) {
            state = .awaitingFee(payBy: payBy)
            running.append(Deadline(kind: .feePayment, date: payBy))
        }
        if timeline.awaitingAmendment, let notice = timeline.amendmentNotice {
            state = .awaitingAmendment(respondBy: notice.respondBy)
            running.append(Deadline(kind: .amendment, date: notice.respondBy))
        }
        let probe = { (event: ApplicationEvent) -> Bool in
            (try? timeline.check(event, deadlines: deadlines)) != nil
        }
        let outcomes = ReplyOutcome.allCases.filter { probe(.replied(on: date, outcome: $0)) }
        let steps: [ApplicationStep] = [
            probe(.amendmentRequested(on: date, respondBy: date.adding(days: 15))) ? .amendmentRequested : nil,
            probe(.amendmentReceived(on: date)) ? .amendmentReceived : nil,
            probe(.extended(days: 1, approver: "-", approvedOn: date, applicantToldOn: date)) ? .extended : nil,
            probe(.consultationStarted(party: .thirdParty, on: date)) ? .consultationStarted : nil,
            probe(.consultationEnded(on: date)) ? .consultationEnded : nil,
            probe(.feeNoticed(basis: .perPage(pages: 31), amount: 10, on: date)) ? .feeNoticed : nil,
            probe(.feePaid(on: date)) ? .feePaid : nil,
            outcomes.isEmpty ? nil : .replied,
        ].compactMap { $0 }
        return ApplicationStatus(
            state: state,
            replyDue: replyDue,
            deadlines: running.sorted { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) },
            allowedSteps: steps,
            allowedOutcomes: outcomes,
            calendarMissing: missing
        )
    }

    /// The applications whose reply is late on `date`, the longest overdue first.
    public static func overdue(
        _ applications: [Application],
        on date: CalendarDate,
        calendar: WorkingCalendar
    ) throws(MissingCalendarYear) -> [(application: Application, status: ApplicationStatus)] {
        var late: [(due: CalendarDate, application: Application, status: ApplicationStatus)] = []
        for application in applications {
            let status = try application.status(on: date, calendar: calendar)
            if status.isOverdue(on: date), let due = status.replyDue { late.append((due, application, status)) }
        }
        return late.sorted { ($0.due, $0.application.id) < ($1.due, $1.application.id) }.map {
            ($0.application, $0.status)
        }
    }

    /// The open applications whose reply falls due on `date` or within the next `workingDays` working days, the
    /// soonest first.
    public static func dueSoon(
        _ applications: [Application],
        on date: CalendarDate,
        withinWorkingDays workingDays: Int = 5,
        calendar: WorkingCalendar
    ) throws(MissingCalendarYear) -> [(application: Application, status: ApplicationStatus)] {
        let horizon = try calendar.window(workingDays, after: date).last
        var soon: [(due: CalendarDate, application: Application, status: ApplicationStatus)] = []
        for application in applications {
            let status = try application.status(on: date, calendar: calendar)
            guard status.state.isOpen, let due = status.replyDue, due >= date, due <= horizon else { continue }
            soon.append((due, application, status))
        }
        return soon.sorted { ($0.due, $0.application.id) < ($1.due, $1.application.id) }.map {
            ($0.application, $0.status)
        }
    }
}
