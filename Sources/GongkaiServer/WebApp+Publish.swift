import Foundation
import GongkaiExtract
import GongkaiForm
import GongkaiIsolation
import GongkaiModel
import GongkaiPublish
import GongkaiRegister
import GongkaiScreen
import GongkaiStore
import Hummingbird

/// 主动公开 through 三审: a clerk's drafts, the items waiting for the visitor's review, an item with its screening hits
/// marked in its text and the actions the visitor may take on it now, the agencies' word lists (administrators) and
/// the published items. Every action is a change of the item's register record and a line of the audit log.
extension WebApp {
    func addPublishRoutes(to router: Router<WebContext>) {
        router.get("/publish") { _, _ in try await publishHome() }
        router.get("/publish/items/new") { _, _ in try await newItemForm() }
        router.post("/publish/items") { request, context in try await createItem(request, context: context) }
        router.get("/publish/items/{id}") { _, context in try await itemPage(context.parameters.get("id") ?? "") }
        router.post("/publish/items/{id}") { request, context in
            try await actOnItem(context.parameters.get("id") ?? "", request, context: context)
        }
        router.get("/publish/items/{id}/attachment") { _, context in
            try await itemAttachment(context.parameters.get("id") ?? "")
        }
        router.get("/publish/words") { request, _ in try await wordsPage(request) }
        router.post("/publish/words") { request, context in try await changeWords(request, context: context) }
        router.get("/publish/published") { request, _ in try await publishedPage(request) }
    }

    // MARK: - 我的事项

    func publishHome() async throws -> Response {
        let visitor = Visitor.current
        let name = visitor.user?.name ?? ""
        let clerkOf = visitor.agencies(with: .clerk)
        let reviewing = PublishRole.allCases.filter { $0 != .drafter }
        var agencies: [Int64]? = []
        var all = false
        for duty in [AgencyDuty.clerk, .firstReview, .secondReview, .finalReview] {
            guard let ids = visitor.agencies(with: duty) else {
                all = true
                continue
            }
            agencies?.append(contentsOf: ids)
        }
        if all { agencies = nil }
        let scope = agencies.map { Array(Set($0)).sorted() }
        let items =
            (scope?.isEmpty ?? false) ? [] : try await publishQuery { try $0.items(agencyIDs: scope, openOnly: true) }
        let names = try await agencyNames(Set(items.map(\.record.agencyID)))
        var drafts: [HTML] = []
        var waiting: [HTML] = []
        var toPublish: [HTML] = []
        for entry in items {
            let item = entry.value
            let actor = visitor.publishActor(agencyID: entry.record.agencyID)
            let row = itemRow(entry, agency: names[entry.record.agencyID] ?? "")
            switch item.stage {
            case .draft where actor.roles.contains(.drafter): drafts.append(row)
            case .approved where actor.roles.contains(.drafter) || actor.roles.contains(.finalReview):
                toPublish.append(row)
            default:
                if let level = item.stage.reviewRole, reviewing.contains(level), actor.roles.contains(level),
                    !item.drafters.contains(name), !item.approvals.contains(where: { $0.by == name })
                {
                    waiting.append(row)
                }
            }
        }
        func table(_ rows: [HTML], empty: String) -> HTML {
            guard !rows.isEmpty else { return "<p class=\"lead\">\(empty)</p>\n" }
            return """
                <table class="items"><thead><tr><th>编号</th><th>机关</th><th>标题</th><th>类别</th><th>阶段</th>\
                <th>筛查</th></tr></thead>
                <tbody>
                \(rows)</tbody></table>

                """
        }
        let newLink: HTML =
            (clerkOf.map { !$0.isEmpty } ?? true) && visitor.user != nil
            ? "<p><a class=\"button\" href=\"/publish/items/new\">起草新事项</a></p>\n" : ""
        let adminLink: HTML =
            visitor.may(.role(.admin)) ? "<li><a href=\"/publish/words\">错敏词表（管理）</a></li>" : ""
        let noDuty: HTML =
            visitor.duties.isEmpty
            ? "<p class=\"notice-box\">您还没有任何机关的起草或审核职责；如需起草或审核，请联系管理员用 "
                + "<code>gongkai user grant</code> 授予职责。</p>\n" : ""
        let content: HTML = """
            <h1>主动公开</h1>
            <p class="lead">主动公开事项由登记员起草，经初审、复审、终审三位不同人员审核后发布；每次提交和审核都筛查个人信息\
            和错敏词，有未处理的错误时不能终审通过。</p>
            \(noDuty)\(newLink)<h2>我的草稿</h2>
            \(table(drafts, empty: "没有待修改或待提交的草稿。"))<h2>待我审核</h2>
            \(table(waiting, empty: "没有等待您审核的事项。"))<h2>已终审，待发布</h2>
            \(table(toPublish, empty: "没有等待发布的事项。"))<ul class="downloads"><li><a href="/publish/published">已公开事项</a></li>\(adminLink)</ul>

            """
        return Responses.page(Page(title: "主动公开", section: .publish, content: content))
    }

    func itemRow(_ entry: Registered<ProactiveItem>, agency: String) -> HTML {
        let item = entry.value
        let (errors, notices) = Screening.counts(item.screening)
        let open = item.unresolved.count
        let screening: HTML =
            open > 0
            ? "<span class=\"bad\">未处理错误 \(open) 处</span>" : errors + notices > 0 ? "错误 \(errors)，提示 \(notices)" : "无"
        return """
            <tr><td><a href="/publish/items/\(entry.record.id)">\(item.id)</a></td><td>\(agency)</td>\
            <td><a href="/publish/items/\(entry.record.id)">\(item.title)</a></td><td>\(item.category.item)</td>\
            <td>\(entry.record.state)</td><td>\(screening)</td></tr>

            """
    }

    // MARK: - 起草

    func newItemForm(message: String? = nil) async throws -> Response {
        let visitor = Visitor.current
        let agencies = try await clerkAgencies()
        guard !agencies.isEmpty else {
            throw WebError(.forbidden, "您没有任何机关的登记员（起草）职责，不能起草主动公开事项；请联系管理员授予职责。")
        }
        let agencyOptions = agencies.map { "<option value=\"\($0.id)\">\($0.name)</option>" as HTML }
        let categories = ProactiveCategory.allCases.map {
            "<option value=\"\($0.rawValue)\">\($0.item) \($0.chinese)</option>" as HTML
        }
        let error: HTML = message.map { "<p class=\"error-box\" role=\"alert\">\($0)</p>\n" } ?? ""
        let content: HTML = """
            <h1>起草主动公开事项</h1>
            \(error)<form class="item-form" method="post" action="/publish/items" enctype="multipart/form-data">
            \(visitor.csrfField)<label>机关 <select name="agency">\(agencyOptions)</select></label>
            <label>标题 <input type="text" name="title" maxlength="\(ProactiveItem.maximumTitle)" required></label>
            <label>类别（条例第二十条） <select name="category">\(categories)</select></label>
            <label>计入表二 <select name="counts_as"><option value="">不计入</option>\
            <option value="rules">规章</option><option value="normative">行政规范性文件</option></select></label>
            <label>文号（规章、规范性文件） <input type="text" name="number" maxlength="100"></label>
            <label>成文日期（规章、规范性文件） <input type="date" name="written"></label>
            <label>正文 <textarea name="text" rows="12"></textarea></label>
            <label>或上传附件（Word、PDF、网页、文本，至多 \(WebOptions.uploadLimit >> 20) MB） \
            <input type="file" name="attachment" accept=".docx,.pdf,.html,.htm,.txt"></label>
            <button type="submit">保存草稿并筛查</button>
            </form>
            <p class="notice-box">保存后立即筛查身份证号码、手机号码等个人信息和错敏词；草稿可一键脱敏后提交初审。</p>

            """
        return Responses.page(Page(title: "起草主动公开事项", section: .publish, content: content))
    }

    func createItem(_ request: Request, context: WebContext) async throws -> Response {
        let visitor = Visitor.current
        let user = visitor.user?.name ?? ""
        let body = try await Self.body(request, limit: context.maxUploadSize)
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") else {
            throw WebError(.unsupportedMediaType, "请用网页上的表单提交（multipart/form-data）。")
        }
        let form = try MultipartForm.parsed(body, boundary: boundary)
        func field(_ name: String) -> String? {
            guard let text = form.text(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return nil
            }
            return text
        }
        let agencyID = try Self.id(field("agency") ?? "", of: "机关")
        let actor = visitor.publishActor(agencyID: agencyID)
        guard actor.roles.contains(.drafter) else {
            throw WebError(.forbidden, "您没有该机关的登记员（起草）职责，不能起草。")
        }
        guard let category = field("category").flatMap(ProactiveCategory.init(rawValue:)) else {
            throw WebError.badRequest("请选择类别。")
        }
        let countsAs = field("counts_as").flatMap(NormativeKind.init(rawValue:))
        var written: CalendarDate?
        if let text = field("written") {
            guard let date = CalendarDate(isoDay: text) else {
                throw WebError.badRequest("成文日期「\(text)」应写作 yyyy-MM-dd。")
            }
            written = date
        }
        var text = form.text("text") ?? ""
        var attachment: (ItemAttachment, Data)?
        if let part = form.part("attachment"), let fileName = part.fileName, !part.bytes.isEmpty {
            let name = Self.fileName(fileName)
            let bytes = part.bytes
            // Read in a worker process, as uploaded reports are: a file that crashes or hangs the reader is refused
            // without taking the server down.
            switch try await gate.text(ReadRequest(name: name, bytes: bytes)) {
            case .success(let extracted): text = extracted
            case .failure(let failure):
                return try await newItemForm(message: "附件「\(name)」无法读取：\(failure.message)")
            }
            attachment = (ItemAttachment(name: name, size: bytes.count), bytes)
        }
        let body_ = text
        let title = field("title") ?? ""
        let number = field("number")
        let attached = attachment
        let writtenOn = written
        let saved: Registered<ProactiveItem>
        do {
            saved = try await publishQuery { store in
                let words = try store.screeningWords(agencyID: agencyID)
                let item: ProactiveItem
                do throws(PublishError) {
                    item = try ProactiveItem(
                        title: title,
                        category: category,
                        countsAs: countsAs,
                        text: body_,
                        attachment: attached?.0,
                        number: number,
                        written: writtenOn,
                        by: actor,
                        at: Date(),
                        words: words
                    )
                } catch {
                    throw PublishingError.refused(error)
                }
                return try store.addItem(
                    item,
                    agencyID: agencyID,
                    attachment: attached?.1,
                    by: user,
                    today: .today(),
                    calendar: try store.workingCalendar()
                )
            }
        } catch let error as PublishingError {
            return try await newItemForm(message: error.description)
        }
        try await audit(
            "主动公开",
            "起草 \(saved.value.id)《\(saved.value.title)》（机关 \(agencyID)）",
            actor: user,
            clientAddress(request, context: context)
        )
        return Response(status: .seeOther, headers: [.location: "/publish/items/\(saved.record.id)"])
    }

    // MARK: - 事项

    /// The item under a record id, refused (404) unless the visitor may see it: a published item is for every reader,
    /// one on its way only for the agency's clerks, reviewers and supervisors, and administrators.
    func visibleItem(_ idText: String) async throws -> Registered<ProactiveItem> {
        let id = try Self.id(idText, of: "事项")
        guard let found = try await publishQuery({ try $0.item(recordID: id) }) else {
            throw WebError.notFound("没有编号为 \(id) 的主动公开事项。")
        }
        let visitor = Visitor.current
        let agencyID = found.record.agencyID
        let mayRead =
            found.value.stage == .published
            || visitor.may(.role(.admin))
            || [.clerk, .firstReview, .secondReview, .finalReview, .supervisor].contains {
                visitor.holds($0, agencyID: agencyID)
            }
        guard mayRead else {
            if visitor.user == nil { throw WebError(.unauthorized, "请先登录。") }
            throw WebError.notFound("没有编号为 \(id) 的主动公开事项。")
        }
        return found
    }

    func itemPage(_ idText: String, message: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response
    {
        let entry = try await visibleItem(idText)
        let item = entry.value
        let visitor = Visitor.current
        let agencyID = entry.record.agencyID
        let agency = try await agencyNames([agencyID])[agencyID] ?? ""
        let actor = visitor.publishActor(agencyID: agencyID)
        let words = try await publishQuery { try $0.screeningWords(agencyID: agencyID) }
        let changes = try await publishQuery { try $0.registerChanges(recordID: entry.record.id) }
        let path = "/publish/items/\(entry.record.id)"
        let error: HTML = message.map { "<p class=\"error-box\" role=\"alert\">\($0)</p>\n" } ?? ""
        var facts: [HTML] = [
            "<dt>机关</dt><dd>\(agency)</dd>", "<dt>编号</dt><dd>\(item.id)</dd>",
            "<dt>阶段</dt><dd>\(item.stage.chinese)</dd>",
            "<dt>类别</dt><dd>\(item.category.item) \(item.category.chinese)</dd>",
        ]
        if let kind = item.countsAs {
            facts.append("<dt>计入表二</dt><dd>\(kind.chinese)</dd>")
            facts.append("<dt>文号</dt><dd>\(item.number ?? "")</dd>")
            facts.append("<dt>成文日期</dt><dd>\(item.written?.chinese ?? "")</dd>")
        }
        if let published = item.published { facts.append("<dt>公开日期</dt><dd>\(published.chinese)</dd>") }
        if let attachment = item.attachment {
            facts.append(
                "<dt>附件</dt><dd><a href=\"\(path)/attachment\">\(attachment.name)</a>（\(attachment.size) 字节）</dd>"
            )
        }
        let late: HTML = item.lateNotice.map { "<p class=\"error-box\">逾期公开：\($0)</p>\n" } ?? ""
        let actions = itemActions(item, actor: actor, words: words, path: path)
        let history = item.history.reversed().map { step -> HTML in
            let level = step.level.map { "（\($0.chinese)）" } ?? ""
            let note: HTML = step.note.map { "：\($0)" } ?? ""
            return
                "<li>\(PublishTime.text(step.at)) \(step.by) \(step.action.chinese)\(level)\(note) → \(step.to.chinese)</li>\n"
        }
        let content: HTML = """
            <h1>\(item.title)</h1>
            \(error)\(late)<dl class="item-facts">\(facts)</dl>
            \(actions)<div class="item-screen">
            <section class="item-text" aria-label="正文"><h2>正文（筛查结果标注）</h2>
            <div class="screened">\(Self.markedText(item))</div></section>
            <section class="item-hits" aria-label="筛查结果"><h2>筛查结果</h2>
            \(hitList(item, actor: actor, path: path))</section>
            </div>
            <h2>经过</h2>
            <ol class="history">\(history)</ol>
            <p class="lead">登记簿记录此事项的 \(changes.count) 次保存（版本 \(entry.record.version)），见操作记录。</p>

            """
        return Responses.page(Page(title: item.title, section: .publish, content: content), status: status)
    }

    /// The item's text with each hit in a `<mark>` whose title gives the kind and the fix; hits overlapping an
    /// earlier one are listed beside the text only.
    static func markedText(_ item: ProactiveItem) -> HTML {
        let bytes = Array(item.text.utf8)
        var html: HTML = ""
        var cursor = 0
        let unresolved = Set(HitMark.marks(item.unresolved))
        let marks = HitMark.marks(item.screening)
        for (index, hit) in item.screening.enumerated() {
            guard hit.utf8Start >= cursor, hit.utf8End <= bytes.count, hit.utf8Start < hit.utf8End else { continue }
            html += .text(String(decoding: bytes[cursor..<hit.utf8Start], as: UTF8.self))
            let state =
                hit.severity == .notice ? "hit-notice" : unresolved.contains(marks[index]) ? "hit-error" : "hit-waived"
            let fix =
                hit.kind == .wording ? "改为「\(hit.suggestion)」" : hit.kind.isPersonalData ? "遮盖为 \(hit.suggestion)" : ""
            let title =
                "\(hit.severity.chineseName)·\(hit.kind.chineseName)：\(hit.message)\(fix.isEmpty ? "" : "；" + fix)"
            html += """
                <mark class="\(state)" id="hit-\(index + 1)" title="\(title)">\
                \(String(decoding: bytes[hit.utf8Start..<hit.utf8End], as: UTF8.self))<sup>\(index + 1)</sup></mark>
                """
            cursor = hit.utf8End
        }
        html += .text(String(decoding: bytes[min(cursor, bytes.count)...], as: UTF8.self))
        return html
    }

    func hitList(_ item: ProactiveItem, actor: PublishActor, path: String) -> HTML {
        guard !item.screening.isEmpty else { return "<p class=\"ok\">未发现个人信息或错敏词。</p>\n" }
        var probe = item
        let mayWaive =
            (try? probe.waive(
                hitAt: item.screening.firstIndex { $0.severity == .error } ?? 0,
                reason: "-",
                by: actor,
                at: Date()
            ))
            != nil
        let rows = item.screening.enumerated().map { index, hit -> HTML in
            let waiver = item.waiver(forHitAt: index)
            let state: HTML
            if hit.severity == .notice {
                state = "提示"
            } else if let waiver {
                state = "<span class=\"same\">已说明理由（\(waiver.by)）：\(waiver.reason)</span>"
            } else {
                state = "<span class=\"bad\">未处理</span>"
            }
            let fix =
                hit.kind == .wording ? "改为「\(hit.suggestion)」" : hit.kind.isPersonalData ? "遮盖为 \(hit.suggestion)" : "—"
            let form: HTML =
                mayWaive && hit.severity == .error && waiver == nil
                ? """
                <form class="waive" method="post" action="\(path)">\(Visitor.current.csrfField)\
                <input type="hidden" name="action" value="waive"><input type="hidden" name="hit" value="\(index + 1)">\
                <label>理由 <input type="text" name="reason" required maxlength="1000"></label>\
                <button type="submit">免于处理</button></form>
                """ : ""
            return """
                <li class="hit"><a href="#hit-\(index + 1)">\(index + 1)</a>. 第\(hit.line)行第\(hit.column)字 \
                \(hit.severity.chineseName)〔\(hit.kind.chineseName)〕「\(hit.text)」\(hit.message) 建议：\(fix) \(state)\(form)</li>

                """
        }
        return "<ol class=\"hits\">\n\(rows)</ol>\n"
    }

    /// The buttons of the actions the visitor may take on the item now (each tried on a copy first).
    func itemActions(_ item: ProactiveItem, actor: PublishActor, words: WordList, path: String) -> HTML {
        let now = Date()
        func may(_ change: (inout ProactiveItem) throws(PublishError) -> Void) -> Bool {
            var copy = item
            do {
                try change(&copy)
                return true
            } catch .unresolvedHits {
                return true
            } catch {
                return false
            }
        }
        let token = Visitor.current.csrfField
        func button(_ action: String, _ label: String, extra: HTML = "") -> HTML {
            """
            <form class="act" method="post" action="\(path)">\(token)<input type="hidden" name="action" value="\(action)">\
            \(extra)<button type="submit">\(label)</button></form>

            """
        }
        var forms: [HTML] = []
        if may({ (copy) throws(PublishError) in try copy.submit(by: actor, at: now, words: words) }) {
            forms.append(button("submit", "提交初审"))
        }
        if may({ (copy) throws(PublishError) in try copy.maskPersonalData(by: actor, at: now, words: words) }) {
            forms.append(button("mask", "一键脱敏"))
        }
        // A draft — new, or returned with a reason — is changed here by its drafters and screened again.
        if may({ (copy) throws(PublishError) in try copy.edit(title: item.title, by: actor, at: now, words: words) }) {
            forms.append(
                """
                <form class="edit" method="post" action="\(path)">\(token)<input type="hidden" name="action" value="edit">\
                <label>标题 <input name="title" value="\(item.title)" required maxlength="200"></label>
                <label>正文 <textarea name="text" rows="12" required>\(item.text)</textarea></label>
                <button type="submit">保存修改并重新筛查</button></form>

                """
            )
        }
        if may({ (copy) throws(PublishError) in try copy.approve(by: actor, at: now, words: words) }) {
            let level = item.stage.reviewRole?.chinese ?? ""
            forms.append(button("approve", "\(level)通过"))
        }
        if may({ (copy) throws(PublishError) in try copy.returnToDraft(reason: "-", by: actor, at: now) }) {
            forms.append(
                button(
                    "return",
                    "退回修改",
                    extra: "<label>退回理由 <input type=\"text\" name=\"reason\" required maxlength=\"1000\"></label>"
                )
            )
        }
        if item.stage == .approved, actor.roles.contains(.drafter) || actor.roles.contains(.finalReview) {
            forms.append(
                button(
                    "publish",
                    "发布",
                    extra:
                        "<label>公开日期 <input type=\"date\" name=\"on\" value=\"\(CalendarDate.today().description)\" required></label>"
                )
            )
        }
        if may({ (copy) throws(PublishError) in try copy.withdraw(reason: "-", by: actor, at: now) }) {
            forms.append(
                button(
                    "withdraw",
                    "撤回",
                    extra: "<label>撤回理由 <input type=\"text\" name=\"reason\" required maxlength=\"1000\"></label>"
                )
            )
        }
        guard !forms.isEmpty else { return "" }
        return "<div class=\"item-actions\">\(forms)</div>\n"
    }

    func actOnItem(_ idText: String, _ request: Request, context: WebContext) async throws -> Response {
        let entry = try await visibleItem(idText)
        let visitor = Visitor.current
        let user = visitor.user?.name ?? ""
        guard visitor.user != nil else { throw WebError(.unauthorized, "请先登录再提交。") }
        let agencyID = entry.record.agencyID
        let actor = visitor.publishActor(agencyID: agencyID)
        let body = try await Self.body(request, limit: context.maxUploadSize)
        let fields = FormFields(String(decoding: body, as: UTF8.self))
        let action = fields.text("action") ?? ""
        let reason = fields["reason"] ?? ""
        let key = entry.value.id
        var detail = ""
        do {
            let saved = try await publishQuery { store in
                let words = try store.screeningWords(agencyID: agencyID)
                let calendar = try store.workingCalendar()
                let now = Date()
                return try store.actOnItem(agencyID: agencyID, key: key, by: user, calendar: calendar) {
                    (item: inout ProactiveItem) throws(PublishError) in
                    switch action {
                    case "submit": try item.submit(by: actor, at: now, words: words)
                    case "approve": try item.approve(by: actor, at: now, words: words)
                    case "return": try item.returnToDraft(reason: reason, by: actor, at: now)
                    case "mask": try item.maskPersonalData(by: actor, at: now, words: words)
                    case "edit":
                        guard let text = fields["text"], let title = fields.text("title") else {
                            throw .invalid("请填写标题和正文。")
                        }
                        try item.edit(title: title, text: text, by: actor, at: now, words: words)
                    case "withdraw": try item.withdraw(reason: reason, by: actor, at: now)
                    case "waive":
                        guard let number = fields.text("hit").flatMap(Int.init) else { throw .hitNotFound }
                        try item.waive(hitAt: number - 1, reason: reason, by: actor, at: now)
                    case "publish":
                        guard let day = fields.text("on").flatMap(CalendarDate.init(isoDay:)) else {
                            throw .invalid("请填写公开日期（yyyy-MM-dd）。")
                        }
                        try item.publish(on: day, by: actor, at: now, calendar: calendar)
                    default: throw .invalid("未知的操作「\(action)」。")
                    }
                }
            }
            let step = saved.value.history.last
            detail =
                "\(key)《\(saved.value.title)》\(step?.action.chinese ?? action)"
                + (step?.level.map { "（\($0.chinese)）" } ?? "") + (step?.note.map { "：\($0)" } ?? "")
                + " → \(saved.value.stage.chinese)"
        } catch let error as PublishingError {
            try await audit(
                "主动公开（未执行）",
                "\(key) \(action)：\(error.description)",
                actor: user,
                clientAddress(request, context: context)
            )
            return try await itemPage(idText, message: error.description, status: .conflict)
        } catch StoreError.registerConflict {
            return try await itemPage(idText, message: "此事项刚被他人修改，请查看最新内容后重新操作。", status: .conflict)
        }
        try await audit("主动公开", detail, actor: user, clientAddress(request, context: context))
        return Response(status: .seeOther, headers: [.location: "/publish/items/\(entry.record.id)"])
    }

    func itemAttachment(_ idText: String) async throws -> Response {
        let entry = try await visibleItem(idText)
        guard
            let file = try await publishQuery({
                try $0.attachment(agencyID: entry.record.agencyID, key: entry.value.id)
            })
        else { throw WebError.notFound("此事项没有附件。") }
        return Responses.download(
            file.bytes,
            contentType: "application/octet-stream",
            fileName: "attachment-\(entry.value.id)",
            displayName: file.name
        )
    }

    // MARK: - 错敏词表

    func wordsPage(_ request: Request) async throws -> Response {
        let fields = FormFields(request.uri.query ?? "")
        return try await wordsPage(agencyName: try fields.text("agency", atMost: 200))
    }

    func wordsPage(agencyName: String?, message: String? = nil) async throws -> Response {
        var agency: AgencyRecord?
        if let agencyName {
            agency = try await query { try $0.agency(named: agencyName) }
            if agency == nil { throw WebError.notFound("没有找到机关「\(agencyName)」。") }
        }
        let token = Visitor.current.csrfField
        var body: HTML = ""
        if let agency, let agencyID = agency.id {
            let words = try await publishQuery { try $0.agencyWords(agencyID: agencyID) }
            let rows = words.entries.map { entry -> HTML in
                """
                <tr><td>\(entry.wrong)</td><td>\(entry.correct)</td><td>\(entry.category)</td><td>\(entry.basis)</td>\
                <td>\(entry.severity.chineseName)</td><td><form method="post" action="/publish/words">\(token)\
                <input type="hidden" name="agency" value="\(agencyID)"><input type="hidden" name="remove" value="\(entry.wrong)">\
                <button type="submit">删除</button></form></td></tr>

                """
            }
            body = """
                <h2>\(agency.name)的错敏词</h2>
                <p class="lead">共 \(words.entries.count) 条，筛查此机关的事项时加入内置词表（与内置词条错误写法相同的，以此为准）。</p>
                <table class="words"><thead><tr><th>错误写法</th><th>正确写法</th><th>类别</th><th>依据</th><th>级别</th>\
                <th></th></tr></thead><tbody>
                \(rows)</tbody></table>
                <h3>增加词条</h3>
                <form class="word-form" method="post" action="/publish/words">\(token)\
                <input type="hidden" name="agency" value="\(agencyID)">
                <label>错误写法 <input type="text" name="wrong" required maxlength="50"></label>
                <label>正确写法 <input type="text" name="correct" required maxlength="100"></label>
                <label>类别 <input type="text" name="category" value="本机关规范用语" maxlength="50"></label>
                <label>依据 <input type="text" name="basis" value="本机关规定" maxlength="200"></label>
                <label>级别 <select name="severity"><option value="error">错误</option><option value="notice">提示</option></select></label>
                <button type="submit">增加</button>
                </form>

                """
        }
        let error: HTML = message.map { "<p class=\"error-box\" role=\"alert\">\($0)</p>\n" } ?? ""
        let content: HTML = """
            <h1>错敏词表</h1>
            \(error)<p class="lead">内置词表之外，各机关可增加本机关的错敏词；增删均记入操作记录。</p>
            <form class="filters" method="get" action="/publish/words">
            <label>机关 <input type="text" name="agency" value="\(agencyName ?? "")" required></label>
            <button type="submit">查看</button></form>
            \(body)
            """
        return Responses.page(Page(title: "错敏词表", section: .publish, content: content))
    }

    func changeWords(_ request: Request, context: WebContext) async throws -> Response {
        let user = Visitor.current.user?.name ?? ""
        let body = try await Self.body(request, limit: context.maxUploadSize)
        let fields = FormFields(String(decoding: body, as: UTF8.self))
        let agencyID = try Self.id(fields.text("agency") ?? "", of: "机关")
        guard let agency = try await query({ try $0.agency(id: agencyID) }) else {
            throw WebError.notFound("没有编号为 \(agencyID) 的机关。")
        }
        let detail: String
        do {
            if let wrong = fields["remove"] {
                _ = try await publishQuery { try $0.removeWord(wrong, agencyID: agencyID, by: user) }
                detail = "\(agency.name)：删除错敏词「\(wrong)」"
            } else {
                let entry = WordList.Entry(
                    wrong: fields.text("wrong") ?? "",
                    correct: fields.text("correct") ?? "",
                    category: fields.text("category") ?? "本机关规范用语",
                    basis: fields.text("basis") ?? "本机关规定",
                    severity: fields.text("severity") == "notice" ? .notice : .error
                )
                _ = try await publishQuery { try $0.addWord(entry, agencyID: agencyID, by: user) }
                detail = "\(agency.name)：增加错敏词「\(entry.wrong)」→「\(entry.correct)」"
            }
        } catch let error as PublishingError {
            return try await wordsPage(agencyName: agency.name, message: error.description)
        }
        try await audit("错敏词表", detail, actor: user, clientAddress(request, context: context))
        return Response(
            status: .seeOther,
            headers: [.location: "/publish/words?agency=\(FormFields.encode(agency.name))"]
        )
    }

    // MARK: - 已公开

    func publishedPage(_ request: Request) async throws -> Response {
        let fields = FormFields(request.uri.query ?? "")
        let agencyName = try fields.text("agency", atMost: 200)
        let category = fields.text("category").flatMap(ProactiveCategory.init(rawValue:))
        let year = try fields.text("year").map { text -> Int in
            guard let year = Int(text), (1949...9999).contains(year) else {
                throw WebError.badRequest("年度应为四位数字，收到的是「\(text)」。")
            }
            return year
        }
        var agencyIDs: [Int64]?
        if let agencyName {
            guard let agency = try await query({ try $0.agency(named: agencyName) }), let id = agency.id else {
                throw WebError.notFound("没有找到机关「\(agencyName)」。")
            }
            agencyIDs = [id]
        }
        let selection = PublishedSelection(agencyIDs: agencyIDs, category: category, year: year)
        let items = try await publishQuery { try $0.publishedItems(selection) }
        let names = try await agencyNames(Set(items.map(\.record.agencyID)))
        let rows = items.map { entry -> HTML in
            let item = entry.value
            let late: HTML = item.publishedLate.map { "<span class=\"bad\">逾期（\($0)个工作日）</span>" } ?? ""
            return """
                <tr><td>\(item.published?.description ?? "")</td><td>\(names[entry.record.agencyID] ?? "")</td>\
                <td><a href="/publish/items/\(entry.record.id)">\(item.title)</a></td><td>\(item.category.item)</td>\
                <td>\(item.countsAs?.chinese ?? "")</td><td>\(item.number ?? "")</td><td>\(late)</td></tr>

                """
        }
        let options = ProactiveCategory.allCases.map { item -> HTML in
            item == category
                ? "<option value=\"\(item.rawValue)\" selected>\(item.item) \(item.chinese)</option>"
                : "<option value=\"\(item.rawValue)\">\(item.item) \(item.chinese)</option>"
        }
        let content: HTML = """
            <h1>已公开事项</h1>
            <form class="filters" method="get" action="/publish/published">
            <label>机关 <input type="text" name="agency" value="\(agencyName ?? "")"></label>
            <label>类别 <select name="category"><option value="">全部</option>\(options)</select></label>
            <label>年度 <input type="number" name="year" min="1949" max="9999" value="\(year.map(String.init) ?? "")"></label>
            <button type="submit">筛选</button></form>
            <p class="lead">共 \(items.count) 项。</p>
            <table class="published"><thead><tr><th>公开日期</th><th>机关</th><th>标题</th><th>类别</th><th>计入表二</th>\
            <th>文号</th><th>时限</th></tr></thead><tbody>
            \(rows)</tbody></table>

            """
        return Responses.page(Page(title: "已公开事项", section: .publish, content: content))
    }

    // MARK: - Helpers

    /// Runs a store request; a refused publishing request comes back as itself, for the page to show.
    func publishQuery<T: Sendable>(_ body: @escaping @Sendable (any ReportStore) throws -> T) async throws -> T {
        let store = store
        do {
            return try await BlockingWork.run { try body(store) }
        } catch let error as PublishingError {
            throw error
        } catch StoreError.registerConflict(let key, let stored, let expected) {
            throw StoreError.registerConflict(key, stored: stored, expected: expected)
        } catch let error as StoreError {
            throw WebError(.internalServerError, "报告库暂时无法使用：\(error.description)")
        } catch let error as RegisterError {
            throw WebError(.internalServerError, error.description)
        }
    }

    func agencyNames(_ ids: Set<Int64>) async throws -> [Int64: String] {
        try await query { store in
            var names: [Int64: String] = [:]
            for id in ids { names[id] = try store.agency(id: id)?.name }
            return names
        }
    }

    /// The agencies the visitor drafts for, by name.
    func clerkAgencies() async throws -> [(id: Int64, name: String)] {
        let visitor = Visitor.current
        let ids = visitor.duties.filter { $0.duty == .clerk }.compactMap(\.agencyID)
        let names = try await agencyNames(Set(ids))
        return names.map { (id: $0.key, name: $0.value) }.sorted { $0.name < $1.name }
    }
}

/// A time of an item's history, as a clerk reads it (the server's time zone).
enum PublishTime {
    static func text(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
