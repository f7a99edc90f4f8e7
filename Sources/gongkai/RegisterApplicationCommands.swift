import ArgumentParser
import Foundation
import GongkaiModel
import GongkaiOutput
import GongkaiRegister
import GongkaiStore

struct RegisterAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Register an application as it arrives; prints its 登记号 and the reply's due date.",
        discussion: """
            The receipt date is the one 条例第三十一条 takes for the channel: 当面 the day handed in, 邮寄 the day \
            signed for, 平常信函 the day confirmed with the applicant, 网络 and 传真 the day both sides confirmed. \
            Without --key the application gets the next 登记号 of the agency and year (2025-0001, 2025-0002…).
            """
    )

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @Flag(help: "Create the agency when the corpus has none of that name.")
    var createAgency = false

    @Option(help: "The receipt date (条例第三十一条): 2025-03-03 or 2025年3月3日.")
    var received: String

    @Option(help: "How it came: 当面, 邮寄, 平常信函, 网络 or 传真.")
    var channel: String

    @Option(help: "自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构 or 其他.")
    var applicantType: String

    @Option(help: "The applicant's name (personal data).")
    var applicant: String

    @Option(help: "The applicant's identity document number or organisation code (personal data).")
    var idNumber: String = ""

    @Option(help: "How to reach the applicant (personal data).")
    var contact: String = ""

    @Option(help: "The information asked for: name, document number or description, and the form wanted.")
    var request: String

    @Option(help: "The 登记号 (default: the next of the year, e.g. 2025-0001).")
    var key: String?

    @OptionGroup var options: RegisterOptions

    func validate() throws {
        _ = try RegisterWords.date(received, option: "--received")
        _ = try RegisterWords.channel(channel)
        _ = try RegisterWords.applicantType(applicantType)
        if applicant.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--applicant 不能为空。") }
        if request.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--request 不能为空。") }
        if let key, key.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--key 不能为空。") }
    }

    func run() throws {
        let application = Application(
            id: key ?? "",
            applicant: Applicant(name: applicant, identification: idNumber, contact: contact),
            applicantType: try RegisterWords.applicantType(applicantType),
            request: request,
            channel: try RegisterWords.channel(channel),
            received: try RegisterWords.date(received, option: "--received")
        )
        let (added, calendar) = try registerRequest {
            let store = try options.store.open()
            let agency = try options.agency(agency, in: store, create: createAgency)
            let calendar = try store.workingCalendar()
            let added = try store.addApplication(
                application,
                agencyID: agency.id ?? 0,
                by: options.user,
                today: options.day,
                calendar: calendar
            )
            return (added, calendar)
        }
        print(
            TerminalText.line(
                "已登记：登记号 \(added.value.id)（\(added.value.channel.chinese)，收到日期\(added.value.received.chinese)）"
            )
        )
        for line in RegisterWords.statusLines(added.value, today: options.day, calendar: calendar) {
            print(TerminalText.line(line))
        }
    }
}

struct RegisterStep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Record a step taken on an application; prints its new state and due date.",
        discussion: """
            Steps:
              补正告知      a 补正 notice sent (--on, --respond-by: the applicant's 补正期限)
              收到补正      the amended request arrived (--on)
              延期          the reply period extended (--days, at most 20; --approver; --on the approval; --told the
                            day the applicant was told, default --on)
              征求意见      views asked (--party 第三方 or 其他机关; --on)
              征求意见结束  the views came back or their 15 working days ran out (--on)
              收费通知      a fee notice sent (--basis 按件 with --quantity the applicant's Nth application that
                            month, or 按量 with --quantity the pages; --amount, default worked out; --on)
              缴费          the fee paid (--on)
              答复          the reply (--on, --outcome the 表三 row's name or key)
            --on defaults to today. A step the 条例 does not allow is refused with the reason, and nothing is saved.

            Outcomes (--outcome takes the name, with or without its number, or the key):
            \(RegisterWords.outcomeList)
            """
    )

    enum Step: String, CaseIterable {
        case amendmentRequested = "补正告知"
        case amendmentReceived = "收到补正"
        case extended = "延期"
        case consultationStarted = "征求意见"
        case consultationEnded = "征求意见结束"
        case feeNoticed = "收费通知"
        case feePaid = "缴费"
        case replied = "答复"

        init?(word: String) {
            let aliases: [String: Step] = [
                "补正": .amendmentRequested, "补正通知": .amendmentRequested, "延长": .extended, "征求意见开始": .consultationStarted,
                "收到意见": .consultationEnded, "收费": .feeNoticed, "答复办结": .replied,
            ]
            if let step = Step(rawValue: word) ?? aliases[word] {
                self = step
                return
            }
            let keys: [ApplicationStep: Step] = [
                .amendmentRequested: .amendmentRequested, .amendmentReceived: .amendmentReceived, .extended: .extended,
                .consultationStarted: .consultationStarted, .consultationEnded: .consultationEnded,
                .feeNoticed: .feeNoticed, .feePaid: .feePaid, .replied: .replied,
            ]
            guard let step = ApplicationStep(rawValue: word).flatMap({ keys[$0] }) else { return nil }
            self = step
        }
    }

    @Argument(help: "The application's 登记号.")
    var key: String

    @Argument(help: "The step: 补正告知, 收到补正, 延期, 征求意见, 征求意见结束, 收费通知, 缴费 or 答复.")
    var step: String

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @Option(help: "The day the step was taken (default: today).")
    var on: String?

    @Option(help: "补正告知: the last day for the applicant's 补正.")
    var respondBy: String?

    @Option(help: "延期: working days added (1 to 20).")
    var days: Int?

    @Option(help: "延期: the head of the disclosure office who approved it.")
    var approver: String?

    @Option(help: "延期: the day the applicant was told (default: --on).")
    var told: String?

    @Option(help: "征求意见: 第三方 or 其他机关.")
    var party: String?

    @Option(help: "收费通知: 按件 or 按量.")
    var basis: String?

    @Option(help: "收费通知: the applicant's Nth application this month (按件), or the pages (按量).")
    var quantity: Int?

    @Option(help: "收费通知: the fee in yuan (default: worked out from --basis and --quantity).")
    var amount: Int?

    @Option(help: "答复: the 表三 row: its name (予以公开, 属于国家秘密…) or key (granted, denied.state_secret…).")
    var outcome: String?

    @OptionGroup var options: RegisterOptions

    @OptionGroup var mail: MailOptions

    func validate() throws {
        guard let step = Step(word: step) else {
            throw ValidationError(
                "没有「\(self.step)」这一步骤；应为 \(Step.allCases.map(\.rawValue).joined(separator: "、")) 之一。"
            )
        }
        _ = try event(step)
    }

    /// The step as the model records it; a missing or wrong option is a usage error.
    func event(_ step: Step) throws -> ApplicationEvent {
        let date = try on.map { try RegisterWords.date($0, option: "--on") } ?? options.day
        func required<T>(_ value: T?, _ option: String) throws -> T {
            guard let value else { throw ValidationError("「\(step.rawValue)」需要 \(option)。") }
            return value
        }
        switch step {
        case .amendmentRequested:
            return .amendmentRequested(
                on: date,
                respondBy: try RegisterWords.date(try required(respondBy, "--respond-by"), option: "--respond-by")
            )
        case .amendmentReceived:
            return .amendmentReceived(on: date)
        case .extended:
            let toldOn = try told.map { try RegisterWords.date($0, option: "--told") } ?? date
            return .extended(
                days: try required(days, "--days"),
                approver: try required(approver, "--approver"),
                approvedOn: date,
                applicantToldOn: toldOn
            )
        case .consultationStarted:
            let text = try required(party, "--party")
            guard let consulted = ConsultedParty.allCases.first(where: { $0.chinese == text || $0.rawValue == text })
            else { throw ValidationError("--party 的值「\(text)」无效，应为 第三方、其他机关 之一。") }
            return .consultationStarted(party: consulted, on: date)
        case .consultationEnded:
            return .consultationEnded(on: date)
        case .feeNoticed:
            let count = try required(quantity, "--quantity")
            let feeBasis: FeeBasis
            switch try required(basis, "--basis") {
            case "按件", "per_application": feeBasis = .perApplication(ordinal: count)
            case "按量", "per_page": feeBasis = .perPage(pages: count)
            case let other: throw ValidationError("--basis 的值「\(other)」无效，应为 按件、按量 之一。")
            }
            return .feeNoticed(basis: feeBasis, amount: amount ?? feeBasis.amount, on: date)
        case .feePaid:
            return .feePaid(on: date)
        case .replied:
            return .replied(on: date, outcome: try RegisterWords.outcome(try required(outcome, "--outcome")))
        }
    }

    func run() throws {
        guard let step = Step(word: step) else { throw ExitCode(64) }
        let event = try event(step)
        let (saved, calendar) = try registerRequest {
            let store = try options.store.open()
            let agency = try options.agency(agency, in: store)
            let calendar = try store.workingCalendar()
            let saved = try store.recordStep(
                event,
                agencyID: agency.id ?? 0,
                key: key,
                by: options.user,
                today: options.day,
                calendar: calendar
            )
            return (saved, calendar)
        }
        print(TerminalText.line("已记录：\(key) \(RegisterTimeline.line(event))（第\(saved.record.version)版）"))
        for line in RegisterWords.statusLines(saved.value, today: options.day, calendar: calendar) {
            print(TerminalText.line(line))
        }
        try mailLetter(mail, store: options, agency: agency, key: key, step: saved.value.events.count - 1)
    }
}

struct RegisterShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a record: an application (its steps, deadlines, the steps allowed next), a review or suit, or "
            + "a document, with its audit log.",
        discussion: """
            The number is looked up among the applications, then the reviews and suits, then the documents. The \
            applicant's personal data is shown: this is the clerk's view of one application.
            """
    )

    @Argument(help: "The record's number: an application's 登记号, a case's number or a document's.")
    var key: String

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @OptionGroup var options: RegisterOptions

    func run() throws {
        let (agencyName, stored, other, changes, calendar) = try registerRequest {
            let store = try options.store.open(readOnly: true)
            let agency = try options.agency(agency, in: store)
            let agencyID = agency.id ?? 0
            let stored = try store.application(agencyID: agencyID, key: key)
            var other: RegisterRecord?
            if stored == nil {
                other =
                    try store.registerRecord(agencyID: agencyID, kind: .disclosureCase, key: key)
                    ?? store.registerRecord(agencyID: agencyID, kind: .document, key: key)
                if other == nil { throw RegisterError.notFound(.application, key: key) }
            }
            let recordID = stored?.record.id ?? other?.id ?? 0
            return (
                agency.name, stored, other, try store.registerChanges(recordID: recordID), try store.workingCalendar()
            )
        }
        guard let stored else {
            if let other { try showOther(other, agencyName: agencyName, changes: changes) }
            return
        }
        let application = stored.value
        var lines = [
            "\(agencyName) 政府信息公开申请 \(application.id)（第\(stored.record.version)版）",
            "申请人：\(application.applicant.name)（\(application.applicantType.chinese)）",
            "身份证明：\(application.applicant.identification.isEmpty ? "—" : application.applicant.identification)",
            "联系方式：\(application.applicant.contact.isEmpty ? "—" : application.applicant.contact)",
            "申请内容：\(application.request)",
            "收到方式：\(application.channel.chinese)（收到日期按\(ReceiptChannelRule.rule(application))）",
            "",
            "办理经过：",
        ]
        for event in application.events {
            lines.append("  \(event.date.chineseWithWeekday)  \(RegisterTimeline.line(event))")
        }
        lines.append("")
        let asOf = max(options.day, application.events.last?.date ?? options.day)
        do {
            let status = try application.status(on: asOf, calendar: calendar)
            lines.append("状态：\(status.state.chinese)")
            if status.state.isOpen {
                lines.append(
                    "答复期限：" + status.replyDueChinese + (status.isOverdue(on: options.day) ? "（已逾期）" : "")
                )
                for deadline in status.deadlines where deadline.kind != .reply {
                    lines.append("\(deadline.kind.chinese)：\(deadline.date.chineseWithWeekday)")
                }
                lines.append(
                    "可以进行的下一步："
                        + (status.allowedSteps.isEmpty
                            ? "无" : status.allowedSteps.map { RegisterTimeline.word($0) }.joined(separator: "、"))
                )
                if let missing = status.calendarMissing { lines.append("注意：" + missing.description) }
            }
        } catch {
            lines.append("状态：期限无法计算——\(error.description)")
        }
        lines.append("")
        lines += Self.changeLines(changes)
        print(lines.map(TerminalText.line).joined(separator: "\n"))
    }

    /// A review, suit or document: what it is, its state, its change log.
    func showOther(_ record: RegisterRecord, agencyName: String, changes: [RegisterChange]) throws {
        var lines: [String]
        switch record.kind {
        case .disclosureCase:
            let item = try registerRequest { try record.disclosureCase() }
            lines = [
                "\(agencyName) \(item.kind.chinese) \(item.id)（第\(record.version)版）",
                "申请复议或起诉日期：\(item.filed.chinese)",
                "相关申请：\(item.applicationID ?? "—")",
                "相关复议：\(item.reviewID ?? "—")",
            ]
        default:
            let document = try registerRequest { try record.document() }
            lines = [
                "\(agencyName) \(document.kind.chinese) \(document.number)（第\(record.version)版）",
                "标题：\(document.title)",
                "制发日期：\(document.issued.chinese)",
            ]
        }
        lines.append("状态：\(record.state)")
        lines.append("")
        lines += Self.changeLines(changes)
        print(lines.map(TerminalText.line).joined(separator: "\n"))
    }

    static func changeLines(_ changes: [RegisterChange]) -> [String] {
        var lines = ["修改记录："]
        for change in changes {
            lines.append(
                "  \(RegisterTimeline.time(change.at))  \(change.by)  \(change.action.chinese)（第\(change.version)版）"
            )
            for difference in RegisterTimeline.differences(before: change.before, after: change.after) {
                lines.append("    \(difference)")
            }
        }
        return lines
    }
}

/// The receipt rule of an application's channel.
enum ReceiptChannelRule {
    static func rule(_ application: Application) -> String {
        guard case .received(let channel, _) = application.events[0] else { return "" }
        return channel.receiptRule
    }
}

/// An application's steps and audit log in words, as the web pages word them too.
typealias RegisterTimeline = RegisterText
