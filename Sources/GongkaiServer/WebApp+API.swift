import Foundation
import GongkaiModel
import GongkaiOutput
import GongkaiStore
import Hummingbird

/// The JSON API under `/api/v1`: the 报告库 listing with the page's filters, one stored report, and a check of a
/// file sent as the request body (answered in the JSON of `gongkai parse --format json`).
extension WebApp {
    /// Bumped whenever a field of the API's answers changes meaning or disappears.
    static let apiSchemaVersion = 1

    struct ReportSummaryJSON: Codable {
        struct Agency: Codable {
            var id: Int64
            var name: String
        }

        struct Region: Codable {
            var code: String
            var name: String?
        }

        var id: Int64
        var agency: Agency
        var region: Region?
        var printedAgency: String
        var year: Int
        var version: Int
        var current: Bool
        var template: String?
        var sourcePath: String
        var sourceFormat: String
        var publicationDate: String?
        var errors: Int
        var warnings: Int
        var notices: Int

        init(_ record: ReportRecord, agency: Agency, region: Region?) {
            id = record.id ?? 0
            self.agency = agency
            self.region = region
            printedAgency = record.printedAgency
            year = record.year
            version = record.version
            current = record.status == .current
            template = record.template
            sourcePath = record.sourcePath
            sourceFormat = record.sourceFormat
            publicationDate = record.publicationDate
            errors = record.errors
            warnings = record.warnings
            notices = record.notices
        }
    }

    struct ReportListJSON: Codable {
        var schemaVersion: Int
        var total: Int
        var withErrors: Int
        var errors: Int
        var warnings: Int
        var page: Int
        var perPage: Int
        var reports: [ReportSummaryJSON]
    }

    struct FindingJSON: Codable {
        var scope: String
        var code: String
        var severity: String
        var table: Int?
        var message: String
        var line: Int?
        var column: Int?
        var figures: [String]
    }

    struct ReportDetailJSON: Codable {
        var schemaVersion: Int
        var report: ReportSummaryJSON
        /// Every figure the report prints: a number, or null when printed empty or not a number.
        var figures: [String: Decimal?]
        /// Figures that exist but cannot be determined.
        var unknown: [String]
        var findings: [FindingJSON]
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    func apiReports(_ request: Request) async throws -> Response {
        let fields = FormFields(request.uri.query ?? "")
        try fields.requireValues(ListParameters.valueFields)
        let parameters = try ListParameters(fields, defaultPerPage: options.pageSize)
        let query = parameters.query
        let page = try await self.query { try $0.reportPage(query) }
        let list = ReportListJSON(
            schemaVersion: Self.apiSchemaVersion,
            total: page.total,
            withErrors: page.withErrors,
            errors: page.errors,
            warnings: page.warnings,
            page: parameters.page,
            perPage: parameters.perPage,
            reports: page.rows.map { row in
                ReportSummaryJSON(
                    row.record,
                    agency: .init(id: row.record.agencyID, name: row.agencyName),
                    region: row.regionCode.map { .init(code: $0, name: row.regionName) }
                )
            }
        )
        return Responses.json(try Self.encode(list))
    }

    func apiReport(_ idText: String) async throws -> Response {
        let id = try Self.id(idText, of: "报告")
        guard let stored = try await query({ try $0.report(id: id) }) else {
            throw WebError.notFound("没有编号为 \(id) 的报告。")
        }
        var figures: [String: Decimal?] = [:]
        var unknown: [String] = []
        for (id, figure) in stored.figures {
            if figure.value == .unknown {
                unknown.append(id.rawValue)
            } else {
                figures[id.rawValue] = figure.value.number
            }
        }
        let detail = ReportDetailJSON(
            schemaVersion: Self.apiSchemaVersion,
            report: ReportSummaryJSON(
                stored.record,
                agency: .init(id: stored.agency.id ?? 0, name: stored.agency.name),
                region: stored.region.map { .init(code: $0.code, name: $0.name) }
            ),
            figures: figures,
            unknown: unknown.sorted(),
            findings: stored.findings.map(Self.findingJSON)
        )
        return Responses.json(try Self.encode(detail))
    }

    /// `POST /api/v1/check?name=report.pdf`: the body is the file itself.
    func apiCheck(_ request: Request, context: WebContext) async throws -> Response {
        let name = Self.fileName(try FormFields(request.uri.query ?? "").text("name", atMost: 200))
        let body = try await Self.body(request, limit: WebOptions.uploadLimit)
        guard !body.isEmpty else { throw WebError.badRequest("请求体为空：请把报告文件本身作为请求体发送。") }
        let result = try await read(Upload(name: name, bytes: body))
        return Responses.json(ReportJSON.object(result.report, findings: result.findings) + "\n")
    }
}
