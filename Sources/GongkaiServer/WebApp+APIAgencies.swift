import Foundation
import GongkaiModel
import GongkaiStore
import Hummingbird

/// The agencies in the JSON API: a search by name or alias, one agency with every stored version of its reports,
/// and the agencies that have not published a report on a year (the 单位页 and 未报送 pages as data).
extension WebApp {
    struct AgencyJSON: Codable {
        var id: Int64
        var name: String
        var region: ReportSummaryJSON.Region?
        /// True when the imported list says this agency must publish a report.
        var listed: Bool
    }

    struct AgencyListJSON: Codable {
        var schemaVersion: Int
        var total: Int
        var agencies: [AgencyJSON]
    }

    struct AgencyDetailJSON: Codable {
        var schemaVersion: Int
        var agency: AgencyJSON
        /// Every stored version, newest year first; `current` marks the one each year counts.
        var reports: [ReportSummaryJSON]
        /// The findings of the current report of each year, the cross-year ones (scope `cross-year`) among them.
        var findings: [YearFindingsJSON]
    }

    struct YearFindingsJSON: Codable {
        var year: Int
        var reportID: Int64
        var findings: [FindingJSON]
    }

    struct MissingJSON: Codable {
        var schemaVersion: Int
        /// Null when nothing is stored yet and the request named no year.
        var year: Int?
        var region: String?
        /// False until a region tree with the agencies that must report has been imported.
        var regionsImported: Bool
        var agencies: [AgencyJSON]
    }

    /// The most agencies a search answers with.
    static let agencySearchLimit = 200

    /// `GET /api/v1/agencies?q=TEXT`: agencies whose name or an alias contains the text (all when it is empty),
    /// by name, at most ``agencySearchLimit``; `total` counts every match.
    func apiAgencies(_ request: Request) async throws -> Response {
        let text = try FormFields(request.uri.query ?? "").text("q", atMost: 100) ?? ""
        let found = try await query { store -> ([AgencyRecord], [String: String]) in
            let agencies = try store.searchAgencies(text)
            return (agencies, try Self.regionNames(agencies.prefix(Self.agencySearchLimit), store))
        }
        let list = AgencyListJSON(
            schemaVersion: Self.apiSchemaVersion,
            total: found.0.count,
            agencies: found.0.prefix(Self.agencySearchLimit).map { Self.agencyJSON($0, names: found.1) }
        )
        return Responses.json(try Self.encode(list))
    }

    /// `GET /api/v1/agencies/{id}`.
    func apiAgency(_ idText: String) async throws -> Response {
        let id = try Self.id(idText, of: "机关")
        let found = try await query { store -> (AgencyRecord, [StoredReport], [String: String])? in
            guard let agency = try store.agency(id: id) else { return nil }
            let reports = try store.reports(agencyID: id, year: nil, allVersions: true)
            return (agency, reports, try Self.regionNames([agency], store))
        }
        guard let (agency, reports, names) = found else { throw WebError.notFound("没有编号为 \(id) 的机关。") }
        let agencyJSON = Self.agencyJSON(agency, names: names)
        let newestFirst = reports.sorted { ($0.record.year, $0.record.version) > ($1.record.year, $1.record.version) }
        let detail = AgencyDetailJSON(
            schemaVersion: Self.apiSchemaVersion,
            agency: agencyJSON,
            reports: newestFirst.map {
                ReportSummaryJSON($0.record, agency: .init(id: id, name: agency.name), region: agencyJSON.region)
            },
            findings: newestFirst.filter { $0.record.status == .current }.map { stored in
                YearFindingsJSON(
                    year: stored.record.year,
                    reportID: stored.record.id ?? 0,
                    findings: stored.findings.map(Self.findingJSON)
                )
            }
        )
        return Responses.json(try Self.encode(detail))
    }

    /// `GET /api/v1/missing?year=&region=`: as the 未报送 page (the latest year stored unless one is named).
    func apiMissing(_ request: Request) async throws -> Response {
        let fields = FormFields(request.uri.query ?? "")
        try fields.requireValues(["year"])
        let asked = try Self.year(fields)
        let region = try fields.text("region", atMost: ListParameters.maximumText)
        let found = try await query { store -> MissingJSON in
            let imported = try store.hasRegions()
            let year = try asked ?? store.reportPage(ReportQuery(order: .year, limit: 1)).rows.first?.record.year
            guard imported, let year else {
                return MissingJSON(
                    schemaVersion: Self.apiSchemaVersion,
                    year: year,
                    region: region,
                    regionsImported: imported,
                    agencies: []
                )
            }
            let missing = try store.missing(year: year, region: region)
            let names = try Self.regionNames(missing, store)
            return MissingJSON(
                schemaVersion: Self.apiSchemaVersion,
                year: year,
                region: region,
                regionsImported: true,
                agencies: missing.map { Self.agencyJSON($0, names: names) }
            )
        }
        return Responses.json(try Self.encode(found))
    }

    static func regionNames(
        _ agencies: some Sequence<AgencyRecord>,
        _ store: any ReportStore
    ) throws -> [String: String] {
        var names: [String: String] = [:]
        for code in Set(agencies.compactMap(\.regionCode)) { names[code] = try store.region(code)?.name }
        return names
    }

    static func agencyJSON(_ agency: AgencyRecord, names: [String: String]) -> AgencyJSON {
        AgencyJSON(
            id: agency.id ?? 0,
            name: agency.name,
            region: agency.regionCode.map { .init(code: $0, name: names[$0]) },
            listed: agency.listed
        )
    }

    static func findingJSON(_ record: FindingRecord) -> FindingJSON {
        FindingJSON(
            scope: record.scope.rawValue,
            code: record.code,
            severity: record.severity,
            table: record.tableNo,
            message: record.message,
            line: record.line,
            column: record.col,
            figures: FindingList.figureIDs(record).map(\.rawValue).sorted()
        )
    }
}
