import GongkaiStore
import Hummingbird

/// 未报送: the agencies of the imported region tree that have no report on a year (the latest year stored unless
/// the request names one), in a region or everywhere.
extension WebApp {
    func missingPage(_ request: Request) async throws -> Response {
        let fields = FormFields(request.uri.query ?? "")
        let asked = try WebApp.year(fields)
        let region = fields.text("region")
        let found = try await query {
            store -> (regions: Bool, year: Int?, missing: [AgencyRecord], names: [String: String]) in
            let regions = try store.hasRegions()
            let year = try asked ?? store.reportPage(ReportQuery(order: .year, limit: 1)).rows.first?.record.year
            guard regions, let year else { return (regions, year, [], [:]) }
            let missing = try store.missing(year: year, region: region)
            return (regions, year, missing, try Self.regionNames(missing, store))
        }
        let form: HTML = """
            <form class="filters" method="get" action="/missing">
            <label>年度 <input type="number" name="year" min="1990" max="2200" value="\(found.year.map(String.init) ?? "")"></label>
            <label>地区（名称或代码） <input type="text" name="region" value="\(region ?? "")"></label>
            <button type="submit">查看</button>
            </form>

            """
        var content: HTML = "<h1>未报送</h1>\n" + form
        if !found.regions {
            content += """
                <p class="notice-box">尚未导入地区和应报送机关名单，无法判断哪些机关缺少报告。\
                请先用 <code>gongkai agency import-regions regions.csv</code> 导入（CSV 列：code,name,parent,level）。</p>

                """
        } else if let year = found.year {
            let scope = region.map { "「\($0)」及其下级地区" } ?? "全部地区"
            content +=
                "<p class=\"summary\" role=\"status\">\(scope)\(year)年度缺少 <strong>\(found.missing.count)</strong> 个机关的报告。</p>\n"
            if !found.missing.isEmpty {
                content += """
                    <div class="scroll"><table class="list">
                    <thead><tr><th>机关</th><th>所属地区</th><th>地区代码</th></tr></thead>
                    <tbody>

                    """
                for agency in found.missing {
                    let code = agency.regionCode ?? ""
                    content += """
                        <tr><td><a href="/agencies/\(agency.id ?? 0)">\(agency.name)</a></td>\
                        <td>\(found.names[code] ?? "")</td><td>\(code)</td></tr>

                        """
                }
                content += "</tbody></table></div>\n"
            }
        } else {
            content += "<p>报告库中还没有报告；请指定年度。</p>\n"
        }
        return Responses.page(Page(title: "未报送", section: .missing, content: content))
    }
}
