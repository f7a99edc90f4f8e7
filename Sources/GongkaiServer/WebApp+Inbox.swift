import Foundation
import GongkaiMail
import GongkaiModel
import GongkaiOutput
import GongkaiRegister
import GongkaiStore
import GongkaiWrite
import HTTPTypes
import Hummingbird

/// The agency's side of applications filed online, and the supervisor's: the inbox of an agency (签收, 退回, 转办,
/// for its clerks), the letters (告知书) of an application's steps as Word files, and 督办 — the applications due soon
/// or overdue in every agency a supervisor may see.
extension WebApp {
    func addInboxRoutes(to router: Router<WebContext>) {
        router.get("/register/a/{agency}/inbox") { _, context in
            try await inboxPage(context.parameters.get("agency") ?? "")
        }
        router.post("/register/a/{agency}/inbox/{number}/{action}") { request, context in
            try await inboxAction(
                request,
                context: context,
                agencyText: context.parameters.get("agency") ?? "",
                number: context.parameters.get("number") ?? "",
                action: context.parameters.get("action") ?? ""
            )
        }
        router.post("/register/a/{agency}/applications/{key}/transfer") { request, context in
            try await inboxAction(
                request,
                context: context,
                agencyText: context.parameters.get("agency") ?? "",
                number: context.parameters.get("key") ?? "",
                action: "transfer"
            )
        }
        router.get("/register/a/{agency}/applications/{key}/letter.docx") { request, context in
            try await letterDownload(
                request,
                agencyText: context.parameters.get("agency") ?? "",
                key: context.parameters.get("key") ?? ""
            )
        }
        router.post("/register/a/{agency}/applications/{key}/letter/send") { request, context in
            try await letterSend(
                request,
                agencyText: context.parameters.get("agency") ?? "",
                key: context.parameters.get("key") ?? ""
            )
        }
        router.get("/register/supervision") { request, _ in try await supervisionPage(request, csv: false) }
        router.get("/register/supervision.csv") { request, _ in try await supervisionPage(request, csv: true) }
    }

    /// The agency of a register path, after checking that the visitor holds `duty` there (a clerk, or a supervisor).
    func registerAgency(_ text: String, duties: [AgencyDuty]) async throws -> AgencyRecord {
        let id = try Self.id(text, of: "机关")
        let visitor = Visitor.current
        guard duties.contains(where: { visitor.holds($0, agencyID: id) }) else {
            throw WebError(.forbidden, "您不是此机关的\(duties.map(\.title).joined(separator: "或"))，无权使用此页面；如需权限，请联系管理员。")
        }
        guard let agency = try await query({ try $0.agency(id: id) }) else {
            throw WebError.notFound("没有编号为 \(id) 的机关。")
        }
        return agency
    }

    func inboxPage(_ agencyText: String, message: HTML = "") async throws -> Response {
        let agency = try await registerAgency(agencyText, duties: [.clerk])
        let agencyID = agency.id ?? 0
        let submissions = try await query { try $0.submissions(agencyID: agencyID, waitingOnly: false) }
        let waiting = submissions.filter(\.value.isWaiting)
        let csrf = Visitor.current.csrfField
        let today = CalendarDate.today().description
        let rows = waiting.map { stored -> HTML in
            let submission = stored.value
            let form = submission.form
            let action = "/register/a/\(agencyID)/inbox/\(submission.number)"
            let moved: HTML =
                submission.history.last?.action == .transferred
                ? "<br><small>\(submission.history.last?.detail ?? "")</small>" : ""
            return """
                <tr><td>\(QueryNumber.printed(submission.number))\(moved)</td><td>\(AuditEntry.chinaTime(submission.submitted))</td>\
                <td>\(form.name)（\(form.applicantType.chinese)）<br><small>\(form.identityDocument.chinese) \(form.identityNumber)\
                <br>\(form.contact)</small></td><td>\(form.request)</td>\
                <td><form method="post" action="\(action)/sign">\(csrf)<label>收到申请之日 <input type="date" name="date" \
                value="\(today)" required></label> <button type="submit">签收</button></form>\
                <form method="post" action="\(action)/transfer">\(csrf)<label>转办至（机关名称或编号） <input type="text" \
                name="to" required maxlength="200"></label> <label>理由 <input type="text" name="reason" required \
                maxlength="500"></label> <button type="submit">转办</button></form>\
                <form method="post" action="\(action)/refuse">\(csrf)<label>退回理由 <input type="text" name="reason" \
                required maxlength="500"></label> <button type="submit">退回</button></form></td></tr>

                """
        }
        let done = submissions.filter { !$0.value.isWaiting }.prefix(50).map { stored -> HTML in
            let key = stored.value.applicationKey
            let link: HTML =
                key.map { "<a href=\"/register/a/\(agencyID)/applications/\($0)\">\($0)</a>" } ?? ""
            return """
                <tr><td>\(QueryNumber.printed(stored.value.number))</td><td>\(stored.value.form.name)</td>\
                <td>\(stored.value.state.chinese)</td><td>\(link)</td></tr>

                """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p>没有待签收的网上申请。</p>\n"
            : """
            <div class="scroll"><table class="list inbox">
            <thead><tr><th>查询号</th><th>提交时间</th><th>申请人</th><th>所需信息</th><th>处理</th></tr></thead>
            <tbody>
            \(rows)</tbody></table></div>

            """
        let history: HTML =
            done.isEmpty
            ? ""
            : """
            <h2>已处理的网上申请</h2>
            <table class="list"><thead><tr><th>查询号</th><th>申请人</th><th>状态</th><th>登记号</th></tr></thead>
            <tbody>\(done)</tbody></table>

            """
        let content: HTML = """
            <h1>\(agency.name)：待签收的网上申请</h1>
            <p class="lead">签收即确认收到：以签收之日为收到申请之日（条例第三十一条：通过互联网渠道提交的，以双方确认之日为收到申请之日），\
            登记为本机关的政府信息公开申请。误投本机关的，转办至负责的机关；明显不是政府信息公开申请的（空白、测试、辱骂），\
            写明理由后退回。</p>
            \(message)\(table)\(history)<p><a href="/register/a/\(agencyID)">返回登记簿</a></p>

            """
        return Responses.page(Page(title: "待签收的网上申请", section: .home, content: content))
    }

    func inboxAction(
        _ request: Request,
        context: WebContext,
        agencyText: String,
        number: String,
        action: String
    ) async throws -> Response {
        let agency = try await registerAgency(agencyText, duties: [.clerk])
        let agencyID = agency.id ?? 0
        let body = try await Self.body(request, limit: Self.applyBodyLimit)
        let fields = FormFields(String(decoding: body, as: UTF8.self))
        let user = Visitor.current.user?.name ?? ""
        let now = Date()
        let today = CalendarDate.today()
        do {
            switch action {
            case "sign":
                let text = fields.text("date") ?? today.description
                guard let date = CalendarDate(isoDay: text) else {
                    throw WebError.badRequest("收到申请之日应写作 yyyy-MM-dd，收到的是「\(text)」。")
                }
                guard date <= today else { throw WebError.badRequest("收到申请之日不能晚于今天。") }
                let signed = try await query { store in
                    try store.signSubmission(
                        agencyID: agencyID,
                        agency: agency.name,
                        number: number,
                        on: date,
                        by: user,
                        at: now,
                        today: today,
                        calendar: try store.workingCalendar()
                    )
                }
                try await audit(
                    "签收网上申请",
                    "\(agency.name) \(number) → \(signed.application.value.id)",
                    actor: user,
                    clientAddress(request, context: context)
                )
                return Response(
                    status: .seeOther,
                    headers: [.location: "/register/a/\(agencyID)/applications/\(signed.application.value.id)"]
                )
            case "refuse":
                _ = try await query { store in
                    try store.refuseSubmission(
                        agencyID: agencyID,
                        agency: agency.name,
                        number: number,
                        reason: String((fields.text("reason") ?? "").prefix(500)),
                        on: today,
                        by: user,
                        at: now
                    )
                }
                return Response(status: .seeOther, headers: [.location: "/register/a/\(agencyID)/inbox"])
            case "transfer":
                let targetText = String((fields.text("to") ?? "").prefix(200))
                let target = try await query { store -> AgencyRecord? in
                    if let id = Int64(targetText), let found = try store.agency(id: id) { return found }
                    return try store.agency(named: targetText)
                }
                guard let target, let targetID = target.id else {
                    throw WebError.badRequest("没有找到机关「\(targetText)」，请写机关的全称或编号。")
                }
                let moved = try await query { store in
                    try store.transfer(
                        agencyID: agencyID,
                        key: number,
                        to: targetID,
                        reason: String((fields.text("reason") ?? "").prefix(500)),
                        by: user,
                        at: now,
                        today: today
                    )
                }
                try await audit(
                    "转办",
                    "\(agency.name) \(number) → \(target.name)（查询号\(moved.value.number)）",
                    actor: user,
                    clientAddress(request, context: context)
                )
                return Response(status: .seeOther, headers: [.location: "/register/a/\(agencyID)/inbox"])
            default:
                throw WebError.notFound("找不到此页面。")
            }
        } catch let error as SubmissionError {
            throw WebError(.conflict, error.description)
        } catch let error as RegisterError {
            throw WebError(.conflict, error.description)
        } catch let error as WebError where error.status == .internalServerError {
            throw WebError(.conflict, "未能保存：\(error.message)")
        }
    }

    /// The step a letter is asked for: `step` of the query (1 for the receipt), or the last step with a letter.
    static func letterStep(_ request: Request) throws(WebError) -> Int? {
        guard let text = FormFields(request.uri.query ?? "").text("step") else { return nil }
        guard let number = Int(text), number >= 1, number <= 1000 else {
            throw .badRequest("step 应为步骤的序号（从1起），收到的是「\(text)」。")
        }
        return number - 1
    }

    func letterDownload(_ request: Request, agencyText: String, key: String) async throws -> Response {
        let agency = try await registerAgency(agencyText, duties: [.clerk, .supervisor])
        let agencyID = agency.id ?? 0
        let step = try Self.letterStep(request)
        let found = try await query { store -> (GongkaiRegister.Application, WorkingCalendar)? in
            guard let stored = try store.application(agencyID: agencyID, key: key) else { return nil }
            return (stored.value, try store.workingCalendar())
        }
        guard let (application, calendar) = found else { throw WebError.notFound("登记簿中没有登记号为「\(key)」的申请。") }
        let index = step ?? NoticeLetter.steps(of: application).last
        guard let index,
            let letter = NoticeLetter(application: application, step: index, agency: agency.name, calendar: calendar)
        else {
            throw WebError.notFound("此申请\(step.map { "的第\($0 + 1)步" } ?? "")没有告知书：收到申请、收到补正、征求意见结束和缴费不另发告知书。")
        }
        let data = try await BlockingWork.run { try letter.docx() }
        return Responses.download(
            data,
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            fileName:
                "letter-\(key.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })-\(index + 1).docx",
            displayName: LetterMail.fileName(letter, key: key, step: index + 1)
        )
    }

    func letterSend(_ request: Request, agencyText: String, key: String) async throws -> Response {
        let agency = try await registerAgency(agencyText, duties: [.clerk])
        let agencyID = agency.id ?? 0
        let step = try Self.letterStep(request)
        guard let settings = options.mail else {
            throw WebError(.conflict, "服务器没有配置邮件服务器（gongkai serve --smtp 主机:端口 --smtp-from 发件地址），无法发送电子邮件。")
        }
        let user = Visitor.current.user?.name ?? ""
        let store = store
        let outcome = try await BlockingWork.run {
            try LetterMail.deliver(store: store, agencyID: agencyID, key: key, step: step, settings: settings, by: user)
        }
        let content: HTML = """
            <h1>发送告知书</h1>
            <p class="\(outcome.isSent ? "notice-box" : "error-box")">\(outcome.chinese)</p>
            <p><a href="/register/a/\(agencyID)/applications/\(key)">返回申请</a></p>

            """
        return Responses.page(Page(title: "发送告知书", section: .home, content: content))
    }

    /// One line of 督办.
    struct SupervisedApplication: Sendable {
        var agencyID: Int64
        var agency: String
        var application: GongkaiRegister.Application
        var status: ApplicationStatus
        var due: CalendarDate
        /// Working days from today to the reply's due date; negative once overdue (working days past it).
        var daysLeft: Int
    }

    func supervisionPage(_ request: Request, csv: Bool) async throws -> Response {
        let visitor = Visitor.current
        guard visitor.user != nil, !(visitor.agencies(with: .supervisor)?.isEmpty ?? false) else {
            throw WebError(.forbidden, "督办页面只对督办人员开放；如需权限，请联系管理员。")
        }
        let agencies = visitor.agencies(with: .supervisor)
        let fields = FormFields(request.uri.query ?? "")
        let withinText = fields.text("within") ?? "5"
        guard let within = Int(withinText), (0...60).contains(within) else {
            throw WebError.badRequest("within 应为0至60的工作日数，收到的是「\(withinText)」。")
        }
        let sort = fields.text("sort") ?? "days"
        guard ["days", "-days", "agency"].contains(sort) else {
            throw WebError.badRequest("sort 只能是 days、-days 或 agency，收到的是「\(sort)」。")
        }
        let today = CalendarDate.today()
        let found = try await query { store -> (lines: [SupervisedApplication], missing: Int?) in
            let calendar = try store.workingCalendar()
            var missing: Int?
            // Past the last year the calendar knows, every due date it can tell is within the horizon; those it
            // cannot tell are said to be missing.
            let horizon: CalendarDate
            do {
                (horizon, missing) = try calendar.window(within, after: today)
            } catch let error as MissingCalendarYear {
                return ([], error.year)
            }
            let records = try store.registerRecords(
                RegisterSelection(
                    agencyIDs: agencies,
                    kind: .application,
                    openOnly: true,
                    dueThrough: horizon.description
                )
            )
            var names: [Int64: String] = [:]
            var lines: [SupervisedApplication] = []
            for record in records {
                let application = try record.application()
                let status: ApplicationStatus
                do {
                    status = try application.status(on: today, calendar: calendar)
                } catch let error as MissingCalendarYear {
                    missing = error.year
                    continue
                }
                if let unknown = status.calendarMissing, status.replyDue == nil { missing = unknown.year }
                guard status.state.isOpen, let due = status.replyDue, due <= horizon else { continue }
                let days =
                    due >= today
                    ? (try? calendar.workingDays(after: today, through: due)) ?? 0
                    : -((try? calendar.workingDays(after: due, through: today)) ?? 0)
                if names[record.agencyID] == nil {
                    names[record.agencyID] = try store.agency(id: record.agencyID)?.name ?? ""
                }
                lines.append(
                    SupervisedApplication(
                        agencyID: record.agencyID,
                        agency: names[record.agencyID] ?? "",
                        application: application,
                        status: status,
                        due: due,
                        daysLeft: due < today && days == 0 ? -1 : days
                    )
                )
            }
            return (lines, missing)
        }
        var lines = found.lines
        switch sort {
        case "-days":
            lines.sort { ($0.daysLeft, $0.agency, $0.application.id) > ($1.daysLeft, $1.agency, $1.application.id) }
        case "agency":
            lines.sort { ($0.agency, $0.daysLeft, $0.application.id) < ($1.agency, $1.daysLeft, $1.application.id) }
        default:
            lines.sort { ($0.daysLeft, $0.agency, $0.application.id) < ($1.daysLeft, $1.agency, $1.application.id) }
        }
        if csv {
            // No personal data: the applicant is the register's business, not the supervisor's list.
            var text = "机关,登记号,收到申请之日,答复期限,剩余工作日,状态\r\n"
            for line in lines {
                let cells = [
                    line.agency, line.application.id, line.application.received.description,
                    line.due.description, String(line.daysLeft), line.daysLeft < 0 ? "已超期" : line.status.state.chinese,
                ]
                text += cells.map(CSVText.field).joined(separator: ",") + "\r\n"
            }
            return Responses.download(
                "\u{FEFF}" + text,
                contentType: "text/csv; charset=utf-8",
                fileName: "supervision-\(today).csv",
                displayName: "督办-\(today).csv"
            )
        }
        let overdue = lines.filter { $0.daysLeft < 0 }.count
        let rows = lines.map { line -> HTML in
            let left: HTML =
                line.daysLeft < 0
                ? "<td class=\"n overdue\">超期\(-line.daysLeft)个工作日</td>" : "<td class=\"n\">\(line.daysLeft)</td>"
            return """
                <tr><td>\(line.agency)</td><td><a href="/register/a/\(line.agencyID)/applications/\(line.application.id)">\
                \(line.application.id)</a></td><td>\(line.application.received.chinese)</td><td>\(line.due.chinese)</td>\
                \(left)<td>\(line.status.state.chinese)</td></tr>

                """
        }
        func link(_ key: String, _ title: String) -> HTML {
            key == sort
                ? "<strong>\(title)</strong>"
                : "<a href=\"/register/supervision?within=\(within)&amp;sort=\(key)\">\(title)</a>"
        }
        let table: HTML =
            rows.isEmpty
            ? "<p>没有\(within)个工作日内到期或已超期的申请。</p>\n"
            : """
            <div class="scroll"><table class="list supervision">
            <thead><tr><th>机关</th><th>登记号</th><th>收到申请之日</th><th>答复期限</th><th class="n">剩余工作日</th>\
            <th>状态</th></tr></thead>
            <tbody>
            \(rows)</tbody></table></div>

            """
        let missing: HTML =
            found.missing.map {
                "<p class=\"error-box\">日历中没有\($0)年的节假日安排，部分申请的期限无法计算、未列出；请用 gongkai calendar add 加入该年。</p>\n"
            } ?? ""
        let scope: HTML = agencies == nil ? "全部机关" : "您督办的 \(agencies?.count ?? 0) 个机关"
        let content: HTML = """
            <h1>督办：即将到期和已超期的申请</h1>
            <p class="lead">\(scope)中答复期限在 \(within) 个工作日内（含今天）或已过的申请，共 <strong>\(lines.count)</strong> 件，\
            其中已超期 <strong>\(overdue)</strong> 件。</p>
            \(missing)            <form class="search" method="get" action="/register/supervision"><label>到期范围（工作日） \
            <input type="number" name="within" min="0" max="60" value="\(within)"></label>\
            <input type="hidden" name="sort" value="\(sort)"> <button type="submit">查看</button></form>
            <p>排序：\(link("days", "剩余天数从少到多")) · \(link("-days", "剩余天数从多到少")) · \(link("agency", "按机关")) · \
            <a href="/register/supervision.csv?within=\(within)&amp;sort=\(sort)">下载 CSV</a></p>
            \(table)
            """
        return Responses.page(Page(title: "督办", section: .home, content: content))
    }
}

extension LetterMail.Outcome {
    var isSent: Bool {
        if case .sent = self { return true }
        return false
    }
}
