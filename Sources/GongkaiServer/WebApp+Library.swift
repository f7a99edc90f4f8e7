import GongkaiIsolation
import GongkaiModel
import GongkaiStore
import Hummingbird

/// 报告库: the stored reports (current versions), filtered, sorted and a page at a time, and each report on a page
/// of its own.
extension WebApp {
    func library(_ request: Request) async throws -> Response {
        let parameters = try ListParameters(FormFields(request.uri.query ?? ""), defaultPerPage: options.pageSize)
        let query = parameters.query
        let page = try await self.query { try $0.reportPage(query) }
        let pages = max(1, (page.total + parameters.perPage - 1) / parameters.perPage)
        var content: HTML = """
            <h1>报告库</h1>
            \(filterForm(parameters))
            <div class="counts" role="status">
            <span>符合条件的现行报告 <strong>\(page.total)</strong> 份</span>
            <span>其中有错误的 <strong>\(page.withErrors)</strong> 份</span>
            <span>错误合计 <strong>\(page.errors)</strong> 个，警告 <strong>\(page.warnings)</strong> 个</span>
            </div>

            """
        if page.rows.isEmpty {
            content += page.total == 0 ? "<p>没有符合条件的报告。</p>\n" : "<p>此页没有报告（共 \(pages) 页）。</p>\n"
        } else {
            content += listTable(page.rows)
        }
        content += pageLinks(parameters, pages: pages)
        content += exportLinks(parameters, total: page.total)
        return Responses.page(Page(title: "报告库", section: .library, content: content))
    }

    func filterForm(_ parameters: ListParameters) -> HTML {
        func option(_ value: String, _ label: String, selected: Bool) -> HTML {
            selected
                ? "<option value=\"\(value)\" selected>\(label)</option>"
                : "<option value=\"\(value)\">\(label)</option>"
        }
        let templates = [("", "全部"), ("2021", "2021 年格式"), ("2019", "2019 年格式")].map {
            option($0.0, $0.1, selected: (parameters.template ?? "") == $0.0)
        }
        let findings = [("", "全部"), ("errors", "有错误"), ("warnings", "只有警告"), ("clean", "无错误和警告")].map {
            option($0.0, $0.1, selected: (parameters.findings?.rawValue ?? "") == $0.0)
        }
        let orders = [("year", "年度（新的在前）"), ("agency", "机关名称"), ("errors", "错误数（多的在前）")].map {
            option($0.0, $0.1, selected: parameters.order.rawValue == $0.0)
        }
        return """
            <form class="filters" method="get" action="/reports">
            <label>年度 <input type="number" name="year" min="1990" max="2200" value="\(parameters.year.map(String.init) ?? "")"></label>
            <label>地区（名称或代码） <input type="text" name="region" value="\(parameters.region ?? "")"></label>
            <label>机关 <input type="search" name="agency" value="\(parameters.agency ?? "")"></label>
            <label>格式 <select name="template">\(templates)</select></label>
            <label>问题 <select name="findings">\(findings)</select></label>
            <label>排序 <select name="sort">\(orders)</select></label>
            <label>每页 <input type="number" name="per_page" min="1" max="\(ListParameters.maximumPerPage)" value="\(parameters.perPage)"></label>
            <button type="submit">筛选</button>
            </form>
            """
    }

    func listTable(_ rows: [ReportListing]) -> HTML {
        var html: HTML = """
            <div class="scroll"><table class="list">
            <thead><tr><th>机关</th><th>地区</th><th class="n">年度</th><th>格式</th><th class="n">版本</th>\
            <th>发布日期</th><th class="n">错误</th><th class="n">警告</th><th class="n">提示</th><th>详情</th></tr></thead>
            <tbody>

            """
        for row in rows {
            let record = row.record
            let id = record.id ?? 0
            let errors: HTML = record.errors > 0 ? " bad" : ""
            let warnings: HTML = record.warnings > 0 ? " warn" : ""
            html += """
                <tr><td><a href="/agencies/\(record.agencyID)">\(row.agencyName)</a></td>\
                <td>\(row.regionName ?? row.regionCode ?? "")</td><td class="n">\(record.year)</td>\
                <td>\(record.template ?? "未识别")</td><td class="n">\(record.version)</td>\
                <td>\(record.publicationDate ?? "")</td><td class="n\(errors)">\(record.errors)</td>\
                <td class="n\(warnings)">\(record.warnings)</td><td class="n">\(record.notices)</td>\
                <td><a href="/reports/\(id)">查看</a></td></tr>

                """
        }
        return html + "</tbody></table></div>\n"
    }

    func pageLinks(_ parameters: ListParameters, pages: Int) -> HTML {
        guard pages > 1 || parameters.page > 1 else { return "" }
        let previous: HTML =
            parameters.page > 1
            ? "<a href=\"/reports?\(parameters.queryString(page: min(parameters.page - 1, pages)))\" rel=\"prev\">上一页</a>"
            : ""
        let next: HTML =
            parameters.page < pages
            ? "<a href=\"/reports?\(parameters.queryString(page: parameters.page + 1))\" rel=\"next\">下一页</a>" : ""
        return """
            <nav class="pages" aria-label="分页">\(previous)<span>第 \(parameters.page) / \(pages) 页</span>\(next)</nav>

            """
    }

    func storedReport(_ idText: String) async throws -> Response {
        let id = try Self.id(idText, of: "报告")
        guard let stored = try await query({ try $0.report(id: id) }) else {
            throw WebError.notFound("没有编号为 \(id) 的报告。")
        }
        let record = stored.record
        var findings = FindingList(stored.findings, sourceFormat: stored.record.sourceFormat)
        findings.attach(await pageViews(stored))
        let drawn = await drawnTables(stored)
        if let drawn { findings.link(drawn.places, in: drawn.view) }
        let status = record.status == .current ? "现行版本" : "已被替换的版本"
        let region: HTML = stored.region.map { "<dt>地区</dt><dd>\($0.name)（\($0.code)）</dd>" } ?? ""
        let content: HTML = """
            <h1>\(record.printedAgency) \(record.year)年度</h1>
            <dl class="meta">
            <dt>机关</dt><dd><a href="/agencies/\(record.agencyID)">\(stored.agency.name)</a></dd>
            \(region)<dt>版本</dt><dd>第 \(record.version) 版（\(status)）</dd>
            <dt>格式</dt><dd>\(stored.template.map { "\($0.rawValue)年格式（\($0.citation)）" } ?? "未能识别")</dd>
            <dt>文件</dt><dd>\(record.sourcePath)（\(Self.formatName(SourceFormat(rawValue: record.sourceFormat) ?? .text))）</dd>
            <dt>发布日期</dt><dd>\(record.publicationDate ?? "未印出")</dd>
            <dt>问题</dt><dd><strong>\(findings.counts)</strong></dd>
            </dl>
            <ul class="downloads"><li><a href="/api/v1/reports/\(id)">数字和问题（JSON）</a></li>
            \(sourceLink(stored))\(downloadLinks("/reports/\(id)"))</ul>
            <h2>表格</h2>
            \(NationalTables.html(figures: stored.figures, template: stored.template, errorIDs: FindingList.errorIDs(stored.findings)))
            <h2 id="findings">问题</h2>
            \(findings.html)\(drawn?.html ?? .empty)
            """
        return Responses.page(
            Page(title: "\(record.printedAgency) \(record.year)年度", section: .library, content: content)
        )
    }

    /// A stored web page's or Word file's tables as the file lays them out, with the place of each finding in them
    /// (the cell at the finding's line and column, else the first of its cells in a table); nil when the corpus
    /// does not hold the file or it cannot be read now (the readers are busy).
    func drawnTables(_ stored: StoredReport) async -> (view: SourceTableView, places: [SourceLocation?], html: HTML)? {
        guard let format = SourceFormat(rawValue: stored.record.sourceFormat), format == .html || format == .docx,
            stored.source != nil, let id = stored.record.id,
            let figurePlaces = try? await query({ try $0.figurePlaces(reportID: id) }),
            figurePlaces.values.contains(where: { $0.table != nil })
        else { return nil }
        let hash = stored.record.contentHash
        var tables = sourceTables.tables(hash)
        if tables == nil {
            guard let file = try? await query({ try $0.sourceFile(reportID: id) }),
                case .report(let report, _, _) = try? await gate.read(
                    ReadRequest(name: file.fileName, bytes: file.bytes, keepsSourceLines: false)
                )
            else { return nil }
            sourceTables.keep(report.source.tables, hash: hash)
            tables = report.source.tables
        }
        var figures = stored.figures
        for (figureID, place) in figurePlaces {
            guard var figure = figures[figureID] else { continue }
            var location = figure.location ?? SourceLocation()
            (location.table, location.row, location.cell) = (place.table, place.row, place.cell)
            figure.location = location
            figures[figureID] = figure
        }
        let places = stored.findings.map { record -> SourceLocation? in
            let ids = FindingList.figureIDs(record)
            let own = ids.filter { figureID in
                let location = stored.figures[figureID]?.location
                return location?.line == record.line && location?.column == record.col
            }
            return (own + ids).lazy.compactMap { figures[$0]?.location }.first { $0.table != nil }
        }
        let source = SourceInfo(name: stored.record.sourcePath, format: format, tables: tables ?? [])
        let view = SourceTableView(source: source, places: places, figures: figures)
        let html = view.html(
            figures: figures,
            errorIDs: FindingList.errorIDs(stored.findings),
            findingPlaces: places
        )
        return (view, places, html)
    }
}
