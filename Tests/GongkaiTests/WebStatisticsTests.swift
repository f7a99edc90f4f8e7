import Foundation
import GongkaiCorpus
import GongkaiModel
import GongkaiOutput
import GongkaiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import ZIPFoundation

@testable import GongkaiServer

#if canImport(FoundationXML)
import FoundationXML
#endif

/// 汇总, 统计图 and the 报告库's downloads, in process over real stores: the numbers on the pages and in the JSON
/// against sums worked out here from the stored reports, the downloads opened as the archives they are, and every
/// error path as a Chinese page.
@Suite("web statistics pages")
struct WebStatisticsTests {
    /// The web tests' corpus, with a second 2024 report in 洪泽区 (淮安市洪泽区教育局) so that the 淮安市 rollup sums
    /// two reports, and a file that could not be read.
    static func corpus(_ backend: StoreBackend) throws -> ServerTests.Corpus {
        let corpus = try ServerTests.corpus(backend)
        let text = StoreTesting.report(agency: "淮安市洪泽区教育局", year: 2024, seed: 31).text
        _ = try corpus.store.add([try StoreTesting.submission(text, path: "jiaoyu-2024.txt")], failures: [])
        let broken = FailedFile(contentHash: String(repeating: "ab", count: 32), path: "扫描件<1>.pdf", reason: "无法读取")
        _ = try corpus.store.add([], failures: [broken])
        return corpus
    }

    static func application(_ store: any ReportStore) -> some ApplicationProtocol {
        ServerTests.application(store)
    }

    /// Every figure summed over the reports, where each prints a number.
    static func sums(_ reports: [StoredReport]) -> [FigureID: Decimal] {
        var sums: [FigureID: Decimal] = [:]
        for stored in reports {
            for (id, figure) in stored.figures {
                if let number = figure.value.number { sums[id, default: 0] += number }
            }
        }
        return sums
    }

    /// The text of the value cell of a figure on a page of national tables.
    static func cell(_ page: String, _ id: String) -> String? {
        guard let start = page.range(of: "data-figure=\"\(id)\"") else { return nil }
        let rest = page[start.upperBound...]
        guard let open = rest.firstIndex(of: ">"), let close = rest.range(of: "</td>") else { return nil }
        return String(rest[rest.index(after: open)..<close.lowerBound])
    }

    static func archive(_ response: TestResponse) throws -> Archive {
        try Archive(data: Data(response.body.readableBytesView), accessMode: .read)
    }

    static func entry(_ archive: Archive, _ path: String) throws -> String {
        let entry = try #require(archive[path], "\(path)")
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: 汇总

    @Test(
        "汇总: a region's year summed in the national tables, checked, with the agencies summed and missing",
        arguments: StoreBackend.all
    )
    func rollupPage(_ backend: StoreBackend) async throws {
        let corpus = try Self.corpus(backend)
        let reports = try StoreTesting.reports(corpus.store, underRegion: "3208", year: 2024)
        #expect(reports.count == 2)
        let sums = Self.sums(reports)
        try await Self.application(corpus.store).test(.router) { client in
            let choice = try await client.execute(uri: "/rollup", method: .get)
            #expect(choice.status == .ok)
            #expect(choice.text.contains("<a href=\"/rollup\" aria-current=\"page\">汇总</a>"))
            #expect(choice.text.contains("<a href=\"/rollup?region=3208&amp;year=2024\">淮安市</a>（2 份报告）"))

            let page = try await client.execute(
                uri: "/rollup?region=%E6%B7%AE%E5%AE%89%E5%B8%82&year=2024",
                method: .get
            )
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("<h1>淮安市2024年度汇总</h1>"))
            #expect(text.contains("汇总 <strong>2</strong> 个机关的报告"))
            for id in [
                "t3.received.natural", "t3.received.total", "t3.total.total", "t4.review.total", "t2.rules.issued",
            ] {
                let expected = try #require(sums[FigureID(id)])
                #expect(Self.cell(text, id) == "\(expected)", "\(id)")
            }
            #expect(text.contains("<a href=\"/agencies/\(corpus.hongze)\">淮安市洪泽区人民政府</a>"))
            // 洪泽区司法局 is listed and never reported; the unreadable file is named, as text.
            #expect(text.contains("洪泽区司法局（洪泽区）</li>"))
            #expect(text.contains("缺少报告 <strong>1</strong> 个机关"))
            #expect(text.contains("扫描件&lt;1&gt;.pdf"))
            #expect(text.contains("/rollup.docx?region=3208&amp;year=2024"))
            #expect(text.contains("下级地区"))
            #expect(text.contains("<a href=\"/rollup?region=320813&amp;year=2024\">洪泽区</a>"))

            let json = try await client.execute(uri: "/api/v1/rollup?region=3208&year=2024", method: .get)
            #expect(json.status == .ok)
            let object = try json.jsonObject()
            #expect(object["schemaVersion"] as? Int == 1)
            #expect((object["region"] as? [String: Any])?["name"] as? String == "淮安市")
            #expect(object["template"] as? String == "2021")
            let figures = try #require(object["figures"] as? [String: Any])
            let template = NationalTemplates.spec(.v2021)
            #expect(figures.count == template.figureIDs.count)
            for id in template.figureIDs {
                let value = (figures[id.rawValue] as? NSNumber)?.decimalValue
                #expect(value == (sums[id] ?? 0), "\(id.rawValue)")
            }
            #expect((object["included"] as? [[String: Any]])?.count == 2)
            #expect(((object["missing"] as? [[String: Any]])?.first?["agency"] as? String)?.hasSuffix("洪泽区司法局") == true)
            #expect((object["unreadable"] as? [[String: Any]])?.first?["file"] as? String == "扫描件<1>.pdf")
            #expect(object["findings"] is [[String: Any]])
        }
    }

    @Test(
        "汇总's downloads: the rolled-up report in Word and the reports summed in a workbook",
        arguments: StoreBackend.all
    )
    func rollupDownloads(_ backend: StoreBackend) async throws {
        let corpus = try Self.corpus(backend)
        try await Self.application(corpus.store).test(.router) { client in
            let word = try await client.execute(uri: "/rollup.docx?region=3208&year=2024", method: .get)
            #expect(word.status == .ok)
            #expect(
                word.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
            #expect(word.headers[.contentDisposition]?.contains("filename=\"rollup-3208-2024.docx\"") == true)
            let document = try Self.entry(try Self.archive(word), "word/document.xml")
            #expect(document.contains("汇总而成：淮安市洪泽区人民政府、淮安市洪泽区教育局。"))

            let workbook = try await client.execute(uri: "/rollup.xlsx?region=3208&year=2024", method: .get)
            #expect(workbook.status == .ok)
            let archive = try Self.archive(workbook)
            let sheets = try Self.entry(archive, "xl/workbook.xml")
            #expect(sheets.contains("name=\"汇总\""))
            #expect(sheets.contains("name=\"表三（2021年格式）\""))
            let summary = try Self.entry(archive, "xl/worksheets/sheet1.xml")
            #expect(summary.contains("淮安市洪泽区教育局"))
            #expect(summary.contains("缺少报告"))
            #expect(!summary.contains("漳州市司法局"))

            let noYear = try await client.execute(uri: "/rollup.docx?region=3208", method: .get)
            #expect(noYear.status == .badRequest)
            #expect(noYear.text.contains("请同时指定地区（region）和年度（year）"))
        }
    }

    @Test(
        "汇总: a year out of range is a 400 page in Chinese, an unknown region 404, in JSON under /api",
        arguments: [
            ("region=%E4%B8%8A%E6%B5%B7%E5%B8%82&year=2024", "没有找到地区「上海市」", HTTPResponse.Status.notFound),
            ("region=3208&year=1800", "年度应为 1990 至 2200 之间的年份", .badRequest),
            ("region=3208&year=abc", "年度应为", .badRequest),
        ]
    )
    func rollupErrors(_ query: String, _ message: String, _ status: HTTPResponse.Status) async throws {
        let corpus = try WebStatisticsTests.corpus(StoreBackend.sqlite)
        try await Self.application(corpus.store).test(.router) { client in
            for path in ["/rollup", "/rollup.docx", "/rollup.xlsx"] {
                let page = try await client.execute(uri: "\(path)?\(query)", method: .get)
                #expect(page.status == status, "\(path)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.text.contains(message), "\(path)")
            }
            let api = try await client.execute(uri: "/api/v1/rollup?\(query)", method: .get)
            #expect(api.status == status)
            #expect(((try api.jsonObject()["error"] as? [String: String])?["message"] ?? "").contains(message))
        }
    }

    // MARK: 统计图

    @Test(
        "统计图: the tables beside the charts hold the sums and rates of the stored reports",
        arguments: StoreBackend.all
    )
    func chartsPage(_ backend: StoreBackend) async throws {
        let corpus = try Self.corpus(backend)
        let reports = try StoreStatisticsTests.current(corpus.store)
        try await Self.application(corpus.store).test(.router) { client in
            let page = try await client.execute(uri: "/charts", method: .get)
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("<a href=\"/charts\" aria-current=\"page\">统计图</a>"))
            #expect(text.contains("共 <strong>\(reports.count)</strong> 份现行报告"))
            for year in Set(reports.map(\.record.year)) {
                let sums = Self.sums(reports.filter { $0.record.year == year })
                let natural = sums[FigureID("t3.received.natural")] ?? 0
                let organisations = ["commercial", "research", "nonprofit", "legal", "other"]
                    .compactMap { sums[FigureID("t3.received.\($0)")] }.reduce(0, +)
                #expect(
                    text.contains(
                        "<tr><th scope=\"row\">\(year)</th><td class=\"n\">\(natural)</td><td class=\"n\">\(organisations)</td></tr>"
                    ),
                    "\(year)"
                )
            }
            // Every chart is well-formed SVG with a name for screen readers.
            var rest = text[...]
            var charts = 0
            while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>") {
                let svg = String(rest[start.lowerBound..<end.upperBound])
                let parser = XMLParser(data: Data(svg.utf8))
                #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
                #expect(svg.contains("role=\"img\""))
                charts += 1
                rest = rest[end.upperBound...]
            }
            #expect(charts >= 4)
        }
    }

    @Test(
        "统计图 of a region: rates from the region's sums, the ranking with its floor on the sample",
        arguments: StoreBackend.all
    )
    func chartsOfRegion(_ backend: StoreBackend) async throws {
        let corpus = try Self.corpus(backend)
        let reports = try StoreTesting.reports(corpus.store, underRegion: "3208", year: 2024)
        let sums = Self.sums(reports)
        func sum(_ id: String) -> Decimal { sums[FigureID(id)] ?? 0 }
        let handled = sum("t3.total.total")
        let disclosure =
            NSDecimalNumber(decimal: sum("t3.granted.total") + sum("t3.partial.total")).doubleValue
            / NSDecimalNumber(decimal: handled).doubleValue
        try await Self.application(corpus.store).test(.router) { client in
            let page = try await client.execute(uri: "/charts?region=3208&from=2023&to=2024&min=1", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("淮安市（含下级地区） 2023–2024 年度"))
            #expect(
                page.text.contains(
                    String(format: "<tr><th scope=\"row\">2024</th><td class=\"n\">%.1f%%</td>", disclosure * 100)
                )
            )

            let json = try await client.execute(uri: "/api/v1/stats?region=3208&from=2023&to=2024&min=1", method: .get)
            #expect(json.status == .ok)
            let object = try json.jsonObject()
            #expect(object["from"] as? Int == 2023)
            let years = try #require(object["years"] as? [[String: Any]])
            let last = try #require(years.last)
            #expect(last["year"] as? Int == 2024)
            #expect(last["reports"] as? Int == 2)
            #expect(((last["sums"] as? [String: Any])?["handled"] as? NSNumber)?.decimalValue == handled)
            let rate = try #require((last["rates"] as? [String: Any])?["disclosure"] as? Double)
            #expect(abs(rate - disclosure) < 1e-9)
            let ranking = try #require(object["ranking"] as? [String: Any])
            #expect(ranking["by"] as? String == "agency")
            #expect(ranking["year"] as? Int == 2024)
            let ranked = try #require(ranking["ranked"] as? [[String: Any]])
            #expect(Set(ranked.compactMap { $0["name"] as? String }) == Set(reports.map(\.agency.name)))
            let rates = ranked.compactMap { $0["rate"] as? Double }
            #expect(rates == rates.sorted(by: >))

            // A floor above every agency's sample: none ranked, every one 「样本过少」, the floor said on the page.
            let few = try await client.execute(uri: "/charts?region=3208&to=2024&min=1000000", method: .get)
            #expect(few.status == .ok)
            #expect(few.text.contains("少于 <strong>1000000</strong> 件的不排名"))
            #expect(few.text.contains("样本过少（2）"))
            let fewJSON = try await client.execute(uri: "/api/v1/stats?region=3208&to=2024&min=1000000", method: .get)
            let fewRanking = try #require(try fewJSON.jsonObject()["ranking"] as? [String: Any])
            #expect((fewRanking["ranked"] as? [Any])?.isEmpty == true)
            #expect((fewRanking["tooFew"] as? [Any])?.count == 2)

            let regions = try await client.execute(uri: "/api/v1/stats?rank=region&min=1", method: .get)
            let byRegion = try #require(try regions.jsonObject()["ranking"] as? [String: Any])
            #expect(byRegion["by"] as? String == "region")
        }
    }

    @Test(
        "统计图: parameters that cannot be used are a 400 page in Chinese, an unknown region 404, in JSON under /api",
        arguments: [
            ("to=1800", "年度应为 1990 至 2200 之间的年份"),
            ("rank=city", "排名对象应为"), ("measure=speed", "排名指标应为"), ("min=0", "最小样本数应为"),
            ("region=%E4%B8%8A%E6%B5%B7%E5%B8%82", "没有找到地区「上海市」"),
        ]
    )
    func chartsErrors(_ query: String, _ message: String) async throws {
        let corpus = try WebStatisticsTests.corpus(StoreBackend.sqlite)
        let status: HTTPResponse.Status = query.hasPrefix("region=") ? .notFound : .badRequest
        try await Self.application(corpus.store).test(.router) { client in
            let page = try await client.execute(uri: "/charts?\(query)", method: .get)
            #expect(page.status == status)
            #expect(page.text.contains(message))
            let api = try await client.execute(uri: "/api/v1/stats?\(query)", method: .get)
            #expect(api.status == status)
            #expect(((try api.jsonObject()["error"] as? [String: String])?["message"] ?? "").contains(message))
        }
    }

    @Test("an empty corpus: 汇总 and 统计图 say there is nothing yet; the CSV is its header", arguments: StoreBackend.all)
    func emptyCorpus(_ backend: StoreBackend) async throws {
        try await Self.application(try backend.make()).test(.router) { client in
            let rollup = try await client.execute(uri: "/rollup", method: .get)
            #expect(rollup.status == .ok)
            #expect(rollup.text.contains("报告库中还没有报告，无法汇总。"))
            let unknown = try await client.execute(uri: "/rollup?region=3208&year=2024", method: .get)
            #expect(unknown.status == .notFound)
            let charts = try await client.execute(uri: "/charts", method: .get)
            #expect(charts.status == .ok)
            #expect(charts.text.contains("全部地区在所选年度没有报告，无法统计。"))
            let stats = try await client.execute(uri: "/api/v1/stats", method: .get)
            #expect(stats.status == .ok)
            #expect((try stats.jsonObject()["years"] as? [Any])?.isEmpty == true)
            let csv = try await client.execute(uri: "/reports.csv", method: .get)
            #expect(csv.status == .ok)
            #expect(csv.text == String(decoding: ReportCSV.headerBytes, as: UTF8.self))
            let library = try await client.execute(uri: "/reports", method: .get)
            #expect(!library.text.contains("/reports.csv"))
        }
    }

    // MARK: 报告库's downloads

    @Test(
        "报告库's downloads: every report the filters select, not only the page, in CSV and in a workbook",
        arguments: StoreBackend.all
    )
    func libraryDownloads(_ backend: StoreBackend) async throws {
        let corpus = try Self.corpus(backend)
        let current = try StoreStatisticsTests.current(corpus.store)
        let withErrors = current.filter { $0.record.errors > 0 }
        #expect(withErrors.count >= 2)
        try await Self.application(corpus.store).test(.router) { client in
            let page = try await client.execute(uri: "/reports?findings=errors&per_page=1", method: .get)
            #expect(page.text.contains("<a href=\"/reports.csv?findings=errors\" download>"))
            #expect(page.text.contains("<a href=\"/reports.xlsx?findings=errors\" download>"))
            #expect(page.text.contains("下载符合条件的全部 \(withErrors.count) 份报告"))

            let csv = try await client.execute(uri: "/reports.csv?findings=errors", method: .get)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("filename=\"reports.csv\"") == true)
            let lines = csv.text.split(separator: "\n", omittingEmptySubsequences: true)
            #expect(lines.first.map(String.init) == ReportCSV.header.joined(separator: ","))
            #expect(lines.count - 1 == withErrors.reduce(0) { $0 + $1.figures.count })
            let ids = Set(lines.dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) })
            #expect(ids == Set(withErrors.compactMap { $0.record.id.map(String.init) }))

            let all = try await client.execute(uri: "/reports.csv", method: .get)
            #expect(
                all.text.split(separator: "\n").count - 1 == current.reduce(0) { $0 + $1.figures.count }
            )

            let workbook = try await client.execute(uri: "/reports.xlsx?findings=errors", method: .get)
            #expect(workbook.status == .ok)
            let archive = try Self.archive(workbook)
            #expect(try Self.entry(archive, "xl/workbook.xml").contains("name=\"问题\""))
            let summary = try Self.entry(archive, "xl/worksheets/sheet1.xml")
            #expect(summary.components(separatedBy: "<row ").count - 1 == 1 + withErrors.count)

            let unknown = try await client.execute(uri: "/reports.csv?region=%E4%B8%8A%E6%B5%B7%E5%B8%82", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("没有找到地区「上海市」"))
            let badYear = try await client.execute(uri: "/reports.xlsx?year=3000", method: .get)
            #expect(badYear.status == .badRequest)
        }
    }
}

/// The sums 统计图 keeps a minute: answered from memory while fresh, answered once more when stale while a fresh one
/// is worked out, then the fresh one.
@Suite("statistics kept in memory")
struct StatisticsCacheTests {
    final class Calls: Sendable {
        let count = Mutex(0)

        func next() -> Int {
            count.withLock {
                $0 += 1
                return $0
            }
        }
    }

    @Test("汇总 of a large region lists its first agencies by name and links to the pages that list them all")
    func rollupOfManyAgencies() async throws {
        let folder = try StoreTesting.temporaryFolder()
        _ = try SyntheticCorpus(agencies: WebApp.rollupListed + 5, years: 2024...2024, seed: 3).write(to: folder)
        let store = try StoreBackend.sqlite.make()
        _ = try Ingester(store: store, jobs: 1).run(files: Ingester.files(in: [folder.path]).files)
        var names: [String] = []
        try store.forEachReport(ReportFilter()) { names.append($0.agency.name) }
        let tree = StoreContractTests.regionTree(names)
        let count = names.count
        _ = try store.importRegions(tree)
        let city = try #require(tree.first { $0.parent == nil })
        try await ServerTests.application(store).test(.router) { client in
            let page = try await client.execute(uri: "/rollup?region=\(city.code)&year=2024", method: .get)
            #expect(page.status == .ok)
            let text = String(buffer: page.body)
            #expect(text.contains("汇总 <strong>\(count)</strong> 个机关的报告"))
            #expect(text.components(separatedBy: ">查看</a></td></tr>").count - 1 == WebApp.rollupListed)
            #expect(
                text.contains("全部 \(count) 个见<a href=\"/reports?region=\(city.code)&amp;year=2024&amp;sort=agency\">")
            )
        }
    }

    @Test("warming up works out the home page's counts and the whole corpus's 统计图 before anybody asks")
    func warmUp() async throws {
        let corpus = try WebStatisticsTests.corpus(StoreBackend.sqlite)
        let app = WebApp(store: corpus.store, options: ServerTests.options())
        let chartsKey = "statistics \(WebApp.StatisticsRequest())"
        #expect(!app.statisticsCache.holds("home counts"))
        #expect(!app.statisticsCache.holds(chartsKey))
        await app.warmUp()
        #expect(app.statisticsCache.holds("home counts"))
        #expect(app.statisticsCache.holds(chartsKey))
        // The charts page as first opened asks for exactly what was worked out.
        try await Application(router: WebServer.router(app)).test(.router) { client in
            let page = try await client.execute(uri: "/charts", method: .get)
            #expect(page.status == .ok)
        }
    }

    @Test("fresh: kept; stale: answered once more while the next is worked out; then the next")
    func staleWhileWorkedOut() async throws {
        let cache = StatisticsCache(lifetime: 60)
        let calls = Calls()
        let start = Date()
        #expect(try await cache.value("k", now: start) { calls.next() } == 1)
        #expect(try await cache.value("k", now: start.addingTimeInterval(30)) { calls.next() } == 1)
        #expect(calls.count.withLock { $0 } == 1)
        // Stale: the old value, and the new one worked out beside it.
        #expect(try await cache.value("k", now: start.addingTimeInterval(61)) { calls.next() } == 1)
        var fresh = 1
        for _ in 0..<200 where fresh == 1 {
            try await Task.sleep(for: .milliseconds(10))
            fresh = try await cache.value("k") { calls.next() }
        }
        #expect(fresh == 2)
        #expect(calls.count.withLock { $0 } == 2)
        // Another key is worked out on its own.
        #expect(try await cache.value("other") { calls.next() } == 3)
    }
}
