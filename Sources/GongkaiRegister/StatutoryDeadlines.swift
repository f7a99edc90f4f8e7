public import GongkaiModel

/// How an application reached the agency, with the date the statute takes as its receipt for each channel.
///
/// 《政府信息公开条例》第三十一条：当面提交的，以提交之日为收到申请之日；以邮寄方式提交的，以行政机关签收之日为收到申请之日；
/// 以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日；通过
/// 互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日。
public enum ApplicationChannel: Sendable, Hashable {
    /// 当面提交: the day it was handed in.
    case inPerson(handedIn: CalendarDate)
    /// 邮寄 (registered post, express): the day the agency signed for it.
    case post(signedFor: CalendarDate)
    /// 平常信函等无需签收的邮寄方式: the day the agency confirmed it with the applicant.
    case ordinaryLetter(confirmed: CalendarDate)
    /// 互联网渠道 (the agency's online form, e-mail): the day both sides confirmed it.
    case online(confirmed: CalendarDate)
    /// 传真 to the agency's disclosure office: the day both sides confirmed it.
    case fax(confirmed: CalendarDate)

    /// The channel's name in Chinese.
    public var chinese: String {
        switch self {
        case .inPerson: "当面提交"
        case .post: "邮寄"
        case .ordinaryLetter: "平常信函"
        case .online: "互联网"
        case .fax: "传真"
        }
    }

    /// 收到申请之日 (条例第三十一条).
    public var receiptDate: CalendarDate {
        switch self {
        case .inPerson(let date), .post(let date), .ordinaryLetter(let date), .online(let date), .fax(let date): date
        }
    }
}

/// A stretch during which the reply period stands still: 条例第三十三条第三款, 「行政机关征求第三方和其他机关意见所需时间
/// 不计算在前款规定的期限内」. From the day after the request for views went out through the day the views came back
/// (or the day the 15 working days for them ran out); the working days in it are not counted.
public struct ConsultationPause: Sendable, Hashable {
    /// The day the agency sent its request for views (征求意见书).
    public var sent: CalendarDate
    /// The day the views came back, or the day the time for them ran out.
    public var answered: CalendarDate

    public init(sent: CalendarDate, answered: CalendarDate) {
        self.sent = sent
        self.answered = answered
    }

    var span: DateSpan? {
        answered > sent ? DateSpan(first: sent.adding(days: 1), last: answered) : nil
    }
}

/// The reply period is extended by more than the statute allows.
public struct ExtensionTooLong: Error, Sendable, Hashable, CustomStringConvertible {
    public var days: Int

    public var description: String {
        "延长答复期限为\(days)个工作日，超出条例第三十三条的上限：延长的期限最长不得超过20个工作日。"
    }
}

/// The deadlines of 《中华人民共和国政府信息公开条例》 (2019) and 国办函〔2020〕109号, each a count of working days
/// from the day after its start day (「X个工作日内」), on the calendar in effect.
public struct StatutoryDeadlines: Sendable {
    public var calendar: WorkingCalendar

    public init(calendar: WorkingCalendar) { self.calendar = calendar }

    /// 条例第三十三条第二款: a reply not given on the spot is due within 20 working days of receipt.
    public static let replyDays = 20
    /// 条例第三十三条第二款: an extension, approved by the head of the disclosure office and told to the applicant, is
    /// at most 20 working days.
    public static let maximumExtensionDays = 20
    /// 条例第三十条: a request whose content is unclear gets one notice asking for 补正 within 7 working days of
    /// receipt.
    public static let amendmentNoticeDays = 7
    /// 条例第三十二条、第三十四条: a third party, or another agency that made the information with this one, has 15
    /// working days from receiving the request for views to answer.
    public static let consultationDays = 15
    /// 国办函〔2020〕109号: the applicant pays the information processing fee within 20 working days of receiving the
    /// fee notice.
    public static let feePaymentDays = 20

    /// 条例第三十三条: the reply is due on the 20th working day after `received` (the receipt date, 第三十一条; after a
    /// 补正, the day the amended request arrived, 第三十条), plus extendedBy working days when the period was
    /// extended (at most 20), the working days of each consultation with a third party or another agency not
    /// counted.
    public func replyDeadline(
        received: CalendarDate,
        extendedBy: Int = 0,
        consultations: [ConsultationPause] = []
    ) throws -> CalendarDate {
        guard (0...Self.maximumExtensionDays).contains(extendedBy) else { throw ExtensionTooLong(days: extendedBy) }
        return try calendar.workingDay(
            Self.replyDays + extendedBy,
            after: received,
            excluding: consultations.compactMap(\.span)
        )
    }

    /// 条例第三十三条第二款: the latest an extended reply can be due: 20 working days more than the ordinary reply period.
    public func longestExtendedReplyDeadline(
        received: CalendarDate,
        consultations: [ConsultationPause] = []
    ) throws -> CalendarDate {
        try replyDeadline(received: received, extendedBy: Self.maximumExtensionDays, consultations: consultations)
    }

    /// 条例第三十条: the notice asking for 补正 (what to add, and by when) is due on the 7th working day after receipt.
    public func amendmentNoticeDeadline(received: CalendarDate) throws(MissingCalendarYear) -> CalendarDate {
        try calendar.workingDay(Self.amendmentNoticeDays, after: received)
    }

    /// 条例第三十条: after a 补正 the reply period starts again from the day the amended request arrived: the reply is
    /// due on the 20th working day after it.
    public func replyDeadline(afterAmendmentReceived amended: CalendarDate) throws(MissingCalendarYear) -> CalendarDate
    {
        try calendar.workingDay(Self.replyDays, after: amended)
    }

    /// 条例第三十二条（第三方）、第三十四条（其他机关）: the views are due on the 15th working day after the third
    /// party or agency received the request for them; silence lets the agency decide (第三十二条) or counts as consent
    /// (第三十四条).
    public func consultationDeadline(requestReceived: CalendarDate) throws(MissingCalendarYear) -> CalendarDate {
        try calendar.workingDay(Self.consultationDays, after: requestReceived)
    }

    /// 国办函〔2020〕109号《政府信息公开信息处理费管理办法》: the fee is due on the 20th working day after the applicant
    /// received the fee notice; unpaid, the application counts as withdrawn (视为放弃申请).
    public func feePaymentDeadline(noticeReceived: CalendarDate) throws(MissingCalendarYear) -> CalendarDate {
        try calendar.workingDay(Self.feePaymentDays, after: noticeReceived)
    }
}
