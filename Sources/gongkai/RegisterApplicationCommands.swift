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
        abstract: "Show an application: its steps, deadlines, the steps allowed next, and its audit log.",
        discussion: "The applicant's personal data is shown: this is the clerk's view of one application."
    )

    @Argument(help: "The application's 登记号.")
    var key: String

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @OptionGroup var options: RegisterOptions

    func run() throws {
        let (agencyName, stored, changes, calendar) = try registerRequest {
            let store = try options.store.open(readOnly: true)
            let agency = try options.agency(agency, in: store)
            guard let stored = try store.application(agencyID: agency.id ?? 0, key: key) else {
                throw RegisterError.notFound(.application, key: key)
            }
            return (
                agency.name, stored, try store.registerChanges(recordID: stored.record.id), try store.workingCalendar()
            )
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
                    "答复期限：" + (status.replyDue.map(\.chineseWithWeekday) ?? "申请人补正后重新计算")
                        + (status.isOverdue(on: options.day) ? "（已逾期）" : "")
                )
                for deadline in status.deadlines where deadline.kind != .reply {
                    lines.append("\(deadline.kind.chinese)：\(deadline.date.chineseWithWeekday)")
                }
                lines.append(
                    "可以进行的下一步："
                        + (status.allowedSteps.isEmpty
                            ? "无" : status.allowedSteps.map { RegisterTimeline.word($0) }.joined(separator: "、"))
                )
            }
        } catch {
            lines.append("状态：期限无法计算——\(error.description)")
        }
        lines.append("")
        lines.append("修改记录：")
        for change in changes {
            lines.append(
                "  \(RegisterTimeline.time(change.at))  \(change.by)  \(change.action.chinese)（第\(change.version)版）"
            )
            for difference in RegisterTimeline.differences(before: change.before, after: change.after) {
                lines.append("    \(difference)")
            }
        }
        print(lines.map(TerminalText.line).joined(separator: "\n"))
    }
}

/// The receipt rule of an application's channel.
enum ReceiptChannelRule {
    static func rule(_ application: Application) -> String {
        guard case .received(let channel, _) = application.events[0] else { return "" }
        return channel.receiptRule
    }
}

/// An application's steps and audit log in words.
enum RegisterTimeline {
    /// The command-line word for a step, as `register step` takes it.
    static func word(_ step: ApplicationStep) -> String {
        switch step {
        case .received: "收到申请"
        case .amendmentRequested: "补正告知"
        case .amendmentReceived: "收到补正"
        case .extended: "延期"
        case .consultationStarted: "征求意见"
        case .consultationEnded: "征求意见结束"
        case .feeNoticed: "收费通知"
        case .feePaid: "缴费"
        case .replied: "答复"
        }
    }

    static func line(_ event: ApplicationEvent) -> String {
        switch event {
        case .received(let channel, _): "收到申请（\(channel.chinese)）"
        case .amendmentRequested(_, let respondBy): "发出补正通知，补正期限至\(respondBy.chinese)"
        case .amendmentReceived: "收到补正后的申请，答复期限重新起算"
        case .extended(let days, let approver, _, let told):
            "延长答复期限\(days)个工作日（\(approver)批准，\(told.chinese)告知申请人）"
        case .consultationStarted(let party, _): "征求\(party.chinese)意见，答复期限中止计算"
        case .consultationEnded: "收到意见或征求意见期限届满，答复期限恢复计算"
        case .feeNoticed(let basis, let amount, _): "发出收费通知：\(basis.explanation)，\(amount)元"
        case .feePaid: "收到缴费"
        case .replied(_, let outcome): "答复办结：\(outcome.fullLabel)"
        }
    }

    /// A time of the audit log (seconds since 1970) as `2025-03-03 14:05`, in the machine's time zone.
    static func time(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// What a change changed: each field of the record whose value differs, before → after (「（无）」 when absent).
    static func differences(before: String?, after: String?) -> [String] {
        let old = before.map(flatten) ?? [:]
        let new = after.map(flatten) ?? [:]
        if before != nil, after != nil, old == new { return ["（内容未变：按新的日历重新计算状态和期限）"] }
        return Set(old.keys).union(new.keys).sorted().compactMap { path in
            let (was, now) = (old[path], new[path])
            guard was != now else { return nil }
            return "\(fieldName(path))：\(was.map(value) ?? "（无）") → \(now.map(value) ?? "（无）")"
        }
    }

    /// A field of a stored record as a clerk names it: 「第2步 发出补正通知 补正期限」 for
    /// `events.1.amendmentRequested.respondBy`; a field without a name keeps its path.
    static func fieldName(_ path: String) -> String {
        let names: [String: String] = [
            "id": "编号", "applicant": "申请人", "name": "姓名或名称", "identification": "身份证明", "contact": "联系方式",
            "applicantType": "申请人类型", "request": "申请内容", "on": "日期", "respondBy": "补正期限",
            "channel": "收到方式", "days": "延长工作日数", "approver": "批准人", "approvedOn": "批准日期",
            "applicantToldOn": "告知申请人日期", "party": "征求意见对象", "basis": "收费方式", "perApplication": "按件",
            "perPage": "按量", "ordinal": "本月第几件", "pages": "页数", "amount": "金额（元）", "outcome": "办理结果",
            "kind": "类别", "applicationID": "相关申请", "reviewID": "相关复议", "filed": "立案日期", "decision": "审结",
            "result": "结果", "number": "文号", "title": "标题", "issued": "制发日期", "repealed": "废止日期",
            "year": "年度", "licensing": "行政许可", "penalty": "行政处罚", "coercion": "行政强制",
            "feesTenThousandYuan": "行政事业性收费（万元）",
        ]
        let steps = Dictionary(uniqueKeysWithValues: ApplicationStep.allCases.map { ("\($0)", $0.chinese) })
        var parts = path.split(separator: ".").map(String.init)
        if parts.first == "events", parts.count > 1, let index = Int(parts[1]) {
            parts.replaceSubrange(0...1, with: ["第\(index + 1)步"])
        }
        return parts.map { steps[$0] ?? names[$0] ?? $0 }.joined(separator: " ")
    }

    /// A stored value as a clerk reads it: codes of outcomes, applicant types, channels and parties in words.
    static func value(_ text: String) -> String {
        if let outcome = ReplyOutcome(rawValue: text) { return outcome.fullLabel }
        if let type = ApplicantType(rawValue: text) { return type.chinese }
        if let channel = ReceiptChannel(rawValue: text) { return channel.chinese }
        if let party = ConsultedParty(rawValue: text) { return party.chinese }
        return text.isEmpty ? "（空）" : text
    }

    /// A JSON text as `path: value` pairs, leaves only (`events.2.replied.outcome: "granted"`).
    static func flatten(_ json: String) -> [String: String] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        else { return ["": json] }
        var pairs: [String: String] = [:]
        func walk(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                for (key, inner) in object { walk(inner, path.isEmpty ? key : "\(path).\(key)") }
            } else if let array = value as? [Any] {
                for (index, inner) in array.enumerated() { walk(inner, "\(path).\(index)") }
            } else if value is NSNull {
                pairs[path] = "null"
            } else if let text = value as? String {
                pairs[path] = text
            } else {
                pairs[path] = "\(value)"
            }
        }
        walk(value, "")
        return pairs
    }
}
