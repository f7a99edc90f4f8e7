import Foundation
import GongkaiModel
import GongkaiRegister
import GongkaiStore
import Hummingbird

/// An application in the register: the received form, its page (state, deadlines, timeline, change log) and the
/// forms of the steps the statute allows next, each recorded as `gongkai register add` and `register step` do.
extension WebApp {
    // MARK: The received form

    func applicationForm(
        _ desk: RegisterDesk,
        fields: FormFields,
        errors: [String: String],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let channelOptions = ReceiptChannel.allCases.map { channel -> HTML in
            let selected: HTML = fields["channel"] == channel.rawValue ? " selected" : ""
            return
                "<option value=\"\(channel.rawValue)\"\(selected)>\(channel.chinese)（以\(channel.receiptRule)为收到日期）</option>"
        }
        let typeOptions = ApplicantType.allCases.map { type -> HTML in
            let selected: HTML = fields["applicant_type"] == type.rawValue ? " selected" : ""
            return "<option value=\"\(type.rawValue)\"\(selected)>\(type.chinese)</option>"
        }
        let summary: HTML =
            errors.isEmpty
            ? "" : "<p class=\"error-box\" role=\"alert\">申请未登记：请按各栏下的说明改正后重新提交。</p>\n"
        let received = fields["received"] ?? desk.today.description
        let content: HTML = """
            <h1>登记新申请</h1>
            <p class="lead">\(desk.agency.name)：收到政府信息公开申请后登记。收到日期按《政府信息公开条例》第三十一条确定；\
            登记号不填时按收到年度自动编号（如 \(String(desk.today.year))-0001）。</p>
            \(summary)<form class="register" method="post" action="\(desk.path)/applications/new">
            \(Visitor.current.csrfField)
            \(Self.field("channel", "收到方式", errors, control: "<select name=\"channel\" id=\"channel\" required>\(channelOptions)</select>"))\
            \(Self.field("received", "收到日期", errors, control: "<input type=\"date\" name=\"received\" id=\"received\" value=\"\(received)\" required>"))\
            \(Self.field("applicant_type", "申请人类型", errors, control: "<select name=\"applicant_type\" id=\"applicant_type\" required>\(typeOptions)</select>"))\
            \(Self.textField("applicant", "申请人姓名或名称（个人信息）", fields, errors, required: true))\
            \(Self.textField("id_number", "身份证明号码（个人信息，可不填）", fields, errors))\
            \(Self.textField("contact", "联系方式（个人信息，可不填）", fields, errors))\
            \(Self.field("request", "申请内容：所需信息的名称、文号或特征性描述，及获取方式", errors, control: "<textarea name=\"request\" id=\"request\" rows=\"4\" required>\(fields["request"] ?? "")</textarea>"))\
            \(Self.textField("key", "登记号（可不填）", fields, errors))\
            <button type="submit">登记</button>
            </form>
            <p><a href="\(desk.path)">返回登记簿</a></p>

            """
        return Responses.page(Page(title: "登记新申请", section: .register, content: content), status: status)
    }

    /// A labelled form control with its error, if any, below it (named by `aria-describedby`).
    static func field(_ name: String, _ label: String, _ errors: [String: String], control: HTML) -> HTML {
        guard let error = errors[name] else { return "<label>\(label) \(control)</label>\n" }
        let described = HTML(
            trusted: control.markup.replacingOccurrences(
                of: " name=\"\(name)\"",
                with: " name=\"\(name)\" aria-invalid=\"true\" aria-describedby=\"error-\(name)\""
            )
        )
        return "<label>\(label) \(described)<span class=\"field-error\" id=\"error-\(name)\">\(error)</span></label>\n"
    }

    static func textField(
        _ name: String,
        _ label: String,
        _ fields: FormFields,
        _ errors: [String: String],
        required: Bool = false
    ) -> HTML {
        let need: HTML = required ? " required" : ""
        return field(
            name,
            label,
            errors,
            control: "<input type=\"text\" name=\"\(name)\" id=\"\(name)\" value=\"\(fields[name] ?? "")\"\(need)>"
        )
    }

    /// A day as a form sends it: `2025-03-03` (a date field), or `2025年3月3日`.
    static func day(_ text: String?) -> CalendarDate? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let date = CalendarDate(isoDay: text) { return date }
        let parts = text.split(whereSeparator: { "年月日".contains($0) }).compactMap { Int($0) }
        guard parts.count == 3, text.hasSuffix("日") else { return nil }
        return CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }

    static let badDay = "日期无法识别，应写作 2025-03-03 或 2025年3月3日。"

    /// The body of a form posted as `application/x-www-form-urlencoded`.
    func formFields(_ request: Request, context: WebContext) async throws -> FormFields {
        let body = try await Self.body(request, limit: context.maxUploadSize)
        return FormFields(String(decoding: body, as: UTF8.self))
    }

    func addApplication(_ desk: RegisterDesk, _ request: Request, context: WebContext) async throws -> Response {
        let fields = try await formFields(request, context: context)
        var errors: [String: String] = [:]
        let channel = fields.text("channel").flatMap(ReceiptChannel.init(rawValue:))
        if channel == nil { errors["channel"] = "请选择收到方式。" }
        let received = Self.day(fields.text("received"))
        if received == nil {
            errors["received"] = fields.text("received") == nil ? "请填写收到日期。" : Self.badDay
        } else if let received, received > desk.today {
            errors["received"] = "收到日期\(received.chinese)晚于今天（\(desk.today.chinese)）。"
        }
        let type = fields.text("applicant_type").flatMap(ApplicantType.init(rawValue:))
        if type == nil { errors["applicant_type"] = "请选择申请人类型。" }
        let limits = ["applicant": 200, "id_number": 64, "contact": 200, "request": 4000, "key": 64]
        for (name, limit) in limits where (fields.text(name)?.count ?? 0) > limit {
            errors[name] = "至多 \(limit) 个字。"
        }
        if fields.text("applicant") == nil { errors["applicant"] = "请填写申请人的姓名或名称。" }
        if fields.text("request") == nil { errors["request"] = "请填写申请内容。" }
        guard errors.isEmpty, let channel, let received, let type else {
            return applicationForm(desk, fields: fields, errors: errors, status: .badRequest)
        }
        let application = DisclosureApplication(
            id: fields.text("key") ?? "",
            applicant: Applicant(
                name: fields.text("applicant") ?? "",
                identification: fields.text("id_number") ?? "",
                contact: fields.text("contact") ?? ""
            ),
            applicantType: type,
            request: fields.text("request") ?? "",
            channel: channel,
            received: received
        )
        let agencyID = desk.agencyID
        let outcome = try await query { store -> Result<Registered<DisclosureApplication>, RegisterRefusal> in
            do {
                return .success(
                    try store.addApplication(
                        application,
                        agencyID: agencyID,
                        by: desk.user,
                        today: desk.today,
                        calendar: desk.calendar
                    )
                )
            } catch let error as StoreError {
                guard let refusal = RegisterRefusal(error) else { throw error }
                return .failure(refusal)
            }
        }
        switch outcome {
        case .failure(let refusal):
            return applicationForm(desk, fields: fields, errors: ["key": refusal.message], status: refusal.status)
        case .success(let added):
            try await auditRegister(
                desk,
                "登记申请 \(added.value.id)（收到日期\(received.chinese)，\(channel.chinese)）",
                request,
                context: context
            )
            let path = "\(desk.path)/applications/\(FormFields.encode(added.value.id))?saved=1"
            return Response(status: .seeOther, headers: [.location: path])
        }
    }

    // MARK: The application's page

    func applicationPage(
        _ desk: RegisterDesk,
        key: String,
        notice: String? = nil,
        error: String? = nil,
        status httpStatus: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let agencyID = desk.agencyID
        let (stored, changes) = try await query { store -> (Registered<DisclosureApplication>?, [RegisterChange]) in
            guard let stored = try store.application(agencyID: agencyID, key: key) else { return (nil, []) }
            return (stored, try store.registerChanges(recordID: stored.record.id))
        }
        guard let stored else { throw WebError.notFound("登记簿中没有登记号为「\(key)」的申请。") }
        let application = stored.value
        let applicant = application.applicant
        let asOf = max(desk.today, application.events.last?.date ?? desk.today)
        var statusHTML: HTML
        var forms: HTML = ""
        do throws(MissingCalendarYear) {
            let status = try application.status(on: asOf, calendar: desk.calendar)
            statusHTML = "<p class=\"state\"><strong>状态：\(status.state.chinese)</strong></p>\n"
            if status.state.isOpen {
                let mark = DueMark(application, today: desk.today, calendar: desk.calendar)
                var items: [HTML] = [
                    "<li>答复期限：\(status.replyDueChinese) \(mark.html)</li>"
                ]
                for deadline in status.deadlines where deadline.kind != .reply {
                    items.append("<li>\(deadline.kind.chinese)：\(deadline.date.chineseWithWeekday)</li>")
                }
                statusHTML += "<ul class=\"deadlines\">\(items)</ul>\n"
            }
            forms = stepForms(desk, stored, status: status, asOf: asOf)
        } catch {
            statusHTML = "<p class=\"error-box\">期限无法计算：\(error.description)</p>\n"
        }
        // The letter of every step that tells somebody something (补正, 延期, 征求意见, 收费, the reply), as Word; with
        // a mail relay configured, the latest one can be e-mailed to an applicant who filed online.
        let base = "\(desk.path)/applications/\(FormFields.encode(key))"
        let letterLinks: [HTML] = NoticeLetter.steps(of: application).map { index in
            "<li><a href=\"\(base)/letter.docx?step=\(index + 1)\">第\(index + 1)步的告知书（Word）</a></li>"
        }
        var letter: HTML = letterLinks.isEmpty ? "" : "<ul class=\"downloads\">\(letterLinks)</ul>\n"
        if !letterLinks.isEmpty, options.mail != nil {
            letter += """
                <form class="act" method="post" action="\(base)/letter/send">\(Visitor.current.csrfField)\
                <button type="submit">通过电子邮件发送最近一步的告知书</button></form>

                """
        }
        let alert: HTML = error.map { "<p class=\"error-box\" role=\"alert\" id=\"step-error\">\($0)</p>\n" } ?? ""
        let saved: HTML = notice.map { "<p class=\"notice-box\" role=\"status\">\($0)</p>\n" } ?? ""
        let content: HTML = """
            <h1>政府信息公开申请 \(application.id)</h1>
            <p class="lead">\(desk.agency.name) · 第\(stored.record.version)版 · <a href="\(desk.path)?year=\(application.received.year)">返回登记簿</a></p>
            \(saved)<dl class="meta">
            <dt>申请人</dt><dd>\(applicant.name)（\(application.applicantType.chinese)）</dd>
            <dt>身份证明</dt><dd>\(applicant.identification.isEmpty ? "—" : applicant.identification)</dd>
            <dt>联系方式</dt><dd>\(applicant.contact.isEmpty ? "—" : applicant.contact)</dd>
            <dt>申请内容</dt><dd>\(application.request)</dd>
            <dt>收到方式</dt><dd>\(application.channel.chinese)（收到日期按\(ReceiptChannelWords.rule(application))）</dd>
            <dt>收到日期</dt><dd>\(application.received.chineseWithWeekday)</dd>
            </dl>
            <p class="muted">申请人姓名、身份证明和联系方式只向本机关的登记员和督办人员显示。</p>
            \(statusHTML)\(letter)<h2 id="timeline">办理经过</h2>
            \(Self.timeline(application, changes: changes))<h2 id="next">下一步</h2>
            \(alert)\(forms)<h2 id="changes">修改记录</h2>
            \(Self.changeLog(changes))
            """
        return Responses.page(
            Page(title: "申请 \(application.id)", section: .register, content: content),
            status: httpStatus
        )
    }

    /// Every step of the application with who recorded it and when: the change that first saved the step.
    static func timeline(_ application: DisclosureApplication, changes: [RegisterChange]) -> HTML {
        var recorded: [(by: String, at: Double)?] = Array(repeating: nil, count: application.events.count)
        for change in changes {
            guard let after = change.after,
                let saved = try? JSONDecoder().decode(DisclosureApplication.self, from: Data(after.utf8))
            else { continue }
            for index in 0..<min(saved.events.count, recorded.count) where recorded[index] == nil {
                recorded[index] = (change.by, change.at)
            }
        }
        let rows = application.events.enumerated().map { index, event -> HTML in
            let who = recorded[index]
            return """
                <tr><td>\(event.date.chineseWithWeekday)</td><td>\(RegisterText.line(event))</td>\
                <td>\(who?.by ?? "—")</td><td>\(who.map { AuditEntry.chinaTime(Date(timeIntervalSince1970: $0.at)) } ?? "—")</td></tr>

                """
        }
        return """
            <table class="list timeline">
            <thead><tr><th>日期</th><th>步骤</th><th>记录人</th><th>记录时间（北京时间）</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
    }

    /// A record's change log: who, when (北京时间), what — each field before → after.
    static func changeLog(_ changes: [RegisterChange]) -> HTML {
        guard !changes.isEmpty else { return "<p>没有修改记录。</p>\n" }
        let items = changes.map { change -> HTML in
            let differences = RegisterText.differences(before: change.before, after: change.after).map {
                difference -> HTML in "<li>\(difference)</li>"
            }
            return """
                <li><strong>\(AuditEntry.chinaTime(Date(timeIntervalSince1970: change.at)))</strong> \(change.by) \
                \(change.action.chinese)（第\(change.version)版）<ul>\(differences)</ul></li>

                """
        }
        return "<ol class=\"changes\">\n\(items)</ol>\n"
    }

    // MARK: The next step

    /// One form for each step the statute allows now, and for a reply only the outcomes it allows; each carries the
    /// version shown, so that a change made meanwhile by someone else is refused, not overwritten.
    func stepForms(
        _ desk: RegisterDesk,
        _ stored: Registered<DisclosureApplication>,
        status: ApplicationStatus,
        asOf: CalendarDate
    ) -> HTML {
        guard !status.allowedSteps.isEmpty else {
            return "<p>\(status.state.isOpen ? "现在没有可以记录的步骤。" : "该申请已办结，不能再记录步骤。")</p>\n"
        }
        let action = "\(desk.path)/applications/\(FormFields.encode(stored.value.id))/steps"
        let today = asOf.description
        let forms = status.allowedSteps.map { step -> HTML in
            var extra: HTML = ""
            switch step {
            case .amendmentRequested:
                let respondBy = (try? desk.calendar.workingDay(15, after: asOf))?.description ?? ""
                extra = "<label>补正期限 <input type=\"date\" name=\"respond_by\" value=\"\(respondBy)\" required></label>"
            case .extended:
                extra = """
                    <label>延长工作日数（至多20） <input type="number" name="days" min="1" max="20" value="20" required></label>\
                    <label>批准人（政府信息公开工作机构负责人） <input type="text" name="approver" required></label>\
                    <label>告知申请人日期 <input type="date" name="told" value="\(today)"></label>
                    """
            case .consultationStarted:
                let parties = ConsultedParty.allCases.map {
                    "<option value=\"\($0.rawValue)\">\($0.chinese)</option>" as HTML
                }
                extra = "<label>征求意见对象 <select name=\"party\">\(parties)</select></label>"
            case .feeNoticed:
                extra = """
                    <label>收费方式 <select name="basis"><option value="per_application">按件计收</option>\
                    <option value="per_page">按量计收</option></select></label>\
                    <label>按件：本月第几件；按量：页数 <input type="number" name="quantity" min="1" required></label>\
                    <label>金额（元，可不填，按标准计算） <input type="number" name="amount" min="1"></label>
                    """
            case .replied:
                let outcomes = status.allowedOutcomes.map { outcome -> HTML in
                    "<option value=\"\(outcome.rawValue)\">\(outcome.fullLabel)</option>"
                }
                extra = "<label>办理结果（表三） <select name=\"outcome\" required>\(outcomes)</select></label>"
            case .received, .amendmentReceived, .consultationEnded, .feePaid:
                break
            }
            return """
                <form class="step" method="post" action="\(action)"><fieldset><legend>\(step.chinese)</legend>\
                \(Visitor.current.csrfField)<input type="hidden" name="step" value="\(step.rawValue)">\
                <input type="hidden" name="version" value="\(stored.record.version)">\
                <label>日期 <input type="date" name="on" value="\(today)" required></label>\(extra)\
                <button type="submit">记录「\(step.chinese)」</button></fieldset></form>

                """
        }
        return "<p>按《政府信息公开条例》，现在可以进行以下步骤：</p>\n\(forms)"
    }

    func recordStep(
        _ desk: RegisterDesk,
        key: String,
        _ request: Request,
        context: WebContext
    ) async throws -> Response {
        let fields = try await formFields(request, context: context)
        let event: ApplicationEvent
        let version: Int
        do {
            guard let text = fields.text("version"), let number = Int(text) else {
                throw WebError.badRequest("表单缺少版本号，请刷新页面后重新提交。")
            }
            version = number
            event = try Self.event(fields, today: desk.today)
        } catch let error as WebError {
            return try await applicationPage(desk, key: key, error: error.message, status: error.status)
        }
        let agencyID = desk.agencyID
        let outcome = try await query { store -> Result<Registered<DisclosureApplication>, RegisterRefusal> in
            do {
                return .success(
                    try store.recordStep(
                        event,
                        agencyID: agencyID,
                        key: key,
                        expecting: version,
                        by: desk.user,
                        today: desk.today,
                        calendar: desk.calendar
                    )
                )
            } catch let error as RegisterError {
                return .failure(RegisterRefusal(error))
            } catch let error as StoreError {
                guard let refusal = RegisterRefusal(error) else { throw error }
                return .failure(refusal)
            }
        }
        switch outcome {
        case .failure(let refusal):
            if refusal.status == .notFound { throw WebError.notFound(refusal.message) }
            return try await applicationPage(desk, key: key, error: refusal.message, status: refusal.status)
        case .success(let saved):
            try await auditRegister(
                desk,
                "申请 \(key) \(RegisterText.line(event))（\(event.date.chinese)，第\(saved.record.version)版）",
                request,
                context: context
            )
            var path = "\(desk.path)/applications/\(FormFields.encode(key))?saved=1"
            if let settings = options.mail {
                // The step's letter to the applicant, e-mailed when the applicant filed online with an address; the
                // outcome is in the application's history either way, and never undoes the step.
                let store = store
                let user = desk.user
                let step = saved.value.events.count - 1
                let mailed = try? await BlockingWork.run {
                    try LetterMail.deliver(
                        store: store,
                        agencyID: agencyID,
                        key: key,
                        step: step,
                        settings: settings,
                        by: user
                    )
                }
                switch mailed {
                case .sent: path += "&mail=sent"
                case .failed: path += "&mail=failed"
                case .notApplicable, nil: break
                }
            }
            return Response(status: .seeOther, headers: [.location: path])
        }
    }

    /// The step a form posted, as the model records it; a missing or wrong field is a 400 in Chinese.
    static func event(_ fields: FormFields, today: CalendarDate) throws(WebError) -> ApplicationEvent {
        guard let step = fields.text("step").flatMap(ApplicationStep.init(rawValue:)), step != .received else {
            throw .badRequest("没有这一步骤，请从页面上的表单提交。")
        }
        func date(_ name: String, _ what: String) throws(WebError) -> CalendarDate {
            guard let text = fields.text(name) else { throw .badRequest("「\(step.chinese)」需要填写\(what)。") }
            guard let date = day(text) else { throw .badRequest("\(what)「\(text)」无法识别，应写作 2025-03-03。") }
            return date
        }
        func number(_ name: String, _ what: String) throws(WebError) -> Int {
            guard let text = fields.text(name) else { throw .badRequest("「\(step.chinese)」需要填写\(what)。") }
            guard let value = Int(text) else { throw .badRequest("\(what)应为整数，收到的是「\(text)」。") }
            return value
        }
        let on = try date("on", "日期")
        switch step {
        case .received: throw .badRequest("申请已收到，不能再登记一次收到。")
        case .amendmentRequested: return .amendmentRequested(on: on, respondBy: try date("respond_by", "补正期限"))
        case .amendmentReceived: return .amendmentReceived(on: on)
        case .extended:
            let told = fields.text("told") == nil ? on : try date("told", "告知申请人日期")
            return .extended(
                days: try number("days", "延长工作日数"),
                approver: String((fields.text("approver") ?? "").prefix(100)),
                approvedOn: on,
                applicantToldOn: told
            )
        case .consultationStarted:
            guard let party = fields.text("party").flatMap(ConsultedParty.init(rawValue:)) else {
                throw .badRequest("请选择征求意见的对象：第三方或其他机关。")
            }
            return .consultationStarted(party: party, on: on)
        case .consultationEnded: return .consultationEnded(on: on)
        case .feeNoticed:
            let quantity = try number("quantity", "件数或页数")
            let basis: FeeBasis
            switch fields.text("basis") {
            case "per_application": basis = .perApplication(ordinal: quantity)
            case "per_page": basis = .perPage(pages: quantity)
            default: throw .badRequest("请选择收费方式：按件计收或按量计收。")
            }
            let amount = fields.text("amount") == nil ? basis.amount : try number("amount", "金额")
            return .feeNoticed(basis: basis, amount: amount, on: on)
        case .feePaid: return .feePaid(on: on)
        case .replied:
            guard let outcome = fields.text("outcome").flatMap(ReplyOutcome.init(rawValue:)) else {
                throw .badRequest("请选择表三中的办理结果。")
            }
            return .replied(on: on, outcome: outcome)
        }
    }
}

/// A change to the register refused, with its reason in Chinese and the status the page is answered with: a step
/// the statute does not allow (422), a record changed by someone else meanwhile or a number already taken (409).
struct RegisterRefusal: Error {
    var message: String
    var status: HTTPResponse.Status

    init(_ error: RegisterError) {
        message = error.description
        if case .notFound = error { status = .notFound } else { status = .unprocessableContent }
    }

    init?(_ error: StoreError) {
        switch error {
        case .registerConflict, .registerRecordExists:
            status = .conflict
        case .registerRecordNotFound:
            status = .notFound
        case .invalidRegisterRecord:
            status = .unprocessableContent
        default:
            return nil
        }
        message = error.description
    }
}

/// The receipt rule of an application's channel.
enum ReceiptChannelWords {
    static func rule(_ application: DisclosureApplication) -> String {
        guard case .received(let channel, _) = application.events[0] else { return "" }
        return channel.receiptRule
    }
}
