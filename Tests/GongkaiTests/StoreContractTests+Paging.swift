import Foundation
import GongkaiCorpus
import GongkaiModel
import GongkaiStore
import Testing

extension StoreContractTests {
    /// Every report's place in each order, as the 报告库 promises it: latest year then name; name then latest year;
    /// most errors, most warnings, latest year, name. Ties end on the report id.
    static func expectedOrder(_ reports: [StoredReport], _ order: ReportQuery.Order) -> [Int64] {
        func key(_ report: StoredReport) -> (Int, Int, Int, String, Int64) {
            (
                report.record.errors, report.record.warnings, report.record.year, report.agency.name,
                report.record.id ?? 0
            )
        }
        return reports.sorted { left, right in
            let (a, b) = (key(left), key(right))
            switch order {
            case .year:
                if a.2 != b.2 { return a.2 > b.2 }
                if a.3 != b.3 { return a.3 < b.3 }
            case .agency:
                if a.3 != b.3 { return a.3 < b.3 }
                if a.2 != b.2 { return a.2 > b.2 }
            case .errors:
                if a.0 != b.0 { return a.0 > b.0 }
                if a.1 != b.1 { return a.1 > b.1 }
                if a.2 != b.2 { return a.2 > b.2 }
                if a.3 != b.3 { return a.3 < b.3 }
            }
            return a.4 < b.4
        }.compactMap(\.record.id)
    }

    @Test(
        "pages of every order and filter, cut across years, read each report once in the order of the whole",
        arguments: StoreBackend.all
    )
    func pagingAcrossYears(_ backend: StoreBackend) throws {
        let folder = try StoreTesting.temporaryFolder()
        _ = try SyntheticCorpus(agencies: 7, years: 2020...2023, errorPercent: 40, seed: 11).write(to: folder)
        let store = try backend.make()
        let ingester = Ingester(store: store, jobs: 1)
        let added = try ingester.run(files: Ingester.files(in: [folder.path]).files).added
        #expect(added >= 20)
        var all: [StoredReport] = []
        try store.forEachReport(ReportFilter()) { all.append($0) }
        #expect(all.count == added)
        #expect(Set(all.map(\.record.year)).count == 4)
        #expect(all.contains { $0.record.errors > 0 } && all.contains { $0.record.errors == 0 })
        // A text some agencies' names hold and others' do not: the last two characters of one of them.
        let agencyText = String(try #require(all.map(\.agency.normalizedName).min()).suffix(2))

        let filters: [(name: String, query: ReportQuery, keeps: (StoredReport) -> Bool)] = [
            ("every report", ReportQuery(), { _ in true }),
            ("one year", ReportQuery(year: 2022), { $0.record.year == 2022 }),
            ("with errors", ReportQuery(findings: .errors), { $0.record.errors > 0 }),
            ("clean", ReportQuery(findings: .clean), { $0.record.errors == 0 && $0.record.warnings == 0 }),
            // Agency text, matched agency by agency as a page is read in name order.
            ("agency text", ReportQuery(agencyText: agencyText), { $0.agency.normalizedName.contains(agencyText) }),
        ]
        #expect((1..<all.count).contains(all.filter { $0.agency.normalizedName.contains(agencyText) }.count))
        for filter in filters {
            let selected = all.filter(filter.keeps)
            for order in ReportQuery.Order.allCases {
                let expected = Self.expectedOrder(selected, order)
                for size in [1, 3, 8] {
                    var read: [Int64] = []
                    var offset = 0
                    while offset <= expected.count {
                        var query = filter.query
                        query.order = order
                        query.offset = offset
                        query.limit = size
                        let page = try store.reportPage(query)
                        #expect(page.total == expected.count, "\(filter.name) \(order) offset \(offset)")
                        #expect(page.rows.count == min(size, max(0, expected.count - offset)))
                        read += page.rows.compactMap(\.record.id)
                        offset += size
                    }
                    #expect(read == expected, "\(filter.name), \(order), pages of \(size)")
                }
            }
        }
    }
}
