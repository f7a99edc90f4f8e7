import Foundation
import GongkaiStore
import Hummingbird

/// What every route shares: the corpus, the readers uploads take turns on, and the results of recent checks.
struct WebApp: Sendable {
    let store: any ReportStore
    let options: WebOptions
    let gate: ReaderGate
    let results: CheckResults
    let uploadTurns: UploadTurns
    let statisticsCache = StatisticsCache()
    /// PDF conversions and drawn pages, a few at a time.
    let conversions: WorkGate
    let pages = PageImages()
    let sourceTables = SourceTablesCache()
    /// The public application pages' count of what each address did (``ApplyLimits``).
    let applyThrottle = AddressThrottle()

    init(store: any ReportStore, options: WebOptions) {
        self.store = store
        self.options = options
        gate = ReaderGate(isolation: options.isolation, readers: options.readers, waitingLimit: options.waitingLimit)
        results = CheckResults(lifetime: options.resultLifetime, capacity: options.resultCapacity)
        uploadTurns = UploadTurns(waitingLimit: options.waitingLimit)
        conversions = WorkGate(
            limit: options.conversions,
            waitingLimit: options.conversions * 2,
            busyMessage: "服务器正忙：正在生成的 PDF 和页面图像太多，请稍后再试。"
        )
    }

    func addRoutes(to router: Router<WebContext>) {
        router.get(RouterPath(Stylesheet.path)) { _, _ in Responses.stylesheet() }
        router.get("/") { _, _ in try await home() }
        router.get("/check") { _, _ in checkForm() }
        router.post("/check") { request, context in try await check(request, context: context) }
        router.get("/check/{token}") { _, context in try await checkedAgain(context.parameters.get("token") ?? "") }
        router.get("/check/{token}/figures.json") { _, context in
            try download(context.parameters.get("token") ?? "", as: .json)
        }
        router.get("/check/{token}/figures.csv") { _, context in
            try download(context.parameters.get("token") ?? "", as: .csv)
        }
        router.get("/reports") { request, _ in try await library(request) }
        router.get("/reports/{id}") { _, context in try await storedReport(context.parameters.get("id") ?? "") }
        router.get("/agencies/{id}") { _, context in try await agencyPage(context.parameters.get("id") ?? "") }
        router.get("/missing") { request, _ in try await missingPage(request) }
        for route in Self.apiRoutes {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await route.answer(self, request, context)
            }
        }
        addAuthRoutes(to: router)
        addUploadRoutes(to: router)
        addStatisticsRoutes(to: router)
        addDownloadRoutes(to: router)
        addPageImageRoutes(to: router)
        addPublishRoutes(to: router)
        addRegisterRoutes(to: router)
        addApplyRoutes(to: router)
        addInboxRoutes(to: router)
    }

    /// A route of the JSON API: every one is described in ``OpenAPIDocument`` (a test holds the two together).
    struct APIRoute: Sendable {
        var method: HTTPRequest.Method
        /// In Hummingbird's and OpenAPI's shared syntax: `/api/v1/reports/{id}`.
        var path: String
        var answer: @Sendable (WebApp, Request, WebContext) async throws -> Response
    }

    /// The methods the API address `path` takes (HEAD with GET), or nil when no API route has that address: a
    /// request with another method is answered 405 with these in `Allow`, not 404.
    static func allowedMethods(_ path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let methods = apiRoutes.filter { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: true)
            return pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }.map(\.method)
        guard !methods.isEmpty else { return nil }
        return methods.contains(.get) ? methods + [.head] : methods
    }

    static let apiRoutes: [APIRoute] = [
        APIRoute(method: .get, path: "/api/v1/reports") { app, request, _ in try await app.apiReports(request) },
        APIRoute(method: .get, path: "/api/v1/reports/{id}") { app, _, context in
            try await app.apiReport(context.parameters.get("id") ?? "")
        },
        APIRoute(method: .get, path: "/api/v1/agencies") { app, request, _ in try await app.apiAgencies(request) },
        APIRoute(method: .get, path: "/api/v1/agencies/{id}") { app, _, context in
            try await app.apiAgency(context.parameters.get("id") ?? "")
        },
        APIRoute(method: .get, path: "/api/v1/missing") { app, request, _ in try await app.apiMissing(request) },
        APIRoute(method: .get, path: "/api/v1/rollup") { app, request, _ in try await app.apiRollup(request) },
        APIRoute(method: .get, path: "/api/v1/stats") { app, request, _ in try await app.apiStatistics(request) },
        APIRoute(method: .post, path: "/api/v1/check") { app, request, context in
            try await app.apiCheck(request, context: context)
        },
        APIRoute(method: .get, path: OpenAPIDocument.path) { _, _, _ in Responses.openAPIDocument() },
    ]

    /// Runs a store request off the concurrency pool; a region the filter names that does not exist is not found
    /// (404: the request is well formed, the region is not there), any other store error the server's.
    func query<T: Sendable>(_ body: @escaping @Sendable (any ReportStore) throws -> T) async throws -> T {
        let store = store
        do {
            return try await BlockingWork.run { try body(store) }
        } catch StoreError.regionNotFound(let name) {
            throw WebError.notFound("没有找到地区「\(name)」（可写地区代码或名称）。")
        } catch let error as StoreError {
            throw WebError(.internalServerError, "报告库暂时无法使用：\(error.description)")
        }
    }

    /// An id in a path: a positive whole number.
    static func id(_ text: String, of what: String) throws(WebError) -> Int64 {
        guard let id = Int64(text), id > 0 else { throw WebError.badRequest("\(what)编号应为正整数，收到的是「\(text)」。") }
        return id
    }

    /// The corpus's counts for the home page. Counting every figure and finding of a large corpus takes a while: the
    /// numbers are kept a minute (``StatisticsCache``).
    func homeCounts() async throws -> StoreCounts {
        try await statisticsCache.value("home counts") { try await query { try $0.counts() } }
    }

    func home() async throws -> Response {
        let counts = try await homeCounts()
        let content: HTML = """
            <h1>政府信息公开工作年度报告</h1>
            <p class="lead">Gongkai 读取政府信息公开工作年度报告，取出表二、表三、表四的每个数字及其在原文中的位置，\
            按全国统一格式核对勾稽关系、空白单元格、格式版本和各部分内容，并用中文指出每个问题。</p>
            <div class="counts">
            <span>报告库：<strong>\(counts.currentReports)</strong> 份现行报告</span>
            <span><strong>\(counts.agencies)</strong> 个机关</span>
            <span><strong>\(counts.findings)</strong> 个问题（其中跨年度 \(counts.crossYearFindings) 个）</span>
            <span><strong>\(counts.failures)</strong> 个文件无法读取</span>
            </div>
            <h2><a href="/check">检查报告</a></h2>
            <p>上传一份报告（文本、网页、Word、PDF）或粘贴全文，立即看到三张表格中每个单元格的核对结果和每个问题在原文中的位置。\
            上传的报告不存入报告库。</p>
            <h2><a href="/reports">报告库</a></h2>
            <p>已入库的全部报告，可按年度、地区、机关、格式和问题筛选、排序，逐份查看；每个机关各年度的数据并列比较。</p>
            <h2><a href="/rollup">汇总</a></h2>
            <p>某地区（含下级地区）某年度各机关报告的表二、表三、表四之和，按全国统一格式排列并核对，可下载 Word 汇总报告和 Excel。</p>
            <h2><a href="/charts">统计图</a></h2>
            <p>历年新收申请、办理结果、行政复议和行政诉讼纠错率、各项检查发现的问题，以及各机关或下级地区的排名，每张图旁附数据表。</p>
            <h2><a href="/missing">未报送</a></h2>
            <p>按导入的地区和应报送机关名单，列出某年度尚无报告的机关。</p>
            <h2><a href="/apply">申请政府信息公开</a></h2>
            <p>向行政机关提出政府信息公开申请（无需登录），提交后凭查询号查看办理进度。</p>
            <h2>数据接口</h2>
            <p><code>GET /api/v1/reports</code>（与报告库相同的筛选参数）、<code>GET /api/v1/reports/{id}</code>、\
            <code>POST /api/v1/check</code>（请求体为报告文件本身，返回 <code>gongkai parse --format json</code> 的格式）。</p>

            """
        return Responses.page(Page(title: "首页", section: .home, content: content))
    }
}
