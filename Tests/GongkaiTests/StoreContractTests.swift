import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead
import GongkaiStore
import Testing

@testable import GongkaiCorpus

/// A corpus backend under test: how to make an empty store. Every contract test runs unchanged on each.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    var name: String
    var make: @Sendable () throws -> any ReportStore

    var testDescription: String { name }

    /// A new SQLite file in a temporary folder.
    static let sqlite = StoreBackend(name: "SQLite") {
        try SQLiteStore(path: StoreTesting.temporaryFolder().appendingPathComponent("gongkai.sqlite").path)
    }

    /// Every backend this build has and this run can reach.
    static let all: [StoreBackend] = [.sqlite] + (postgres.map { [$0] } ?? [])

    /// A new database on the server of `GONGKAI_TEST_POSTGRES_URL`, when the build has the Postgres trait.
    static var postgres: StoreBackend? {
        #if Postgres
        guard let url = StoreTesting.postgresURL else { return nil }
        return StoreBackend(name: "PostgreSQL") {
            try PostgresStore(url: try StoreTesting.newPostgresDatabase(url))
        }
        #else
        return nil
        #endif
    }
}

enum StoreTesting {
    /// The server the PostgreSQL tests use (`postgres://postgres@127.0.0.1:54329/postgres`); scripts/test sets it.
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["GONGKAI_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    #if Postgres
    /// A new empty database on the test server, and its URL.
    static func newPostgresDatabase(_ url: String) throws -> String {
        let name = "gongkai_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return try PostgresStore.createDatabase(named: name, nextTo: url)
    }
    #endif

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The current reports of a region (and the regions below it) on a year, each loaded whole, found as the
    /// exports find them (not as ``ReportStore/listings(underRegion:year:)`` does).
    static func reports(_ store: any ReportStore, underRegion code: String, year: Int) throws -> [StoredReport] {
        var reports: [StoredReport] = []
        try store.forEachReport(ReportFilter(year: year, region: code)) { reports.append($0) }
        return reports
    }

    /// A submission made from report text, read and checked as an ingest does.
    static func submission(_ text: String, path: String) throws -> ReportSubmission {
        let data = Data(text.utf8)
        let report = try ReportReader.read(data, name: path)
        return ReportSubmission(
            contentHash: SHA256.hex(data),
            path: path,
            report: report,
            findings: ReportChecker.check(report)
        )
    }

    static func seed(_ name: String) throws -> ReportSubmission {
        try submission(try Fixtures.text("seeds/\(name).txt"), path: "seeds/\(name).txt")
    }

    /// A consistent report text for an agency and year, and its figures.
    static func report(
        agency: String,
        year: Int,
        seed: UInt64,
        adjust: (inout [FigureID: CellValue]) -> Void = { _ in }
    ) -> (text: String, figures: [FigureID: CellValue]) {
        let template = ReportTemplate.required(forYear: year) ?? .v2021
        var rng = SplitMix64(seed: seed)
        var figures = FigureSetGenerator(template: template, magnitude: .mixed(maxDigits: 2)).generate(using: &rng)
        adjust(&figures)
        let writer = ReportTextWriter(template: template, agency: agency, year: year, layout: .tab)
        return (writer.write(figures), figures)
    }
}

/// The contract every corpus backend keeps.
@Suite("corpus store contract")
struct StoreContractTests {
    @Test("a report is stored with its agency, figures, sections and findings", arguments: StoreBackend.all)
    func storesReport(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let submission = try StoreTesting.seed("001_2af83e509e4cbaa8")
        let outcomes = try store.add([submission], failures: [])
        guard case .added(let reportID, let version, _) = try #require(outcomes.first) else {
            Issue.record("not added: \(outcomes)")
            return
        }
        #expect(version == 1)
        let agency = try #require(try store.agency(named: "漳州市司法局"))
        let reports = try store.reports(agencyID: try #require(agency.id), year: 2023, allVersions: false)
        let stored = try #require(reports.first)
        #expect(stored.record.id == reportID)
        #expect(stored.record.contentHash == submission.contentHash)
        #expect(stored.record.template == "2021")
        #expect(stored.record.errors == 3)
        #expect(stored.figures.count == submission.report.figures.count)
        #expect(stored.figures[FigureID("t2.licensing.decisions")]?.value == .integer(262))
        #expect(stored.figures[FigureID("t2.licensing.decisions")]?.location?.line == 15)
        #expect(
            stored.figures
                == submission.report.figures.mapValues { figure in
                    var copy = figure
                    copy.location = figure.location?.line.map {
                        SourceLocation(
                            line: $0,
                            column: figure.location?.column,
                            endLine: $0,
                            endColumn: figure.location?.endColumn
                        )
                    }
                    return copy
                }
        )
        #expect(stored.findings.filter { $0.code == "R2" }.count == 3)
        #expect(stored.findings.allSatisfy { $0.scope == .report })
        let counts = try store.counts()
        #expect(counts.reports == 1 && counts.agencies == 1 && counts.figures == submission.report.figures.count)
    }

    @Test(
        "the same bytes twice are one report; changed bytes are another version, in order of publication",
        arguments: StoreBackend.all
    )
    func idempotentAndVersioned(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let original = try StoreTesting.seed("000_619992dd5b79419f")
        #expect(original.report.publicationDate == nil)
        _ = try store.add([original], failures: [])
        #expect(try store.add([original], failures: []) == [.duplicate])
        #expect(try store.knownContentHashes().contains(original.contentHash))

        // A corrected file published with a date: it becomes current.
        let text = try Fixtures.text("seeds/000_619992dd5b79419f.txt")
        let changed = try StoreTesting.submission(text + "\n2024年1月25日\n", path: "seeds/000-changed.txt")
        guard case .added(_, let version, let versions) = try #require(try store.add([changed], failures: []).first)
        else {
            Issue.record("changed file not added")
            return
        }
        #expect(version == 2 && versions == 2)
        let agency = try #require(try store.agency(named: "灵宝市司法局"))
        let current = try store.reports(agencyID: try #require(agency.id), year: nil, allVersions: false)
        #expect(current.map(\.record.contentHash) == [changed.contentHash])
        #expect(current.map(\.record.version) == [2])
        let all = try store.reports(agencyID: try #require(agency.id), year: nil, allVersions: true)
        #expect(all.map(\.record.status) == [.superseded, .current])

        // An earlier draft found later goes in between: the versions are renumbered, the current one stays.
        let draft = try StoreTesting.submission(text + "\n2024年1月10日\n", path: "seeds/000-draft.txt")
        guard
            case .added(_, let draftVersion, let draftVersions) = try #require(
                try store.add([draft], failures: []).first
            )
        else {
            Issue.record("draft not added")
            return
        }
        #expect(draftVersion == 2 && draftVersions == 3)
        let renumbered = try store.reports(agencyID: try #require(agency.id), year: nil, allVersions: true)
        #expect(renumbered.map(\.record.contentHash) == [original, draft, changed].map(\.contentHash))
        #expect(renumbered.map(\.record.version) == [1, 2, 3])
        #expect(renumbered.map(\.record.status) == [.superseded, .superseded, .current])
    }

    @Test(
        "the same bytes under two names keep the name first in path order, whichever is stored first",
        arguments: StoreBackend.all
    )
    func duplicateNames(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let text = try Fixtures.text("seeds/000_619992dd5b79419f.txt")
        let later = try StoreTesting.submission(text, path: "reports/b/report.txt")
        let earlier = try StoreTesting.submission(text, path: "reports/a/report.txt")
        _ = try store.add([later], failures: [])
        #expect(try store.add([earlier], failures: []) == [.duplicate])
        #expect(try store.add([later], failures: []) == [.duplicate])
        var paths: [String] = []
        try store.forEachReport(ReportFilter(allVersions: true)) { paths.append($0.record.sourcePath) }
        #expect(paths == ["reports/a/report.txt"])

        let hash = SHA256.hex(Data("empty".utf8))
        let failures = ["z/empty.txt", "a/empty.txt", "m/empty.txt"].map {
            FailedFile(contentHash: hash, path: $0, reason: "文件为空。")
        }
        for failure in failures { _ = try store.add([], failures: [failure]) }
        #expect(try store.failures().map(\.sourcePath) == ["a/empty.txt"])
    }

    @Test("failed files are recorded with their reason and count as known", arguments: StoreBackend.all)
    func failures(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let failure = FailedFile(contentHash: SHA256.hex(Data("x".utf8)), path: "bad.txt", reason: "文件为空。")
        _ = try store.add([], failures: [failure, failure])
        #expect(try store.failures().map(\.reason) == ["文件为空。"])
        #expect(try store.knownContentHashes().contains(failure.contentHash))
    }

    @Test("name variants of one agency share its identity", arguments: StoreBackend.all)
    func agencyVariants(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let years = [(2021, "包头市青山区人民政府"), (2022, "青山区政府"), (2023, "包头市青山区 人民政府")]
        for (index, (year, name)) in years.enumerated() {
            let text = StoreTesting.report(agency: name, year: year, seed: UInt64(index)).text
            _ = try store.add([try StoreTesting.submission(text, path: "\(year).txt")], failures: [])
        }
        #expect(try store.counts().agencies == 1)
        let agency = try #require(try store.agency(named: "青山区人民政府"))
        #expect(try store.reports(agencyID: try #require(agency.id), year: nil, allVersions: false).count == 3)
        #expect(try store.searchAgencies("青山").count == 1)
    }

    @Test("an alias joins a variant, moving its reports", arguments: StoreBackend.all)
    func alias(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let first = StoreTesting.report(agency: "洛阳市西工区司法局", year: 2022, seed: 1).text
        let second = StoreTesting.report(agency: "司法局", year: 2023, seed: 2).text
        _ = try store.add(
            [
                try StoreTesting.submission(first, path: "a.txt"), try StoreTesting.submission(second, path: "b.txt"),
            ],
            failures: []
        )
        #expect(try store.counts().agencies == 2)
        let result = try store.addAlias("司法局", for: "西工区司法局")
        #expect(result.mergedReports == 1)
        #expect(try store.counts().agencies == 1)
        let agency = try #require(try store.agency(named: "司法局"))
        #expect(agency.name == "洛阳市西工区司法局")
        #expect(try store.reports(agencyID: try #require(agency.id), year: nil, allVersions: false).count == 2)
        // A later report under the alias goes to the agency directly.
        let third = StoreTesting.report(agency: "司法局", year: 2024, seed: 3).text
        _ = try store.add([try StoreTesting.submission(third, path: "c.txt")], failures: [])
        #expect(try store.counts().agencies == 1)
        #expect(throws: StoreError.agencyNotFound("不存在局")) { try store.addAlias("x", for: "不存在局") }
    }

    @Test(
        "a rename corrects an agency's name; the old name stays an alias; another's name is refused",
        arguments: StoreBackend.all
    )
    func rename(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let first = StoreTesting.report(agency: "洛阳市西工区司法句", year: 2022, seed: 1).text
        let second = StoreTesting.report(agency: "洛阳市西工区教育局", year: 2022, seed: 2).text
        _ = try store.add(
            [try StoreTesting.submission(first, path: "a.txt"), try StoreTesting.submission(second, path: "b.txt")],
            failures: []
        )
        let renamed = try store.renameAgency("洛阳市西工区司法句", to: "洛阳市西工区司法局")
        #expect(renamed.name == "洛阳市西工区司法局")
        #expect(try store.counts().agencies == 2)
        let byOld = try #require(try store.agency(named: "洛阳市西工区司法句"))
        let byNew = try #require(try store.agency(named: "西工区司法局"))
        #expect(byOld.id == byNew.id && byNew.name == "洛阳市西工区司法局")
        #expect(try store.reports(agencyID: try #require(byNew.id), year: 2022, allVersions: false).count == 1)
        // A later report printing the corrected name is the same agency.
        let third = StoreTesting.report(agency: "洛阳市西工区司法局", year: 2023, seed: 3).text
        _ = try store.add([try StoreTesting.submission(third, path: "c.txt")], failures: [])
        #expect(try store.counts().agencies == 2)
        #expect(throws: StoreError.agencyNameTaken("洛阳市西工区教育局", existing: "洛阳市西工区教育局")) {
            try store.renameAgency("洛阳市西工区司法局", to: "洛阳市西工区教育局")
        }
        #expect(throws: StoreError.agencyNotFound("不存在局")) { try store.renameAgency("不存在局", to: "某局") }
    }

    @Test("R6 across two years is stored, and recomputed when a year changes", arguments: StoreBackend.all)
    func crossYear(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let agency = "苏州市生态环境局"
        let last = StoreTesting.report(agency: agency, year: 2022, seed: 10)
        let forward = last.figures[FigureID("t3.carried_forward.natural")]?.integer ?? 0
        let this = StoreTesting.report(agency: agency, year: 2023, seed: 11) { figures in
            figures[FigureID("t3.carried_over.natural")] = .integer(forward + 2)
        }
        // This year first: the finding appears when last year arrives.
        _ = try store.add([try StoreTesting.submission(this.text, path: "2023.txt")], failures: [])
        #expect(try store.counts().crossYearFindings == 0)
        _ = try store.add([try StoreTesting.submission(last.text, path: "2022.txt")], failures: [])
        let id = try #require(try store.agency(named: agency)?.id)
        let stored = try #require(try store.reports(agencyID: id, year: 2023, allVersions: false).first)
        let r6 = stored.findings.filter { $0.code == "R6" && $0.scope == .crossYear }
        #expect(r6.count >= 1)
        let natural = try #require(r6.first { $0.message.contains("「自然人」") })
        #expect(natural.severity == "warning")
        #expect(natural.message.contains("为\(forward + 2)，但2022年度报告「四、结转下年度继续办理」行「自然人」列为\(forward)"))
        let previous = try #require(try store.reports(agencyID: id, year: 2022, allVersions: false).first)
        #expect(natural.previousReportID == previous.record.id)

        // A corrected 2022 file, published later: the finding on 自然人 goes away.
        let corrected = StoreTesting.report(agency: agency, year: 2022, seed: 10) { figures in
            figures[FigureID("t3.carried_forward.natural")] = .integer(forward + 2)
        }
        let later = corrected.text.replacingOccurrences(of: "2023年1月20日", with: "2023年1月28日")
        #expect(later != corrected.text)
        _ = try store.add([try StoreTesting.submission(later, path: "2022-v2.txt")], failures: [])
        let again = try #require(try store.reports(agencyID: id, year: 2023, allVersions: false).first)
        #expect(!again.findings.contains { $0.code == "R6" && $0.message.contains("「自然人」") })
    }

    @Test("the region tree: listed agencies, missing reports, reports below a region", arguments: StoreBackend.all)
    func regions(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let rows = try RegionCSV.parse(
            """
            code,name,parent,level
            41,河南省,,省
            4103,洛阳市,41,市
            410303,西工区,4103,区
            410303-sfj,司法局,410303,agency
            410303-jyj,西工区教育局,410303,agency
            """
        )
        #expect(try store.importRegions(rows) == RegionImportSummary(regions: 3, agencies: 2))
        #expect(try store.missing(year: 2023, region: "洛阳市").map(\.name).sorted() == ["西工区司法局", "西工区教育局"])
        let text = StoreTesting.report(agency: "洛阳市西工区司法局", year: 2023, seed: 5).text
        _ = try store.add([try StoreTesting.submission(text, path: "x.txt")], failures: [])
        #expect(try store.missing(year: 2023, region: "41").map(\.name) == ["西工区教育局"])
        #expect(try store.listings(underRegion: "41", year: 2023).map(\.agencyName) == ["西工区司法局"])
        #expect(try store.listings(underRegion: "41", year: 2022).isEmpty)
        #expect(throws: StoreError.regionNotFound("上海市")) { try store.missing(year: 2023, region: "上海市") }
        #expect(try store.region("西工区")?.code == "410303")
    }

    @Test("forEachReport visits current reports in agency and year order", arguments: StoreBackend.all)
    func export(_ backend: StoreBackend) throws {
        let store = try backend.make()
        for name in ["000_619992dd5b79419f", "003_15a2a8efa849601b"] {
            _ = try store.add([try StoreTesting.seed(name)], failures: [])
        }
        var visited: [String] = []
        try store.forEachReport(ReportFilter()) { visited.append($0.agency.name) }
        #expect(visited.sorted() == visited)
        #expect(visited.count == 2)
        var none = 0
        try store.forEachReport(ReportFilter(year: 2019)) { _ in none += 1 }
        #expect(none == 0)
    }

    /// Seeds 000–004, a region tree over 西工区 and two versions of 西工区司法局's 2023 report.
    static func listingCorpus(_ store: any ReportStore) throws -> (current: Int64, superseded: Int64) {
        for name in Fixtures.seedNames { _ = try store.add([try StoreTesting.seed(name)], failures: []) }
        let rows = try RegionCSV.parse(
            """
            code,name,parent,level
            4103,洛阳市,,市
            410303,西工区,4103,区
            410303-sfj,西工区司法局,410303,agency
            """
        )
        _ = try store.importRegions(rows)
        let first = StoreTesting.report(agency: "洛阳市西工区司法局", year: 2023, seed: 5).text
        let later = first.replacingOccurrences(of: "2024年1月20日", with: "2024年1月28日")
        #expect(later != first)
        let outcomes = try store.add(
            [try StoreTesting.submission(first, path: "v1.txt"), try StoreTesting.submission(later, path: "v2.txt")],
            failures: []
        )
        var ids: [Int64] = []
        for case .added(let id, _, _) in outcomes { ids.append(id) }
        return (try #require(ids.last), try #require(ids.first))
    }

    @Test("reportPage filters, orders, counts and pages the current reports", arguments: StoreBackend.all)
    func reportPage(_ backend: StoreBackend) throws {
        let store = try backend.make()
        _ = try Self.listingCorpus(store)
        var all: [StoredReport] = []
        try store.forEachReport(ReportFilter()) { all.append($0) }
        #expect(all.count == 6)

        let whole = try store.reportPage(ReportQuery(limit: 100))
        #expect(whole.total == 6)
        #expect(whole.rows.count == 6)
        #expect(whole.withErrors == all.filter { $0.record.errors > 0 }.count)
        #expect(whole.withErrors == 2)
        #expect(whole.errors == all.reduce(0) { $0 + $1.record.errors })
        #expect(whole.warnings == all.reduce(0) { $0 + $1.record.warnings })
        #expect(Set(whole.rows.map(\.record.id)) == Set(all.map(\.record.id)))
        // Latest year first, then by name.
        let years = whole.rows.map(\.record.year)
        #expect(years == years.sorted(by: >))
        #expect(whole.rows.last?.agencyName == "司法局")

        let byErrors = try store.reportPage(ReportQuery(findings: .errors, order: .errors))
        #expect(byErrors.rows.map(\.record.errors) == [13, 3])
        #expect(byErrors.total == 2)
        let clean = try store.reportPage(ReportQuery(findings: .clean))
        #expect(
            Set(clean.rows.map(\.record.id))
                == Set(all.filter { $0.record.errors + $0.record.warnings == 0 }.map(\.record.id))
        )
        let warnings = try store.reportPage(ReportQuery(findings: .warnings))
        #expect(warnings.rows.allSatisfy { $0.record.errors == 0 && $0.record.warnings > 0 })
        #expect(warnings.rows.contains { $0.agencyName == "息县司法局" })

        #expect(try store.reportPage(ReportQuery(year: 2020)).rows.map(\.agencyName) == ["司法局"])
        #expect(try store.reportPage(ReportQuery(template: "2019")).rows.map(\.agencyName) == ["司法局"])
        #expect(try store.reportPage(ReportQuery(agencyText: "漳州")).rows.map(\.agencyName) == ["漳州市司法局"])
        // The text is normalised as names are: full-width letters and spaces make no difference; LIKE's wildcards are text.
        #expect(try store.reportPage(ReportQuery(agencyText: " 漳州 ")).total == 1)
        #expect(try store.reportPage(ReportQuery(agencyText: "%")).total == 6)
        #expect(try store.reportPage(ReportQuery(agencyText: "上海")).total == 0)
        let region = try store.reportPage(ReportQuery(region: "洛阳市"))
        #expect(region.rows.map(\.agencyName) == ["西工区司法局"])
        #expect(region.rows.first?.regionName == "西工区")
        #expect(region.rows.first?.regionCode == "410303")
        #expect(throws: StoreError.regionNotFound("上海市")) { try store.reportPage(ReportQuery(region: "上海市")) }

        // Pages of two, by agency name: every report once, in order, and the counts of the whole selection on each.
        var paged: [ReportListing] = []
        for page in 0..<4 {
            let result = try store.reportPage(ReportQuery(order: .agency, offset: page * 2, limit: 2))
            #expect(result.total == 6)
            #expect(result.rows.count == (page < 3 ? 2 : 0))
            paged += result.rows
        }
        #expect(paged.map(\.agencyName) == all.map(\.agency.name).sorted())
    }

    @Test("a report and an agency by id; any version, and nil for an id not stored", arguments: StoreBackend.all)
    func byID(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let ids = try Self.listingCorpus(store)
        let current = try #require(try store.report(id: ids.current))
        let superseded = try #require(try store.report(id: ids.superseded))
        #expect(current.record.status == .current)
        #expect(superseded.record.status == .superseded)
        #expect(current.agency.name == "西工区司法局")
        #expect(current.region?.name == "西工区")
        #expect(current.figures == superseded.figures)
        #expect(try store.report(id: 999_999) == nil)
        let agency = try #require(try store.agency(id: current.record.agencyID))
        #expect(agency.name == "西工区司法局")
        #expect(agency.listed)
        #expect(try store.agency(id: 999_999) == nil)
    }
}
