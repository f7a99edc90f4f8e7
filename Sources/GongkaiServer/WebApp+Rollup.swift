import Foundation
import GongkaiCorpus
import GongkaiModel
import GongkaiOutput
import GongkaiStore
import GongkaiWrite
import Hummingbird

/// 汇总: a region (with every region below it) and a year rolled up — 表二, 表三 and 表四 summed over the agencies'
/// current reports and checked, laid out as the national tables, with the agencies summed, those missing and the
/// files that could not be read; downloadable as the rolled-up report in Word and as a workbook of the reports
/// summed.
extension WebApp {
    /// The region and year a 汇总 asks for: `region` (code or name) and `year`; a year the request does not give is
    /// the latest year stored.
    struct RollupRequest: Sendable {
        var region: String?
        var year: Int?

        init(_ request: Request) throws(WebError) {
            let fields = FormFields(request.uri.query ?? "")
            region = try fields.text("region", atMost: ListParameters.maximumText)
            year = try WebApp.year(fields, "year")
        }

        var queryString: String {
            var pairs: [(String, String)] = []
            if let region { pairs.append(("region", region)) }
            if let year { pairs.append(("year", String(year))) }
            return pairs.map { "\($0)=\(FormFields.encode($1))" }.joined(separator: "&")
        }
    }

    /// A year in a query string: 1990 to 2200, or absent.
    static func year(_ fields: FormFields, _ name: String = "year") throws(WebError) -> Int? {
        guard let text = fields.text(name) else { return nil }
        guard let year = Int(text), (1990...2200).contains(year) else {
            throw .badRequest("年度应为 1990 至 2200 之间的年份，如 2024；收到的是「\(text)」。")
        }
        return year
    }

    /// The latest year with a current report, or nil for an empty corpus.
    func latestYear() async throws -> Int? {
        try await query { try $0.reportPage(ReportQuery(order: .year, limit: 1)).rows.first?.record.year }
    }

    /// The rollup a request names: a 400 for an unknown region, as every page. Kept a minute (``StatisticsCache``):
    /// a city's rollup loads every report of the city.
    func rollup(_ region: String, year: Int) async throws -> RegionRollup {
        try await statisticsCache.value("rollup \(year) \(region)") {
            try await query { try RegionRollup.build(store: $0, region: region, year: year) }
        }
    }

    func rollupPage(_ request: Request) async throws -> Response {
        let asked = try RollupRequest(request)
        let year: Int? = if let year = asked.year { year } else { try await latestYear() }
        var content: HTML = "<h1>汇总</h1>\n" + rollupForm(region: asked.region, year: year)
        guard let year else {
            content += "<p class=\"notice-box\">报告库中还没有报告，无法汇总。</p>\n"
            return Responses.page(Page(title: "汇总", section: .rollup, content: content))
        }
        guard let region = asked.region else {
            content += try await regionChoice(year: year, below: nil)
            return Responses.page(Page(title: "汇总", section: .rollup, content: content))
        }
        let rolled = try await rollup(region, year: year)
        let title = "\(rolled.region.name)\(year)年度汇总"
        content = "<h1>\(title)</h1>\n" + rollupForm(region: region, year: year) + rollupBody(rolled)
        content += try await regionChoice(year: year, below: rolled.region.code)
        return Responses.page(Page(title: title, section: .rollup, content: content))
    }

    func rollupForm(region: String?, year: Int?) -> HTML {
        """
        <form class="filters" method="get" action="/rollup">
        <label>地区（名称或代码） <input type="text" name="region" value="\(region ?? "")" required></label>
        <label>年度 <input type="number" name="year" min="1990" max="2200" value="\(year.map(String.init) ?? "")"></label>
        <button type="submit">汇总</button>
        </form>

        """
    }

    /// The regions directly below a region (or the top-level ones) with their reports on the year, each a link to
    /// its own 汇总.
    func regionChoice(year: Int, below code: String?) async throws -> HTML {
        let groups = try await measureTotals(MeasureQuery(region: code, years: year...year, grouping: .subregion))
        let regions = groups.filter { $0.key != nil && $0.key != code }
        guard !regions.isEmpty else {
            return code == nil
                ? """
                <p class="notice-box">尚未导入地区名录，或\(year)年度的报告都未归入地区。\
                请先用 <code>gongkai agency import-regions regions.csv</code> 导入（CSV 列：code,name,parent,level）。</p>

                """
                : ""
        }
        var html: HTML = """
            <h2>\(code == nil ? "选择地区" : "下级地区")</h2>
            <ul class="regions">
            """
        for group in regions {
            let key = group.key ?? ""
            html += """
                <li><a href="/rollup?region=\(FormFields.encode(key))&amp;year=\(year)">\(group.name ?? key)</a>\
                （\(group.reports) 份报告）</li>
                """
        }
        return html + "</ul>\n"
    }

    /// The most agencies 汇总 lists by name, summed or missing; a larger region's lists link to the pages that list
    /// them all (报告库 and 未报送, paged and exported there).
    static let rollupListed = 200

    func rollupBody(_ rolled: RegionRollup) -> HTML {
        let rollup = rolled.rollup
        let report = rollup.report
        let query = "region=\(FormFields.encode(rolled.region.code))&amp;year=\(rolled.year)"
        let findings = FindingList(rolled.findings, source: report.source)
        var html: HTML = """
            <p class="lead">\(report.introduction)</p>
            <div class="counts" role="status">
            <span>汇总 <strong>\(rollup.included.count)</strong> 个机关的报告</span>
            <span>缺少报告 <strong>\(rolled.missing.count)</strong> 个机关</span>
            <span>格式不符未计入 <strong>\(rollup.excluded.count)</strong> 份</span>
            <span>汇总数字的问题：<strong>\(findings.counts)</strong></span>
            </div>
            <p class="lead">汇总结果每分钟更新。</p>
            <ul class="downloads">
            <li><a href="/rollup.docx?\(HTML(trusted: query))" download>汇总报告（Word）</a></li>
            <li><a href="/rollup.xlsx?\(HTML(trusted: query))" download>各机关的数字（Excel）</a></li>
            <li><a href="/api/v1/rollup?\(HTML(trusted: query))">汇总数字（JSON）</a></li>
            </ul>

            """
        if rollup.included.isEmpty {
            html += "<p class=\"notice-box\">「\(rolled.region.name)」及其下级地区\(rolled.year)年度没有报告，各项之和均为 0。</p>\n"
        }
        html += "<h2>表格</h2>\n"
        if !rolled.incompleteRows.isEmpty {
            html += "<ul class=\"notes\">\n"
            for row in rolled.incompleteRows {
                html += "<li>\(row.label)：至多 \(row.reports) 份报告的 \(row.cells) 个单元格为空或无法确定，未计入。</li>\n"
            }
            html += "</ul>\n"
        }
        html += NationalTables.html(
            figures: report.figures,
            template: report.template,
            errorIDs: FindingList.errorIDs(rolled.findings)
        )
        html += "<h2 id=\"findings\">汇总数字的问题</h2>\n<p>只检查各表自身的勾稽关系（各报告的文字部分不汇总）。</p>\n" + findings.html
        html += "<h2>汇总的机关（\(rollup.included.count)）</h2>\n"
        if !rollup.included.isEmpty {
            html += """
                <div class="scroll"><table class="list">
                <thead><tr><th>机关</th><th>地区</th><th>格式</th><th class="n">错误</th><th class="n">警告</th>\
                <th>报告</th></tr></thead>
                <tbody>

                """
            for listed in rollup.included.prefix(Self.rollupListed) { html += includedRow(listed) }
            html += "</tbody></table></div>\n"
            if rollup.included.count > Self.rollupListed {
                html += """
                    <p>以上为按机关名称排列的前 \(Self.rollupListed) 个机关；全部 \(rollup.included.count) 个见\
                    <a href="/reports?\(HTML(trusted: query))&amp;sort=agency">报告库</a>（可分页、导出）。</p>

                    """
            }
        }
        if !rollup.excluded.isEmpty {
            html += "<h2>格式不符、未计入的报告（\(rollup.excluded.count)）</h2>\n<ul>\n"
            for listed in rollup.excluded {
                html += """
                    <li><a href="/reports/\(listed.record.id ?? 0)">\(listed.agencyName)</a>\
                    （\(listed.record.template ?? "未识别")年格式）</li>

                    """
            }
            html += "</ul>\n"
        }
        html += "<h2>缺少报告的机关（\(rolled.missing.count)）</h2>\n"
        if rolled.missing.isEmpty {
            html += "<p>名录中本地区的机关都有报告。</p>\n"
        } else {
            html += "<ul>\n"
            for agency in rolled.missing.prefix(Self.rollupListed) {
                html += "<li>\(agency.agency)（\(agency.region ?? agency.regionCode ?? "")）</li>\n"
            }
            html += "</ul>\n"
            if rolled.missing.count > Self.rollupListed {
                html += """
                    <p>以上为前 \(Self.rollupListed) 个；全部 \(rolled.missing.count) 个见\
                    <a href="/missing?\(HTML(trusted: query))">未报送</a>。</p>

                    """
            }
        }
        if !rolled.unreadable.isEmpty {
            html += """
                <h2>无法读取的文件（\(rolled.unreadable.count)）</h2>
                <p>这些文件未能读取，也就无法归入任何机关，其中可能有本地区的报告：</p>
                <ul class="files">

                """
            for failure in rolled.unreadable.prefix(50) {
                html += "<li>\(failure.sourcePath)：\(failure.reason)</li>\n"
            }
            if rolled.unreadable.count > 50 { html += "<li>……另有 \(rolled.unreadable.count - 50) 个</li>\n" }
            html += "</ul>\n"
        }
        return html
    }

    func includedRow(_ listed: ReportListing) -> HTML {
        let errorClass: HTML = listed.record.errors > 0 ? " bad" : ""
        return """
            <tr><td><a href="/agencies/\(listed.record.agencyID)">\(listed.agencyName)</a></td>\
            <td>\(listed.regionName ?? "")</td><td>\(listed.record.template ?? "未识别")</td>\
            <td class="n\(errorClass)">\(listed.record.errors)</td><td class="n">\(listed.record.warnings)</td>\
            <td><a href="/reports/\(listed.record.id ?? 0)">查看</a></td></tr>

            """
    }

    /// The region and year of a download: both must be given.
    func rollupDownload(_ request: Request) async throws -> RegionRollup {
        let asked = try RollupRequest(request)
        guard let region = asked.region, let year = asked.year else {
            throw WebError.badRequest("请同时指定地区（region）和年度（year），如 ?region=3208&year=2024。")
        }
        return try await rollup(region, year: year)
    }

    /// `/rollup.docx`: the rolled-up report in the national layout, as `gongkai render --to docx` writes it.
    func rollupWord(_ request: Request) async throws -> Response {
        let rolled = try await rollupDownload(request)
        let report = rolled.rollup.report
        let data: Data
        do {
            data = try await BlockingWork.run { try ReportDOCX.render(report) }
        } catch {
            throw WebError(.internalServerError, "无法生成 Word 文件：\(error)")
        }
        return Responses.attachment(
            data,
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            fileName: "rollup-\(Self.asciiName(rolled.region.code))-\(rolled.year).docx",
            displayName: "\(rolled.region.name)\(rolled.year)年度汇总.docx"
        )
    }

    /// `/rollup.xlsx`: the reports summed, one row each on every table's sheet, and the agencies missing.
    func rollupWorkbook(_ request: Request) async throws -> Response {
        let rolled = try await rollupDownload(request)
        let filter = ReportFilter(year: rolled.year, region: rolled.region.code)
        let data = try await workbook(filter)
        return Responses.attachment(
            data,
            contentType: Self.xlsxType,
            fileName: "rollup-\(Self.asciiName(rolled.region.code))-\(rolled.year).xlsx",
            displayName: "\(rolled.region.name)\(rolled.year)年度各机关数字.xlsx"
        )
    }

    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The letters, digits and hyphens of a code, for an ASCII file name.
    static func asciiName(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
        return kept.isEmpty ? "region" : String(String.UnicodeScalarView(kept))
    }

    /// A workbook of the reports a filter selects (``CorpusWorkbook``), written off the concurrency pool.
    func workbook(_ filter: ReportFilter) async throws -> Data {
        do {
            return try await query { try CorpusWorkbook.render(store: $0, filter: filter) }
        } catch let error as CorpusWorkbook.WriteError {
            throw WebError(.internalServerError, "无法生成 Excel 文件：\(error.description)")
        }
    }

    // MARK: JSON

    /// `GET /api/v1/rollup?region=&year=` (both required):
    ///
    /// ```
    /// {"schemaVersion": 1,
    ///  "region": {"code": "3208", "name": "淮安市"}, "year": 2024, "template": "2021",
    ///  "figures": {"t3.received.natural": 12, …},          // every cell of the year's format, summed
    ///  "incomplete": {"t3.granted.total": 1, …},           // cells left out of the sum, and in how many reports
    ///  "included": [{"reportId": 7, "agencyId": 3, "agency": "…", "regionCode": "…"}, …],
    ///  "excluded": [same shape: reports in another format than the year requires],
    ///  "missing": [{"agency": "…", "regionCode": "…", "region": "…"}, …],
    ///  "unreadable": [{"file": "…", "reason": "…"}, …],
    ///  "findings": [{"code": "R2", "severity": "error", "table": 3, "message": "…", "figures": ["t3…", …]}, …]}
    /// ```
    ///
    /// A key whose value would be null is left out (`regionCode`, `region`, `table`).
    struct RollupJSON: Codable {
        struct Region: Codable {
            var code: String
            var name: String
        }

        struct Report: Codable {
            var reportId: Int64
            var agencyId: Int64
            var agency: String
            var regionCode: String?
        }

        struct Missing: Codable {
            var agency: String
            var regionCode: String?
            var region: String?
        }

        struct Unreadable: Codable {
            var file: String
            var reason: String
        }

        struct Finding: Codable {
            var code: String
            var severity: String
            var table: Int?
            var message: String
            var figures: [String]
        }

        var schemaVersion: Int
        var region: Region
        var year: Int
        var template: String
        var figures: [String: Decimal]
        var incomplete: [String: Int]
        var included: [Report]
        var excluded: [Report]
        var missing: [Missing]
        var unreadable: [Unreadable]
        var findings: [Finding]
    }

    func apiRollup(_ request: Request) async throws -> Response {
        try FormFields(request.uri.query ?? "").requireValues(["year"])
        let rolled = try await rollupDownload(request)
        let rollup = rolled.rollup
        func report(_ listed: ReportListing) -> RollupJSON.Report {
            .init(
                reportId: listed.record.id ?? 0,
                agencyId: listed.record.agencyID,
                agency: listed.agencyName,
                regionCode: listed.regionCode
            )
        }
        let json = RollupJSON(
            schemaVersion: Self.apiSchemaVersion,
            region: .init(code: rolled.region.code, name: rolled.region.name),
            year: rolled.year,
            template: (rollup.report.template ?? .v2021).rawValue,
            figures: Dictionary(
                uniqueKeysWithValues: rollup.report.figures.compactMap { id, figure in
                    figure.value.number.map { (id.rawValue, $0) }
                }
            ),
            incomplete: Dictionary(uniqueKeysWithValues: rollup.incomplete.map { ($0.key.rawValue, $0.value) }),
            included: rollup.included.map(report),
            excluded: rollup.excluded.map(report),
            missing: rolled.missing.map { .init(agency: $0.agency, regionCode: $0.regionCode, region: $0.region) },
            unreadable: rolled.unreadable.map { .init(file: $0.sourcePath, reason: $0.reason) },
            findings: rolled.findings.map { finding in
                .init(
                    code: finding.code,
                    severity: finding.severity.rawValue,
                    table: finding.table?.rawValue,
                    message: finding.message,
                    figures: finding.figures.map(\.id.rawValue)
                )
            }
        )
        return Responses.json(try Self.encode(json))
    }
}

extension Responses {
    /// Bytes to save under a file name: `fileName` is ASCII; `displayName`, the name in Chinese, is sent as RFC 5987
    /// `filename*`.
    static func attachment(_ data: Data, contentType: String, fileName: String, displayName: String) -> Response {
        let buffer = ByteBuffer(bytes: data)
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType, .contentLength: String(buffer.readableBytes),
                .contentDisposition: Self.disposition(fileName: fileName, displayName: displayName),
            ],
            body: ResponseBody(byteBuffer: buffer)
        )
    }

    static func disposition(fileName: String, displayName: String) -> String {
        "attachment; filename=\"\(fileName)\"; filename*=UTF-8''\(FormFields.encode(displayName))"
    }
}
