import Foundation
import GongkaiStore

/// The filters, order and page of the 报告库 listing, read from a query string (the page's form and the API take the
/// same): `year`, `region`, `agency`, `template`, `findings`, `sort`, `page`, `per_page`. A value that cannot be
/// used is the request's fault (400), with a sentence saying what is expected.
struct ListParameters: Sendable, Hashable {
    var year: Int?
    var region: String?
    var agency: String?
    var template: String?
    var findings: ReportQuery.Findings?
    var order: ReportQuery.Order = .year
    var page = 1
    var perPage: Int

    static let maximumPerPage = 200
    /// The longest region or agency text a filter takes.
    static let maximumText = 200
    /// The fields whose value must be a number or one of a list: the API refuses them empty.
    static let valueFields = ["year", "template", "findings", "sort", "page", "per_page"]

    init(perPage: Int) { self.perPage = perPage }

    init(_ fields: FormFields, defaultPerPage: Int) throws(WebError) {
        perPage = defaultPerPage
        year = try WebApp.year(fields)
        region = try fields.text("region", atMost: Self.maximumText)
        agency = try fields.text("agency", atMost: Self.maximumText)
        if let text = fields.text("template") {
            guard text == "2021" || text == "2019" else {
                throw .badRequest("格式应为 2021 或 2019；收到的是「\(text)」。")
            }
            template = text
        }
        if let text = fields.text("findings") {
            guard let findings = ReportQuery.Findings(rawValue: text) else {
                throw .badRequest("问题筛选应为 errors（有错误）、warnings（只有警告）或 clean（无错误和警告）；收到的是「\(text)」。")
            }
            self.findings = findings
        }
        if let text = fields.text("sort") {
            guard let order = ReportQuery.Order(rawValue: text) else {
                throw .badRequest("排序应为 year（年度）、agency（机关）或 errors（错误数）；收到的是「\(text)」。")
            }
            self.order = order
        }
        if let text = fields.text("page") {
            guard let page = Int(text), page >= 1, page <= 1_000_000 else {
                throw .badRequest("页码应为正整数；收到的是「\(text)」。")
            }
            self.page = page
        }
        if let text = fields.text("per_page") {
            guard let perPage = Int(text), (1...Self.maximumPerPage).contains(perPage) else {
                throw .badRequest("每页条数应为 1 至 \(Self.maximumPerPage) 之间的整数；收到的是「\(text)」。")
            }
            self.perPage = perPage
        }
    }

    var query: ReportQuery {
        ReportQuery(
            year: year,
            region: region,
            agencyText: agency,
            template: template,
            findings: findings,
            order: order,
            offset: (page - 1) * perPage,
            limit: perPage
        )
    }

    /// The query string of these parameters on another page, filters kept.
    func queryString(page: Int) -> String {
        var pairs: [(String, String)] = []
        if let year { pairs.append(("year", String(year))) }
        if let region { pairs.append(("region", region)) }
        if let agency { pairs.append(("agency", agency)) }
        if let template { pairs.append(("template", template)) }
        if let findings { pairs.append(("findings", findings.rawValue)) }
        if order != .year { pairs.append(("sort", order.rawValue)) }
        if page != 1 { pairs.append(("page", String(page))) }
        pairs.append(("per_page", String(perPage)))
        return pairs.map { "\($0)=\(FormFields.encode($1))" }.joined(separator: "&")
    }
}
