import Foundation
import GongkaiModel
import GongkaiRegister
import GongkaiStore
import Hummingbird

/// Reviews and suits (表四), 规章 and 规范性文件 (表二) and the year's counts: added, decided, repealed and set as
/// `gongkai register case`, `document` and `counts` do, each record's page with its change log.
extension WebApp {
    func addRegisterRecordRoutes(to router: Router<WebContext>) {
        router.get("/register/a/{agency}/cases/new") { _, context in
            caseForm(try await registerDesk(context), fields: FormFields(""), errors: [:])
        }
        router.post("/register/a/{agency}/cases/new") { request, context in
            try await addCase(try await registerDesk(context), request, context: context)
        }
        router.get("/register/a/{agency}/cases/{key}") { _, context in
            try await casePage(try await registerDesk(context), key: Self.key(context))
        }
        router.post("/register/a/{agency}/cases/{key}/decision") { request, context in
            try await decideCase(try await registerDesk(context), key: Self.key(context), request, context: context)
        }
        router.get("/register/a/{agency}/documents/new") { _, context in
            documentForm(try await registerDesk(context), fields: FormFields(""), errors: [:])
        }
        router.post("/register/a/{agency}/documents/new") { request, context in
            try await addDocument(try await registerDesk(context), request, context: context)
        }
        router.get("/register/a/{agency}/documents/{key}") { _, context in
            try await documentPage(try await registerDesk(context), key: Self.key(context))
        }
        router.post("/register/a/{agency}/documents/{key}/repeal") { request, context in
            try await repealDocument(try await registerDesk(context), key: Self.key(context), request, context: context)
        }
        router.get("/register/a/{agency}/counts") { request, context in
            let desk = try await registerDesk(context)
            let year = try RegisterFilter(FormFields(request.uri.query ?? ""), today: desk.today).year
            return try await countsForm(desk, year: year, fields: nil, errors: [:])
        }
        router.post("/register/a/{agency}/counts") { request, context in
            try await saveCounts(try await registerDesk(context), request, context: context)
        }
    }

    /// Saves through the store, a refused change (a conflict, a number taken) returned as its reason.
    func registerWrite<T: Sendable>(
        _ body: @escaping @Sendable (any ReportStore) throws -> T
    ) async throws -> Result<T, RegisterRefusal> {
        try await query { store -> Result<T, RegisterRefusal> in
            do {
                return .success(try body(store))
            } catch let error as RegisterError {
                return .failure(RegisterRefusal(error))
            } catch let error as StoreError {
                guard let refusal = RegisterRefusal(error) else { throw error }
                return .failure(refusal)
            }
        }
    }

    static func options<T: RawRepresentable<String>>(
        _ values: [T],
        selected: String?,
        title: (T) -> String
    ) -> [HTML] {
        values.map { value in
            let mark: HTML = selected == value.rawValue ? " selected" : ""
            return "<option value=\"\(value.rawValue)\"\(mark)>\(title(value))</option>"
        }
    }

    static func seeOther(_ path: String) -> Response { Response(status: .seeOther, headers: [.location: path]) }

    // MARK: Reviews and suits

    func caseForm(
        _ desk: RegisterDesk,
        fields: FormFields,
        errors: [String: String],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let kinds = Self.options(CaseKind.allCases, selected: fields["kind"]) { $0.chinese }
        let summary: HTML = errors.isEmpty ? "" : "<p class=\"error-box\" role=\"alert\">案件未登记：请按各栏下的说明改正。</p>\n"
        let content: HTML = """
            <h1>登记行政复议、行政诉讼案件</h1>
            <p class="lead">\(desk.agency.name)：因政府信息公开被申请行政复议或提起行政诉讼的案件，按申请或立案的年度计入表四。</p>
            \(summary)<form class="register" method="post" action="\(desk.path)/cases/new">
            \(Visitor.current.csrfField)
            \(Self.field("kind", "类别", errors, control: "<select name=\"kind\" id=\"kind\" required>\(kinds)</select>"))\
            \(Self.field("filed", "申请复议或起诉日期", errors, control: "<input type=\"date\" name=\"filed\" id=\"filed\" value=\"\(fields["filed"] ?? "")\" required>"))\
            \(Self.textField("application", "相关申请的登记号（可不填）", fields, errors))\
            \(Self.textField("review", "复议后起诉的，相关复议的编号（可不填）", fields, errors))\
            \(Self.textField("key", "编号（可不填，按年度自动编号）", fields, errors))\
            <button type="submit">登记</button>
            </form>
            <p><a href="\(desk.path)#cases">返回登记簿</a></p>

            """
        return Responses.page(Page(title: "登记行政复议、行政诉讼案件", section: .register, content: content), status: status)
    }

    func addCase(_ desk: RegisterDesk, _ request: Request, context: WebContext) async throws -> Response {
        let fields = try await formFields(request, context: context)
        var errors: [String: String] = [:]
        let kind = fields.text("kind").flatMap(CaseKind.init(rawValue:))
        if kind == nil { errors["kind"] = "请选择类别。" }
        let filed = Self.day(fields.text("filed"))
        if filed == nil { errors["filed"] = fields.text("filed") == nil ? "请填写日期。" : Self.badDay }
        for name in ["application", "review", "key"] where (fields.text(name)?.count ?? 0) > 64 {
            errors[name] = "至多 64 个字。"
        }
        guard errors.isEmpty, let kind, let filed else {
            return caseForm(desk, fields: fields, errors: errors, status: .badRequest)
        }
        let agencyID = desk.agencyID
        let (applicationKey, reviewKey, key) = (fields.text("application"), fields.text("review"), fields.text("key"))
        let saved = try await registerWrite { store -> Registered<DisclosureCase> in
            if let applicationKey, try store.application(agencyID: agencyID, key: applicationKey) == nil {
                throw RegisterError.notFound(.application, key: applicationKey)
            }
            let number = try key ?? store.nextKey(agencyID: agencyID, kind: .disclosureCase, year: filed.year)
            let item: DisclosureCase
            do throws(CaseDateError) {
                item = try DisclosureCase(
                    id: number,
                    kind: kind,
                    applicationID: applicationKey,
                    reviewID: reviewKey,
                    filed: filed
                )
            } catch {
                throw RegisterError.caseDate(error)
            }
            return try store.saveCase(item, agencyID: agencyID, expecting: nil, by: desk.user)
        }
        switch saved {
        case .failure(let refusal):
            let field = refusal.status == .notFound ? "application" : "key"
            return caseForm(desk, fields: fields, errors: [field: refusal.message], status: refusal.status)
        case .success(let saved):
            try await auditRegister(
                desk,
                "登记\(kind.chinese) \(saved.value.id)（\(filed.chinese)）",
                request,
                context: context
            )
            return Self.seeOther("\(desk.path)/cases/\(FormFields.encode(saved.value.id))")
        }
    }

    func casePage(
        _ desk: RegisterDesk,
        key: String,
        error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let agencyID = desk.agencyID
        let (stored, changes) = try await query { store -> (Registered<DisclosureCase>?, [RegisterChange]) in
            guard let stored = try store.disclosureCase(agencyID: agencyID, key: key) else { return (nil, []) }
            return (stored, try store.registerChanges(recordID: stored.record.id))
        }
        guard let stored else { throw WebError.notFound("登记簿中没有编号为「\(key)」的行政复议、行政诉讼案件。") }
        let item = stored.value
        let results = Self.options(CaseDecisionResult.allCases, selected: item.decision?.result.rawValue) {
            $0.chinese
        }
        let alert: HTML = error.map { "<p class=\"error-box\" role=\"alert\">\($0)</p>\n" } ?? ""
        let application: HTML =
            item.applicationID.map {
                "<a href=\"\(desk.path)/applications/\(FormFields.encode($0))\">\($0)</a>"
            } ?? "—"
        let content: HTML = """
            <h1>\(item.kind.chinese) \(item.id)</h1>
            <p class="lead">\(desk.agency.name) · 第\(stored.record.version)版 · <a href="\(desk.path)?year=\(item.filed.year)#cases">返回登记簿</a></p>
            <dl class="meta">
            <dt>类别</dt><dd>\(item.kind.chinese)</dd>
            <dt>申请复议或起诉日期</dt><dd>\(item.filed.chinese)</dd>
            <dt>相关申请</dt><dd>\(application)</dd>
            <dt>相关复议</dt><dd>\(item.reviewID ?? "—")</dd>
            <dt>状态</dt><dd>\(stored.record.state)</dd>
            </dl>
            <h2>记录审结</h2>
            \(alert)<form class="step" method="post" action="\(desk.path)/cases/\(FormFields.encode(item.id))/decision">\
            <fieldset><legend>审结</legend>\(Visitor.current.csrfField)\
            <input type="hidden" name="version" value="\(stored.record.version)">\
            <label>审结日期 <input type="date" name="on" value="\(item.decision?.on.description ?? desk.today.description)" required></label>\
            <label>结果 <select name="result">\(results)</select></label>\
            <button type="submit">保存</button></fieldset></form>
            <h2>修改记录</h2>
            \(Self.changeLog(changes))
            """
        return Responses.page(
            Page(title: "\(item.kind.chinese) \(item.id)", section: .register, content: content),
            status: status
        )
    }

    func decideCase(_ desk: RegisterDesk, key: String, _ request: Request, context: WebContext) async throws -> Response
    {
        let fields = try await formFields(request, context: context)
        guard let version = fields.text("version").flatMap({ Int($0) }) else {
            return try await casePage(desk, key: key, error: "表单缺少版本号，请刷新页面后重新提交。", status: .badRequest)
        }
        guard let on = Self.day(fields.text("on")) else {
            return try await casePage(desk, key: key, error: "审结日期：\(Self.badDay)", status: .badRequest)
        }
        guard let result = fields.text("result").flatMap(CaseDecisionResult.init(rawValue:)) else {
            return try await casePage(desk, key: key, error: "请选择审结结果。", status: .badRequest)
        }
        let agencyID = desk.agencyID
        let saved = try await registerWrite { store -> Registered<DisclosureCase> in
            guard let stored = try store.disclosureCase(agencyID: agencyID, key: key) else {
                throw RegisterError.notFound(.disclosureCase, key: key)
            }
            var item = stored.value
            do throws(CaseDateError) {
                try item.decide(CaseDecision(on: on, result: result))
            } catch {
                throw RegisterError.caseDate(error)
            }
            return try store.saveCase(item, agencyID: agencyID, expecting: version, by: desk.user)
        }
        switch saved {
        case .failure(let refusal):
            if refusal.status == .notFound { throw WebError.notFound(refusal.message) }
            return try await casePage(desk, key: key, error: refusal.message, status: refusal.status)
        case .success(let saved):
            try await auditRegister(desk, "案件 \(key) \(saved.record.state)", request, context: context)
            return Self.seeOther("\(desk.path)/cases/\(FormFields.encode(key))")
        }
    }

    // MARK: 规章 and 规范性文件

    func documentForm(
        _ desk: RegisterDesk,
        fields: FormFields,
        errors: [String: String],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let kinds = Self.options(NormativeKind.allCases, selected: fields["kind"]) { $0.chinese }
        let summary: HTML = errors.isEmpty ? "" : "<p class=\"error-box\" role=\"alert\">文件未登记：请按各栏下的说明改正。</p>\n"
        let content: HTML = """
            <h1>登记规章、规范性文件</h1>
            <p class="lead">\(desk.agency.name)：制发的规章和行政规范性文件，按制发年度计入表二，废止前计入现行有效件数。</p>
            \(summary)<form class="register" method="post" action="\(desk.path)/documents/new">
            \(Visitor.current.csrfField)
            \(Self.field("kind", "类别", errors, control: "<select name=\"kind\" id=\"kind\" required>\(kinds)</select>"))\
            \(Self.textField("number", "文号", fields, errors, required: true))\
            \(Self.textField("title", "标题", fields, errors, required: true))\
            \(Self.field("issued", "制发日期", errors, control: "<input type=\"date\" name=\"issued\" id=\"issued\" value=\"\(fields["issued"] ?? "")\" required>"))\
            \(Self.textField("key", "登记号（可不填，即文号）", fields, errors))\
            <button type="submit">登记</button>
            </form>
            <p><a href="\(desk.path)#documents">返回登记簿</a></p>

            """
        return Responses.page(Page(title: "登记规章、规范性文件", section: .register, content: content), status: status)
    }

    func addDocument(_ desk: RegisterDesk, _ request: Request, context: WebContext) async throws -> Response {
        let fields = try await formFields(request, context: context)
        var errors: [String: String] = [:]
        let kind = fields.text("kind").flatMap(NormativeKind.init(rawValue:))
        if kind == nil { errors["kind"] = "请选择类别。" }
        if fields.text("number") == nil { errors["number"] = "请填写文号。" }
        if fields.text("title") == nil { errors["title"] = "请填写标题。" }
        let issued = Self.day(fields.text("issued"))
        if issued == nil { errors["issued"] = fields.text("issued") == nil ? "请填写制发日期。" : Self.badDay }
        for (name, limit) in ["number": 64, "title": 500, "key": 64] where (fields.text(name)?.count ?? 0) > limit {
            errors[name] = "至多 \(limit) 个字。"
        }
        guard errors.isEmpty, let kind, let issued, let number = fields.text("number"), let title = fields.text("title")
        else { return documentForm(desk, fields: fields, errors: errors, status: .badRequest) }
        let document: NormativeDocument
        do throws(DocumentDateError) {
            document = try NormativeDocument(
                id: fields.text("key") ?? number,
                kind: kind,
                number: number,
                title: title,
                issued: issued
            )
        } catch {
            return documentForm(desk, fields: fields, errors: ["issued": error.description], status: .badRequest)
        }
        let agencyID = desk.agencyID
        let saved = try await registerWrite {
            try $0.saveDocument(document, agencyID: agencyID, expecting: nil, by: desk.user)
        }
        switch saved {
        case .failure(let refusal):
            return documentForm(desk, fields: fields, errors: ["key": refusal.message], status: refusal.status)
        case .success(let saved):
            try await auditRegister(desk, "登记\(kind.chinese) \(number)《\(title)》", request, context: context)
            return Self.seeOther("\(desk.path)/documents/\(FormFields.encode(saved.value.id))")
        }
    }

    func documentPage(
        _ desk: RegisterDesk,
        key: String,
        error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let agencyID = desk.agencyID
        let (stored, changes) = try await query { store -> (Registered<NormativeDocument>?, [RegisterChange]) in
            guard let stored = try store.document(agencyID: agencyID, key: key) else { return (nil, []) }
            return (stored, try store.registerChanges(recordID: stored.record.id))
        }
        guard let stored else { throw WebError.notFound("登记簿中没有登记号为「\(key)」的规章、规范性文件。") }
        let document = stored.value
        let alert: HTML = error.map { "<p class=\"error-box\" role=\"alert\">\($0)</p>\n" } ?? ""
        let content: HTML = """
            <h1>\(document.kind.chinese) \(document.number)</h1>
            <p class="lead">\(desk.agency.name) · 第\(stored.record.version)版 · <a href="\(desk.path)?year=\(document.issued.year)#documents">返回登记簿</a></p>
            <dl class="meta">
            <dt>标题</dt><dd>\(document.title)</dd>
            <dt>文号</dt><dd>\(document.number)</dd>
            <dt>制发日期</dt><dd>\(document.issued.chinese)</dd>
            <dt>状态</dt><dd>\(stored.record.state)</dd>
            </dl>
            <h2>记录废止或失效</h2>
            \(alert)<form class="step" method="post" action="\(desk.path)/documents/\(FormFields.encode(document.id))/repeal">\
            <fieldset><legend>废止或失效</legend>\(Visitor.current.csrfField)\
            <input type="hidden" name="version" value="\(stored.record.version)">\
            <label>废止或失效日期 <input type="date" name="on" value="\(document.repealed?.description ?? desk.today.description)" required></label>\
            <button type="submit">保存</button></fieldset></form>
            <h2>修改记录</h2>
            \(Self.changeLog(changes))
            """
        return Responses.page(
            Page(title: "\(document.kind.chinese) \(document.number)", section: .register, content: content),
            status: status
        )
    }

    func repealDocument(
        _ desk: RegisterDesk,
        key: String,
        _ request: Request,
        context: WebContext
    ) async throws -> Response {
        let fields = try await formFields(request, context: context)
        guard let version = fields.text("version").flatMap({ Int($0) }) else {
            return try await documentPage(desk, key: key, error: "表单缺少版本号，请刷新页面后重新提交。", status: .badRequest)
        }
        guard let on = Self.day(fields.text("on")) else {
            return try await documentPage(desk, key: key, error: "废止日期：\(Self.badDay)", status: .badRequest)
        }
        let agencyID = desk.agencyID
        let saved = try await registerWrite { store -> Registered<NormativeDocument> in
            guard let stored = try store.document(agencyID: agencyID, key: key) else {
                throw RegisterError.notFound(.document, key: key)
            }
            var document = stored.value
            do throws(DocumentDateError) {
                try document.repeal(on: on)
            } catch {
                throw RegisterError.documentDate(error)
            }
            return try store.saveDocument(document, agencyID: agencyID, expecting: version, by: desk.user)
        }
        switch saved {
        case .failure(let refusal):
            if refusal.status == .notFound { throw WebError.notFound(refusal.message) }
            return try await documentPage(desk, key: key, error: refusal.message, status: refusal.status)
        case .success(let saved):
            try await auditRegister(desk, "文件 \(saved.value.number) \(saved.record.state)", request, context: context)
            return Self.seeOther("\(desk.path)/documents/\(FormFields.encode(key))")
        }
    }

    // MARK: The year's counts

    func countsForm(
        _ desk: RegisterDesk,
        year: Int,
        fields: FormFields?,
        errors: [String: String],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let agencyID = desk.agencyID
        let (stored, changes) = try await query { store -> (RegisterRecord?, [RegisterChange]) in
            let stored = try store.registerRecord(agencyID: agencyID, kind: .yearCounts, key: String(year))
            return (stored, try stored.map { try store.registerChanges(recordID: $0.id) } ?? [])
        }
        let counts = try? stored?.counts()
        func value(_ name: String, _ current: String) -> String { fields?[name] ?? current }
        let numbers: [(String, String, Int?)] = [
            ("licensing", "行政许可决定（件）", counts?.licensing), ("penalty", "行政处罚决定（件）", counts?.penalty),
            ("coercion", "行政强制决定（件）", counts?.coercion),
        ]
        let inputs = numbers.map { name, label, current -> HTML in
            Self.field(
                name,
                label,
                errors,
                control:
                    "<input type=\"number\" name=\"\(name)\" id=\"\(name)\" min=\"0\" value=\"\(value(name, String(current ?? 0)))\" required>"
            )
        }
        let fees = value("fees", counts.map { Self.decimal($0.feesTenThousandYuan) } ?? "0")
        let content: HTML = """
            <h1>\(String(year))年度数量</h1>
            <p class="lead">\(desk.agency.name)：表二中登记簿不逐件登记的数量，每年填报一次；再次填报即替换。</p>
            \(errors.isEmpty ? "" : "<p class=\"error-box\" role=\"alert\">未保存：请按各栏下的说明改正。</p>\n" as HTML)\
            <form class="register" method="post" action="\(desk.path)/counts">
            \(Visitor.current.csrfField)<input type="hidden" name="year" value="\(String(year))">
            \(inputs)\(Self.field("fees", "行政事业性收费（万元，如 12.35）", errors, control: "<input type=\"text\" name=\"fees\" id=\"fees\" value=\"\(fees)\" inputmode=\"decimal\" required>"))\
            <button type="submit">保存</button>
            </form>
            <h2>修改记录</h2>
            \(stored == nil ? "<p>尚未填报。</p>\n" : Self.changeLog(changes))\
            <p><a href="\(desk.path)?year=\(year)#counts">返回登记簿</a></p>

            """
        return Responses.page(Page(title: "\(year)年度数量", section: .register, content: content), status: status)
    }

    func saveCounts(_ desk: RegisterDesk, _ request: Request, context: WebContext) async throws -> Response {
        let fields = try await formFields(request, context: context)
        guard let year = fields.text("year").flatMap({ Int($0) }), (2000...9999).contains(year) else {
            throw WebError.badRequest("年度应为2000至9999之间的整数。")
        }
        var errors: [String: String] = [:]
        var numbers: [String: Int] = [:]
        for name in ["licensing", "penalty", "coercion"] {
            guard let number = Int(fields.text(name) ?? "0"), number >= 0 else {
                errors[name] = "应为不小于0的整数。"
                continue
            }
            numbers[name] = number
        }
        let feesText = fields.text("fees") ?? "0"
        let fees =
            feesText.range(of: #"^[0-9]{1,12}(\.[0-9]{1,4})?$"#, options: .regularExpression) != nil
            ? Decimal(string: feesText, locale: Locale(identifier: "en_US_POSIX")) : nil
        if fees == nil { errors["fees"] = "应为不小于0的万元数，如 12.35。" }
        guard errors.isEmpty, let fees else {
            return try await countsForm(desk, year: year, fields: fields, errors: errors, status: .badRequest)
        }
        let counts = ProactiveCounts(
            year: year,
            licensing: numbers["licensing"] ?? 0,
            penalty: numbers["penalty"] ?? 0,
            coercion: numbers["coercion"] ?? 0,
            feesTenThousandYuan: fees
        )
        let agencyID = desk.agencyID
        let saved = try await registerWrite { try $0.saveCounts(counts, agencyID: agencyID, by: desk.user) }
        if case .failure(let refusal) = saved {
            return try await countsForm(
                desk,
                year: year,
                fields: fields,
                errors: ["fees": refusal.message],
                status: refusal.status
            )
        }
        try await auditRegister(
            desk,
            "填报\(year)年：行政许可\(counts.licensing)件，行政处罚\(counts.penalty)件，行政强制\(counts.coercion)件，"
                + "行政事业性收费\(feesText)万元",
            request,
            context: context
        )
        return Self.seeOther("\(desk.path)?year=\(year)#counts")
    }
}
