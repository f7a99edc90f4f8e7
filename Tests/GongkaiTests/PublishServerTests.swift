import Foundation
import GongkaiServer
import GongkaiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// 主动公开 through the web application on real stores: a clerk drafts, masks and submits; three reviewers approve;
/// the item is published and listed. Who sees what depends on the duties each user holds for the agency.
@Suite("web application: publishing with 三审")
struct PublishServerTests {
    static let people: [(name: String, role: UserRole, duty: AgencyDuty?)] = [
        ("王芳", .viewer, .clerk), ("李明", .viewer, .firstReview), ("赵强", .viewer, .secondReview),
        ("陈静", .viewer, .finalReview), ("旁人", .viewer, nil), ("管理员", .admin, nil),
    ]
    static let password = "publish-password-1"
    static let withID = "关于张三的处理决定\n当事人：张三，身份证号码：11010519491231002X。\n现予公布。"

    static func setUp(_ backend: StoreBackend) throws -> (any ReportStore, Int64) {
        let corpus = try ServerTests.corpus(backend)
        let store = corpus.store
        for person in people {
            _ = try store.addUser(
                name: person.name,
                role: person.role,
                passwordHash: Passwords.hash(password, cost: 4),
                at: Date()
            )
            if let duty = person.duty {
                _ = try store.grantDuty(userName: person.name, duty: duty, agencyID: corpus.hongze, at: Date())
            }
        }
        return (store, corpus.hongze)
    }

    static func signedIn(_ client: any TestClientProtocol, _ name: String) async throws -> Browser {
        let browser = Browser(client)
        try await browser.signIn(name, password)
        return browser
    }

    /// Drafts an item through the form; returns the item's path.
    static func draft(_ browser: Browser, agency: Int64, title: String, text: String) async throws -> String {
        let token = try await browser.token()
        let parts: [(name: String, fileName: String?, bytes: Data)] = [
            ("agency", nil, Data(String(agency).utf8)), ("title", nil, Data(title.utf8)),
            ("category", nil, Data("penalties".utf8)), ("counts_as", nil, Data()), ("number", nil, Data()),
            ("written", nil, Data()), ("text", nil, Data(text.utf8)), ("attachment", "", Data()),
        ]
        let (headers, body) = ServerTests.multipart(parts, token: token, cookie: "")
        var sent = headers
        sent[.cookie] = nil
        let response = try await browser.request("/publish/items", method: .post, headers: sent, body: body)
        #expect(response.status == .seeOther, "\(response.text)")
        return try #require(response.headers[.location])
    }

    @Test("draft, 一键脱敏, three reviewers, published and listed; each action audited", arguments: StoreBackend.all)
    func wholePath(_ backend: StoreBackend) async throws {
        let (store, agency) = try Self.setUp(backend)
        try await ServerTests.application(store, options: ServerTests.options()).test(.router) { client in
            let clerk = try await Self.signedIn(client, "王芳")
            let home = try await clerk.get("/publish")
            #expect(home.status == .ok && home.text.contains("起草新事项"))
            #expect(try await clerk.get("/publish/items/new").text.contains("<option value=\"\(agency)\">"))
            let path = try await Self.draft(clerk, agency: agency, title: "关于张三的处罚决定", text: Self.withID)
            #expect(path.hasPrefix("/publish/items/"))

            var page = try await clerk.get(path).text
            #expect(page.contains("<mark class=\"hit-error\" id=\"hit-"))
            #expect(page.contains("title=\"错误·身份证号码："))
            #expect(page.contains("11010519491231002X") && page.contains("一键脱敏") && page.contains("提交初审"))
            #expect(try await clerk.get("/publish").text.contains("关于张三的处罚决定"))

            // A reviewer sees nothing to review while it is a draft, and cannot see the draft by another path.
            let first = try await Self.signedIn(client, "李明")
            #expect(!(try await first.get("/publish").text.contains("关于张三的处罚决定")))

            #expect(try await clerk.post(path, [("action", "mask")]).status == .seeOther)
            page = try await clerk.get(path).text
            #expect(page.contains("1101**********002X") && !page.contains("11010519491231002X"))
            #expect(page.contains("张某") && !page.contains("class=\"hit-error\""))
            #expect(try await clerk.post(path, [("action", "submit")]).status == .seeOther)

            // The clerk may not approve: no 初审 duty.
            let refused = try await clerk.post(path, [("action", "approve")])
            #expect(refused.status == .conflict && refused.text.contains("没有本机关的「初审」职责"))

            #expect(try await first.get("/publish").text.contains("关于张三的处罚决定"))
            #expect(try await first.get(path).text.contains("初审通过"))
            #expect(try await first.post(path, [("action", "approve")]).status == .seeOther)
            let second = try await Self.signedIn(client, "赵强")
            #expect(try await second.post(path, [("action", "approve")]).status == .seeOther)
            let final = try await Self.signedIn(client, "陈静")
            #expect(try await final.post(path, [("action", "approve")]).status == .seeOther)
            #expect(try await clerk.get("/publish").text.contains("已终审，待发布"))
            #expect(try await clerk.post(path, [("action", "publish"), ("on", "2026-03-02")]).status == .seeOther)

            // Published: listed for every reader, with filters; the page shows the history.
            let outsider = try await Self.signedIn(client, "旁人")
            let listed = try await outsider.get("/publish/published?category=penalties&year=2026").text
            #expect(listed.contains("关于张三的处罚决定") && listed.contains("2026-03-02"))
            #expect(!(try await outsider.get("/publish/published?category=budgets").text.contains("关于张三的处罚决定")))
            #expect(!(try await outsider.get("/publish/published?year=2025").text.contains("关于张三的处罚决定")))
            page = try await outsider.get(path).text
            #expect(page.contains("已公开") && page.contains("一键脱敏") && page.contains("陈静 审核通过（终审）"))
            #expect(!page.contains("<form class=\"act\""))

            let audit = try AuthTests.audit(store).filter { $0.action == "主动公开" }
            #expect(audit.count == 7)
            #expect(audit.contains { $0.actor == "陈静" && $0.detail.contains("（终审）") })
            let refusedLines = try AuthTests.audit(store).filter { $0.action == "主动公开（未执行）" }
            #expect(refusedLines.count == 1 && refusedLines[0].actor == "王芳")
        }
    }

    @Test("a draft is edited on its page by its drafter and screened again; a reviewer may not edit it")
    func edited() async throws {
        let (store, agency) = try Self.setUp(.sqlite)
        try await ServerTests.application(store, options: ServerTests.options()).test(.router) { client in
            let clerk = try await Self.signedIn(client, "王芳")
            let path = try await Self.draft(clerk, agency: agency, title: "关于张三的处罚决定", text: Self.withID)
            var page = try await clerk.get(path).text
            #expect(page.contains("保存修改并重新筛查") && page.contains("<mark class=\"hit-error\""))
            let clean = "关于某某的处理决定\n当事人：张某。\n现予公布。"
            let edited = try await clerk.post(path, [("action", "edit"), ("title", "关于张某的处罚决定"), ("text", clean)])
            #expect(edited.status == .seeOther, "\(edited.text)")
            page = try await clerk.get(path).text
            #expect(page.contains("关于张某的处罚决定") && !page.contains("11010519491231002X"))
            #expect(!page.contains("class=\"hit-error\""))

            let reviewer = try await Self.signedIn(client, "李明")
            #expect(!(try await reviewer.get(path).text.contains("保存修改并重新筛查")))
            let refused = try await reviewer.post(path, [("action", "edit"), ("title", "改"), ("text", "改")])
            #expect(refused.status == .conflict)
            #expect(try await clerk.get(path).text.contains("关于张某的处罚决定"))
        }
    }

    @Test("an attachment is read in a worker process: its text is screened; one that crashes the reader is refused")
    func attachmentInWorker() async throws {
        let (store, agency) = try Self.setUp(.sqlite)
        let options = ServerTests.options(environment: ["GONGKAI_WORKER_FAULTS": "crash=CRASH-HERE"])
        try await ServerTests.application(store, options: options).test(.router) { client in
            let clerk = try await Self.signedIn(client, "王芳")
            func draft(_ fileName: String, _ bytes: Data) async throws -> TestResponse {
                let token = try await clerk.token()
                let parts: [(name: String, fileName: String?, bytes: Data)] = [
                    ("agency", nil, Data(String(agency).utf8)), ("title", nil, Data("处罚决定".utf8)),
                    ("category", nil, Data("penalties".utf8)), ("counts_as", nil, Data()), ("number", nil, Data()),
                    ("written", nil, Data()), ("text", nil, Data()), ("attachment", fileName, bytes),
                ]
                let (headers, body) = ServerTests.multipart(parts, token: token, cookie: "")
                var sent = headers
                sent[.cookie] = nil
                return try await clerk.request("/publish/items", method: .post, headers: sent, body: body)
            }
            let good = try await draft("决定.txt", Data(Self.withID.utf8))
            #expect(good.status == .seeOther, "\(good.text)")
            let page = try await clerk.get(try #require(good.headers[.location])).text
            #expect(page.contains("<mark class=\"hit-error\"") && page.contains("11010519491231002X"))

            let crashed = try await draft("坏.txt", Data((Self.withID + "\nCRASH-HERE\n").utf8))
            #expect(crashed.status == .ok)
            #expect(crashed.text.contains("附件「坏.txt」无法读取"), "\(crashed.text)")
            // The server and its readers go on.
            #expect(try await draft("决定.txt", Data(Self.withID.utf8)).status == .seeOther)
        }
    }

    @Test("pages by access: drafts only for the agency's people, words for administrators, the token on every form")
    func access() async throws {
        let (store, agency) = try Self.setUp(.sqlite)
        _ = try store.grantDuty(userName: "李明", duty: .clerk, agencyID: agency, at: Date())
        try await ServerTests.application(store, options: ServerTests.options()).test(.router) { client in
            let anonymous = Browser(client)
            #expect(try await anonymous.get("/publish").status == .seeOther)
            let both = try await Self.signedIn(client, "李明")
            let path = try await Self.draft(both, agency: agency, title: "停电通知", text: "本周五停电检修。")
            #expect(try await both.post(path, [("action", "submit")]).status == .seeOther)
            // A title and a text are text, never markup.
            let hostile = try await Self.draft(
                both,
                agency: agency,
                title: "<script>alert(1)</script>",
                text: "<img src=x onerror=alert(1)> 手机13812345678 \"引号\""
            )
            let escaped = try await both.get(hostile).text
            #expect(escaped.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
            #expect(escaped.contains("&lt;img src=x onerror=alert(1)&gt;") && !escaped.contains("<img src=x"))
            #expect(escaped.contains("&quot;引号&quot;") && !escaped.contains("<script>"))
            // Nobody approves their own draft.
            #expect(!(try await both.get("/publish").text.contains("<td><a href=\"\(path)\">停电通知</a>")))
            let own = try await both.post(path, [("action", "approve")])
            #expect(own.status == .conflict && own.text.contains("不得审核本人起草的内容"))
            // Not the agency's: the draft is not there for them.
            let outsider = try await Self.signedIn(client, "旁人")
            #expect(try await outsider.get(path).status == .notFound)
            #expect(try await outsider.get("/publish/items/new").status == .forbidden)
            #expect(try await outsider.get("/publish/words").status == .forbidden)
            // A form without the token is refused.
            #expect(try await both.post(path, [("action", "approve")], token: "").status == .forbidden)

            let admin = try await Self.signedIn(client, "管理员")
            let words = "/publish/words?agency=\(FormFieldsEncoding.encode("淮安市洪泽区人民政府"))"
            #expect(try await admin.get(words).status == .ok)
            let added = try await admin.post(
                "/publish/words",
                [("agency", String(agency)), ("wrong", "停电检修"), ("correct", "计划停电"), ("severity", "error")]
            )
            #expect(added.status == .seeOther)
            #expect(try await admin.get(words).text.contains("<td>停电检修</td><td>计划停电</td>"))
            // The agency's entry is screened in its next draft.
            let clerk = try await Self.signedIn(client, "王芳")
            let next = try await Self.draft(clerk, agency: agency, title: "再次停电", text: "下周停电检修。")
            #expect(try await clerk.get(next).text.contains("改为「计划停电」"))
            #expect(
                try await admin.post("/publish/words", [("agency", String(agency)), ("remove", "停电检修")]).status
                    == .seeOther
            )
            #expect(!(try await admin.get(words).text.contains("<td>停电检修</td>")))
            #expect(try AuthTests.audit(store).filter { $0.action == "错敏词表" }.count == 2)
        }
    }
}
