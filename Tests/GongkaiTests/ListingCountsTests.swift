import Foundation
import GRDB
import GongkaiCorpus
import GongkaiModel
import Testing

@testable import GongkaiStore

/// The 报告库's counts kept under the corpus's change number: the same selection is counted once until the corpus
/// changes, and any change — a report stored, an agency renamed — is counted again.
@Suite("SQLite: the 报告库's counts kept between pages")
struct ListingCountsTests {
    @Test("counted once while nothing changes; a new report and a renamed agency are counted again")
    func keptUntilChanged() throws {
        let folder = try StoreTesting.temporaryFolder()
        let corpus = folder.appendingPathComponent("corpus")
        _ = try SyntheticCorpus(agencies: 8, years: 2022...2023, seed: 9).write(to: corpus)
        let store = try SQLiteStore(path: folder.appendingPathComponent("c.sqlite").path)
        _ = try Ingester(store: store, jobs: 1).run(files: Ingester.files(in: [corpus.path]).files)

        let first = try store.reportPage(ReportQuery(limit: 5))
        #expect(first.total == 16)
        let worked = store.listingCounts.workedOut
        // Further pages of the same selection: the counts are kept.
        let second = try store.reportPage(ReportQuery(offset: 5, limit: 5))
        #expect(second.total == 16)
        #expect(second.withErrors == first.withErrors)
        #expect(store.listingCounts.workedOut == worked)
        // Another selection is counted on its own.
        #expect(try store.reportPage(ReportQuery(year: 2023)).total == 8)
        #expect(store.listingCounts.workedOut == worked + 1)

        // A report stored since: counted again, with it.
        let later = folder.appendingPathComponent("later")
        _ = try SyntheticCorpus(agencies: 8, years: 2024...2024, seed: 9).write(to: later)
        _ = try Ingester(store: store, jobs: 1).run(files: Ingester.files(in: [later.path]).files)
        #expect(try store.reportPage(ReportQuery(limit: 5)).total == 24)

        // An agency renamed: a search for its new name finds its reports at once.
        #expect(try store.reportPage(ReportQuery(agencyText: "新设试验局")).total == 0)
        let agency = try #require(try store.reportPage(ReportQuery(limit: 1)).rows.first?.agencyName)
        _ = try store.renameAgency(agency, to: agency + "新设试验局")
        #expect(try store.reportPage(ReportQuery(agencyText: "新设试验局")).total == 3)
    }

    @Test("every change to reports, agencies, aliases and regions raises the change number")
    func triggers() throws {
        let folder = try StoreTesting.temporaryFolder()
        let store = try SQLiteStore(path: folder.appendingPathComponent("c.sqlite").path)
        func change() throws -> Int64 {
            try store.pool.read { try Int64.fetchOne($0, sql: "SELECT n FROM corpus_change") ?? -1 }
        }
        let start = try change()
        for table in ["report", "agency", "agency_alias", "region"] {
            let triggers = try store.pool.read { db in
                try String.fetchAll(
                    db,
                    sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                    arguments: [table]
                )
            }
            #expect(Set(triggers) == Set(["insert", "update", "delete"].map { "\(table)_\($0)_counted" }), "\(table)")
        }
        _ = try store.importRegions([RegionRow(code: "41", name: "河南省", parent: nil, level: "省")])
        #expect(try change() > start)
    }
}
