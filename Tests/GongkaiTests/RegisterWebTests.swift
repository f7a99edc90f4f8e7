import Foundation
import GongkaiCorpus
import GongkaiLedger
import GongkaiModel
import GongkaiRegister
import GongkaiServer
import GongkaiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// 登记簿 in the web application, in process over real stores (SQLite and PostgreSQL): who may see and change an
/// agency's register, the forms offering only the steps the statute allows, the timeline, conflicts, the year's
/// report compiled from the records and the Excel ledger that imports back.
@Suite("web application: the register")
struct RegisterWebTests {
    /// The day the pages count deadlines from.
    static let today = CalendarDate(isoDay: "2025-03-20") ?? CalendarDate(dayNumber: 0)

    static let users: [(name: String, password: String, duties: [(AgencyDuty, String?)])] = [
        ("甲登记员", "clerk-a-password", [(.clerk, "甲区司法局")]),
        ("乙登记员", "clerk-b-password", [(.clerk, "乙区司法局")]),
        ("督办员", "supervisor-password", [(.supervisor, nil)]),
        ("查看员", "viewer-password", []),
    ]

    struct Setup {
        var store: any ReportStore
        var a: Int64
        var b: Int64
    }

    static func setup(_ backend: StoreBackend) throws -> Setup {
        let store = try backend.make()
        let a = try #require(try store.createAgency(named: "甲区司法局").id)
        let b = try #require(try store.createAgency(named: "乙区司法局").id)
        for user in users {
            _ = try store.addUser(
                name: user.name,
                role: .viewer,
                passwordHash: Passwords.hash(user.password, cost: 4),
                at: Date()
            )
            for (duty, agency) in user.duties {
                _ = try store.grantDuty(
                    userName: user.name,
                    duty: duty,
                    agencyID: agency == "甲区司法局" ? a : agency == nil ? nil : b,
                    at: Date()
                )
            }
        }
        return Setup(store: store, a: a, b: b)
    }

    static func options() -> WebOptions {
        var options = ServerTests.options(publicAccess: false)
        options.registerDay = today
        return options
    }

    static func signedIn(_ client: any TestClientProtocol, _ name: String) async throws -> Browser {
        let browser = Browser(client)
        let password = try #require(users.first { $0.name == name }?.password)
        let response = try await browser.signIn(name, password)
        #expect(response.status == .seeOther, "\(name)")
        return browser
    }

    /// An application registered through the received form; its 登记号.
    static func addApplication(
        _ browser: Browser,
        agency: Int64,
        received: String = "2025-03-03",
        applicant: String = "张三<b>"
    ) async throws -> String {
        let response = try await browser.post(
            "/register/a/\(agency)/applications/new",
            [
                ("channel", "online"), ("received", received), ("applicant_type", "natural"),
                ("applicant", applicant), ("id_number", "110101199001011234"), ("contact", "13800000000"),
                ("request", "2024年行政复议决定书"), ("key", ""),
            ]
        )
        #expect(response.status == .seeOther, "\(response.text)")
        let location = try #require(response.headers[.location])
        let prefix = "/register/a/\(agency)/applications/"
        #expect(location.hasPrefix(prefix))
        return String(location.dropFirst(prefix.count).prefix { $0 != "?" })
    }

    /// The steps a page's forms offer, and the outcomes its reply form offers.
    static func offered(_ page: String) -> (steps: Set<String>, outcomes: Set<String>) {
        func values(after marker: String) -> Set<String> {
            Set(
                page.components(separatedBy: marker).dropFirst().map { String($0.prefix { $0 != "\"" }) }
            )
        }
        let outcomes =
            page.components(separatedBy: "<select name=\"outcome\" required>").dropFirst().first.map {
                Set(
                    $0.components(separatedBy: "</select>")[0].components(separatedBy: "<option value=\"").dropFirst()
                        .map { String($0.prefix { $0 != "\"" }) }
                )
            } ?? []
        return (values(after: "<input type=\"hidden\" name=\"step\" value=\""), outcomes)
    }

    /// The forms of an application's page against what the model allows as of the day.
    static func expectOffered(
        _ page: String,
        _ application: GongkaiRegister.Application,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let asOf = max(today, application.events.last?.date ?? today)
        let status = try application.status(on: asOf, calendar: .builtIn)
        let (steps, outcomes) = offered(page)
        #expect(steps == Set(status.allowedSteps.map(\.rawValue)), sourceLocation: sourceLocation)
        #expect(outcomes == Set(status.allowedOutcomes.map(\.rawValue)), sourceLocation: sourceLocation)
    }

    // MARK: Access

    @Test(
        "access: a clerk sees only the agency's register, a supervisor every one, others 403, anonymous signs in",
        arguments: StoreBackend.all
    )
    func access(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let anonymous = Browser(client)
            for path in ["/register", "/register/a/\(setup.a)", "/register/a/\(setup.a)/applications/new"] {
                let response = try await anonymous.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location] == "/login?next=\(FormFieldsEncoding.encode(path))")
            }
            let clerk = try await Self.signedIn(client, "甲登记员")
            let home = try await clerk.get("/register")
            #expect(home.status == .seeOther)
            #expect(home.headers[.location] == "/register/a/\(setup.a)")
            let own = try await clerk.get("/register/a/\(setup.a)")
            #expect(own.status == .ok)
            #expect(own.text.contains("甲区司法局 登记簿"))
            #expect(own.text.contains(">登记簿</a>"))
            let key = try await Self.addApplication(clerk, agency: setup.a)
            for path in [
                "/register/a/\(setup.b)", "/register/a/\(setup.b)/applications/new", "/register/a/\(setup.b)/compile",
                "/register/a/\(setup.b)/export.xlsx?year=2025&personal=1",
            ] {
                let response = try await clerk.get(path)
                #expect(response.status == .forbidden, "\(path)")
                #expect(response.text.contains("不是「乙区司法局」的登记员或督办人员"), "\(path)")
            }
            let refused = try await clerk.post(
                "/register/a/\(setup.b)/applications/new",
                [("channel", "online"), ("received", "2025-03-03"), ("applicant_type", "natural")]
            )
            #expect(refused.status == .forbidden)
            let otherClerk = try await Self.signedIn(client, "乙登记员")
            #expect(try await otherClerk.get("/register/a/\(setup.a)/applications/\(key)").status == .forbidden)

            let supervisor = try await Self.signedIn(client, "督办员")
            let list = try await supervisor.get("/register")
            #expect(list.status == .ok)
            #expect(list.text.contains("<a href=\"/register/a/\(setup.a)\">甲区司法局</a>"))
            #expect(try await supervisor.get("/register/a/\(setup.b)").status == .ok)
            let application = try await supervisor.get("/register/a/\(setup.a)/applications/\(key)")
            #expect(application.status == .ok)
            // Personal data is shown to the agency's clerks and supervisors, escaped.
            #expect(application.text.contains("张三&lt;b&gt;"))
            #expect(application.text.contains("110101199001011234"))

            let viewer = try await Self.signedIn(client, "查看员")
            let denied = try await viewer.get("/register/a/\(setup.a)")
            #expect(denied.status == .forbidden)
            #expect(denied.text.contains("无权查看或修改该机关的登记簿"))
            #expect(!(try await viewer.get("/").text.contains("href=\"/register\"")))
            let empty = try await viewer.get("/register")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("您没有可查看的登记簿"))
            // Every change is a line of the audit log.
            let audit = try setup.store.audit(limit: 100, offset: 0).entries
            #expect(audit.contains { $0.action == "登记簿" && $0.actor == "甲登记员" && $0.detail.contains("登记申请 \(key)") })
        }
    }

    // MARK: Steps

    @Test(
        "an application's page offers only the steps and outcomes the statute allows, at each state; steps recorded show in the timeline",
        arguments: StoreBackend.all
    )
    func steps(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let clerk = try await Self.signedIn(client, "甲登记员")
            let key = try await Self.addApplication(clerk, agency: setup.a, received: "2025-03-18")
            #expect(key == "2025-0001")
            let path = "/register/a/\(setup.a)/applications/\(key)"
            func stored() throws -> Registered<GongkaiRegister.Application> {
                try #require(try setup.store.application(agencyID: setup.a, key: key))
            }
            var page = try await clerk.get(path).text
            try Self.expectOffered(page, try stored().value)
            #expect(Self.offered(page).steps.contains("amendment_requested"))
            #expect(!Self.offered(page).steps.contains("amendment_received"))
            #expect(!page.contains("告知书（Word）"))

            var response = try await clerk.post(
                "\(path)/steps",
                [("step", "amendment_requested"), ("version", "1"), ("on", "2025-03-19"), ("respond_by", "2025-04-02")]
            )
            #expect(response.status == .seeOther)
            page = try await clerk.get(path).text
            try Self.expectOffered(page, try stored().value)
            // Waiting for the 补正: only its arrival (the reply 申请人逾期未补正 comes after 2 April).
            #expect(Self.offered(page).steps == ["amendment_received"])
            #expect(Self.offered(page).outcomes.isEmpty)
            #expect(page.contains("发出补正通知，补正期限至2025年4月2日"))

            // A step the statute does not allow now is refused with its reason, and nothing is saved.
            response = try await clerk.post(
                "\(path)/steps",
                [("step", "consultation_started"), ("version", "2"), ("on", "2025-03-20"), ("party", "third_party")]
            )
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("role=\"alert\" id=\"step-error\""))
            #expect(try stored().record.version == 2)

            response = try await clerk.post(
                "\(path)/steps",
                [("step", "amendment_received"), ("version", "2"), ("on", "2025-03-20")]
            )
            #expect(response.status == .seeOther)
            page = try await clerk.get(path).text
            try Self.expectOffered(page, try stored().value)
            #expect(!Self.offered(page).steps.contains("amendment_requested"))
            #expect(Self.offered(page).outcomes.contains("unable.unclear"))
            #expect(!Self.offered(page).outcomes.contains("other.no_amendment"))

            response = try await clerk.post(
                "\(path)/steps",
                [("step", "replied"), ("version", "3"), ("on", "2025-03-20"), ("outcome", "granted")]
            )
            #expect(response.status == .seeOther)
            page = try await clerk.get(path).text
            #expect(Self.offered(page).steps.isEmpty)
            #expect(page.contains("该申请已办结，不能再记录步骤。"))
            // The letters of the 补正 notice (step 2) and of the reply (step 4).
            #expect(page.contains("<a href=\"\(path)/letter.docx?step=2\">第2步的告知书（Word）</a>"))
            #expect(page.contains("<a href=\"\(path)/letter.docx?step=4\">第4步的告知书（Word）</a>"))
            #expect(!page.contains("通过电子邮件发送"))
            // The timeline: every step with who recorded it.
            let timeline = try #require(page.components(separatedBy: "<h2 id=\"timeline\">").last)
            for line in ["收到申请（互联网）", "发出补正通知", "收到补正后的申请", "答复办结：（一）予以公开"] {
                #expect(timeline.contains(line), "\(line)")
            }
            #expect(timeline.components(separatedBy: "<td>甲登记员</td>").count - 1 == 4)
            // The change log: who, what before → after.
            let changes = try #require(page.components(separatedBy: "<h2 id=\"changes\">").last)
            #expect(changes.contains("新建（第1版）"))
            #expect(changes.contains("修改（第4版）"))
            #expect(changes.contains("第4步 答复办结 办理结果：（无） → （一）予以公开"))
            let list = try await clerk.get("/register/a/\(setup.a)?year=2025&state=closed").text
            #expect(list.contains(">\(key)</a>"))
            #expect(list.contains("<span class=\"due closed\">已办结</span>"))
        }
    }

    @Test(
        "a step posted on a version someone else has changed since is refused as a conflict",
        arguments: StoreBackend.all
    )
    func conflict(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let clerk = try await Self.signedIn(client, "甲登记员")
            let key = try await Self.addApplication(clerk, agency: setup.a)
            let path = "/register/a/\(setup.a)/applications/\(key)"
            let supervisor = try await Self.signedIn(client, "督办员")
            let first = try await supervisor.post(
                "\(path)/steps",
                [("step", "consultation_started"), ("version", "1"), ("on", "2025-03-10"), ("party", "third_party")]
            )
            #expect(first.status == .seeOther)
            // The clerk's form still shows version 1.
            let stale = try await clerk.post(
                "\(path)/steps",
                [("step", "replied"), ("version", "1"), ("on", "2025-03-20"), ("outcome", "granted")]
            )
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("已被他人修改（现为第2版）"))
            #expect(stale.text.contains("您的修改未保存"))
            let stored = try #require(try setup.store.application(agencyID: setup.a, key: key))
            #expect(stored.record.version == 2)
            #expect(stored.value.reply == nil)
        }
    }

    @Test(
        "the received form shows each error next to its field and keeps what was typed",
        arguments: [StoreBackend.sqlite]
    )
    func formErrors(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let clerk = try await Self.signedIn(client, "甲登记员")
            let response = try await clerk.post(
                "/register/a/\(setup.a)/applications/new",
                [
                    ("channel", "online"), ("received", "2025-13-40"), ("applicant_type", ""), ("applicant", "李四"),
                    ("request", ""),
                ]
            )
            #expect(response.status == .badRequest)
            let page = response.text
            #expect(page.contains("<span class=\"field-error\" id=\"error-received\">日期无法识别"))
            #expect(page.contains("<span class=\"field-error\" id=\"error-applicant_type\">请选择申请人类型。</span>"))
            #expect(page.contains("<span class=\"field-error\" id=\"error-request\">请填写申请内容。</span>"))
            #expect(page.contains("value=\"李四\""))
            #expect(try setup.store.registerRecords(RegisterSelection(kind: .application)).isEmpty)
        }
    }

    // MARK: Compile and export

    /// A generated register (the property test's) saved for agency 甲.
    static func generated(
        _ store: any ReportStore,
        agencyID: Int64,
        ledgerOnly: Bool = false
    ) throws -> AgencyRegister {
        // Most random applications see a consultation or a fee: many more are walked when only the others are kept.
        var register = try RegisterPropertyTests().register(seed: 20_251_207, applications: ledgerOnly ? 600 : 120)
        if ledgerOnly { register.applications = register.applications.filter(ledgerExpressible) }
        let day = try #require(CalendarDate(year: 2026, month: 3, day: 31))
        var writes = register.applications.map {
            RegisterWrite(RegisterRecord.application($0, agencyID: agencyID, on: day, calendar: .builtIn))
        }
        writes += register.cases.map { RegisterWrite(RegisterRecord.disclosureCase($0, agencyID: agencyID)) }
        writes += register.documents.map { RegisterWrite(RegisterRecord.document($0, agencyID: agencyID)) }
        writes += register.counts.map { RegisterWrite(RegisterRecord.counts($0, agencyID: agencyID)) }
        _ = try store.saveRegisterRecords(writes, by: "生成")
        return register
    }

    @Test(
        "the year's report compiled from a generated register: the three tables, no error or warning, downloads",
        arguments: StoreBackend.all
    )
    func compile(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        _ = try Self.generated(setup.store, agencyID: setup.a)
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let clerk = try await Self.signedIn(client, "甲登记员")
            let response = try await clerk.get("/register/a/\(setup.a)/compile?year=2024")
            #expect(response.status == .ok)
            let page = response.text
            for table in ["表二", "表三", "表四"] { #expect(page.contains("<h3 id=\"table-"), "\(table)") }
            #expect(page.contains("<table class=\"national t3\">"))
            // No error; the one finding is part 五's text, which the clerk writes in the data file.
            #expect(page.contains("检查结果：<strong>0 个错误，1 个警告，0 个提示</strong>"))
            #expect(page.contains("<code class=\"rule\">section5-empty</code>"))
            #expect(page.components(separatedBy: "<li class=\"finding").count == 2)
            #expect(!page.contains("class=\"v error\""))
            let yaml = try await clerk.get("/register/a/\(setup.a)/compile.yaml?year=2024")
            #expect(yaml.status == .ok)
            #expect(yaml.text.contains("t3.received.total"))
            let docx = try await clerk.get("/register/a/\(setup.a)/compile.docx?year=2024")
            #expect(docx.status == .ok)
            #expect(docx.body.readableBytesView.starts(with: Array("PK".utf8)))
            let early = try await clerk.get("/register/a/\(setup.a)/compile?year=2020")
            #expect(early.status == .unprocessableContent)
        }
    }

    /// The applications a ledger can hold: no consultation, no fee (a ledger has no column for them).
    static func ledgerExpressible(_ application: GongkaiRegister.Application) -> Bool {
        application.events.allSatisfy {
            switch $0 {
            case .consultationStarted, .consultationEnded, .feeNoticed, .feePaid: false
            default: true
            }
        }
    }

    @Test(
        "the Excel ledger: exported with the applicant's data it imports back as the same applications; without, none",
        arguments: StoreBackend.all
    )
    func excelRoundTrip(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        // A ledger has no column for consultations and fees (they stop the reply period, so the dates of later steps
        // would not check without them): the register holds only what a ledger can hold.
        let register = try Self.generated(setup.store, agencyID: setup.a, ledgerOnly: true)
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let clerk = try await Self.signedIn(client, "甲登记员")
            let response = try await clerk.get("/register/a/\(setup.a)/export.xlsx?year=2024&personal=1")
            #expect(response.status == .ok)
            #expect(
                response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            let bytes = Data(response.body.readableBytesView)
            let read = try LedgerImport.read(fileBytes: bytes, name: "register.xlsx").get()
            let expected = register.applications.filter { $0.received.year == 2024 }
            #expect(!expected.isEmpty)
            #expect(read.count == expected.count)
            let byID = Dictionary(uniqueKeysWithValues: read.map { ($0.id, $0) })
            for application in expected {
                let back = try #require(byID[application.id], "\(application.id)")
                #expect(back == application, "\(application.id)")
            }
            #expect(expected.count > 20)
            let cases = try LedgerTable.read(fileBytes: bytes, name: "register.xlsx", sheet: "复议诉讼")
            #expect(cases.rows.first?.cells.prefix(3) == ["编号", "类别", "立案日期"])
            #expect(cases.rows.count > 1)
            let documents = try LedgerTable.read(fileBytes: bytes, name: "register.xlsx", sheet: "规范性文件")
            #expect(documents.rows.first?.cells.contains("文号") == true)

            // Without personal=1: no applicant's name, identity number or contact, and so no import.
            let plain = try await clerk.get("/register/a/\(setup.a)/export.xlsx?year=2024")
            let table = try LedgerTable.read(fileBytes: Data(plain.body.readableBytesView), name: "register.xlsx")
            let cells = Set(table.rows.flatMap(\.cells))
            for application in expected {
                #expect(!cells.contains(application.applicant.name))
                #expect(!cells.contains(application.applicant.identification))
            }
            if case .success = LedgerImport.read(fileBytes: Data(plain.body.readableBytesView), name: "register.xlsx") {
                Issue.record("a ledger without the applicants imported")
            }
            let audit = try setup.store.audit(limit: 100, offset: 0).entries
            #expect(audit.contains { $0.detail.contains("导出2024年登记簿（含申请人个人信息）") })
        }
    }

    // MARK: Cases, documents, counts

    @Test(
        "cases, documents and counts: added, decided, repealed and set through their forms, each with its change log",
        arguments: [StoreBackend.sqlite]
    )
    func records(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let clerk = try await Self.signedIn(client, "甲登记员")
            let base = "/register/a/\(setup.a)"
            var response = try await clerk.post("\(base)/cases/new", [("kind", "review"), ("filed", "2025-02-03")])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "\(base)/cases/2025-0001")
            response = try await clerk.post(
                "\(base)/cases/2025-0001/decision",
                [("version", "1"), ("on", "2025-03-01"), ("result", "upheld")]
            )
            #expect(response.status == .seeOther)
            var page = try await clerk.get("\(base)/cases/2025-0001").text
            #expect(page.contains("已于2025年3月1日审结"))
            #expect(page.contains("修改（第2版）"))
            response = try await clerk.post(
                "\(base)/cases/2025-0001/decision",
                [("version", "1"), ("on", "2025-03-02"), ("result", "corrected")]
            )
            #expect(response.status == .conflict)

            response = try await clerk.post(
                "\(base)/documents/new",
                [
                    ("kind", "normative"), ("number", "甲司规〔2025〕1号"), ("title", "关于<i>公开</i>的规定"),
                    ("issued", "2025-01-10"),
                ]
            )
            #expect(response.status == .seeOther)
            let documentPath = try #require(response.headers[.location])
            page = try await clerk.get(documentPath).text
            #expect(page.contains("关于&lt;i&gt;公开&lt;/i&gt;的规定"))
            response = try await clerk.post("\(documentPath)/repeal", [("version", "1"), ("on", "2024-12-31")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("早于制发日期"))

            response = try await clerk.post(
                "\(base)/counts",
                [("year", "2025"), ("licensing", "12"), ("penalty", "3"), ("coercion", "0"), ("fees", "1.25")]
            )
            #expect(response.status == .seeOther)
            page = try await clerk.get("\(base)?year=2025").text
            #expect(page.contains("行政许可 12 件，行政处罚 3 件，行政强制 0 件，行政事业性收费 1.25 万元"))
            #expect(page.contains(">甲司规〔2025〕1号</a>"))
            #expect(page.contains(">2025-0001</a>"))
            response = try await clerk.post("\(base)/counts", [("year", "2025"), ("licensing", "-1"), ("fees", "x")])
            #expect(response.status == .badRequest)
            #expect(response.text.contains("id=\"error-licensing\""))
        }
    }

    @Test(
        "due dates marked by colour and words: overdue, due within 3 working days, in time; the filters",
        arguments: [StoreBackend.sqlite]
    )
    func dueMarks(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let clerk = try await Self.signedIn(client, "甲登记员")
            // Received 2025-02-10: due 2025-03-10, overdue on 2025-03-20. 2025-02-19: due 2025-03-19... overdue too;
            // 2025-02-24: due 2025-03-24, within 3 working days; 2025-03-18: due in April.
            let late = try await Self.addApplication(clerk, agency: setup.a, received: "2025-02-10")
            let soon = try await Self.addApplication(clerk, agency: setup.a, received: "2025-02-24")
            let fine = try await Self.addApplication(clerk, agency: setup.a, received: "2025-03-18")
            let page = try await clerk.get("/register/a/\(setup.a)?year=2025").text
            func row(_ key: String) -> String {
                page.components(separatedBy: ">\(key)</a>").dropFirst().first?.components(separatedBy: "</tr>").first
                    ?? ""
            }
            #expect(row(late).contains("<span class=\"due overdue\">已逾期 10 天</span> 2025-03-10"))
            #expect(row(soon).contains("<span class=\"due soon\">即将到期</span> 2025-03-24"))
            #expect(row(fine).contains("<span class=\"due fine\">未到期</span>"))
            let overdue = try await clerk.get("/register/a/\(setup.a)?year=2025&due=overdue").text
            #expect(overdue.contains(">\(late)</a>"))
            #expect(!overdue.contains(">\(soon)</a>"))
            let dueSoon = try await clerk.get("/register/a/\(setup.a)?year=2025&due=soon").text
            #expect(dueSoon.contains(">\(soon)</a>"))
            #expect(!dueSoon.contains(">\(fine)</a>"))
            let supervisor = try await Self.signedIn(client, "督办员")
            let home = try await supervisor.get("/register").text
            #expect(home.contains("<span class=\"due overdue\">逾期 1 件</span>"))
            #expect(home.contains("<span class=\"due soon\">即将到期 1 件</span>"))
            #expect(try await clerk.get("/register/a/\(setup.a)?due=later").status == .badRequest)
        }
    }
}
