public import GongkaiModel

/// A letter (告知书) an agency sends about an application: its title, the addressee, the paragraphs with the legal
/// wording and the provisions of 《中华人民共和国政府信息公开条例》 it cites, filled in from the application (登记号,
/// dates, applicant, request, deadline, fee). Docs/letters.md lists every template with its articles.
public struct NoticeLetter: Sendable, Hashable {
    /// What the letter tells.
    public enum Kind: Sendable, Hashable {
        /// 补正告知 (条例第三十条).
        case amendment
        /// 延期告知 (条例第三十三条第二款).
        case `extension`
        /// 征求意见书 to a third party (第三十二条) or to another agency (第三十四条).
        case consultation(ConsultedParty)
        /// 收费通知 (第四十二条, 国办函〔2020〕109号).
        case fee
        /// 答复告知书 with its outcome.
        case reply(ReplyOutcome)
    }

    public var kind: Kind
    public var title: String
    /// 「某某机关依申请公开告知〔2026〕2026-0001号」.
    public var reference: String
    /// Whom it is to, with the colon: 「张三：」.
    public var addressee: String
    public var paragraphs: [String]
    /// The provisions the letter rests on, as cited in its text.
    public var articles: [String]
    public var agency: String
    public var date: CalendarDate
    /// Whether the letter goes to the applicant (a 征求意见书 goes to the party consulted instead).
    public var toApplicant: Bool

    /// The letter as plain text: title, reference, addressee, paragraphs, then the agency and the date at the right.
    public var text: String {
        ([title, reference, "", addressee] + paragraphs.map { "　　" + $0 } + ["", agency, date.chinese])
            .joined(separator: "\n") + "\n"
    }

    static let statute = "《中华人民共和国政府信息公开条例》"
    static let feeRules = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

    /// The remedy every decision on an application tells the applicant of (条例第五十一条).
    static let remedy =
        "如对本告知不服，可以自收到本告知书之日起60日内依法申请行政复议，或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼"
        + "（\(statute)第五十一条）。"

    /// The indices of an application's steps that have a letter: every step but the receipt, the end of a
    /// consultation and the payment.
    public static func steps(of application: Application) -> [Int] {
        application.events.indices.filter { kind(of: application.events[$0]) != nil }
    }

    static func kind(of event: ApplicationEvent) -> Kind? {
        switch event {
        case .amendmentRequested: .amendment
        case .extended: .`extension`
        case .consultationStarted(let party, _): .consultation(party)
        case .feeNoticed: .fee
        case .replied(_, let outcome): .reply(outcome)
        case .received, .amendmentReceived, .consultationEnded, .feePaid: nil
        }
    }

    /// The letter of step `index` of `application` (the last step that has one when nil), from `agency`; nil when that
    /// step tells nobody anything (a receipt, a payment). Deadlines are counted on `calendar`; a year it lacks leaves
    /// the date out and says so.
    public init?(application: Application, step index: Int? = nil, agency: String, calendar: WorkingCalendar) {
        guard let index = index ?? Self.steps(of: application).last, application.events.indices.contains(index),
            let kind = Self.kind(of: application.events[index])
        else { return nil }
        let event = application.events[index]
        let deadlines = StatutoryDeadlines(calendar: calendar)
        let applicant = application.applicant.name.isEmpty ? "申请人" : application.applicant.name
        let received = application.received.chinese
        let opening =
            "本机关于\(received)收到您提出的政府信息公开申请（登记号\(application.id)），申请内容为：\(application.request)。"
        func cite(_ articles: [String]) -> String {
            let own = articles.filter { $0.hasPrefix("第") }
            let others = articles.filter { !$0.hasPrefix("第") }
            var text = own.isEmpty ? "" : "\(Self.statute)\(own.joined(separator: "、"))"
            if !others.isEmpty { text += (text.isEmpty ? "" : "和") + others.map(Self.citation).joined(separator: "、") }
            return "根据\(text)的规定"
        }
        func dated(_ date: () throws(MissingCalendarYear) -> CalendarDate) -> String {
            do {
                return try date().chinese
            } catch {
                return "（日历缺少\(error.year)年的节假日安排，日期待定）"
            }
        }
        var paragraphs: [String]
        var articles: [String]
        var title: String
        var addressee = "\(applicant)："
        var toApplicant = true
        switch (kind, event) {
        case (.amendment, .amendmentRequested(_, let respondBy)):
            title = "政府信息公开申请补正告知书"
            articles = ["第三十条"]
            paragraphs = [
                opening + "经审查，您的申请内容不明确，本机关无法确定您所需的政府信息。",
                cite(articles)
                    + "，请您于\(respondBy.chinese)前对申请作出补正，写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。"
                    + "答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            ]
        case (.`extension`, .extended(let days, _, _, _)):
            title = "政府信息公开申请延期答复告知书"
            articles = ["第三十三条第二款"]
            let prefix = Application.prefix(application, through: index, calendar: calendar)
            let due = dated { () throws(MissingCalendarYear) -> CalendarDate in
                guard let prefix, let due = try prefix.status(on: event.date, calendar: calendar).replyDue else {
                    throw MissingCalendarYear(year: event.date.year)
                }
                return due
            }
            paragraphs = [
                opening + "因所需政府信息的检索、审查需要时间，本机关不能在法定期限内作出答复。",
                cite(articles) + "，经本机关政府信息公开工作机构负责人同意，答复期限延长\(days)个工作日，"
                    + "本机关将于\(due)前作出答复。",
            ]
        case (.consultation(let party), .consultationStarted(_, let on)):
            toApplicant = false
            let due = dated { () throws(MissingCalendarYear) in try deadlines.consultationDeadline(requestReceived: on)
            }
            let about =
                "本机关于\(received)收到申请人\(applicant)提出的政府信息公开申请（登记号\(application.id)），申请公开：\(application.request)。"
            if party == .thirdParty {
                title = "政府信息公开第三方意见征询书"
                articles = ["第三十二条"]
                addressee = "（第三方名称）："
                paragraphs = [
                    about + "该政府信息的公开可能损害贵方的合法权益。",
                    cite(articles) + "，现书面征求贵方意见。请于\(due)前（自收到本征询书之日起15个工作日内）提出意见；"
                        + "逾期未提出意见的，由本机关依照\(Self.statute)的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；"
                        + "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。",
                ]
            } else {
                title = "政府信息公开征求意见函"
                articles = ["第三十四条"]
                addressee = "（机关名称）："
                paragraphs = [
                    about + "该政府信息由本机关与贵机关共同制作。",
                    cite(articles) + "，现征求贵机关意见。请于\(due)前（自收到本函之日起15个工作日内）提出意见；逾期未提出意见的，视为同意公开。",
                ]
            }
        case (.fee, .feeNoticed(let basis, let amount, let on)):
            title = "政府信息公开信息处理费收费通知书"
            articles = ["第四十二条", "国办函〔2020〕109号"]
            let payBy = dated { () throws(MissingCalendarYear) in try deadlines.feePaymentDeadline(noticeReceived: on) }
            paragraphs = [
                opening + "您申请公开政府信息的数量、频次明显超过合理范围。",
                cite(articles) + "，您的申请应缴纳信息处理费\(amount)元（\(basis.explanation)）。"
                    + "请于\(payBy)前（自收到本通知次日起20个工作日内）缴纳；缴费期间答复期限中止计算。"
                    + "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            ]
        case (.reply(let outcome), _):
            title = "政府信息公开申请答复告知书"
            articles = outcome.articles
            paragraphs = [opening] + Self.reply(outcome, application: application, cite: cite)
            if outcome != .granted { paragraphs.append(Self.remedy) }
            if !articles.contains("第五十一条") && outcome != .granted { articles.append("第五十一条") }
        default:
            return nil
        }
        self.kind = kind
        self.title = title
        self.reference = "\(agency)依申请公开告知〔\(event.date.year)〕\(application.id)号"
        self.addressee = addressee
        self.paragraphs = paragraphs
        self.articles = articles
        self.agency = agency
        self.date = event.date
        self.toApplicant = toApplicant
    }

    static func citation(_ article: String) -> String {
        article == "国办函〔2020〕109号" ? feeRules : article
    }

    /// The reply's own paragraphs for an outcome, with the legal wording of 条例 (and 国办函〔2020〕109号).
    static func reply(_ outcome: ReplyOutcome, application: Application, cite: ([String]) -> String) -> [String] {
        let by = cite(outcome.articles)
        let earlier = { (step: ApplicationStep) -> String in
            application.events.last { $0.step == step }.map { $0.date.chinese } ?? "此前"
        }
        switch outcome {
        case .granted:
            return [
                "经审查，您申请公开的政府信息属于公开范围。\(by)：已经主动公开的，本机关告知您获取该政府信息的方式和途径；"
                    + "可以公开的，本机关向您提供该政府信息（见附件），或者告知您获取该政府信息的方式、途径和时间。"
            ]
        case .partial:
            return [
                "经审查，您申请公开的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。"
                    + "\(by)，本机关向您提供可以公开的政府信息内容（见附件），并对不予公开的内容说明理由：（理由）。"
            ]
        case .deniedStateSecret:
            return ["经审查，您申请公开的政府信息依法确定为国家秘密。\(by)，并依照第三十六条第（三）项，本机关不予公开。"]
        case .deniedProhibited:
            return ["经审查，您申请公开的政府信息属于法律、行政法规禁止公开的政府信息。\(by)，并依照第三十六条第（三）项，本机关不予公开。"]
        case .deniedSafetyStability:
            return ["经审查，您申请公开的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。\(by)，并依照第三十六条第（三）项，本机关不予公开。"]
        case .deniedThirdParty:
            return ["经审查，您申请公开的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，第三方不同意公开。\(by)，本机关不予公开。"]
        case .deniedInternal:
            return ["经审查，您申请公开的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。\(by)，本机关不予公开。"]
        case .deniedProcess:
            return ["经审查，您申请公开的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。\(by)，本机关不予公开。"]
        case .deniedEnforcementFile:
            return ["经审查，您申请公开的政府信息属于行政执法案卷信息。\(by)，本机关不予公开。"]
        case .deniedQuery:
            return ["经审查，您申请公开的政府信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。\(by)，请您依照有关法律、行政法规的规定办理。"]
        case .unableNotHeld:
            return [
                "经检索，本机关未制作、未获取您申请公开的政府信息，或者该政府信息不属于本机关负责公开。\(by)，本机关告知您该政府信息不存在；能够确定负责公开该政府信息的行政机关的，告知您该行政机关的名称、联系方式。"
            ]
        case .unableNeedsCreation:
            return ["经审查，您的申请需要本机关对现有政府信息进行加工、分析。\(by)，本机关可以不予提供。"]
        case .unableUnclear:
            return ["本机关于\(earlier(.amendmentRequested))告知您补正，您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。\(by)，本机关无法提供。"]
        case .complaint:
            return ["经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动。\(by)，本机关告知您通过相应渠道提出，不作为政府信息公开申请处理。"]
        case .repeated:
            return ["经审查，您就同一政府信息向本机关重复申请公开，本机关已作出答复。\(by)，本机关告知您不予重复处理。"]
        case .publication:
            return ["经审查，您要求提供的信息是公开出版物。\(by)，本机关告知您获取的途径。"]
        case .excessive:
            return ["您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，您未能说明或者理由不合理。\(by)，本机关告知您不予处理。"]
        case .reconfirm:
            return ["经审查，您要求本机关确认或者重新出具您已获取的信息，不属于\(statute)第二条所称的政府信息公开申请，本机关不作为政府信息公开申请处理。"]
        case .noAmendment:
            return ["本机关于\(earlier(.amendmentRequested))告知您补正申请，您无正当理由逾期未补正。\(by)，视为您放弃申请，本机关不再处理该政府信息公开申请。"]
        case .unpaidFee:
            return ["本机关于\(earlier(.feeNoticed))向您发出收费通知，您逾期未缴纳信息处理费。\(by)，视为您放弃申请，本机关不再处理该政府信息公开申请。"]
        case .otherHandling:
            return ["本机关对您的申请作出如下处理：（处理情况）。"]
        }
    }
}

extension Application {
    /// The application with its steps up to and including `index` only; nil when they no longer check.
    static func prefix(_ application: Application, through index: Int, calendar: WorkingCalendar) -> Application? {
        try? Application(
            id: application.id,
            applicant: application.applicant,
            applicantType: application.applicantType,
            request: application.request,
            events: Array(application.events[...index]),
            calendar: calendar
        )
    }
}
