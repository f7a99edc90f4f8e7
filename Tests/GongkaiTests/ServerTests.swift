import Foundation
import GongkaiCorpus
import GongkaiIsolation
import GongkaiModel
import GongkaiServer
import GongkaiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The web application in process (HummingbirdTesting's router client) over real stores built from the fixtures,
/// reading uploads in real worker processes of the built `gongkai` binary.
@Suite("web application")
struct ServerTests {
    /// A corpus of the seeds, two years of 洪泽区人民政府, a report whose agency name is markup, and a region tree
    /// listing 洪泽区人民政府 and 洪泽区司法局 (which never reported).
    struct Corpus {
        var store: any ReportStore
        var zhangzhou: Int64
        var hongze: Int64
        var hongze2024: Int64
        var hostile: Int64
    }

    static let hostileAgency = "灵宝市<script>alert(1)</script>局"

    static func corpus(_ backend: StoreBackend = .sqlite) throws -> Corpus {
        let store = try backend.make()
        for name in Fixtures.seedNames { _ = try store.add([try StoreTesting.seed(name)], failures: []) }
        for year in [2023, 2024] {
            let text = StoreTesting.report(agency: "淮安市洪泽区人民政府", year: year, seed: UInt64(year)).text
            _ = try store.add([try StoreTesting.submission(text, path: "hongze-\(year).txt")], failures: [])
        }
        let rows = try RegionCSV.parse(
            """
            code,name,parent,level
            3208,淮安市,,市
            320813,洪泽区,3208,区
            320813-gov,洪泽区人民政府,320813,agency
            320813-sfj,洪泽区司法局,320813,agency
            """
        )
        _ = try store.importRegions(rows)
        let hostile = StoreTesting.report(agency: hostileAgency, year: 2023, seed: 9).text
        _ = try store.add([try StoreTesting.submission(hostile, path: "<b>hostile</b>.txt")], failures: [])
        func id(_ name: String) throws -> Int64 { try #require(try store.agency(named: name)?.id) }
        let hongze = try id("淮安市洪泽区人民政府")
        let hongze2024 = try #require(
            try store.reports(agencyID: hongze, year: 2024, allVersions: false).first?.record.id
        )
        let hostileReport = try #require(
            try store.reports(agencyID: try id(hostileAgency), year: 2023, allVersions: false).first?.record.id
        )
        return Corpus(
            store: store,
            zhangzhou: try id("漳州市司法局"),
            hongze: hongze,
            hongze2024: hongze2024,
            hostile: hostileReport
        )
    }

    /// The read-only pages served without signing in (`--public`), as these tests read them; the tests of signing
    /// in are in AuthTests.
    static func options(
        readers: Int = 2,
        waitingLimit: Int = 8,
        environment: [String: String] = [:],
        timeLimit: ReadTimeLimit = .standard,
        publicAccess: Bool = true
    ) -> WebOptions {
        var command = WorkerCommand(executable: CLI.binary.path)
        command.environment = environment
        var options = WebOptions(
            isolation: .workerProcesses(command, timeLimit: timeLimit),
            readers: readers,
            waitingLimit: waitingLimit,
            pageSize: 50
        )
        options.publicAccess = publicAccess
        return options
    }

    /// The token of a visitor's `gongkai_csrf` cookie, which the forms these tests post carry as a browser's do.
    static let visitorToken = "5e1f0c3a9b7d24e6a8c0f1e2d3b4a596"
    static let visitorCookie = "gongkai_csrf=\(visitorToken)"

    static func application(_ store: any ReportStore, options: WebOptions = options()) -> some ApplicationProtocol {
        WebServer.application(store: store, options: options)
    }

    /// A `multipart/form-data` body as a browser sends it, with the visitor's cookie and the form's token (unless
    /// `token` is nil).
    static func multipart(
        _ parts: [(name: String, fileName: String?, bytes: Data)],
        token: String? = visitorToken,
        cookie: String = visitorCookie
    ) -> (HTTPFields, ByteBuffer) {
        let boundary = "----GongkaiTestBoundary7MA4YWxkTrZu0gW"
        var body = Data()
        let csrf = token.map { [(name: "csrf", fileName: String?.none, bytes: Data($0.utf8))] } ?? []
        for part in csrf + parts {
            var disposition = "Content-Disposition: form-data; name=\"\(part.name)\""
            if let fileName = part.fileName { disposition += "; filename=\"\(fileName)\"" }
            body.append(Data("--\(boundary)\r\n\(disposition)\r\n".utf8))
            if part.fileName != nil { body.append(Data("Content-Type: application/octet-stream\r\n".utf8)) }
            body.append(Data("\r\n".utf8))
            body.append(part.bytes)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (
            [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: cookie], ByteBuffer(bytes: body)
        )
    }

    static func upload(_ bytes: Data, fileName: String = "report.txt") -> (HTTPFields, ByteBuffer) {
        multipart([(name: "file", fileName: fileName, bytes: bytes), (name: "text", fileName: nil, bytes: Data())])
    }

    /// The download links of a result page: its token.
    static func token(_ page: String) throws -> String {
        let start = try #require(page.range(of: "/check/")?.upperBound)
        return String(page[start...].prefix(32))
    }

    static func expectSecurityHeaders(
        _ response: TestResponse,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let policy = response.headers[.contentSecurityPolicy] ?? ""
        #expect(policy.hasPrefix("default-src 'self'"), sourceLocation: sourceLocation)
        #expect(!policy.contains("unsafe-inline"), sourceLocation: sourceLocation)
        #expect(response.headers[.xContentTypeOptions] == "nosniff", sourceLocation: sourceLocation)
    }

    // MARK: Pages

    @Test("the home page, the stylesheet and every page carry the content security policy; no inline script or style")
    func homeAndHeaders() async throws {
        let corpus = try Self.corpus()
        try await Self.application(corpus.store).test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            #expect(home.text.contains("<strong>8</strong> 份现行报告"))
            Self.expectSecurityHeaders(home)
            let head = try await client.execute(uri: "/reports", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            Self.expectSecurityHeaders(head)
            let css = try await client.execute(uri: "/assets/gongkai.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.text.contains("td.v.error"))
            Self.expectSecurityHeaders(css)
            let paths = [
                "/", "/check", "/reports", "/reports/\(corpus.hongze2024)", "/agencies/\(corpus.hongze)", "/missing",
                "/nowhere",
            ]
            for path in paths {
                let response = try await client.execute(uri: path, method: .get)
                Self.expectSecurityHeaders(response)
                #expect(!response.text.contains("<script"), "\(path)")
                #expect(!response.text.contains("style="), "\(path)")
                #expect(!response.text.contains("<style"), "\(path)")
            }
        }
    }

    @Test("an unknown address: 404 with a page in Chinese, and a JSON error under /api/")
    func notFound() async throws {
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let page = try await client.execute(uri: "/nowhere", method: .get)
            #expect(page.status == .notFound)
            #expect(page.text.contains("找不到此页面"))
            let api = try await client.execute(uri: "/api/v1/nowhere", method: .get)
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
            #expect(try api.jsonObject()["error"] as? [String: String] == ["message": "找不到此页面。"])
        }
    }

    // MARK: 检查报告

    @Test("检查报告: the form posts a file or pasted text to /check as multipart/form-data")
    func checkForm() async throws {
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let page = try await client.execute(uri: "/check", method: .get)
            #expect(page.status == .ok)
            #expect(
                page.text.contains(
                    "<form class=\"upload\" method=\"post\" action=\"/check\" enctype=\"multipart/form-data\">"
                )
            )
            #expect(page.text.contains("<input type=\"file\" name=\"file\""))
            #expect(page.text.contains("<textarea name=\"text\""))
            #expect(page.text.contains("aria-current=\"page\">检查报告</a>"))
        }
    }

    @Test("检查报告: seed 001's three R2 errors, their cells marked, each at its line with the cell underlined")
    func checkSeed() async throws {
        let bytes = try Fixtures.data("seeds/001_2af83e509e4cbaa8.txt")
        let (headers, body) = Self.upload(bytes, fileName: "漳州市司法局.txt")
        let store = try StoreBackend.sqlite.make()
        try await Self.application(store).test(.router) { client in
            let response = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<h1>检查结果：漳州市司法局 2023年度</h1>"))
            #expect(page.contains("<dd>漳州市司法局.txt</dd>"))
            #expect(page.contains("<strong>3 个错误，1 个警告，2 个提示</strong>"))
            // The three tables in the national layout.
            for kind in ["t2", "t3", "t4"] { #expect(page.contains("<table class=\"national \(kind)\">")) }
            #expect(page.contains("<th colspan=\"7\">申请人情况</th>"))
            // Every cell the errors name is marked; the rows that add up are not.
            let errors = page.cells(state: "error")
            for row in ["received", "denied.internal", "total"] {
                for column in ["natural", "commercial", "research", "nonprofit", "legal", "other", "total"] {
                    #expect(errors.contains("t3.\(row).\(column)"), "t3.\(row).\(column)")
                }
            }
            #expect(errors.count == 21)
            #expect(page.cells(state: "ok").contains("t3.carried_over.total"))
            #expect(page.cells(state: "ok").contains("t2.licensing.decisions"))
            // 规章 is not printed (the missing-row warning): its cells cannot be known.
            #expect(page.cells(state: "unknown").contains("t2.rules.in_force"))
            #expect(page.contains("data-figure=\"t3.received.total\" title=\"有错误 · 第27行第44列\">0</td>"))
            // The findings, grouped by table with severity, each with its source line and the cell underlined.
            #expect(page.contains("<h3>表三 收到和处理政府信息公开申请情况（3 个错误，0 个警告，0 个提示）</h3>"))
            #expect(page.components(separatedBy: "<code class=\"rule\">R2</code>").count == 4)
            #expect(
                page.contains(
                    "<pre class=\"source\"><span class=\"ln\">27</span>…年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | <mark>0</mark> | ||</pre>"
                )
            )
            #expect(
                page.contains("<span class=\"ln\">35</span>5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | <mark>0</mark> | ||")
            )
            #expect(page.contains("<span class=\"ln\">50</span>(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | <mark>0</mark> | ||"))
            #expect(page.contains("<span class=\"severity warning\">警告</span><code class=\"rule\">missing-row</code>"))

            // The downloads and the page again, from memory under the token.
            let token = try Self.token(page)
            let json = try await client.execute(uri: "/check/\(token)/figures.json", method: .get)
            #expect(json.status == .ok)
            #expect(json.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"figures.json\"") == true)
            let object = try json.jsonObject()
            #expect(object["agency"] as? String == "漳州市司法局")
            #expect((object["figures"] as? [String: Any])?["t3.received.natural"] as? Int == 1)
            #expect((object["findings"] as? [Any])?.count == 6)
            let csv = try await client.execute(uri: "/check/\(token)/figures.csv", method: .get)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            // The shared CSV columns (Docs/data.md); those only a corpus knows are empty.
            #expect(
                csv.text.hasPrefix(
                    "report_id,agency_id,agency,region_code,region,year,version,report_status,template,file,figure_id,"
                )
            )
            #expect(csv.text.contains(",,漳州市司法局,,,2023,,,2021,漳州市司法局.txt,t3.received.natural,"))
            let again = try await client.execute(uri: "/check/\(token)", method: .get)
            #expect(again.status == .ok)
            #expect(again.text.contains("<strong>3 个错误，1 个警告，2 个提示</strong>"))
        }
        // Nothing uploaded is stored.
        #expect(try store.counts().reports == 0)
    }

    @Test("检查报告: pasted text, in a multipart form and in a URL-encoded one")
    func checkPasted() async throws {
        let text = try Fixtures.text("seeds/000_619992dd5b79419f.txt")
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let (headers, body) = Self.multipart([
                (name: "file", fileName: "", bytes: Data()), (name: "text", fileName: nil, bytes: Data(text.utf8)),
            ])
            let multipart = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(multipart.status == .ok)
            #expect(multipart.text.contains("<h1>检查结果：灵宝市司法局 2023年度</h1>"))
            #expect(multipart.text.contains("<dd>粘贴的文本.txt</dd>"))
            #expect(multipart.text.contains("<p>没有发现问题。</p>"))
            let encoded =
                "csrf=\(Self.visitorToken)&text="
                + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let form = try await client.execute(
                uri: "/check",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: Self.visitorCookie],
                body: ByteBuffer(string: encoded)
            )
            #expect(form.status == .ok)
            #expect(form.text.contains("<h1>检查结果：灵宝市司法局 2023年度</h1>"))
        }
    }

    @Test(
        "检查报告: in a web page or a Word file, a finding names the table cell 「表格N 第R行第C列」",
        arguments: [
            ("html/001-word.html", "网页（HTML）"), ("rendered/001_2af83e509e4cbaa8.lo.docx", "Word"),
            ("rendered/001_2af83e509e4cbaa8.html", "网页（HTML）"),
        ]
    )
    func checkTableSources(_ path: String, _ kind: String) async throws {
        let name = (path as NSString).lastPathComponent
        let (headers, body) = Self.upload(try Fixtures.data(path), fileName: name)
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let response = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("<dt>类型</dt><dd>\(kind)"))
            #expect(page.cells(state: "error").contains("t3.received.total"))
            // The place of each R2 error is a cell of a table of the file.
            let r2 = page.components(separatedBy: "<code class=\"rule\">R2</code>").dropFirst()
            #expect(r2.count == 3)
            for finding in r2 {
                let place = finding.prefix { $0 != "\n" }
                let link =
                    ##"<span class="place">（<a class="cell-link" href="#src-(\d+)-(\d+)-(\d+)">表格\1 第\2行第\3列</a>）</span>"##
                #expect(place.range(of: link, options: .regularExpression) != nil)
                // The cell it links to is drawn, marked as an error.
                if let anchor = place.range(of: #"src-\d+-\d+-\d+"#, options: .regularExpression) {
                    #expect(page.contains("<td id=\"\(place[anchor])\" class=\"v error found\""))
                }
            }
            #expect(page.range(of: #"title="有错误 · 表格\d+ 第\d+行第\d+列""#, options: .regularExpression) != nil)
            // The text Gongkai read from the file is shown without line numbers the file does not have.
            #expect(page.contains("<pre class=\"source\">"))
            #expect(!page.contains("<span class=\"ln\">"))
        }
    }

    @Test("检查报告: Word's web page — the R2 cell in the file's table, a line outside the tables as Gongkai read it")
    func checkWordPage() async throws {
        let (headers, body) = Self.upload(try Fixtures.data("html/001-word.html"), fileName: "report.html")
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let response = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(
                response.text.contains(
                    "<span class=\"place\">（<a class=\"cell-link\" href=\"#src-2-4-10\">表格2 第4行第10列</a>）</span>"
                )
            )
            #expect(response.text.contains("title=\"有错误 · 表格2 第4行第10列\""))
            // The R2 cell is shown in the drawn table, not in the row as Gongkai read it.
            #expect(!response.text.contains("<pre class=\"source\">一、本年新收政府信息公开申请数量"))
            #expect(
                response.text.contains(
                    "<span class=\"place\">（读出的文本第11行第1列）</span><pre class=\"source\"><mark>第</mark>二十条第（一）项"
                )
            )
        }
    }

    @Test(
        "检查报告: a web page's or Word file's table is drawn as the file lays it out, the R2 cell highlighted in it",
        arguments: ["html/001-word.html", "rendered/001_2af83e509e4cbaa8.lo.docx"]
    )
    func checkDrawsSourceTable(_ path: String) async throws {
        let name = (path as NSString).lastPathComponent
        let (headers, body) = Self.upload(try Fixtures.data(path), fileName: name)
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let response = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(response.status == .ok)
            let page = response.text
            let drawn = try #require(page.range(of: "<h2 id=\"source-tables\">原文中的表格</h2>")).upperBound
            let tables = page[drawn...]
            // The R2 error of 本年新收's 总计 names 表格2 第4行第10列: its place links to that cell, which holds the
            // printed value, marked as an error.
            #expect(
                page.contains(
                    "<span class=\"place\">（<a class=\"cell-link\" href=\"#src-2-4-10\">表格2 第4行第10列</a>）</span>"
                )
            )
            #expect(
                tables.contains(
                    """
                    <td id="src-2-4-10" class="v error found" data-figure="t3.received.total" \
                    title="有错误 · 表格2 第4行第10列">0</td>
                    """
                )
            )
            // Row 4 as the file has it: the label merged over three columns, then the seven values.
            #expect(
                tables.contains("<tr><th scope=\"row\">4</th><td id=\"src-2-4-1\" colspan=\"3\" title=\"表格2 第4行第1列\">")
            )
            #expect(tables.contains("<td id=\"src-2-4-4\" class=\"v error\" data-figure=\"t3.received.natural\""))
            // Merged cells span the rows and columns they cover; the positions they cover have no cell.
            #expect(tables.contains("<td id=\"src-2-1-1\" rowspan=\"3\" colspan=\"3\""))
            #expect(tables.contains("<td id=\"src-2-6-1\" rowspan=\"22\""))
            #expect(!tables.contains("id=\"src-2-2-1\""))
            #expect(!tables.contains("id=\"src-2-4-2\""))
            // Only the tables holding figures: 表二, 表三 and 表四 of the file, not its fee table.
            #expect(tables.contains("<h3 id=\"source-table-1\">原文表格1</h3>"))
            #expect(tables.contains("<h3 id=\"source-table-3\">原文表格3</h3>"))
            #expect(!tables.contains("id=\"source-table-4\""))
            // Every finding in a drawn table links to a cell that is drawn.
            var rest = page[...]
            while let link = rest.range(of: "class=\"cell-link\" href=\"#") {
                rest = rest[link.upperBound...]
                let anchor = rest.prefix { $0 != "\"" }
                #expect(tables.contains("<td id=\"\(anchor)\""), "\(anchor) is not drawn")
            }
        }
    }

    @Test("检查报告: a source table's text stays text, markup and all")
    func sourceTableEscapes() async throws {
        var html = String(decoding: try Fixtures.data("html/001-word.html"), as: UTF8.self)
        // The first cell of 表格2 also prints markup as text, and holds markup of its own.
        let corner = try #require(html.range(of: "（本列数据的勾稽关系为："))
        html.replaceSubrange(corner, with: "<b>&lt;img src=x onerror=alert(1)&gt;</b>（本列数据的勾稽关系为：")
        let (headers, body) = Self.upload(Data(html.utf8), fileName: "report.html")
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let response = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("title=\"表格2 第1行第1列\">&lt;img src=x onerror=alert(1)&gt;（本列数据的勾稽关系为："))
            #expect(!page.contains("<img src=x"))
            #expect(!page.contains("<b>&lt;img"))
        }
    }

    /// An upload the check page refuses, and how.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var fileName: String
        var bytes: Data
        var status: HTTPResponse.Status
        var message: String

        var testDescription: String { name }
    }

    @Test(
        "检查报告: what cannot be checked gets its status and a sentence in Chinese",
        arguments: [
            Refusal(
                name: "no file, no text",
                fileName: "",
                bytes: Data(),
                status: .badRequest,
                message: "请选择一个报告文件，或粘贴报告全文。"
            ),
            Refusal(
                name: "not a report",
                fileName: "notes.txt",
                bytes: Data("今天天气很好。\n".utf8),
                status: .unprocessableContent,
                message: "无法读取「notes.txt」"
            ),
            Refusal(
                name: "binary bytes",
                fileName: "image.png",
                bytes: Data([0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 0xFF]),
                status: .unprocessableContent,
                message: "无法读取「image.png」"
            ),
        ]
    )
    func checkRefused(_ refusal: Refusal) async throws {
        let (headers, body) = Self.upload(refusal.bytes, fileName: refusal.fileName)
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let response = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(response.status == refusal.status)
            #expect(response.text.contains(MarkupText.escape(refusal.message)), "\(response.text)")
            Self.expectSecurityHeaders(response)
        }
    }

    @Test("检查报告: a file over 32 MB is refused with 413, in a form and as the API's body; other bodies with 400 or 415")
    func checkTooLargeAndMalformed() async throws {
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let (headers, body) = Self.upload(Data(repeating: 0x41, count: 32 * 1_048_576 + 1))
            let tooLarge = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.text.contains("上传的内容超过 32 MB 的上限，未读取。"))
            let api = try await client.execute(
                uri: "/api/v1/check",
                method: .post,
                body: ByteBuffer(repeating: 0x41, count: 32 * 1_048_576 + 1)
            )
            #expect(api.status == .contentTooLarge)
            #expect((try api.jsonObject()["error"] as? [String: String])?["message"] == "上传的内容超过 32 MB 的上限，未读取。")
            let csrfHeader = try #require(HTTPField.Name("X-CSRF-Token"))
            let plain = try await client.execute(
                uri: "/check",
                method: .post,
                headers: [.contentType: "text/plain", .cookie: Self.visitorCookie, csrfHeader: Self.visitorToken],
                body: ByteBuffer(string: "x")
            )
            #expect(plain.status == .unsupportedMediaType)
            let broken = try await client.execute(
                uri: "/check",
                method: .post,
                headers: [
                    .contentType: "multipart/form-data; boundary=abc", .cookie: Self.visitorCookie,
                    csrfHeader: Self.visitorToken,
                ],
                body: ByteBuffer(string: "--abc\r\nno end")
            )
            #expect(broken.status == .badRequest)
            #expect(broken.text.contains("上传的表单格式不正确"))
        }
    }

    @Test("检查报告: an unknown or malformed token is 404; a result is forgotten when it expires")
    func checkExpired() async throws {
        var options = Self.options()
        options.resultLifetime = 0
        let (headers, body) = Self.upload(try Fixtures.data("seeds/000_619992dd5b79419f.txt"))
        try await Self.application(try StoreBackend.sqlite.make(), options: options).test(.router) { client in
            for path in ["/check/0123456789abcdef0123456789abcdef", "/check/x/figures.json", "/check/../figures.csv"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
            }
            let checked = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(checked.status == .ok)
            let expired = try await client.execute(
                uri: "/check/\(try Self.token(checked.text))/figures.json",
                method: .get
            )
            #expect(expired.status == .notFound)
            #expect(expired.text.contains("此检查结果已过期或不存在"))
        }
    }

    @Test("检查报告: a report whose text is markup is shown as text")
    func checkHostile() async throws {
        let text = StoreTesting.report(agency: Self.hostileAgency, year: 2023, seed: 9).text
        let (headers, body) = Self.upload(Data(text.utf8), fileName: "<img src=x onerror=alert(1)>.txt")
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let response = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(response.status == .ok)
            #expect(!response.text.contains("<script>alert(1)"))
            #expect(!response.text.contains("<img"))
            #expect(response.text.contains("灵宝市&lt;script&gt;alert(1)&lt;/script&gt;局"))
            #expect(response.text.contains("&lt;img src=x onerror=alert(1)&gt;.txt"))
        }
    }

    @Test(
        "检查报告: readers are bounded — with one reader and no queue a second upload is turned away (503); a reader that hangs or crashes costs its upload only"
    )
    func readersBounded() async throws {
        let faults = ["GONGKAI_WORKER_FAULTS": "crash=CRASH-HERE;hang=HANG-HERE"]
        let limit = ReadTimeLimit(base: 3, perMegabyte: 0)
        let options = Self.options(readers: 1, waitingLimit: 0, environment: faults, timeLimit: limit)
        let good = try Fixtures.data("seeds/000_619992dd5b79419f.txt")
        try await Self.application(try StoreBackend.sqlite.make(), options: options).test(.router) { client in
            let (hangHeaders, hangBody) = Self.upload(good + Data("\nHANG-HERE\n".utf8))
            let (headers, body) = Self.upload(good)
            // While the hanging upload holds the reader, another is turned away at once. Should the other one come
            // first after all (a loaded machine), both are read in turn, and the pair is tried again.
            var busy: TestResponse?
            var hung: TestResponse?
            for _ in 0..<10 where busy == nil {
                let hanging = Task {
                    try await client.execute(uri: "/check", method: .post, headers: hangHeaders, body: hangBody)
                }
                try await Task.sleep(for: .milliseconds(300))
                let other = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
                if other.status == .serviceUnavailable { busy = other }
                hung = try await hanging.value
            }
            #expect(busy?.text.contains("服务器正忙") == true)
            #expect(hung?.status == .internalServerError)
            #expect(hung?.text.contains("读取超时") == true)
            let (crashHeaders, crashBody) = Self.upload(good + Data("\nCRASH-HERE\n".utf8))
            let crashed = try await client.execute(uri: "/check", method: .post, headers: crashHeaders, body: crashBody)
            #expect(crashed.status == .internalServerError)
            #expect(crashed.text.contains("读取进程意外终止"))
            let after = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(after.status == .ok)
        }
    }

    // MARK: 报告库

    @Test("报告库: the current reports with counts, filters, order and pages", arguments: StoreBackend.all)
    func library(_ backend: StoreBackend) async throws {
        let corpus = try Self.corpus(backend)
        try await Self.application(corpus.store).test(.router) { client in
            let all = try await client.execute(uri: "/reports", method: .get)
            #expect(all.status == .ok)
            #expect(all.text.contains("符合条件的现行报告 <strong>8</strong> 份"))
            #expect(all.text.contains("其中有错误的 <strong>2</strong> 份"))
            #expect(all.text.components(separatedBy: "<td><a href=\"/agencies/").count == 9)
            #expect(all.text.contains("<a href=\"/agencies/\(corpus.zhangzhou)\">漳州市司法局</a>"))

            let filtered = try await client.execute(
                uri: "/reports?year=2024&region=%E6%B7%AE%E5%AE%89%E5%B8%82",
                method: .get
            )
            #expect(filtered.text.contains("符合条件的现行报告 <strong>1</strong> 份"))
            #expect(filtered.text.contains("<a href=\"/reports/\(corpus.hongze2024)\">查看</a>"))
            #expect(filtered.text.contains("<td>洪泽区</td>"))
            // The form shows the filters it was given.
            #expect(filtered.text.contains("name=\"year\" min=\"1990\" max=\"2200\" value=\"2024\""))

            let agency = try await client.execute(uri: "/reports?agency=%E6%BC%B3%E5%B7%9E", method: .get)
            #expect(agency.text.contains("符合条件的现行报告 <strong>1</strong> 份"))
            let errors = try await client.execute(uri: "/reports?findings=errors&sort=errors", method: .get)
            #expect(errors.text.contains("符合条件的现行报告 <strong>2</strong> 份"))
            #expect(errors.text.contains("<option value=\"errors\" selected>有错误</option>"))
            let old = try await client.execute(uri: "/reports?template=2019", method: .get)
            #expect(old.text.contains("符合条件的现行报告 <strong>1</strong> 份"))

            let second = try await client.execute(uri: "/reports?sort=agency&per_page=3&page=2", method: .get)
            #expect(second.status == .ok)
            #expect(second.text.components(separatedBy: "<td><a href=\"/agencies/").count == 4)
            #expect(second.text.contains("第 2 / 3 页"))
            #expect(second.text.contains("<a href=\"/reports?sort=agency&amp;per_page=3\" rel=\"prev\">上一页</a>"))
            #expect(
                second.text.contains("<a href=\"/reports?sort=agency&amp;page=3&amp;per_page=3\" rel=\"next\">下一页</a>")
            )
            let beyond = try await client.execute(uri: "/reports?page=9", method: .get)
            #expect(beyond.status == .ok)
            #expect(beyond.text.contains("此页没有报告"))
        }
    }

    @Test(
        "报告库 and the API: a query parameter that cannot be used is 400 with a Chinese sentence",
        arguments: [
            ("year=abc", "年度应为 1990 至 2200 之间的年份"), ("year=1800", "年度应为"), ("page=0", "页码应为正整数"),
            ("per_page=500", "每页条数应为 1 至 200 之间的整数"), ("findings=some", "问题筛选应为"), ("sort=size", "排序应为"),
            ("template=2020", "格式应为 2021 或 2019"),
        ]
    )
    func badQuery(_ query: String, _ message: String) async throws {
        let corpus = try Self.corpus()
        try await Self.application(corpus.store).test(.router) { client in
            let page = try await client.execute(uri: "/reports?\(query)", method: .get)
            #expect(page.status == .badRequest)
            #expect(page.text.contains(message))
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let api = try await client.execute(uri: "/api/v1/reports?\(query)", method: .get)
            #expect(api.status == .badRequest)
            let error = try api.jsonObject()["error"] as? [String: String]
            #expect(error?["message"]?.contains(message) == true)
        }
    }

    @Test("a stored report: its tables marked from its stored findings, and its findings; 404 and 400 otherwise")
    func storedReport() async throws {
        let corpus = try Self.corpus()
        let zhangzhou = try #require(
            try corpus.store.reports(agencyID: corpus.zhangzhou, year: 2023, allVersions: false).first?.record.id
        )
        try await Self.application(corpus.store).test(.router) { client in
            let page = try await client.execute(uri: "/reports/\(zhangzhou)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>漳州市司法局 2023年度</h1>"))
            #expect(page.text.contains("<a href=\"/agencies/\(corpus.zhangzhou)\">漳州市司法局</a>"))
            #expect(page.text.cells(state: "error").count == 21)
            #expect(page.text.cells(state: "error").contains("t3.total.total"))
            #expect(page.text.contains("<span class=\"place\">（第27行第44列）</span>"))
            let missing = try await client.execute(uri: "/reports/999999", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("没有编号为 999999 的报告。"))
            let bad = try await client.execute(uri: "/reports/abc", method: .get)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("报告编号应为正整数"))
        }
    }

    @Test("report text that is markup stays text on every page that shows it")
    func storedHostile() async throws {
        let corpus = try Self.corpus()
        let agency = try #require(try corpus.store.agency(named: Self.hostileAgency)?.id)
        try await Self.application(corpus.store).test(.router) { client in
            for path in [
                "/reports", "/reports/\(corpus.hostile)", "/agencies/\(agency)", "/reports?agency=%3Cscript%3E",
            ] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
                #expect(!response.text.contains("<script"), "\(path)")
                #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
            let versions = try await client.execute(uri: "/agencies/\(agency)", method: .get)
            #expect(versions.text.contains("&lt;b&gt;hostile&lt;/b&gt;.txt"))
            let api = try await client.execute(uri: "/api/v1/reports/\(corpus.hostile)", method: .get)
            let report = try api.jsonObject()["report"] as? [String: Any]
            #expect(report?["printedAgency"] as? String == Self.hostileAgency)
        }
    }

    // MARK: 单位页

    @Test("单位页: an agency's years side by side with the change, its versions and findings; 404 and 400 otherwise")
    func agencyPage() async throws {
        let corpus = try Self.corpus()
        let reports = try corpus.store.reports(agencyID: corpus.hongze, year: nil, allVersions: false)
        let received = reports.map { $0.figures[FigureID("t3.received.total")]?.value.integer ?? -1 }
        try await Self.application(corpus.store).test(.router) { client in
            let page = try await client.execute(uri: "/agencies/\(corpus.hongze)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>淮安市洪泽区人民政府</h1>"))
            #expect(page.text.contains("地区：洪泽区（320813）"))
            #expect(page.text.contains("此机关在应报送机关名单中。"))
            #expect(page.text.contains("<th class=\"n\"><a href=\"/reports/\(corpus.hongze2024)\">2024年</a></th>"))
            let change = received[1] - received[0]
            let sign = change > 0 ? "+" : ""
            #expect(
                page.text.contains(
                    "<tr><th scope=\"row\">表三 一、本年新收申请 总计</th><td class=\"n\">\(received[0])</td>"
                        + "<td class=\"n\">\(received[1]) <span class=\"change"
                )
            )
            #expect(page.text.contains("（\(sign)\(change)）</span>"))
            #expect(page.text.contains("<h2>2024年度的问题"))
            #expect(
                page.text.contains(
                    "<td class=\"file\" title=\"hongze-2023.txt\">hongze-2023.txt<br><span class=\"muted\">（未保存原文件）</span></td>"
                )
            )
            let unknown = try await client.execute(uri: "/agencies/999999", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("没有编号为 999999 的机关。"))
            let bad = try await client.execute(uri: "/agencies/-3", method: .get)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("机关编号应为正整数"))
        }
    }

    // MARK: 未报送

    @Test("未报送: the listed agencies with no report on the year; the latest year by default")
    func missing() async throws {
        let corpus = try Self.corpus()
        try await Self.application(corpus.store).test(.router) { client in
            let latest = try await client.execute(uri: "/missing", method: .get)
            #expect(latest.status == .ok)
            #expect(latest.text.contains("全部地区2024年度缺少 <strong>1</strong> 个机关的报告。"))
            #expect(latest.text.contains(">洪泽区司法局</a></td><td>洪泽区</td><td>320813</td>"))
            let year = try await client.execute(uri: "/missing?year=2022&region=320813", method: .get)
            #expect(year.text.contains("「320813」及其下级地区2022年度缺少 <strong>2</strong> 个机关的报告。"))
            let bad = try await client.execute(uri: "/missing?year=next", method: .get)
            #expect(bad.status == .badRequest)
            let region = try await client.execute(uri: "/missing?region=nowhere", method: .get)
            #expect(region.status == .notFound)
            #expect(region.text.contains("没有找到地区「nowhere」"))
        }
        try await Self.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let none = try await client.execute(uri: "/missing?year=2024", method: .get)
            #expect(none.status == .ok)
            #expect(none.text.contains("尚未导入地区和应报送机关名单"))
        }
    }

    // MARK: API

    @Test(
        "API: the listing with the page's filters, one report, and a check of a file sent as the body",
        arguments: StoreBackend.all
    )
    func api(_ backend: StoreBackend) async throws {
        let corpus = try Self.corpus(backend)
        try await Self.application(corpus.store).test(.router) { client in
            let list = try await client.execute(uri: "/api/v1/reports?findings=errors&sort=errors", method: .get)
            #expect(list.status == .ok)
            #expect(list.headers[.contentType] == "application/json; charset=utf-8")
            let object = try list.jsonObject()
            #expect(object["total"] as? Int == 2)
            #expect(object["schemaVersion"] as? Int == 1)
            let reports = try #require(object["reports"] as? [[String: Any]])
            #expect(reports.map { $0["errors"] as? Int } == [13, 3])
            #expect((reports.last?["agency"] as? [String: Any])?["name"] as? String == "漳州市司法局")

            let one = try await client.execute(uri: "/api/v1/reports/\(corpus.hongze2024)", method: .get)
            #expect(one.status == .ok)
            let detail = try one.jsonObject()
            #expect((detail["report"] as? [String: Any])?["year"] as? Int == 2024)
            #expect(((detail["report"] as? [String: Any])?["region"] as? [String: Any])?["code"] as? String == "320813")
            #expect((detail["figures"] as? [String: Any])?["t3.received.total"] is Int)
            let notFound = try await client.execute(uri: "/api/v1/reports/999999", method: .get)
            #expect(notFound.status == .notFound)

            let seed = try Fixtures.data("seeds/001_2af83e509e4cbaa8.txt")
            let checked = try await client.execute(
                uri: "/api/v1/check?name=zhangzhou.txt",
                method: .post,
                body: ByteBuffer(bytes: seed)
            )
            #expect(checked.status == .ok)
            let parsed = try checked.jsonObject()
            #expect(parsed["file"] as? String == "zhangzhou.txt")
            #expect(parsed["agency"] as? String == "漳州市司法局")
            #expect((parsed["summary"] as? [String: Any])?["errors"] as? Int == 3)
            let empty = try await client.execute(uri: "/api/v1/check", method: .post, body: ByteBuffer())
            #expect(empty.status == .badRequest)
            let notReport = try await client.execute(
                uri: "/api/v1/check",
                method: .post,
                body: ByteBuffer(string: "hello")
            )
            #expect(notReport.status == .unprocessableContent)
            #expect(((try notReport.jsonObject()["error"] as? [String: String])?["message"] ?? "").hasPrefix("无法读取"))
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func jsonObject() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

extension String {
    /// The figure ids of the value cells of a page in a state (`ok`, `error`, `blank`, `unknown`).
    func cells(state: String) -> Set<String> {
        var ids = Set<String>()
        let marker = "class=\"v \(state)\" data-figure=\""
        var rest = self[...]
        while let found = rest.range(of: marker) {
            rest = rest[found.upperBound...]
            if let end = rest.firstIndex(of: "\"") { ids.insert(String(rest[..<end])) }
        }
        return ids
    }
}
