import Foundation
import GongkaiExtract
import GongkaiModel
import GongkaiRegister
import GongkaiServer
import GongkaiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The applicant's side and the supervisor's through the web application in process, on SQLite and PostgreSQL: the
/// public application form and its checks, the query number and the status page, the limits per address, the
/// agency's inbox (签收, 转办), 督办 across agencies, and the letters as Word files.
@Suite("web application: applications filed online, inbox, 督办, letters")
struct RegisterPublicWebTests {
    struct Setup {
        var store: any ReportStore
        var justice: Int64
        var police: Int64
    }

    static let justiceName = "洛阳市西工区司法局"
    static let policeName = "洛阳市西工区公安分局"
    static let password = "register-password-1"

    /// Two agencies; a clerk of each, a supervisor of every agency, a user with no duty.
    static func setup(_ backend: StoreBackend) throws -> Setup {
        let store = try backend.make()
        let justice = try #require(try store.createAgency(named: justiceName).id)
        let police = try #require(try store.createAgency(named: policeName).id)
        let hash = Passwords.hash(password, cost: 4)
        for name in ["司法登记员", "公安登记员", "督办员", "无职责"] {
            _ = try store.addUser(name: name, role: .viewer, passwordHash: hash, at: Date())
        }
        _ = try store.grantDuty(userName: "司法登记员", duty: .clerk, agencyID: justice, at: Date())
        _ = try store.grantDuty(userName: "公安登记员", duty: .clerk, agencyID: police, at: Date())
        _ = try store.grantDuty(userName: "督办员", duty: .supervisor, agencyID: nil, at: Date())
        return Setup(store: store, justice: justice, police: police)
    }

    static func options(_ change: (inout WebOptions) -> Void = { _ in }) -> WebOptions {
        var options = ServerTests.options(publicAccess: false)
        change(&options)
        return options
    }

    static let validFields: [(String, String)] = [
        ("applicant_type", "natural"), ("name", "张三<b>"), ("id_document", "resident_id"),
        ("id_number", RegisterPublicTests.validID), ("address", "北京市西城区某路1号"), ("phone", "13800138000"),
        ("email", "zhangsan@example.cn"), ("information_name", "2024年行政复议决定书"), ("document_number", ""),
        ("description", ""), ("purpose", ""), ("provision", "email"), ("collection", "email"),
    ]

    static func fields(_ changes: [String: String]) -> [(String, String)] {
        validFields.map { ($0.0, changes[$0.0] ?? $0.1) }
    }

    /// The query number a confirmation page shows.
    static func number(_ page: String) throws -> String {
        let start = try #require(page.range(of: "<strong class=\"query-number\">")?.upperBound)
        return String(page[start...].prefix { $0 != "<" })
    }

    @Test(
        "an applicant without an account finds the agency, files the form and follows it by the number",
        arguments: StoreBackend.all
    )
    func applicantFiles(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let browser = Browser(client)
            let search = try await browser.get("/apply?q=" + FormFieldsEncoding.encode("西工区"))
            #expect(search.status == .ok)
            #expect(search.text.contains("<a href=\"/apply/\(setup.justice)\">\(Self.justiceName)</a>"))
            let form = try await browser.get("/apply/\(setup.justice)")
            #expect(form.status == .ok)
            #expect(form.text.contains("<script src=\"/static/apply.js\" defer></script>"))
            #expect(!form.text.contains("<script>"))
            let script = try await browser.get("/static/apply.js")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("10X98765432"))
            let token = try #require(Browser.token(form.text))

            // Wrong fields: the form comes back with each reason and the values typed, escaped.
            let wrong = try await browser.post(
                "/apply/\(setup.justice)",
                Self.fields(["id_number": "110105194912310021", "phone": "12345", "information_name": ""]),
                token: token
            )
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("最后一位校验码不正确"))
            #expect(wrong.text.contains("不像有效号码"))
            #expect(wrong.text.contains("至少一项"))
            #expect(wrong.text.contains("value=\"张三&lt;b&gt;\""))
            #expect(try setup.store.submissions(agencyID: setup.justice, waitingOnly: false).isEmpty)
            let missing = try await browser.post(
                "/apply/\(setup.justice)",
                Self.fields(["name": "", "address": ""]),
                token: token
            )
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("请填写申请人姓名") && missing.text.contains("请填写联系地址"))
            let forged = try await browser.post(
                "/apply/\(setup.justice)",
                Self.fields(["provision": "carrier-pigeon"]),
                token: token
            )
            #expect(forged.status == .badRequest)
            let noToken = try await browser.post("/apply/\(setup.justice)", Self.validFields, token: "")
            #expect(noToken.status == .forbidden)

            let filed = try await browser.post("/apply/\(setup.justice)", Self.validFields, token: token)
            #expect(filed.status == .ok)
            let printed = try Self.number(filed.text)
            let number = try #require(QueryNumber.normalized(printed))
            #expect(printed == QueryNumber.printed(number))
            let stored = try #require(try setup.store.submission(number: number))
            #expect(stored.record.agencyID == setup.justice)
            #expect(stored.value.form.name == "张三<b>")

            // The status page: the state and dates, nothing personal beyond the request.
            let status = try await browser.get("/apply/status?number=" + printed.lowercased())
            #expect(status.status == .ok)
            #expect(status.text.contains("已提交，等待签收"))
            #expect(status.text.contains(Self.justiceName))
            #expect(status.text.contains("2024年行政复议决定书"))
            for personal in [RegisterPublicTests.validID, "13800138000", "zhangsan@example.cn", "北京市西城区", "张三"] {
                #expect(!status.text.contains(personal), "\(personal)")
            }
            let unknown = try await browser.get("/apply/status?number=ABCD-EFGH-JKLM")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("没有找到查询号"))
            let malformed = try await browser.get("/apply/status?number=%3Cscript%3E")
            #expect(malformed.status == .notFound)
            #expect(malformed.text.contains("&lt;script&gt;"))
        }
    }

    @Test("one address may file and look up only so often", arguments: StoreBackend.all)
    func rateLimits(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        let options = Self.options { $0.applyLimits = ApplyLimits(submissions: 2, lookups: 3, window: 3600) }
        try await ServerTests.application(setup.store, options: options).test(.router) { client in
            let browser = Browser(client)
            let token = try #require(Browser.token(try await browser.get("/apply/\(setup.justice)").text))
            for _ in 0..<2 {
                #expect(try await browser.post("/apply/\(setup.justice)", Self.validFields, token: token).status == .ok)
            }
            let third = try await browser.post("/apply/\(setup.justice)", Self.validFields, token: token)
            #expect(third.status == .tooManyRequests)
            #expect(third.headers[.retryAfter] != nil)
            #expect(third.text.contains("次数过多"))
            #expect(try setup.store.submissions(agencyID: setup.justice, waitingOnly: true).count == 2)
            for _ in 0..<3 {
                #expect(try await browser.get("/apply/status?number=ABCD-EFGH-JKLM").status == .notFound)
            }
            #expect(try await browser.get("/apply/status?number=ABCD-EFGH-JKLM").status == .tooManyRequests)
        }
    }

    @Test(
        "the clerk signs for it in the inbox, moves another to the other agency; only that agency's clerks may",
        arguments: StoreBackend.all
    )
    func inbox(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        let today = CalendarDate.today()
        let first = try setup.store.submitApplication(
            RegisterPublicTests.form(),
            agencyID: setup.justice,
            agency: Self.justiceName,
            at: Date(),
            today: today
        )
        let second = try setup.store.submitApplication(
            RegisterPublicTests.form(name: "李四"),
            agencyID: setup.justice,
            agency: Self.justiceName,
            at: Date(),
            today: today
        )
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let anonymous = Browser(client)
            let closed = try await anonymous.get("/register/a/\(setup.justice)/inbox")
            #expect(closed.status == .seeOther)
            let police = Browser(client)
            try await police.signIn("公安登记员", Self.password)
            #expect(try await police.get("/register/a/\(setup.justice)/inbox").status == .forbidden)
            let nobody = Browser(client)
            try await nobody.signIn("无职责", Self.password)
            #expect(try await nobody.get("/register/a/\(setup.justice)/inbox").status == .forbidden)

            let clerk = Browser(client)
            try await clerk.signIn("司法登记员", Self.password)
            let inbox = try await clerk.get("/register/a/\(setup.justice)/inbox")
            #expect(inbox.status == .ok)
            #expect(inbox.text.contains(QueryNumber.printed(first.value.number)))
            #expect(inbox.text.contains("李四"))
            let token = try #require(Browser.token(inbox.text))
            let signed = try await clerk.post(
                "/register/a/\(setup.justice)/inbox/\(first.value.number)/sign",
                [("date", today.description)],
                token: token
            )
            #expect(signed.status == .seeOther)
            let key = "\(today.year)-0001"
            #expect(signed.headers[.location] == "/register/a/\(setup.justice)/applications/\(key)")
            let application = try #require(try setup.store.application(agencyID: setup.justice, key: key)).value
            #expect(application.received == today)
            #expect(application.channel == .online(confirmed: today))
            let again = try await clerk.post(
                "/register/a/\(setup.justice)/inbox/\(first.value.number)/sign",
                [("date", today.description)],
                token: token
            )
            #expect(again.status == .conflict)
            // Another agency's clerk cannot sign for it.
            let policeToken = try #require(Browser.token(try await police.get("/check").text))
            let foreign = try await police.post(
                "/register/a/\(setup.justice)/inbox/\(second.value.number)/sign",
                [("date", today.description)],
                token: policeToken
            )
            #expect(foreign.status == .forbidden)

            let moved = try await clerk.post(
                "/register/a/\(setup.justice)/inbox/\(second.value.number)/transfer",
                [("to", Self.policeName), ("reason", "户籍信息由公安机关掌握")],
                token: token
            )
            #expect(moved.status == .seeOther)
            let policeInbox = try await police.get("/register/a/\(setup.police)/inbox")
            #expect(policeInbox.text.contains(QueryNumber.printed(second.value.number)))
            #expect(policeInbox.text.contains("户籍信息由公安机关掌握"))
            let status = try await anonymous.get("/apply/status?number=\(second.value.number)")
            #expect(status.status == .ok)
            #expect(status.text.contains(Self.policeName))
            #expect(status.text.contains("转办"))
            let signedStatus = try await anonymous.get("/apply/status?number=\(first.value.number)")
            #expect(signedStatus.text.contains("登记号\(key)"))
            #expect(signedStatus.text.contains("收到申请之日</th><td>\(today.chinese)"))
            #expect(signedStatus.text.contains("答复期限"))
        }
    }

    @Test(
        "督办 lists the overdue and due-soon applications of both agencies, by days left; CSV too",
        arguments: StoreBackend.all
    )
    func supervision(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        let calendar = try setup.store.workingCalendar()
        let today = CalendarDate.today()
        func add(_ agency: Int64, received: CalendarDate, name: String) throws -> String {
            try setup.store.addApplication(
                RegisterPublicTests.form(name: name).application(receivedOn: received),
                agencyID: agency,
                by: "甲",
                today: today,
                calendar: calendar
            ).value.id
        }
        let longAgo = try calendar.workingDay(1, after: today.adding(days: -70))
        let late = try add(setup.justice, received: longAgo, name: "甲")
        let lateToo = try add(
            setup.police,
            received: try calendar.workingDay(1, after: today.adding(days: -50)),
            name: "乙"
        )
        // Received 17 working days ago: due in 3.
        var start = today
        for _ in 0..<17 {
            start = start.adding(days: -1)
            while !(try calendar.isWorkingDay(start)) { start = start.adding(days: -1) }
        }
        let soon = try add(setup.police, received: start, name: "丙")
        let fresh = try add(setup.justice, received: today, name: "丁")
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let clerk = Browser(client)
            try await clerk.signIn("司法登记员", Self.password)
            #expect(try await clerk.get("/register/supervision").status == .forbidden)
            let supervisor = Browser(client)
            try await supervisor.signIn("督办员", Self.password)
            let page = try await supervisor.get("/register/supervision?within=5")
            #expect(page.status == .ok)
            let text = page.text
            for (agency, key) in [(setup.justice, late), (setup.police, lateToo), (setup.police, soon)] {
                #expect(text.contains("/register/a/\(agency)/applications/\(key)"), "\(key)")
            }
            #expect(!text.contains("/register/a/\(setup.justice)/applications/\(fresh)\""))
            #expect(text.contains("其中已超期 <strong>2</strong> 件"))
            // By days left: the longest overdue first, the one still due last.
            let positions = [(setup.justice, late), (setup.police, lateToo), (setup.police, soon)].map { agency, key in
                text.range(of: "a/\(agency)/applications/\(key)")?.lowerBound
            }
            #expect(positions[0]! < positions[1]! && positions[1]! < positions[2]!)
            let reversed = try await supervisor.get("/register/supervision?within=5&sort=-days").text
            #expect(
                reversed.range(of: "a/\(setup.police)/applications/\(soon)")!.lowerBound
                    < reversed.range(of: "a/\(setup.justice)/applications/\(late)")!.lowerBound
            )
            let csv = try await supervisor.get("/register/supervision.csv?within=5")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 4)
            #expect(lines[1].hasPrefix(Self.justiceName + "," + late))
            #expect(lines[1].contains("已超期"))
            #expect(try await supervisor.get("/register/supervision?within=abc").status == .badRequest)
        }
    }

    @Test(
        "the letter of a step as a Word file, for the agency's clerk and a supervisor only",
        arguments: StoreBackend.all
    )
    func letter(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        let calendar = try setup.store.workingCalendar()
        let today = CalendarDate.today()
        let received = try calendar.workingDay(1, after: today.adding(days: -20))
        let key = try setup.store.addApplication(
            RegisterPublicTests.form().application(receivedOn: received),
            agencyID: setup.justice,
            by: "甲",
            today: today,
            calendar: calendar
        ).value.id
        _ = try setup.store.recordStep(
            .replied(on: today, outcome: .unableNotHeld),
            agencyID: setup.justice,
            key: key,
            by: "甲",
            today: today,
            calendar: calendar
        )
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let clerk = Browser(client)
            try await clerk.signIn("司法登记员", Self.password)
            let path = "/register/a/\(setup.justice)/applications/\(key)/letter.docx"
            let response = try await clerk.get(path)
            #expect(response.status == .ok)
            #expect(
                response.headers[.contentType]
                    == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
            let document = try DocumentExtractor.extract(Data(response.body.readableBytesView), name: "letter.docx")
            let text = document.lines.map(\.text).joined(separator: "\n")
            // The reader gives full-width brackets as ASCII ones.
            #expect(text.contains("第三十六条第(四)项"))
            #expect(text.contains(Self.justiceName))
            #expect(try await clerk.get(path + "?step=1").status == .notFound)
            #expect(try await clerk.get(path + "?step=x").status == .badRequest)
            let supervisor = Browser(client)
            try await supervisor.signIn("督办员", Self.password)
            #expect(try await supervisor.get(path + "?step=2").status == .ok)
            let police = Browser(client)
            try await police.signIn("公安登记员", Self.password)
            #expect(try await police.get(path).status == .forbidden)
        }
    }

    @Test(
        "a clerk e-mails a step's letter to the applicant through the configured relay; without one the page says so",
        arguments: StoreBackend.all
    )
    func letterSent(_ backend: StoreBackend) async throws {
        let setup = try Self.setup(backend)
        let sink = try SMTPSink()
        let today = CalendarDate.today()
        let filed = try setup.store.submitApplication(
            RegisterPublicTests.form(),
            agencyID: setup.justice,
            agency: Self.justiceName,
            at: Date(),
            today: today
        )
        let calendar = try setup.store.workingCalendar()
        let key = try setup.store.signSubmission(
            agencyID: setup.justice,
            agency: Self.justiceName,
            number: filed.value.number,
            on: today,
            by: "司法登记员",
            at: Date(),
            today: today,
            calendar: calendar
        ).application.value.id
        _ = try setup.store.recordStep(
            .replied(on: today, outcome: .granted),
            agencyID: setup.justice,
            key: key,
            by: "司法登记员",
            today: today,
            calendar: calendar
        )
        let path = "/register/a/\(setup.justice)/applications/\(key)/letter/send"
        try await ServerTests.application(setup.store, options: Self.options()).test(.router) { client in
            let clerk = Browser(client)
            try await clerk.signIn("司法登记员", Self.password)
            let unconfigured = try await clerk.post(path, [])
            #expect(unconfigured.status == .conflict)
            #expect(unconfigured.text.contains("没有配置邮件服务器"))
        }
        let options = Self.options { $0.mail = sink.settings }
        try await ServerTests.application(setup.store, options: options).test(.router) { client in
            let clerk = Browser(client)
            try await clerk.signIn("司法登记员", Self.password)
            let sent = try await clerk.post(path, [])
            #expect(sent.status == .ok)
            #expect(sent.text.contains("告知书已发送至 zhangsan@example.cn"))
            let police = Browser(client)
            try await police.signIn("公安登记员", Self.password)
            #expect(try await police.post(path, []).status == .forbidden)
        }
        let message = try #require(try sink.messages().first)
        #expect(message.fields["subject"] as? String == "政府信息公开申请答复告知书（登记号\(key)）")
        #expect(try sink.messages().count == 1)
        let history = try #require(try setup.store.submission(number: filed.value.number)).value.history
        #expect(history.last?.action == .mailed && history.last?.by == "司法登记员")
    }

    @Test("with a relay configured, a step recorded on the application's page e-mails its letter to the applicant")
    func stepMailed() async throws {
        let setup = try Self.setup(.sqlite)
        let sink = try SMTPSink()
        let today = CalendarDate.today()
        let filed = try setup.store.submitApplication(
            RegisterPublicTests.form(),
            agencyID: setup.justice,
            agency: Self.justiceName,
            at: Date(),
            today: today
        )
        let key = try setup.store.signSubmission(
            agencyID: setup.justice,
            agency: Self.justiceName,
            number: filed.value.number,
            on: today,
            by: "司法登记员",
            at: Date(),
            today: today,
            calendar: try setup.store.workingCalendar()
        ).application.value.id
        let version = try #require(try setup.store.application(agencyID: setup.justice, key: key)).record.version
        let path = "/register/a/\(setup.justice)/applications/\(key)"
        let options = Self.options { $0.mail = sink.settings }
        try await ServerTests.application(setup.store, options: options).test(.router) { client in
            let clerk = Browser(client)
            try await clerk.signIn("司法登记员", Self.password)
            let saved = try await clerk.post(
                "\(path)/steps",
                [("step", "replied"), ("version", String(version)), ("on", today.description), ("outcome", "granted")]
            )
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location.hasSuffix("?saved=1&mail=sent"), "\(location)")
            let page = try await clerk.get(location).text
            #expect(page.contains("告知书已通过电子邮件发送给申请人"))
            #expect(page.contains("第2步的告知书（Word）"))
            #expect(page.contains("通过电子邮件发送最近一步的告知书"))
        }
        let messages = try sink.messages()
        #expect(messages.count == 1)
        #expect(messages.first?.fields["subject"] as? String == "政府信息公开申请答复告知书（登记号\(key)）")
    }
}
