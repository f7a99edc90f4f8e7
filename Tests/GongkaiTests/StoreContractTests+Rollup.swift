import Foundation
import GongkaiCorpus
import GongkaiModel
import Testing

@testable import GongkaiStore

extension StoreContractTests {
    /// Each agency's city and district as regions, the agency under its district.
    static func regionTree(_ agencies: [String]) -> [RegionRow] {
        SyntheticCorpus.regionRows(Set(agencies).sorted().enumerated().map { ($0.offset, $0.element) })
    }

    @Test(
        "a region's roll-up summed in the database is its reports' figures summed cell by cell, gaps counted",
        arguments: StoreBackend.all
    )
    func rollupSums(_ backend: StoreBackend) throws {
        let folder = try StoreTesting.temporaryFolder()
        _ = try SyntheticCorpus(agencies: 30, years: 2020...2022, errorPercent: 30, seed: 5).write(to: folder)
        let store = try backend.make()
        let ingester = Ingester(store: store, jobs: 1)
        _ = try ingester.run(files: Ingester.files(in: [folder.path]).files)
        var names: [String] = []
        try store.forEachReport(ReportFilter()) { names.append($0.agency.name) }
        let rows = Self.regionTree(names)
        _ = try store.importRegions(rows)
        let regions = rows.filter { $0.level != "agency" }
        #expect(regions.count >= 3)

        var gaps = 0
        var fractions = 0
        for city in regions {
            for year in 2020...2022 {
                let rollup = try Rollup.build(store: store, regionCode: city.code, regionName: city.name, year: year)
                let reports = try StoreTesting.reports(store, underRegion: city.code, year: year)
                #expect(rollup.included.map(\.record.id) == reports.map(\.record.id), "\(city.name) \(year)")
                #expect(!reports.isEmpty)
                let template = try #require(rollup.report.template)
                for table in NationalTemplates.spec(template).tables {
                    for row in table.rows {
                        for id in row.figureIDs {
                            let numbers = reports.compactMap { $0.figures[id]?.value.number }
                            let expected = numbers.reduce(Decimal(0), +)
                            #expect(rollup.report.figures[id]?.value.number == expected, "\(id.rawValue)")
                            let missing = reports.count - numbers.count
                            #expect(rollup.incomplete[id] == (missing > 0 ? missing : nil), "\(id.rawValue)")
                            gaps += missing
                            if numbers.contains(where: { CellValue.decimal($0).integer == nil }) { fractions += 1 }
                        }
                    }
                }
            }
        }
        // The corpus has what the sums must get right: cells not given, and amounts with fractions.
        #expect(gaps > 0)
        #expect(fractions > 0)
    }
}
