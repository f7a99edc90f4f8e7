import Foundation
import GongkaiModel
import GongkaiOutput
import GongkaiStore
import Hummingbird

/// 单位页: one agency — its years side by side with the change from each year to the next, every stored version,
/// and the findings of its current reports, cross-year ones marked.
extension WebApp {
    func agencyPage(_ idText: String) async throws -> Response {
        let id = try Self.id(idText, of: "机关")
        let found = try await query { store -> (AgencyRecord, [StoredReport], RegionRecord?)? in
            guard let agency = try store.agency(id: id) else { return nil }
            let reports = try store.reports(agencyID: id, year: nil, allVersions: true)
            return (agency, reports, try agency.regionCode.flatMap { try store.region($0) })
        }
        guard let (agency, reports, region) = found else { throw WebError.notFound("没有编号为 \(id) 的机关。") }
        let current = reports.filter { $0.record.status == .current }
        let regionLine: HTML =
            region.map { "<p class=\"lead\">地区：\($0.name)（\($0.code)）</p>\n" }
            ?? agency.regionCode.map { "<p class=\"lead\">地区代码：\($0)</p>\n" } ?? ""
        let listed: HTML = agency.listed ? "<p>此机关在应报送机关名单中。</p>\n" : ""
        var content: HTML = "<h1>\(agency.name)</h1>\n\(regionLine)\(listed)"
        if reports.isEmpty {
            content += "<p>报告库中没有此机关的报告。</p>\n"
        } else {
            content += "<h2>各年度主要数字</h2>\n" + yearsSideBySide(current)
            content += "<h2>各年度报告</h2>\n" + versionsTable(reports)
            for stored in current.reversed() {
                let findings = FindingList(stored.findings, sourceFormat: stored.record.sourceFormat)
                content += """
                    <h2>\(stored.record.year)年度的问题（\(findings.counts)）</h2>
                    \(findings.html)
                    """
            }
        }
        return Responses.page(Page(title: agency.name, section: .library, content: content))
    }

    /// The main figures (``YearComparison/rows``) of every year, oldest first, each with its change from the year
    /// before when both years print it.
    func yearsSideBySide(_ reports: [StoredReport]) -> HTML {
        let headers = reports.map { stored -> HTML in
            "<th class=\"n\"><a href=\"/reports/\(stored.record.id ?? 0)\">\(stored.record.year)年</a></th>"
        }
        var html: HTML = """
            <div class="scroll"><table class="list years">
            <thead><tr><th>项目</th>\(headers)</tr></thead>
            <tbody>

            """
        for (label, id) in YearComparison.rows {
            let values = reports.map { $0.figures[id]?.value.number }
            guard values.contains(where: { $0 != nil }) else { continue }
            var cells: [HTML] = []
            for (index, value) in values.enumerated() {
                guard let value else {
                    cells.append("<td class=\"n\">-</td>")
                    continue
                }
                var change: HTML = ""
                let adjacent = index > 0 && reports[index - 1].record.year == reports[index].record.year - 1
                if adjacent, let last = values[index - 1] {
                    let difference = value - last
                    let sign = difference > 0 ? "+" : ""
                    let direction: HTML = difference > 0 ? " up" : difference < 0 ? " down" : ""
                    change = " <span class=\"change\(direction)\">（\(sign)\(difference.description)）</span>"
                }
                cells.append("<td class=\"n\">\(value.description)\(change)</td>")
            }
            html += "<tr><th scope=\"row\">\(label)</th>\(cells)</tr>\n"
        }
        return html + "</tbody></table></div>\n<p class=\"lead\">括号内为与上一年度相比的增减；「-」表示报告未印出此项。</p>\n"
    }

    func versionsTable(_ reports: [StoredReport]) -> HTML {
        var html: HTML = """
            <div class="scroll"><table class="list">
            <thead><tr><th class="n">年度</th><th class="n">版本</th><th>状态</th><th>格式</th><th>文件</th>\
            <th>发布日期</th><th class="n">错误</th><th class="n">警告</th><th class="n">提示</th><th>详情</th></tr></thead>
            <tbody>

            """
        for stored in reports.reversed() {
            let record = stored.record
            // Counted from the stored findings, so that the cross-year ones count too.
            func count(_ severity: Severity) -> HTML {
                let matching = stored.findings.filter { $0.severity == severity.rawValue }
                let crossYear = matching.filter { $0.scope == .crossYear }.count
                let note: HTML = crossYear > 0 ? "（跨年度 \(crossYear)）" : ""
                return "\(matching.count)\(note)"
            }
            html += """
                <tr><td class="n">\(record.year)</td><td class="n">\(record.version)</td>\
                <td>\(record.status == .current ? "现行" : "已被替换")</td><td>\(record.template ?? "未识别")</td>\
                <td class="file" title="\(record.sourcePath)">\(sourceCell(stored))</td>\
                <td>\(record.publicationDate ?? "")</td><td class="n">\(count(.error))</td>\
                <td class="n">\(count(.warning))</td><td class="n">\(count(.notice))</td>\
                <td><a href="/reports/\(record.id ?? 0)">查看</a></td></tr>

                """
        }
        return html + "</tbody></table></div>\n"
    }

    /// The last part of a stored path: the file's own name.
    static func fileName(path: String) -> String {
        path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? path
    }
}
