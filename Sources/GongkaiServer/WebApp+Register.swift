import Foundation
import GongkaiModel
import GongkaiRegister
import GongkaiStore
import Hummingbird

/// 登记簿: the disclosure register of an agency for its clerks (登记员) and supervisors (督办) — the applications of a
/// year with their due dates marked, each application's steps and the form for the next, reviews and suits,
/// documents, the year's counts, the year-end report compiled from the records, and the register as an Excel ledger.
/// Every page asks for the clerk's or the supervisor's duty for the agency; every change is saved through the
/// register's store (version-checked, with its own change log) and is a line of the audit log too.
extension WebApp {
    func addRegisterRoutes(to router: Router<WebContext>) {
        router.get("/register") { _, _ in try await registerHome() }
        router.get("/register/a/{agency}") { request, context in
            try await registerAgencyPage(try registerDesk(context), request)
        }
        router.get("/register/a/{agency}/applications/new") { _, context in
            applicationForm(try await registerDesk(context), fields: FormFields(""), errors: [:])
        }
        router.post("/register/a/{agency}/applications/new") { request, context in
            try await addApplication(try await registerDesk(context), request, context: context)
        }
        router.get("/register/a/{agency}/applications/{key}") { request, context in
            let query = FormFields(request.uri.query ?? "")
            var notice = query.text("saved") != nil ? "已保存。" : nil
            // What became of the step's letter when the server e-mails letters (--smtp): said once, after saving.
            switch query.text("mail") {
            case "sent": notice = (notice ?? "") + "告知书已通过电子邮件发送给申请人。"
            case "failed": notice = (notice ?? "") + "告知书未能通过电子邮件发送（步骤已保存），原因见修改记录；可稍后在下方重新发送。"
            default: break
            }
            return try await applicationPage(try await registerDesk(context), key: Self.key(context), notice: notice)
        }
        router.post("/register/a/{agency}/applications/{key}/steps") { request, context in
            try await recordStep(try await registerDesk(context), key: Self.key(context), request, context: context)
        }
        addRegisterRecordRoutes(to: router)
        addRegisterCompileRoutes(to: router)
    }

    /// A record's number from the path, as the clerk wrote it.
    static func key(_ context: WebContext) -> String {
        let raw = context.parameters.get("key") ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// What a register page works with: the agency (whose register the visitor may keep or oversee), the calendar,
    /// the day deadlines are counted from, and who the visitor is.
    struct RegisterDesk: Sendable {
        var agency: AgencyRecord
        var agencyID: Int64
        var calendar: WorkingCalendar
        var today: CalendarDate
        var user: String

        /// The agency's pages start with this.
        var path: String { "/register/a/\(agencyID)" }
    }

    /// The day the register counts from.
    var registerToday: CalendarDate { options.registerDay ?? .today() }

    /// The agency of the path, if the visitor keeps or oversees its register: 404 for an agency that does not exist,
    /// 403 (in Chinese) for one the visitor has no duty for.
    func registerDesk(_ context: WebContext) async throws -> RegisterDesk {
        let id = try Self.id(context.parameters.get("agency") ?? "", of: "机关")
        let visitor = Visitor.current
        guard let user = visitor.user else { throw WebError(.unauthorized, "请先登录。") }
        let (agency, calendar) = try await query { store in (try store.agency(id: id), try store.workingCalendar()) }
        guard let agency else { throw WebError.notFound("没有编号为 \(id) 的机关。") }
        guard visitor.keepsRegister(of: id) else {
            throw WebError(
                .forbidden,
                "您的账号「\(user.name)」不是「\(agency.name)」的登记员或督办人员，无权查看或修改该机关的登记簿；如需权限，请联系管理员。"
            )
        }
        return RegisterDesk(agency: agency, agencyID: id, calendar: calendar, today: registerToday, user: user.name)
    }

    /// Writes a change to the register into the audit log, as uploads are.
    func auditRegister(_ desk: RegisterDesk, _ detail: String, _ request: Request, context: WebContext) async throws {
        try await audit(
            "登记簿",
            "\(desk.agency.name)（机关编号 \(desk.agencyID)）：\(detail)",
            actor: desk.user,
            clientAddress(request, context: context)
        )
    }

    // MARK: 登记簿 home

    /// The registers the visitor keeps: one agency's straight away; several (or every one, for a supervisor of all)
    /// as a list with the open, due-soon and overdue applications of each.
    func registerHome() async throws -> Response {
        let visitor = Visitor.current
        let scope = visitor.registerAgencies
        if let scope, scope.count == 1, let only = scope.first {
            return Response(status: .seeOther, headers: [.location: "/register/a/\(only)"])
        }
        let today = registerToday
        let (records, calendar, names) = try await query {
            store -> ([RegisterRecord], WorkingCalendar, [Int64: String]) in
            let records =
                scope?.isEmpty == true
                ? [] : try store.registerRecords(RegisterSelection(agencyIDs: scope, kind: .application))
            var names: [Int64: String] = [:]
            for id in Set(records.map(\.agencyID)).union(scope ?? []) {
                names[id] = try store.agency(id: id)?.name
            }
            return (records, try store.workingCalendar(), names)
        }
        var tallies: [Int64: (all: Int, open: Int, soon: Int, overdue: Int)] = [:]
        for id in names.keys { tallies[id] = (0, 0, 0, 0) }
        for record in records {
            var tally = tallies[record.agencyID] ?? (0, 0, 0, 0)
            tally.all += 1
            if record.isOpen, let application = try? record.application() {
                tally.open += 1
                switch DueMark(application, today: today, calendar: calendar) {
                case .overdue: tally.overdue += 1
                case .soon: tally.soon += 1
                default: break
                }
            }
            tallies[record.agencyID] = tally
        }
        let rows = tallies.sorted {
            ($0.value.overdue, $0.value.soon, names[$1.key] ?? "") > (
                $1.value.overdue, $1.value.soon, names[$0.key] ?? ""
            )
        }
        .map { id, tally -> HTML in
            let overdue: HTML =
                tally.overdue > 0
                ? "<span class=\"due overdue\">逾期 \(tally.overdue) 件</span>" : "0"
            let soon: HTML = tally.soon > 0 ? "<span class=\"due soon\">即将到期 \(tally.soon) 件</span>" : "0"
            return """
                <tr><th scope="row"><a href="/register/a/\(id)">\(names[id] ?? "机关 \(id)")</a></th>\
                <td class="n">\(tally.all)</td><td class="n">\(tally.open)</td><td class="n">\(soon)</td>\
                <td class="n">\(overdue)</td></tr>

                """
        }
        let who: HTML =
            scope == nil
            ? "您是督办人员，可查看所有机关的登记簿。下表列出登记簿中有申请的机关。"
            : "您负责以下机关的登记簿。"
        let table: HTML =
            rows.isEmpty
            ? "<p class=\"notice-box\">您没有可查看的登记簿：登记员和督办人员的职责由管理员用 <code>gongkai user grant</code> 授予。</p>\n"
            : """
            <table class="list">
            <thead><tr><th>机关</th><th class="n">申请总数</th><th class="n">办理中</th><th class="n">3个工作日内到期</th>\
            <th class="n">已逾期</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
        let content: HTML = """
            <h1>登记簿</h1>
            <p class="lead">\(who)到期情况按 \(today.chineseWithWeekday) 计算。</p>
            \(table)
            """
        return Responses.page(Page(title: "登记簿", section: .register, content: content))
    }

    // MARK: An agency's register

    /// The filters of an agency's list of applications.
    struct RegisterFilter {
        enum State: String { case all, open, closed }
        enum Due: String { case soon, overdue }

        var year: Int
        var state: State
        var due: Due?

        init(_ fields: FormFields, today: CalendarDate) throws(WebError) {
            year = today.year
            if let text = fields.text("year") {
                guard let number = Int(text), (2000...9999).contains(number) else {
                    throw .badRequest("年度应为2000至9999之间的整数，收到的是「\(text)」。")
                }
                year = number
            }
            state = .all
            if let text = fields.text("state") {
                guard let value = State(rawValue: text) else {
                    throw .badRequest("state 应为 all、open 或 closed，收到的是「\(text)」。")
                }
                state = value
            }
            if let text = fields.text("due") {
                guard let value = Due(rawValue: text) else {
                    throw .badRequest("due 应为 soon 或 overdue，收到的是「\(text)」。")
                }
                due = value
            }
        }
    }

    func registerAgencyPage(_ desk: RegisterDesk, _ request: Request) async throws -> Response {
        let filter = try RegisterFilter(FormFields(request.uri.query ?? ""), today: desk.today)
        let year = filter.year
        let agencyID = desk.agencyID
        let (applications, cases, documents, counts) = try await query { store in
            (
                try store.registerRecords(RegisterSelection(agencyIDs: [agencyID], kind: .application, year: year)),
                try store.registerRecords(RegisterSelection(agencyIDs: [agencyID], kind: .disclosureCase)),
                try store.registerRecords(RegisterSelection(agencyIDs: [agencyID], kind: .document)),
                try store.registerRecord(agencyID: agencyID, kind: .yearCounts, key: String(year))
            )
        }
        var rows: [HTML] = []
        var shown = 0
        var tally = (open: 0, soon: 0, overdue: 0)
        for record in applications {
            let application: DisclosureApplication
            do { application = try record.application() } catch { continue }
            let mark = DueMark(application, today: desk.today, calendar: desk.calendar)
            if record.isOpen { tally.open += 1 }
            if case .overdue = mark { tally.overdue += 1 }
            if case .soon = mark { tally.soon += 1 }
            switch filter.state {
            case .open where !record.isOpen, .closed where record.isOpen: continue
            default: break
            }
            if let due = filter.due {
                switch (due, mark) {
                case (.soon, .soon), (.overdue, .overdue): break
                default: continue
                }
            }
            shown += 1
            let link = "\(desk.path)/applications/\(FormFields.encode(record.key))"
            rows.append(
                """
                <tr><th scope="row"><a href="\(link)">\(record.key)</a></th><td>\(application.received.description)</td>\
                <td>\(application.applicantType.chinese)</td><td class="file">\(Self.shortened(application.request))</td>\
                <td class="file">\(record.state)</td><td>\(mark.html)</td></tr>

                """
            )
        }
        let base = "\(desk.path)?year=\(year)"
        func filterLink(_ query: String, _ title: String, current: Bool) -> HTML {
            current
                ? "<a href=\"\(base)\(query)\" aria-current=\"true\"><strong>\(title)</strong></a>"
                : "<a href=\"\(base)\(query)\">\(title)</a>"
        }
        let filters: [HTML] = [
            filterLink("", "全部", current: filter.state == .all && filter.due == nil),
            filterLink("&state=open", "办理中", current: filter.state == .open && filter.due == nil),
            filterLink("&state=closed", "已办结", current: filter.state == .closed),
            filterLink("&due=soon", "3个工作日内到期（\(tally.soon)）", current: filter.due == .soon),
            filterLink("&due=overdue", "已逾期（\(tally.overdue)）", current: filter.due == .overdue),
        ]
        let table: HTML =
            rows.isEmpty
            ? "<p>没有符合条件的申请。</p>\n"
            : """
            <div class="scroll"><table class="list register">
            <thead><tr><th>登记号</th><th>收到日期</th><th>申请人类型</th><th>申请内容</th><th>状态</th><th>答复期限</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table></div>

            """
        let content: HTML = """
            <h1>\(desk.agency.name) 登记簿</h1>
            <p class="lead">\(year)年收到的政府信息公开申请 \(applications.count) 件，其中办理中 \(tally.open) 件。\
            到期情况按 \(desk.today.chineseWithWeekday) 计算。</p>
            <form class="filters" method="get" action="\(desk.path)">
            <label>年度 <input type="number" name="year" value="\(String(year))" min="2000" max="9999"></label>
            <input type="hidden" name="state" value="\(filter.state.rawValue)">
            <button type="submit">查看</button>
            </form>
            <nav class="tabs" aria-label="登记簿各部分">\
            <a href="#applications">依申请公开</a><a href="#cases">行政复议、行政诉讼</a>\
            <a href="#documents">规章、规范性文件</a><a href="#counts">年度数量</a>\
            <a href="\(desk.path)/compile?year=\(year)">\(year)年度报告预览</a></nav>
            <h2 id="applications">依申请公开</h2>
            <ul class="downloads">
            <li><a href="\(desk.path)/applications/new">登记新申请</a></li>
            <li><a href="\(desk.path)/export.xlsx?year=\(year)" download>导出\(year)年登记簿（Excel，不含申请人信息）</a></li>
            <li><a href="\(desk.path)/export.xlsx?year=\(year)&amp;personal=1" download>导出（含申请人姓名、证件号码、联系方式）</a></li>
            </ul>
            \(DueMark.legend)<nav class="pages" aria-label="筛选">\(filters)</nav>
            \(table)\(casesSection(desk, cases, year: year))\(documentsSection(desk, documents, year: year))\
            \(countsSection(desk, counts, year: year))
            """
        return Responses.page(Page(title: "\(desk.agency.name) 登记簿", section: .register, content: content))
    }

    /// A long text cut to its first 40 characters.
    static func shortened(_ text: String) -> String { text.count > 40 ? String(text.prefix(40)) + "…" : text }

    func casesSection(_ desk: RegisterDesk, _ records: [RegisterRecord], year: Int) -> HTML {
        let shown = records.filter { record in
            guard let item = try? record.disclosureCase() else { return false }
            return item.counts(inYear: year) || record.year == year
        }
        let rows = shown.compactMap { record -> HTML? in
            guard let item = try? record.disclosureCase() else { return nil }
            return """
                <tr><th scope="row"><a href="\(desk.path)/cases/\(FormFields.encode(record.key))">\(record.key)</a></th>\
                <td>\(item.kind.chinese)</td><td>\(item.filed.description)</td><td>\(item.applicationID ?? "—")</td>\
                <td class="file">\(record.state)</td></tr>

                """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p>\(year)年没有登记或未审结的行政复议、行政诉讼案件。</p>\n"
            : """
            <table class="list">
            <thead><tr><th>编号</th><th>类别</th><th>立案日期</th><th>相关申请</th><th>状态</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
        return """
            <h2 id="cases">行政复议、行政诉讼</h2>
            <ul class="downloads"><li><a href="\(desk.path)/cases/new">登记行政复议、行政诉讼案件</a></li></ul>
            \(table)
            """
    }

    func documentsSection(_ desk: RegisterDesk, _ records: [RegisterRecord], year: Int) -> HTML {
        let rows = records.compactMap { record -> HTML? in
            guard let document = try? record.document(), document.issued.year <= year else { return nil }
            return """
                <tr><th scope="row"><a href="\(desk.path)/documents/\(FormFields.encode(record.key))">\(document.number)</a></th>\
                <td>\(document.kind.chinese)</td><td class="file">\(document.title)</td><td>\(document.issued.description)</td>\
                <td>\(record.state)</td></tr>

                """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p>没有\(year)年底前制发的规章、规范性文件。</p>\n"
            : """
            <table class="list">
            <thead><tr><th>文号</th><th>类别</th><th>标题</th><th>制发日期</th><th>状态</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
        return """
            <h2 id="documents">规章、规范性文件</h2>
            <ul class="downloads"><li><a href="\(desk.path)/documents/new">登记规章、规范性文件</a></li></ul>
            \(table)
            """
    }

    func countsSection(_ desk: RegisterDesk, _ record: RegisterRecord?, year: Int) -> HTML {
        let link: HTML = "<a href=\"\(desk.path)/counts?year=\(year)\">填报或修改\(year)年的数量</a>"
        guard let record, let counts = try? record.counts() else {
            return """
                <h2 id="counts">年度数量</h2>
                <p>尚未填报\(year)年的行政许可、行政处罚、行政强制决定件数和行政事业性收费金额。\(link)</p>

                """
        }
        return """
            <h2 id="counts">年度数量</h2>
            <p>\(year)年：行政许可 \(counts.licensing) 件，行政处罚 \(counts.penalty) 件，行政强制 \(counts.coercion) 件，\
            行政事业性收费 \(Self.decimal(counts.feesTenThousandYuan)) 万元。\(link)</p>

            """
    }

    static func decimal(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).description(withLocale: Locale(identifier: "en_US_POSIX"))
    }
}

/// An application for disclosure (the name `Application` is also Hummingbird's).
typealias DisclosureApplication = GongkaiRegister.Application

/// Where an open application's reply stands on a day: overdue, due within 3 working days, or in time — told by
/// colour and by words, so that it reads without colour too.
enum DueMark {
    case overdue(days: Int, due: CalendarDate)
    case soon(due: CalendarDate, today: Bool)
    case fine(due: CalendarDate)
    /// Waiting for the applicant's 补正: the reply period has not started.
    case waiting
    case closed
    /// The calendar lacks a year the deadline needs.
    case unknown(String)

    /// Working days ahead counted as due soon.
    static let soonDays = 3

    init(_ application: DisclosureApplication, today: CalendarDate, calendar: WorkingCalendar) {
        let asOf = max(today, application.events.last?.date ?? today)
        do throws(MissingCalendarYear) {
            let status = try application.status(on: asOf, calendar: calendar)
            guard status.state.isOpen else {
                self = .closed
                return
            }
            guard let due = status.replyDue else {
                self = status.calendarMissing.map { .unknown($0.description) } ?? .waiting
                return
            }
            let horizon = try calendar.window(Self.soonDays, after: today).last
            if today > due {
                self = .overdue(days: today.dayNumber - due.dayNumber, due: due)
            } else if due <= horizon {
                self = .soon(due: due, today: due == today)
            } else {
                self = .fine(due: due)
            }
        } catch {
            self = .unknown(error.description)
        }
    }

    var html: HTML {
        switch self {
        case .overdue(let days, let due):
            "<span class=\"due overdue\">已逾期 \(days) 天</span> \(due.description)"
        case .soon(let due, let today):
            "<span class=\"due soon\">\(today ? "今日到期" : "即将到期")</span> \(due.description)"
        case .fine(let due): "<span class=\"due fine\">未到期</span> \(due.description)"
        case .waiting: "<span class=\"due waiting\">待补正</span> 补正后重新计算"
        case .closed: "<span class=\"due closed\">已办结</span>"
        case .unknown(let reason): "<span class=\"due waiting\">期限待计算</span> \(reason)"
        }
    }

    static let legend: HTML = """
        <ul class="legend" aria-label="答复期限标记">
        <li><span class="due overdue">已逾期</span>超过答复期限仍未答复</li>
        <li><span class="due soon">即将到期</span>3个工作日内到期</li>
        <li><span class="due fine">未到期</span>3个工作日以后到期</li>
        </ul>

        """
}
