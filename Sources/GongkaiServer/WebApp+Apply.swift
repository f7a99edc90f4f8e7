import Foundation
import GongkaiModel
import GongkaiRegister
import GongkaiStore
import HTTPTypes
import Hummingbird
import Synchronization

/// Counts what each client address did within a window, in the server's memory: the public application pages'
/// limits on applications filed and status look-ups.
final class AddressThrottle: Sendable {
    private let seen = Mutex<[String: [Date]]>([:])

    /// Counts one more for `address` and tells whether it is within `limit` in the last `window` seconds; when not,
    /// the time the oldest counted leaves the window. A refused attempt is not counted.
    func admit(_ address: String, limit: Int, window: TimeInterval, now: Date) -> Date? {
        seen.withLock { seen in
            var times = (seen[address] ?? []).filter { now.timeIntervalSince($0) < window }
            if times.count >= limit {
                seen[address] = times
                return times[times.count - limit].addingTimeInterval(window)
            }
            times.append(now)
            seen[address] = times
            if seen.count > 100_000 {
                seen = seen.filter { !($0.value.last.map { now.timeIntervalSince($0) >= window } ?? true) }
            }
            return nil
        }
    }
}

/// The applicant's side, open to anybody without signing in: choose the agency (`/apply`), fill in the form of 条例
/// 第二十九条 (`/apply/{agencyID}`, checked as it is typed by `/static/apply.js` and again by the server), get a query
/// number, and follow the application's state with it (`/apply/status`).
extension WebApp {
    func addApplyRoutes(to router: Router<WebContext>) {
        router.get(RouterPath(ApplyScript.path)) { _, _ in ApplyScript.response() }
        router.get("/apply") { request, _ in try await applyAgencies(request) }
        router.get("/apply/status") { request, context in try await applyStatus(request, context: context) }
        router.get("/apply/{agency}") { _, context in try await applyForm(context.parameters.get("agency") ?? "") }
        router.post("/apply/{agency}") { request, context in
            try await applySubmit(request, context: context, agencyText: context.parameters.get("agency") ?? "")
        }
    }

    func applyAgencies(_ request: Request) async throws -> Response {
        let fields = FormFields(request.uri.query ?? "")
        let text = try fields.text("q", atMost: 100) ?? ""
        let agencies = text.isEmpty ? [] : try await query { try $0.searchAgencies(text) }
        let rows = agencies.prefix(50).compactMap { agency -> HTML? in
            guard let id = agency.id else { return nil }
            return "<li><a href=\"/apply/\(id)\">\(agency.name)</a></li>\n"
        }
        var list: HTML = ""
        if !text.isEmpty {
            list =
                rows.isEmpty
                ? "<p>没有名称含「\(text)」的机关。请换一个关键词（如机关名称中的地名或「局」前的字）。</p>\n"
                : "<ul class=\"agencies\">\n\(rows)</ul>\n"
        }
        let content: HTML = """
            <h1>申请政府信息公开</h1>
            <p class="lead">依照《中华人民共和国政府信息公开条例》第二十七条，公民、法人或者其他组织可以向行政机关申请获取政府信息。\
            请先找到您要申请的机关，再填写申请表。提交后您会得到一个查询号，凭它查看办理进度。</p>
            <form class="search" method="get" action="/apply">
            <label>机关名称 <input type="search" name="q" value="\(text)" maxlength="100" required></label>
            <button type="submit">查找</button>
            </form>
            \(list)<h2>查询办理进度</h2>
            \(Self.statusForm(""))
            """
        return Responses.page(Page(title: "申请政府信息公开", section: .home, content: content))
    }

    static func statusForm(_ number: String) -> HTML {
        """
        <form class="search" method="get" action="/apply/status">
        <label>查询号 <input type="text" name="number" value="\(number)" maxlength="20" autocomplete="off" required></label>
        <button type="submit">查询</button>
        </form>

        """
    }

    func applyAgency(_ text: String) async throws -> (id: Int64, name: String) {
        let id = try Self.id(text, of: "机关")
        guard let agency = try await query({ try $0.agency(id: id) }) else {
            throw WebError.notFound("没有编号为 \(id) 的机关。请从「申请政府信息公开」页查找机关。")
        }
        return (id, agency.name)
    }

    func applyForm(_ agencyText: String) async throws -> Response {
        let agency = try await applyAgency(agencyText)
        return Responses.page(applicationPage(agency: agency, values: [:], problems: []))
    }

    /// The form, filled with `values` and with the `problems` found in them.
    func applicationPage(agency: (id: Int64, name: String), values: [String: String], problems: [FormProblem]) -> Page {
        let visitor = Visitor.current
        func value(_ name: String) -> String { values[name] ?? "" }
        func problem(_ name: String) -> HTML {
            let messages = problems.filter { $0.field == name }.map(\.message)
            return
                "<span class=\"field-error\" id=\"\(name)-error\" aria-live=\"polite\">\(messages.joined(separator: " "))</span>"
        }
        func invalid(_ name: String) -> HTML { problems.contains { $0.field == name } ? " aria-invalid=\"true\"" : "" }
        func text(
            _ name: String,
            _ label: String,
            type: String = "text",
            required: Bool = false,
            hint: String = ""
        ) -> HTML {
            let limit = ApplicationForm.limits[name] ?? 200
            let requiredMark: HTML = required ? " required" : ""
            let hintHTML: HTML = hint.isEmpty ? "" : "<small>\(hint)</small>"
            return """
                <label>\(label)\(required ? "（必填）" : "") <input type="\(type)" name="\(name)" id="\(name)" \
                value="\(value(name))" maxlength="\(limit)"\(requiredMark)\(invalid(name)) aria-describedby="\(name)-error">\
                \(hintHTML)\(problem(name))</label>

                """
        }
        func select<T: RawRepresentable<String>>(
            _ name: String,
            _ label: String,
            _ options: [T],
            _ title: (T) -> String
        ) -> HTML {
            let chosen = value(name)
            let items = options.map { option -> HTML in
                let selected: HTML = option.rawValue == chosen ? " selected" : ""
                return "<option value=\"\(option.rawValue)\"\(selected)>\(title(option))</option>"
            }
            return "<label>\(label) <select name=\"\(name)\" id=\"\(name)\">\(items)</select>\(problem(name))</label>\n"
        }
        let summary: HTML =
            problems.isEmpty
            ? ""
            : """
            <div class="error-box" role="alert"><p>申请未提交，请修改以下内容：</p><ul>\
            \(problems.map { problem -> HTML in "<li>\(problem.message)</li>" })</ul></div>

            """
        let content: HTML = """
            <h1>向「\(agency.name)」申请政府信息公开</h1>
            <p class="lead">请按《中华人民共和国政府信息公开条例》第二十九条填写：申请人的姓名或者名称、身份证明、联系方式；\
            所需政府信息的名称、文号或者特征性描述；所需信息的提供方式。本页只把申请交给该机关，不公开您的个人信息。</p>
            \(summary)<form class="apply" id="apply-form" method="post" action="/apply/\(agency.id)" novalidate>
            \(visitor.csrfField)<fieldset><legend>申请人</legend>
            \(select("applicant_type", "申请人类型", ApplicantType.allCases) { $0 == .natural ? "公民（自然人）" : "法人或其他组织：\($0.chinese)" })\
            \(text("name", "姓名或名称", required: true))\
            \(select("id_document", "证件类型", IdentityDocument.allCases) { $0.chinese })\
            \(text("id_number", "证件号码", required: true, hint: "居民身份证为18位，最后一位可为X；法人或其他组织填统一社会信用代码。"))\
            \(text("address", "联系地址", required: true))\
            \(text("phone", "联系电话", type: "tel", required: true))\
            \(text("email", "电子邮箱", type: "email", hint: "选择以电子邮件提供或获取信息时必填；告知书也会发到这里。"))\
            </fieldset>
            <fieldset><legend>所需政府信息</legend>
            \(text("information_name", "信息名称", hint: "名称、文号、描述至少填一项。"))\
            \(text("document_number", "文号"))\
            <label>特征性描述 <textarea name="description" id="description" rows="5" \
            maxlength="\(ApplicationForm.limits["description"] ?? 2000)"\(invalid("description")) \
            aria-describedby="description-error">\(value("description"))</textarea>\(problem("description"))</label>
            \(text("purpose", "用途（选填）"))\
            \(select("provision", "提供方式", ProvisionForm.allCases) { $0.chinese })\
            \(select("collection", "获取方式", CollectionMethod.allCases) { $0.chinese })\
            </fieldset>
            <button type="submit">提交申请</button>
            </form>
            <script src="\(ApplyScript.path)" defer></script>

            """
        return Page(title: "申请政府信息公开", section: .home, content: content)
    }

    /// The form's fields as sent, read into an ``ApplicationForm``; a choice that is not one of the form's is
    /// refused (400), as only a hand-made request sends one.
    static func applicationForm(_ fields: FormFields) throws(WebError) -> (ApplicationForm, [String: String]) {
        var values: [String: String] = [:]
        let names = [
            "applicant_type", "name", "id_document", "id_number", "address", "phone", "email", "information_name",
            "document_number", "description", "purpose", "provision", "collection",
        ]
        for name in names {
            // Longer than any field may be: cut at twice the limit so that the page shown again stays small; the
            // check below says the field is too long.
            let limit = (ApplicationForm.limits[name] ?? 40) * 2
            values[name] = String((fields.text(name) ?? "").prefix(limit))
        }
        func choice<T: RawRepresentable<String>>(_ name: String, _ fallback: T) throws(WebError) -> T {
            guard let text = values[name], !text.isEmpty else { return fallback }
            guard let value = T(rawValue: text) else { throw .badRequest("「\(name)」的取值「\(text)」不是表单中的选项。") }
            return value
        }
        let form = ApplicationForm(
            applicantType: try choice("applicant_type", ApplicantType.natural),
            name: values["name"] ?? "",
            identityDocument: try choice("id_document", IdentityDocument.residentID),
            identityNumber: values["id_number"] ?? "",
            address: values["address"] ?? "",
            phone: values["phone"] ?? "",
            email: values["email"] ?? "",
            informationName: values["information_name"] ?? "",
            documentNumber: values["document_number"] ?? "",
            description: values["description"] ?? "",
            purpose: values["purpose"] ?? "",
            provision: try choice("provision", ProvisionForm.paper),
            collection: try choice("collection", CollectionMethod.post)
        )
        return (form, values)
    }

    /// The most a form posted to `/apply` may carry.
    static let applyBodyLimit = 64 * 1024

    func applySubmit(_ request: Request, context: WebContext, agencyText: String) async throws -> Response {
        let agency = try await applyAgency(agencyText)
        let body = try await Self.body(request, limit: Self.applyBodyLimit)
        let (form, values) = try Self.applicationForm(FormFields(String(decoding: body, as: UTF8.self)))
        let problems = form.problems
        guard problems.isEmpty else {
            return Responses.page(
                applicationPage(agency: agency, values: values, problems: problems),
                status: .unprocessableContent
            )
        }
        let address = clientAddress(request, context: context)
        let limits = options.applyLimits
        let now = Date()
        if let until = applyThrottle.admit(
            "submit " + address,
            limit: limits.submissions,
            window: limits.window,
            now: now
        ) {
            return Self.throttled(until: until, now: now, what: "提交申请")
        }
        let today = CalendarDate.today()
        let stored = try await query { store in
            try store.submitApplication(form, agencyID: agency.id, agency: agency.name, at: now, today: today)
        }
        let number = stored.value.number
        let content: HTML = """
            <h1>申请已提交</h1>
            <div class="notice-box receipt">
            <p>您的查询号：<strong class="query-number">\(QueryNumber.printed(number))</strong></p>
            <p>受理机关：\(agency.name)</p>
            <p>提交时间：\(AuditEntry.chinaTime(now))</p>
            </div>
            <p>请记下或打印本页。机关签收后，以签收之日为收到申请之日（条例第三十一条：通过互联网提交的，以双方确认之日为收到申请之日），\
            一般应自收到申请之日起20个工作日内答复（条例第三十三条）。凭查询号可随时查看办理进度：</p>
            <p><a href="/apply/status?number=\(number)">查看办理进度</a></p>

            """
        return Responses.page(Page(title: "申请已提交", section: .home, content: content))
    }

    static func throttled(until: Date, now: Date, what: String) -> Response {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        let content: HTML = """
            <h1>操作过于频繁</h1>
            <p class="error-box" role="alert">同一网络地址\(what)的次数过多，请在 \(minutes) 分钟后再试。</p>

            """
        var response = Responses.page(Page(title: "操作过于频繁", section: .home, content: content), status: .tooManyRequests)
        response.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSince(now).rounded(.up))))
        return response
    }

    func applyStatus(_ request: Request, context: WebContext) async throws -> Response {
        let fields = FormFields(request.uri.query ?? "")
        let typed = try fields.text("number", atMost: 40) ?? ""
        guard !typed.isEmpty else {
            let content: HTML = "<h1>查询办理进度</h1>\n\(Self.statusForm(""))"
            return Responses.page(Page(title: "查询办理进度", section: .home, content: content))
        }
        let address = clientAddress(request, context: context)
        let limits = options.applyLimits
        let now = Date()
        if let until = applyThrottle.admit("status " + address, limit: limits.lookups, window: limits.window, now: now)
        {
            return Self.throttled(until: until, now: now, what: "查询")
        }
        let number = QueryNumber.normalized(typed)
        let found = try await query { store -> (Submission, String, GongkaiRegister.Application?, WorkingCalendar)? in
            // A number that cannot be one is looked up all the same, so that it takes as long as any other.
            guard let stored = try store.submission(number: number ?? "-"), number != nil else { return nil }
            let agency = try store.agency(id: stored.record.agencyID)?.name ?? ""
            let application = try stored.value.applicationKey.flatMap {
                try store.application(agencyID: stored.record.agencyID, key: $0)?.value
            }
            return (stored.value, agency, application, try store.workingCalendar())
        }
        guard let (submission, agency, application, calendar) = found else {
            let content: HTML = """
                <h1>查询办理进度</h1>
                <p class="error-box" role="alert">没有找到查询号为「\(typed)」的申请。请核对查询号（12位字母和数字，不含0、1、I、O）。</p>
                \(Self.statusForm(typed))
                """
            return Responses.page(Page(title: "查询办理进度", section: .home, content: content), status: .notFound)
        }
        var rows: [HTML] = [
            "<tr><th scope=\"row\">查询号</th><td>\(QueryNumber.printed(submission.number))</td></tr>",
            "<tr><th scope=\"row\">受理机关</th><td>\(agency)</td></tr>",
            "<tr><th scope=\"row\">提交时间</th><td>\(AuditEntry.chinaTime(submission.submitted))</td></tr>",
            "<tr><th scope=\"row\">所需信息</th><td>\(submission.form.request)</td></tr>",
            "<tr><th scope=\"row\">状态</th><td>\(submission.state.chinese)</td></tr>",
        ]
        if case .refused(let reason, _) = submission.state {
            rows.append("<tr><th scope=\"row\">退回理由</th><td>\(reason)</td></tr>")
        }
        if let application {
            rows.append("<tr><th scope=\"row\">收到申请之日</th><td>\(application.received.chinese)</td></tr>")
            do {
                let status = try application.status(on: .today(), calendar: calendar)
                rows.append("<tr><th scope=\"row\">办理情况</th><td>\(status.state.chinese)</td></tr>")
                if let due = status.replyDue {
                    rows.append("<tr><th scope=\"row\">答复期限</th><td>\(due.chinese)前</td></tr>")
                } else if let missing = status.calendarMissing, status.state.isOpen {
                    rows.append("<tr><th scope=\"row\">答复期限</th><td>待定（尚无\(missing.year)年的节假日安排）</td></tr>")
                }
            } catch {
                rows.append("<tr><th scope=\"row\">答复期限</th><td>待定（尚无\(error.year)年的节假日安排）</td></tr>")
            }
        }
        var steps: [HTML] = submission.history.filter { $0.action != .mailFailed }.map { entry in
            "<li>\(AuditEntry.chinaTime(entry.at))　\(entry.agency)　\(entry.action.chinese)</li>\n"
        }
        if let application {
            steps += application.events.dropFirst().map { event in
                "<li>\(event.date.chinese)　\(event.step.chinese)</li>\n"
            }
        }
        let content: HTML = """
            <h1>办理进度</h1>
            <table class="status"><tbody>\(rows)</tbody></table>
            <h2>办理经过</h2>
            <ol class="timeline">\(steps)</ol>
            \(Self.statusForm(""))
            """
        return Responses.page(Page(title: "办理进度", section: .home, content: content))
    }
}

/// The script of the application form, served as a file of the site (the content security policy allows no inline
/// script): it checks each field as it is typed — the 居民身份证 check digit (GB 11643), the 统一社会信用代码 check
/// character (GB 32100), the phone, the e-mail, required fields — and shows the reason beside the field. The server
/// checks everything again; without script the form is posted as it is.
enum ApplyScript {
    static let path = "/static/apply.js"

    static let source = """
        "use strict";
        (function () {
          var form = document.getElementById("apply-form");
          if (!form) { return; }
          function field(name) { return form.elements.namedItem(name); }
          function value(name) { var f = field(name); return f ? f.value.trim() : ""; }
          function residentID(text) {
            var id = text.toUpperCase();
            if (id.length === 15) { return /^[0-9]{15}$/.test(id) ? "" : "身份证号码应为18位（最后一位可为X）。"; }
            if (!/^[0-9]{17}[0-9X]$/.test(id)) { return "身份证号码应为18位（最后一位可为X），现有" + id.length + "位。"; }
            var weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            var sum = 0;
            for (var i = 0; i < 17; i++) { sum += (id.charCodeAt(i) - 48) * weights[i]; }
            return "10X98765432".charAt(sum % 11) === id.charAt(17) ? "" :
              "身份证号码「" + text + "」的最后一位校验码不正确，请核对后重新填写。";
          }
          function creditCode(text) {
            var code = text.toUpperCase(), chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            var weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
            if (code.length !== 18) { return "统一社会信用代码应为18位。"; }
            var sum = 0;
            for (var i = 0; i < 17; i++) {
              var v = chars.indexOf(code.charAt(i));
              if (v < 0) { return "统一社会信用代码含有不允许的字符。"; }
              sum += v * weights[i];
            }
            return chars.charAt((31 - sum % 31) % 31) === code.charAt(17) ? "" :
              "统一社会信用代码「" + text + "」的校验码不正确。";
          }
          function phone(text) {
            var main = text.split(/转|ext|#/)[0];
            if (!/^[0-9 ()（）+-]+$/.test(main)) { return "联系电话只能含数字、空格、括号和连字符。"; }
            var digits = main.replace(/[^0-9]/g, "");
            if (/^\\s*\\+/.test(main)) { digits = digits.replace(/^86/, ""); if (digits.charAt(0) !== "1") { digits = "0" + digits; } }
            if (/^1[3-9][0-9]{9}$/.test(digits) || /^0[0-9]{9,11}$/.test(digits) || /^[2-9][0-9]{6,7}$/.test(digits)) { return ""; }
            return "联系电话「" + text + "」不像有效号码：手机为1开头的11位数字，固定电话为区号加7至8位号码。";
          }
          function email(text) {
            return /^[A-Za-z0-9!#$%&'*+\\/=?^_`{|}~.-]{1,64}@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}$/.test(text) ? "" :
              "电子邮箱「" + text + "」格式不正确，应如 name@example.cn。";
          }
          var checks = {
            name: function (t) { return t ? "" : "请填写姓名或名称。"; },
            id_number: function (t) {
              if (!t) { return "请填写证件号码。"; }
              var kind = value("id_document");
              if (kind === "resident_id") { return residentID(t); }
              if (kind === "credit_code") { return creditCode(t); }
              return /^[A-Za-z0-9-]{5,40}$/.test(t) ? "" : "证件号码应为5至40位字母和数字。";
            },
            address: function (t) { return t ? "" : "请填写联系地址。"; },
            phone: function (t) { return t ? phone(t) : "请填写联系电话。"; },
            email: function (t) {
              if (!t) {
                return value("provision") === "email" || value("collection") === "email" ?
                  "选择以电子邮件提供或获取信息时，请填写电子邮箱。" : "";
              }
              return email(t);
            },
            information_name: function () {
              return value("information_name") || value("document_number") || value("description") ? "" :
                "请填写所需信息的名称、文号或者特征性描述，至少一项。";
            }
          };
          function check(name) {
            var input = field(name), message = checks[name](value(name));
            var box = document.getElementById(name + "-error");
            if (box) { box.textContent = message; }
            if (input) { if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); } }
            return message === "";
          }
          Object.keys(checks).forEach(function (name) {
            var input = field(name);
            if (input) { input.addEventListener("input", function () { check(name); }); }
          });
          ["id_document", "provision", "collection"].forEach(function (name) {
            var input = field(name);
            if (input) { input.addEventListener("change", function () { check("id_number"); check("email"); }); }
          });
          ["document_number", "description"].forEach(function (name) {
            var input = field(name);
            if (input) { input.addEventListener("input", function () { check("information_name"); }); }
          });
          form.addEventListener("submit", function (event) {
            var ok = true;
            Object.keys(checks).forEach(function (name) { if (!check(name)) { ok = false; } });
            if (!ok) {
              event.preventDefault();
              var first = form.querySelector("[aria-invalid=true]");
              if (first) { first.focus(); }
            }
          });
        })();

        """

    static func response() -> Response {
        var response = Responses.body(source, status: .ok, contentType: "text/javascript; charset=utf-8")
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }
}
