import Foundation
import GongkaiStore
import Hummingbird

/// 统计图: a region's reports (or the whole corpus) over a range of years, as charts drawn by the server with their
/// numbers in tables beside them — applications received by applicant, outcomes, the share of 行政复议 and 行政诉讼
/// decisions corrected, findings by rule, and a ranking of agencies or regions with a floor on the sample.
///
/// Every number is a sum the store works out in SQL (``ReportStore/measureTotals(_:)``,
/// ``ReportStore/ruleCounts(region:years:)``); no report is loaded.
extension WebApp {
    func addStatisticsRoutes(to router: Router<WebContext>) {
        router.get("/rollup") { request, _ in try await rollupPage(request) }
        router.get("/rollup.docx") { request, _ in try await rollupWord(request) }
        router.get("/rollup.xlsx") { request, _ in try await rollupWorkbook(request) }
        router.get("/charts") { request, _ in try await chartsPage(request) }
        router.get("/reports.csv") { request, _ in try await reportsCSV(request) }
        router.get("/reports.xlsx") { request, _ in try await reportsWorkbook(request) }
    }

    /// The request of 统计图 and `/api/v1/stats`: `region` (code or name; none for the whole corpus), `from` and `to`
    /// (the years; by default the first and last stored), `rank` (`agency` or `region`: what the ranking ranks; by
    /// default regions for the whole corpus and agencies within a region), `measure` (what it ranks by) and `min`
    /// (the smallest denominator a rate is shown for).
    struct StatisticsRequest: Sendable, Hashable {
        enum Rank: String, Sendable, CaseIterable {
            case agency, region
        }

        var region: String?
        var from: Int?
        var to: Int?
        var rank: Rank?
        var measure = RateMeasure.disclosure
        var minimum = 20

        /// The most years one page charts; a longer span keeps its last ones.
        static let maximumYears = 40

        /// The page as first opened: the whole corpus, every year.
        init() {}

        init(_ request: Request) throws(WebError) {
            let fields = FormFields(request.uri.query ?? "")
            region = try fields.text("region", atMost: ListParameters.maximumText)
            from = try WebApp.year(fields, "from")
            to = try WebApp.year(fields, "to")
            // Years given the wrong way round are read the right way round.
            if let first = from, let last = to, first > last { (from, to) = (last, first) }
            // A longer span is cut to its last years rather than refused: every span the form can ask for is an answer.
            if let first = from, let to, to - first >= Self.maximumYears { from = to - Self.maximumYears + 1 }
            if let text = fields.text("rank") {
                guard let rank = Rank(rawValue: text) else {
                    throw .badRequest("排名对象应为 agency（机关）或 region（下级地区）；收到的是「\(text)」。")
                }
                self.rank = rank
            }
            if let text = fields.text("measure") {
                guard let measure = RateMeasure(rawValue: text) else {
                    let names = RateMeasure.allCases.map { "\($0.rawValue)（\($0.chinese)）" }.joined(separator: "、")
                    throw .badRequest("排名指标应为 \(names) 之一；收到的是「\(text)」。")
                }
                self.measure = measure
            }
            if let text = fields.text("min") {
                guard let minimum = Int(text), (1...1_000_000).contains(minimum) else {
                    throw .badRequest("最小样本数应为 1 至 1000000 之间的整数；收到的是「\(text)」。")
                }
                self.minimum = minimum
            }
        }
    }

    /// A rate over the sums of a group: its numerator and denominator.
    enum RateMeasure: String, Sendable, CaseIterable, Codable {
        /// (予以公开 + 部分公开) ÷ 办理结果总计.
        case disclosure
        /// 不予公开 ÷ 办理结果总计.
        case denied
        /// 无法提供 ÷ 办理结果总计.
        case unable
        /// 不予处理 ÷ 办理结果总计.
        case notProcessed = "not_processed"
        /// 行政复议结果纠正 ÷ (结果维持 + 结果纠正 + 其他结果); 尚未审结 left out.
        case reviewCorrection = "review_correction"
        /// The same for 行政诉讼 (未经复议直接起诉 and 复议后起诉 together).
        case suitCorrection = "suit_correction"

        var chinese: String {
            switch self {
            case .disclosure: "公开率"
            case .denied: "不予公开占比"
            case .unable: "无法提供占比"
            case .notProcessed: "不予处理占比"
            case .reviewCorrection: "行政复议纠错率"
            case .suitCorrection: "行政诉讼纠错率"
            }
        }

        /// What the denominator counts, for 「样本过少」.
        var denominatorName: String {
            switch self {
            case .disclosure, .denied, .unable, .notProcessed: "办结申请"
            case .reviewCorrection: "已审结的行政复议"
            case .suitCorrection: "已审结的行政诉讼"
            }
        }

        /// Applications and cases alike are counted in 件.
        var unit: String { "件" }

        func parts(_ group: MeasureGroup) -> (numerator: Decimal, denominator: Decimal)? {
            let sums = group.sums
            func sum(_ measures: ReportMeasure...) -> Decimal? {
                var total: Decimal = 0
                var any = false
                for measure in measures {
                    if let value = sums[measure] {
                        total += value
                        any = true
                    }
                }
                return any ? total : nil
            }
            let numerator: Decimal?
            let denominator: Decimal?
            switch self {
            case .disclosure: (numerator, denominator) = (sum(.granted, .partial), sums[.handled])
            case .denied: (numerator, denominator) = (sums[.denied], sums[.handled])
            case .unable: (numerator, denominator) = (sums[.unable], sums[.handled])
            case .notProcessed: (numerator, denominator) = (sums[.notProcessed], sums[.handled])
            case .reviewCorrection:
                (numerator, denominator) = (
                    sums[.reviewCorrected], sum(.reviewUpheld, .reviewCorrected, .reviewOther)
                )
            case .suitCorrection:
                (numerator, denominator) = (sums[.suitCorrected], sum(.suitUpheld, .suitCorrected, .suitOther))
            }
            guard let denominator else { return nil }
            return (numerator ?? 0, denominator)
        }

        /// The rate, or nil when its denominator is none or 0.
        func rate(_ group: MeasureGroup) -> Double? {
            guard let (numerator, denominator) = parts(group), denominator > 0 else { return nil }
            return NSDecimalNumber(decimal: numerator).doubleValue / NSDecimalNumber(decimal: denominator).doubleValue
        }
    }

    /// What 统计图 and `/api/v1/stats` show.
    struct Statistics: Sendable {
        struct Ranked: Sendable {
            var group: MeasureGroup
            var rate: Double
            var numerator: Decimal
            var denominator: Decimal
        }

        var region: RegionRecord?
        var years: ClosedRange<Int>?
        /// One group a year with reports, in year order.
        var byYear: [MeasureGroup]
        var rules: [RuleCount]
        var rank: StatisticsRequest.Rank
        var measure: RateMeasure
        var minimum: Int
        /// The year ranked: the last of the range.
        var rankingYear: Int?
        /// Groups whose denominator reaches the minimum, highest rate first.
        var ranked: [Ranked]
        /// Groups whose denominator does not, with it.
        var tooFew: [(group: MeasureGroup, denominator: Decimal)]
    }

    /// The home page's counts and the 统计图 of the whole corpus, into the cache (``StatisticsCache``) before anybody
    /// asks: on a large corpus they take a second or more to work out.
    func warmUp() async {
        _ = try? await homeCounts()
        _ = try? await statistics(StatisticsRequest())
    }

    /// What a request asks for, worked out once a minute (``StatisticsCache``): a ranking of every agency of a large
    /// corpus costs more than the sums it is made from.
    func statistics(_ asked: StatisticsRequest) async throws -> Statistics {
        try await statisticsCache.value("statistics \(asked)") { try await workOutStatistics(asked) }
    }

    func workOutStatistics(_ asked: StatisticsRequest) async throws -> Statistics {
        let regionName = asked.region
        let region: RegionRecord? = try await query { store in
            guard let name = regionName else { return nil }
            guard let found = try store.region(name) else { throw StoreError.regionNotFound(name) }
            return found
        }
        let code = region?.code
        let wide = (asked.from ?? 1990)...(asked.to ?? 2200)
        let byYear = try await measureTotals(MeasureQuery(region: code, years: wide))
        let first = asked.from ?? byYear.first?.year
        let last = asked.to ?? byYear.last?.year
        let rank = asked.rank ?? (region == nil ? .region : .agency)
        guard let first, let last else {
            return Statistics(
                region: region,
                years: nil,
                byYear: [],
                rules: [],
                rank: rank,
                measure: asked.measure,
                minimum: asked.minimum,
                rankingYear: nil,
                ranked: [],
                tooFew: []
            )
        }
        let years = first...last
        let rules = try await statisticsCache.value("rules \(code ?? "") \(years)") {
            try await query { try $0.ruleCounts(region: code, years: years) }
        }
        let groups = try await measureTotals(
            MeasureQuery(region: code, years: last...last, grouping: rank == .agency ? .agency : .subregion)
        )
        var ranked: [Statistics.Ranked] = []
        var tooFew: [(group: MeasureGroup, denominator: Decimal)] = []
        for group in groups {
            let (numerator, denominator) = asked.measure.parts(group) ?? (0, 0)
            if denominator >= Decimal(asked.minimum), let rate = asked.measure.rate(group) {
                ranked.append(.init(group: group, rate: rate, numerator: numerator, denominator: denominator))
            } else {
                tooFew.append((group, denominator))
            }
        }
        ranked.sort { ($1.rate, $0.group.name ?? "") < ($0.rate, $1.group.name ?? "") }
        return Statistics(
            region: region,
            years: years,
            byYear: byYear.filter { years.contains($0.year) },
            rules: rules,
            rank: rank,
            measure: asked.measure,
            minimum: asked.minimum,
            rankingYear: last,
            ranked: ranked,
            tooFew: tooFew
        )
    }

    /// The store's sums, kept a minute (``StatisticsCache``).
    func measureTotals(_ measures: MeasureQuery) async throws -> [MeasureGroup] {
        try await statisticsCache.value("measures \(measures)") {
            try await query { try $0.measureTotals(measures) }
        }
    }

    // MARK: The page

    func chartsPage(_ request: Request) async throws -> Response {
        let asked = try StatisticsRequest(request)
        let statistics = try await statistics(asked)
        let scope = statistics.region.map { "\($0.name)（含下级地区）" } ?? "全部地区"
        var content: HTML = "<h1>统计图</h1>\n" + chartsForm(asked, statistics)
        guard let years = statistics.years, !statistics.byYear.isEmpty else {
            content += "<p class=\"notice-box\">\(scope)在所选年度没有报告，无法统计。</p>\n"
            return Responses.page(Page(title: "统计图", section: .charts, content: content))
        }
        let reports = statistics.byYear.reduce(0) { $0 + $1.reports }
        content += """
            <p class="summary" role="status">\(scope) \(years.lowerBound)–\(years.upperBound) 年度，\
            共 <strong>\(reports)</strong> 份现行报告（统计数字每分钟更新）。</p>
            <p class="lead">各项为各机关报告中相应数字之和；某项为空或无法确定的报告不计入该项（计入的报告数见 JSON 接口的 \
            <code>counted</code>）。2019 年格式（2020 年度及以前）的新收申请、办理结果和表四各行与 2021 年格式相同，直接合并；\
            「其他处理」两种格式不同，不在图中。</p>

            """
        content += chartSections(statistics)
        return Responses.page(Page(title: "统计图", section: .charts, content: content))
    }

    func chartsForm(_ asked: StatisticsRequest, _ statistics: Statistics) -> HTML {
        func option(_ value: String, _ label: String, selected: Bool) -> HTML {
            selected
                ? "<option value=\"\(value)\" selected>\(label)</option>"
                : "<option value=\"\(value)\">\(label)</option>"
        }
        let ranks = [("region", "下级地区"), ("agency", "机关")].map {
            option($0.0, $0.1, selected: statistics.rank.rawValue == $0.0)
        }
        let measures = RateMeasure.allCases.map { option($0.rawValue, $0.chinese, selected: $0 == asked.measure) }
        let from = (asked.from ?? statistics.years?.lowerBound).map(String.init) ?? ""
        let to = (asked.to ?? statistics.years?.upperBound).map(String.init) ?? ""
        return """
            <form class="filters" method="get" action="/charts">
            <label>地区（名称或代码，空为全部） <input type="text" name="region" value="\(asked.region ?? "")"></label>
            <label>起始年度 <input type="number" name="from" min="1990" max="2200" value="\(from)"></label>
            <label>截止年度 <input type="number" name="to" min="1990" max="2200" value="\(to)"></label>
            <label>排名对象 <select name="rank">\(ranks)</select></label>
            <label>排名指标 <select name="measure">\(measures)</select></label>
            <label>最小样本数 <input type="number" name="min" min="1" max="1000000" value="\(asked.minimum)"></label>
            <button type="submit">统计</button>
            </form>

            """
    }

    static func double(_ value: Decimal?) -> Double? { value.map { NSDecimalNumber(decimal: $0).doubleValue } }

    /// The applications chart: 自然人 and the five kinds of 法人或其他组织 summed, stacked.
    static func applicationsChart(_ byYear: [MeasureGroup]) -> SVGChart {
        let organisations: [ReportMeasure] = [
            .receivedCommercial, .receivedResearch, .receivedNonprofit, .receivedLegal, .receivedOther,
        ]
        return SVGChart(
            id: "chart-received",
            title: "本年新收政府信息公开申请",
            kind: .stacked,
            categories: byYear.map { "\($0.year)" },
            series: [
                .init(name: "自然人", values: byYear.map { double($0.sums[.receivedNatural]) }),
                .init(
                    name: "法人或其他组织",
                    values: byYear.map { group in
                        let values = organisations.compactMap { group.sums[$0] }
                        return values.isEmpty ? nil : double(values.reduce(0, +))
                    }
                ),
            ],
            categoryLabel: "年度",
            valueLabel: "申请数（件）"
        )
    }

    static func outcomesChart(_ byYear: [MeasureGroup]) -> SVGChart {
        SVGChart(
            id: "chart-outcomes",
            title: "办理结果占办结申请的比例",
            kind: .lines,
            categories: byYear.map { "\($0.year)" },
            series: [RateMeasure.disclosure, .denied, .unable, .notProcessed].map { measure in
                .init(name: measure.chinese, values: byYear.map { measure.rate($0) })
            },
            categoryLabel: "年度",
            valueLabel: "占办结申请（%）",
            percent: true
        )
    }

    static func correctionChart(_ byYear: [MeasureGroup]) -> SVGChart {
        SVGChart(
            id: "chart-correction",
            title: "行政复议、行政诉讼纠错率",
            kind: .lines,
            categories: byYear.map { "\($0.year)" },
            series: [RateMeasure.reviewCorrection, .suitCorrection].map { measure in
                .init(name: measure.chinese, values: byYear.map { measure.rate($0) })
            },
            categoryLabel: "年度",
            valueLabel: "结果纠正占已审结（%）",
            percent: true
        )
    }

    /// The rules in their order: R1, R2 … R14, then the named checks alphabetically.
    static func ruleOrder(_ code: String) -> (Int, String) {
        if code.hasPrefix("R"), let number = Int(code.dropFirst()) { return (number, "") }
        return (1000, code)
    }

    static func rulesChart(_ rules: [RuleCount]) -> SVGChart {
        let codes = Array(Set(rules.filter { $0.severity != "notice" }.map(\.code)))
            .sorted { ruleOrder($0) < ruleOrder($1) }
        func reports(_ code: String, _ severity: String) -> Double? {
            rules.first { $0.code == code && $0.severity == severity }.map { Double($0.reports) } ?? 0
        }
        return SVGChart(
            id: "chart-rules",
            title: "各项检查发现问题的报告数",
            kind: .horizontal,
            categories: codes.map { code in RuleTitles.title(code).map { "\(code) \($0)" } ?? code },
            series: [
                .init(name: "有错误的报告", values: codes.map { reports($0, "error") }),
                .init(name: "有警告的报告", values: codes.map { reports($0, "warning") }),
            ],
            categoryLabel: "检查项",
            valueLabel: "报告数（份）"
        )
    }

    /// At most this many groups are ranked on the chart and in its table.
    static let rankedShown = 20

    static func rankingChart(_ statistics: Statistics) -> SVGChart {
        let shown = statistics.ranked.prefix(rankedShown)
        let what = statistics.rank == .agency ? "机关" : "地区"
        return SVGChart(
            id: "chart-ranking",
            title: "\(statistics.rankingYear.map(String.init) ?? "")年度各\(what)\(statistics.measure.chinese)",
            kind: .horizontal,
            categories: shown.map { $0.group.name ?? "未归入地区" },
            series: [.init(name: statistics.measure.chinese, values: shown.map(\.rate))],
            categoryLabel: what,
            valueLabel: "\(statistics.measure.chinese)（%）",
            percent: true
        )
    }

    func chartSections(_ statistics: Statistics) -> HTML {
        let byYear = statistics.byYear
        var html: HTML = "<h2>新收申请</h2>\n"
        html += Self.applicationsChart(byYear).figure(
            note: "法人或其他组织为商业企业、科研机构、社会公益组织、法律服务机构和其他五类之和。"
        )
        html += "<h2>办理结果</h2>\n"
        html += Self.outcomesChart(byYear).figure(
            note: """
                公开率 =（予以公开 + 部分公开）÷ 办理结果总计（表三「（七）总计」）；不予公开、无法提供、不予处理各为其分项之和 \
                ÷ 办理结果总计。
                """
        )
        html += "<h2>行政复议和行政诉讼</h2>\n"
        html += Self.correctionChart(byYear).figure(
            note: """
                纠错率 = 结果纠正 ÷（结果维持 + 结果纠正 + 其他结果），尚未审结的不计入；行政诉讼含未经复议直接起诉和复议后起诉。\
                没有已审结案件的年度不画点。
                """
        )
        html += "<h2>检查发现的问题</h2>\n"
        if statistics.rules.contains(where: { $0.severity != "notice" }) {
            html += Self.rulesChart(statistics.rules).figure(
                note: "每份报告按检查项计一次（同一检查项的多个问题只计一份报告）；提示不计入。含跨年度检查（R6、R8、R9、R12）。"
            )
        } else {
            html += "<p>所选报告没有错误和警告。</p>\n"
        }
        html += "<h2>排名</h2>\n"
        html += rankingSection(statistics)
        return html
    }

    func rankingSection(_ statistics: Statistics) -> HTML {
        let what = statistics.rank == .agency ? "机关" : "下级地区"
        let measure = statistics.measure
        var html: HTML = """
            <p>按\(statistics.rankingYear.map(String.init) ?? "")年度的\(measure.chinese)排列\(what)；\
            \(measure.denominatorName)少于 <strong>\(statistics.minimum)</strong> \(measure.unit)的不排名，列为「样本过少」\
            （可在上方修改最小样本数）。</p>

            """
        if statistics.ranked.isEmpty {
            html += "<p>没有\(measure.denominatorName)达到 \(statistics.minimum) \(measure.unit)的\(what)。</p>\n"
        } else {
            let chart = Self.rankingChart(statistics)
            var table: HTML = """
                <div class="scroll"><table class="list">
                <caption>\(chart.title)（数据）</caption>
                <thead><tr><th class="n">名次</th><th>\(what)</th><th class="n">\(measure.chinese)</th>\
                <th class="n">分子</th><th class="n">\(measure.denominatorName)</th></tr></thead>
                <tbody>

                """
            for (index, row) in statistics.ranked.prefix(Self.rankedShown).enumerated() {
                table += """
                    <tr><td class="n">\(index + 1)</td><th scope="row">\(row.group.name ?? "未归入地区")</th>\
                    <td class="n">\(chart.valueText(row.rate))</td><td class="n">\(row.numerator.description)</td>\
                    <td class="n">\(row.denominator.description)</td></tr>

                    """
            }
            table += "</tbody></table></div>"
            let more: HTML =
                statistics.ranked.count > Self.rankedShown
                ? "共 \(statistics.ranked.count) 个\(what)达到最小样本数，只列前 \(Self.rankedShown) 名。" : ""
            html += """
                <figure class="chart" id="\(chart.id)">
                <div class="chart-svg">\(chart.svg)</div>
                <div class="chart-table">\(table)</div>
                <figcaption>\(measure.chinese)的分子和分母为各报告相应数字之和。\(more)</figcaption>
                </figure>

                """
        }
        if !statistics.tooFew.isEmpty {
            html += """
                <h3>样本过少（\(statistics.tooFew.count)）</h3>
                <p>\(measure.denominatorName)少于 \(statistics.minimum) \(measure.unit)，\(measure.chinese)不作比较：</p>
                <ul class="few">
                """
            for (group, denominator) in statistics.tooFew.prefix(100) {
                html += "<li>\(group.name ?? "未归入地区")（\(denominator.description) \(measure.unit)）</li>"
            }
            if statistics.tooFew.count > 100 { html += "<li>……另有 \(statistics.tooFew.count - 100) 个</li>" }
            html += "</ul>\n"
        }
        return html
    }

    // MARK: JSON

    /// `GET /api/v1/stats?region=&from=&to=&rank=&measure=&min=` (every parameter optional, as on 统计图):
    ///
    /// ```
    /// {"schemaVersion": 1,
    ///  "region": {"code": "3208", "name": "淮安市"}, "from": 2020, "to": 2024,
    ///  "years": [{"year": 2020, "reports": 24,
    ///             "sums": {"received_natural": 120, "handled": 130, …},   // ReportMeasure columns
    ///             "counted": {"received_natural": 24, …},                // reports each sum covers
    ///             "rates": {"disclosure": 0.62, "denied": 0.1, "unable": 0.2, "not_processed": 0.05,
    ///                       "review_correction": 0.25, "suit_correction": null}}, …],
    ///  "rules": [{"code": "R2", "severity": "error", "reports": 3, "findings": 4}, …],
    ///  "ranking": {"year": 2024, "by": "agency" or "region", "measure": "disclosure", "minimum": 20,
    ///              "ranked": [{"key": "12", "name": "…", "rate": 0.7, "numerator": 70, "denominator": 100}, …],
    ///              "tooFew": [{"key": "13", "name": "…", "denominator": 3}, …]}}
    /// ```
    ///
    /// `key` is an agency's id (by agency) or a region's code (by region; absent for agencies with no region).
    /// `ranked` lists every group that reaches the minimum, not only the 20 the page shows. A key whose value would be
    /// null is left out (`region` for the whole corpus, `from`, `to` and `ranking.year` for a corpus without reports,
    /// a sum no report gives); a rate that cannot be worked out is null.
    struct StatisticsJSON: Codable {
        struct Region: Codable {
            var code: String
            var name: String
        }

        struct Year: Codable {
            var year: Int
            var reports: Int
            var sums: [String: Decimal]
            var counted: [String: Int]
            var rates: [String: Double?]
        }

        struct Ranked: Codable {
            var key: String?
            var name: String?
            var rate: Double
            var numerator: Decimal
            var denominator: Decimal
        }

        struct Few: Codable {
            var key: String?
            var name: String?
            var denominator: Decimal
        }

        struct Ranking: Codable {
            var year: Int?
            var by: String
            var measure: String
            var minimum: Int
            var ranked: [Ranked]
            var tooFew: [Few]
        }

        struct Rule: Codable {
            var code: String
            var severity: String
            var reports: Int
            var findings: Int
        }

        var schemaVersion: Int
        var region: Region?
        var from: Int?
        var to: Int?
        var years: [Year]
        var rules: [Rule]
        var ranking: Ranking
    }

    func apiStatistics(_ request: Request) async throws -> Response {
        try FormFields(request.uri.query ?? "").requireValues(["from", "to", "rank", "measure", "min"])
        let statistics = try await statistics(StatisticsRequest(request))
        let json = StatisticsJSON(
            schemaVersion: Self.apiSchemaVersion,
            region: statistics.region.map { .init(code: $0.code, name: $0.name) },
            from: statistics.years?.lowerBound,
            to: statistics.years?.upperBound,
            years: statistics.byYear.map { group in
                .init(
                    year: group.year,
                    reports: group.reports,
                    sums: Dictionary(uniqueKeysWithValues: group.sums.map { ($0.key.column, $0.value) }),
                    counted: Dictionary(uniqueKeysWithValues: group.counted.map { ($0.key.column, $0.value) }),
                    rates: Dictionary(uniqueKeysWithValues: RateMeasure.allCases.map { ($0.rawValue, $0.rate(group)) })
                )
            },
            rules: statistics.rules.map {
                .init(code: $0.code, severity: $0.severity, reports: $0.reports, findings: $0.findings)
            },
            ranking: .init(
                year: statistics.rankingYear,
                by: statistics.rank.rawValue,
                measure: statistics.measure.rawValue,
                minimum: statistics.minimum,
                ranked: statistics.ranked.map {
                    .init(
                        key: $0.group.key,
                        name: $0.group.name,
                        rate: $0.rate,
                        numerator: $0.numerator,
                        denominator: $0.denominator
                    )
                },
                tooFew: statistics.tooFew.map {
                    .init(key: $0.group.key, name: $0.group.name, denominator: $0.denominator)
                }
            )
        )
        return Responses.json(try Self.encode(json))
    }
}

/// Short Chinese names of the checks, for the chart of findings by rule.
enum RuleTitles {
    static func title(_ code: String) -> String? {
        switch code {
        case "R1": "表三勾稽关系"
        case "R2": "表三总计列"
        case "R3": "表三办理结果之和"
        case "R5": "空白或不合规的数字"
        case "R6": "上年结转与上年报告不符"
        case "R7": "表四总计"
        case "R8": "表四尚未审结跨年度"
        case "R9": "现行有效件数跨年度"
        case "R11": "2019年格式表二"
        case "R12": "2019年格式项目数量跨年度"
        case "R13": "文字与表三申请数"
        case "R14": "文字与表四"
        case "missing-table": "缺少表格"
        case "missing-row": "缺少行"
        case "missing-cells": "行缺数"
        case "template-year": "格式与年度不符"
        case "late-publication": "逾期发布"
        case "missing-section": "缺少部分"
        case "fees-silent": "未说明收费"
        default: nil
        }
    }
}
