import Foundation
import GRDB
import GongkaiCorpus
import GongkaiModel
import Testing

@testable import GongkaiStore

#if Postgres
import PostgresNIO
#endif

/// Sums over many reports worked out by the store in SQL (the measures kept beside each report, findings by rule)
/// against the same sums worked out here from every stored report's own figures and findings.
@Suite("corpus store statistics")
struct StoreStatisticsTests {
    static let regions = """
        code,name,parent,level
        3208,淮安市,,市
        320813,洪泽区,3208,区
        320812,清江浦区,3208,区
        3506,漳州市,,市
        """

    /// The seeds (both formats, with errors), and generated reports of agencies in two districts of 淮安市 on
    /// 2022–2024: one with 予以公开's 总计 printed empty (its six columns summed instead), one with a column of it
    /// empty too (予以公开 not worked out), and a second, later version of one report.
    static func corpus(_ backend: StoreBackend) throws -> any ReportStore {
        let store = try backend.make()
        _ = try store.importRegions(try RegionCSV.parse(regions))
        for name in Fixtures.seedNames { _ = try store.add([try StoreTesting.seed(name)], failures: []) }
        let agencies = ["淮安市洪泽区人民政府", "淮安市洪泽区司法局", "淮安市清江浦区教育局"]
        for (index, agency) in agencies.enumerated() {
            for year in 2022...2024 {
                let seed = UInt64(index * 100 + year)
                let text = StoreTesting.report(agency: agency, year: year, seed: seed) { figures in
                    if index == 1 && year == 2024 { figures[FigureID("t3.granted.total")] = .blank }
                    if index == 2 && year == 2023 {
                        figures[FigureID("t3.granted.total")] = .blank
                        figures[FigureID("t3.granted.research")] = .blank
                    }
                }.text
                _ = try store.add([try StoreTesting.submission(text, path: "\(index)-\(year).txt")], failures: [])
            }
        }
        let later = StoreTesting.report(agency: agencies[0], year: 2024, seed: 77).text
            .replacingOccurrences(of: "2024年政府信息公开工作年度报告", with: "2024年政府信息公开工作年度报告（更正）")
        _ = try store.add([try StoreTesting.submission(later + "\n", path: "0-2024-b.txt")], failures: [])
        return store
    }

    /// A measure worked out from a report's figures as the format defines it, written out here on its own.
    static func expected(_ measure: String, _ stored: StoredReport) -> Decimal? {
        func number(_ id: String) -> Decimal? { stored.figures[FigureID(id)]?.value.number }
        func row(_ key: String) -> Decimal? {
            if let total = number("t3.\(key).total") { return total }
            let columns = ["natural", "commercial", "research", "nonprofit", "legal", "other"].map {
                number("t3.\(key).\($0)")
            }
            return columns.contains(where: { $0 == nil }) ? nil : columns.compactMap { $0 }.reduce(0, +)
        }
        func all(_ values: [Decimal?]) -> Decimal? {
            values.contains(where: { $0 == nil }) ? nil : values.compactMap { $0 }.reduce(0, +)
        }
        switch measure {
        case "received_natural": return number("t3.received.natural")
        case "handled": return row("total")
        case "granted": return row("granted")
        case "denied":
            return all(
                [
                    "state_secret", "prohibited", "safety_stability", "third_party", "internal", "process",
                    "enforcement_file", "query",
                ].map { row("denied.\($0)") }
            )
        case "other_handling":
            return stored.record.template == "2019"
                ? row("other") : all(["no_amendment", "unpaid_fee", "other"].map { row("other.\($0)") })
        case "review_corrected": return number("t4.review.corrected")
        case "suit_upheld": return all([number("t4.suit_direct.upheld"), number("t4.suit_after_review.upheld")])
        default: return nil
        }
    }

    static let checked = [
        "received_natural", "handled", "granted", "denied", "other_handling", "review_corrected", "suit_upheld",
    ]

    /// Sums and counts of the checked measures over reports, worked out here.
    static func sums(_ reports: [StoredReport]) -> (sums: [String: Decimal], counted: [String: Int]) {
        var sums: [String: Decimal] = [:]
        var counted: [String: Int] = [:]
        for stored in reports {
            for measure in checked {
                guard let value = expected(measure, stored) else { continue }
                sums[measure, default: 0] += value
                counted[measure, default: 0] += 1
            }
        }
        return (sums, counted)
    }

    static func current(_ store: any ReportStore, region: String? = nil) throws -> [StoredReport] {
        var reports: [StoredReport] = []
        try store.forEachReport(ReportFilter(region: region)) { reports.append($0) }
        return reports
    }

    static func expectGroup(
        _ group: MeasureGroup?,
        _ reports: [StoredReport],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let group else {
            Issue.record("no group", sourceLocation: sourceLocation)
            return
        }
        #expect(group.reports == reports.count, sourceLocation: sourceLocation)
        let (sums, counted) = sums(reports)
        for measure in checked {
            let column = ReportMeasure(rawValue: measure)
            #expect(column != nil, sourceLocation: sourceLocation)
            guard let column else { continue }
            #expect(group.sums[column] == sums[measure], "\(measure)", sourceLocation: sourceLocation)
            #expect(group.counted[column] == counted[measure], "\(measure)", sourceLocation: sourceLocation)
        }
    }

    @Test("the measures summed by year match the sums of every current report's figures", arguments: StoreBackend.all)
    func byYear(_ backend: StoreBackend) throws {
        let store = try Self.corpus(backend)
        let reports = try Self.current(store)
        let groups = try store.measureTotals(MeasureQuery(years: 2000...2100))
        #expect(groups.map(\.year) == Array(Set(reports.map(\.record.year))).sorted())
        for group in groups {
            #expect(group.key == nil && group.name == nil)
            Self.expectGroup(group, reports.filter { $0.record.year == group.year })
        }
        // The fall-backs: a 总计 printed empty is its six columns; with a column empty too, nothing.
        let hongze = try #require(try store.agency(named: "淮安市洪泽区司法局")?.id)
        let blankTotal = try #require(try store.reports(agencyID: hongze, year: 2024, allVersions: false).first)
        #expect(blankTotal.figures[FigureID("t3.granted.total")]?.value == .blank)
        #expect(Self.expected("granted", blankTotal) != nil)
        let inHuaian = try store.measureTotals(MeasureQuery(region: "淮安市", years: 2023...2023))
        let huaian2023 = try Self.current(store, region: "3208").filter { $0.record.year == 2023 }
        #expect(huaian2023.count == 3)
        Self.expectGroup(inHuaian.first, huaian2023)
        #expect(inHuaian.first?.counted[.granted] == 2)
        // Only the years asked for; none for a range without reports.
        #expect(try store.measureTotals(MeasureQuery(years: 2024...2024)).map(\.year) == [2024])
        #expect(try store.measureTotals(MeasureQuery(years: 1990...1999)).isEmpty)
        #expect(throws: StoreError.regionNotFound("上海市")) {
            try store.measureTotals(MeasureQuery(region: "上海市", years: 2020...2024))
        }
    }

    @Test("the measures summed by agency and by the regions below a region", arguments: StoreBackend.all)
    func byAgencyAndRegion(_ backend: StoreBackend) throws {
        let store = try Self.corpus(backend)
        let reports = try Self.current(store).filter { $0.record.year == 2024 }
        let agencies = try store.measureTotals(MeasureQuery(years: 2024...2024, grouping: .agency))
        #expect(agencies.count == Set(reports.map(\.agency.id)).count)
        for group in agencies {
            let own = reports.filter { $0.agency.id.map(String.init) == group.key }
            #expect(group.name == own.first?.agency.name)
            Self.expectGroup(group, own)
        }
        // Below 淮安市: its two districts.
        let districts = try store.measureTotals(MeasureQuery(region: "3208", years: 2024...2024, grouping: .subregion))
        #expect(districts.map(\.key) == ["320812", "320813"])
        #expect(districts.map(\.name) == ["清江浦区", "洪泽区"])
        for group in districts {
            Self.expectGroup(group, reports.filter { $0.agency.regionCode == group.key })
        }
        // The whole corpus: the top-level regions, and the agencies with no region in a group of their own.
        let tops = try store.measureTotals(MeasureQuery(years: 2024...2024, grouping: .subregion))
        func top(_ code: String?) -> String? { code.map { String($0.prefix(4)) } }
        let keys = Set(reports.map { top($0.agency.regionCode) }).sorted { ($0 ?? "") < ($1 ?? "") }
        #expect(tops.map(\.key) == keys)
        #expect(keys.contains("3208"))
        for group in tops { Self.expectGroup(group, reports.filter { top($0.agency.regionCode) == group.key }) }
    }

    @Test(
        "findings counted by rule over the current reports, as the reports' own findings give them",
        arguments: StoreBackend.all
    )
    func rules(_ backend: StoreBackend) throws {
        let store = try Self.corpus(backend)
        for region: String? in [nil, "3208"] {
            let reports = try Self.current(store, region: region).filter { (2022...2024).contains($0.record.year) }
            var expected: [String: (reports: Int, findings: Int)] = [:]
            for stored in reports {
                var seen = Set<String>()
                for finding in stored.findings {
                    let key = finding.code + " " + finding.severity
                    expected[key, default: (0, 0)].findings += 1
                    if seen.insert(key).inserted { expected[key, default: (0, 0)].reports += 1 }
                }
            }
            let counts = try store.ruleCounts(region: region, years: 2022...2024)
            #expect(!counts.isEmpty)
            #expect(counts.count == expected.count)
            for count in counts {
                let want = expected[count.code + " " + count.severity]
                #expect(want?.reports == count.reports, "\(count.code) \(count.severity)")
                #expect(want?.findings == count.findings, "\(count.code) \(count.severity)")
            }
            #expect(counts.map(\.code) == counts.map(\.code).sorted())
        }
    }

    @Test(
        "a corpus stored before the measures gets them from its figures when it is migrated",
        arguments: StoreBackend.all
    )
    func filledByMigration(_ backend: StoreBackend) throws {
        let store = try Self.corpus(backend)
        let before = try store.measureTotals(MeasureQuery(years: 2000...2100, grouping: .agency))
        let forget = "DROP TABLE report_measure"
        if let sqlite = store as? SQLiteStore {
            try sqlite.pool.write { db in
                try db.execute(sql: forget)
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4 report measures'")
            }
            try SQLiteSchema.migrate(sqlite.pool, path: sqlite.path)
        }
        #if Postgres
        if let postgres = store as? PostgresStore {
            try postgres.writer.execute(PostgresQuery(unsafeSQL: forget))
            try postgres.writer.execute("DELETE FROM schema_migrations WHERE name = 'v4 report measures'")
            try PostgresSchema.migrate(postgres.writer, location: postgres.location)
        }
        #endif
        let after = try store.measureTotals(MeasureQuery(years: 2000...2100, grouping: .agency))
        #expect(after == before)
        #expect(after.count > 10)
    }

    @Test("an export's filters beyond year and region select what the listing selects", arguments: StoreBackend.all)
    func exportFilters(_ backend: StoreBackend) throws {
        let store = try Self.corpus(backend)
        let queries = [
            ReportQuery(agencyText: "洪泽"), ReportQuery(template: "2019"), ReportQuery(findings: .errors),
            ReportQuery(findings: .clean), ReportQuery(year: 2024, region: "3208", findings: .warnings),
        ]
        for var query in queries {
            query.limit = 1000
            let listed = Set(try store.reportPage(query).rows.compactMap(\.record.id))
            var exported: [Int64] = []
            try store.forEachReport(ReportFilter(query)) { exported.append($0.record.id ?? 0) }
            #expect(Set(exported) == listed, "\(query)")
            #expect(exported.count == listed.count)
        }
    }
}
