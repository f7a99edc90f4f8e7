public import GongkaiModel

/// How an application reached the agency, as stored: the kind of channel only. Its date is in the `received` event;
/// ``channel(on:)`` gives the statute's channel with its receipt rule (条例第三十一条).
public enum ReceiptChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case inPerson = "in_person"
    case post = "post"
    case ordinaryLetter = "ordinary_letter"
    case online = "online"
    case fax = "fax"

    /// The channel with the date the statute takes as receipt: for 当面 the day it was handed in, for 邮寄 the day the
    /// agency signed for it, for 平常信函, 互联网 and 传真 the day receipt was confirmed.
    public func channel(on date: CalendarDate) -> ApplicationChannel {
        switch self {
        case .inPerson: .inPerson(handedIn: date)
        case .post: .post(signedFor: date)
        case .ordinaryLetter: .ordinaryLetter(confirmed: date)
        case .online: .online(confirmed: date)
        case .fax: .fax(confirmed: date)
        }
    }

    /// 「当面提交」, 「邮寄」, 「平常信函」, 「互联网」, 「传真」.
    public var chinese: String {
        switch self {
        case .inPerson: "当面提交"
        case .post: "邮寄"
        case .ordinaryLetter: "平常信函"
        case .online: "互联网"
        case .fax: "传真"
        }
    }

    /// Which date a clerk enters as the receipt date, by 条例第三十一条.
    public var receiptRule: String {
        switch self {
        case .inPerson: "提交之日"
        case .post: "行政机关签收之日"
        case .ordinaryLetter: "工作机构与申请人确认之日（应于收到当日确认）"
        case .online, .fax: "双方确认之日"
        }
    }
}

/// Who applied. Personal data: shown only to the agency's clerks.
public struct Applicant: Sendable, Hashable, Codable {
    /// 姓名或者名称.
    public var name: String
    /// 身份证明: the number of the identity document or the organisation's code; empty when not given.
    public var identification: String
    /// 联系方式.
    public var contact: String

    public init(name: String, identification: String = "", contact: String = "") {
        self.name = name
        self.identification = identification
        self.contact = contact
    }

    /// What makes two applications the same applicant's, for 按件计收: the identification when given, else the name.
    public var identity: String { identification.isEmpty ? "name:" + name : "id:" + identification }
}

/// Whom the agency asked for views while the reply period stands still.
public enum ConsultedParty: String, Sendable, Hashable, Codable, CaseIterable {
    /// 第三方 (条例第三十二条): silence lets the agency decide.
    case thirdParty = "third_party"
    /// 其他机关 that made the information with this one (条例第三十四条): silence counts as consent.
    case otherAgency = "other_agency"

    public var chinese: String { self == .thirdParty ? "第三方" : "其他机关" }
}

/// The kinds of step in handling an application, with stable names for storing them.
public enum ApplicationStep: String, Sendable, Hashable, Codable, CaseIterable {
    case received = "received"
    case amendmentRequested = "amendment_requested"
    case amendmentReceived = "amendment_received"
    case extended = "extended"
    case consultationStarted = "consultation_started"
    case consultationEnded = "consultation_ended"
    case feeNoticed = "fee_noticed"
    case feePaid = "fee_paid"
    case replied = "replied"

    /// The step as a clerk names it.
    public var chinese: String {
        switch self {
        case .received: "收到申请"
        case .amendmentRequested: "发出补正通知"
        case .amendmentReceived: "收到补正后的申请"
        case .extended: "延长答复期限"
        case .consultationStarted: "征求意见"
        case .consultationEnded: "收到意见或征求意见期限届满"
        case .feeNoticed: "发出收费通知"
        case .feePaid: "收到缴费"
        case .replied: "答复办结"
        }
    }
}

/// One step in handling an application, with its date.
public enum ApplicationEvent: Sendable, Hashable, Codable {
    /// 收到申请, on the receipt date of 条例第三十一条 for the channel.
    case received(channel: ReceiptChannel, on: CalendarDate)
    /// 补正通知 sent (条例第三十条): at most once, within 7 working days of receipt; `respondBy` is the 补正期限 it set.
    case amendmentRequested(on: CalendarDate, respondBy: CalendarDate)
    /// The amended request arrived: the reply period starts again from this day (条例第三十条).
    case amendmentReceived(on: CalendarDate)
    /// The reply period extended (条例第三十三条): by `days` working days (at most 20), approved by the head of the
    /// disclosure office `approver` on `approvedOn`, the applicant told on `applicantToldOn`.
    case extended(days: Int, approver: String, approvedOn: CalendarDate, applicantToldOn: CalendarDate)
    /// A request for views sent to a third party or another agency: the reply period stands still from the next day.
    case consultationStarted(party: ConsultedParty, on: CalendarDate)
    /// The views came back, or their 15 working days ran out: the reply period runs again from the next day.
    case consultationEnded(on: CalendarDate)
    /// 收费通知 sent (国办函〔2020〕109号): `amount` yuan on `basis`; the applicant has 20 working days to pay.
    case feeNoticed(basis: FeeBasis, amount: Int, on: CalendarDate)
    /// The fee was paid.
    case feePaid(on: CalendarDate)
    /// The reply: the application is closed with `outcome`, which gives its 表三 row.
    case replied(on: CalendarDate, outcome: ReplyOutcome)

    public var step: ApplicationStep {
        switch self {
        case .received: .received
        case .amendmentRequested: .amendmentRequested
        case .amendmentReceived: .amendmentReceived
        case .extended: .extended
        case .consultationStarted: .consultationStarted
        case .consultationEnded: .consultationEnded
        case .feeNoticed: .feeNoticed
        case .feePaid: .feePaid
        case .replied: .replied
        }
    }

    /// The day the step took place (for an extension, the day it was approved).
    public var date: CalendarDate {
        switch self {
        case .received(_, let date), .amendmentRequested(let date, _), .amendmentReceived(let date),
            .extended(_, _, let date, _), .consultationStarted(_, let date), .consultationEnded(let date),
            .feeNoticed(_, _, let date), .feePaid(let date), .replied(let date, _):
            date
        }
    }
}

/// An application for disclosure (依申请公开) to one agency, with every step taken on it in order. Steps are added
/// with ``record(_:calendar:)``, which refuses any the statute does not allow; ``status(on:calendar:)`` tells its
/// state, its deadlines and the steps allowed next. Decoding takes the steps as they were stored, without checking
/// them again; the initialiser taking `events` and a calendar checks each one.
public struct Application: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var applicant: Applicant
    public var applicantType: ApplicantType
    /// 所需信息的名称、文号或者特征性描述, and the form asked for.
    public var request: String
    /// The steps in order, the receipt first.
    public private(set) var events: [ApplicationEvent]

    /// A new application, received through `channel` on `received` (the receipt date of 条例第三十一条).
    public init(
        id: String,
        applicant: Applicant,
        applicantType: ApplicantType,
        request: String,
        channel: ReceiptChannel,
        received: CalendarDate
    ) {
        self.id = id
        self.applicant = applicant
        self.applicantType = applicantType
        self.request = request
        self.events = [.received(channel: channel, on: received)]
    }

    /// An application as stored: the receipt, then each later step recorded in turn (each checked as
    /// ``record(_:calendar:)`` checks it).
    public init(
        id: String,
        applicant: Applicant,
        applicantType: ApplicantType,
        request: String,
        events: [ApplicationEvent],
        calendar: WorkingCalendar
    ) throws(ApplicationStepError) {
        guard case .received(let channel, let date)? = events.first else { throw .notReceivedFirst }
        self.init(
            id: id,
            applicant: applicant,
            applicantType: applicantType,
            request: request,
            channel: channel,
            received: date
        )
        for event in events.dropFirst() { try record(event, calendar: calendar) }
    }

    /// 收到申请之日.
    public var received: CalendarDate { events[0].date }

    /// The channel it came by, with its receipt rule.
    public var channel: ApplicationChannel {
        guard case .received(let channel, let date) = events[0] else { preconditionFailure("receipt first") }
        return channel.channel(on: date)
    }

    /// The reply, once there is one.
    public var reply: (date: CalendarDate, outcome: ReplyOutcome)? {
        guard case .replied(let date, let outcome)? = events.last else { return nil }
        return (date, outcome)
    }

    /// Adds a step, after checking it against the statute and the steps before it; a step not allowed is refused
    /// with the reason in words a clerk understands, and nothing changes.
    public mutating func record(_ event: ApplicationEvent, calendar: WorkingCalendar) throws(ApplicationStepError) {
        let timeline = Timeline(events)
        try timeline.check(event, deadlines: StatutoryDeadlines(calendar: calendar))
        events.append(event)
    }
}
