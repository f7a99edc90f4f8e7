import Foundation
import GongkaiModel
import GongkaiStore
import Testing

@testable import GongkaiCorpus

/// The contract of source files and figure places, on every backend.
extension StoreContractTests {
    @Test("a report's source file is stored with it, once, in the same transaction", arguments: StoreBackend.all)
    func storesSourceFiles(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let pdf = try DownloadTests.submission(DownloadTests.pdfName)
        let id = try DownloadTests.reportID(try store.add([pdf], failures: []))
        let stored = try #require(try store.sourceFile(reportID: id))
        #expect(stored.bytes == (try Fixtures.data(DownloadTests.pdfName)))
        #expect(stored.fileName == "hongze-2023.pdf")
        #expect(try store.report(id: id)?.source == SourceFileInfo(fileName: "hongze-2023.pdf", size: stored.size))
        // The same bytes again: one report, one file.
        #expect(try store.add([pdf], failures: []) == [.duplicate])
        #expect(try store.sourceFile(reportID: id) == stored)
        #expect(try store.counts().reports == 1)

        // Stored without its file, the file given later with the same bytes.
        let seed = try StoreTesting.seed("001_2af83e509e4cbaa8")
        let seedID = try DownloadTests.reportID(try store.add([seed], failures: []))
        #expect(try store.sourceFile(reportID: seedID) == nil)
        #expect(try store.report(id: seedID)?.source == nil)
        var withFile = seed
        withFile.source = SourceFile(fileName: "漳州.txt", bytes: try Fixtures.data("seeds/001_2af83e509e4cbaa8.txt"))
        #expect(try store.add([withFile], failures: []) == [.duplicate])
        #expect(try store.sourceFile(reportID: seedID)?.fileName == "漳州.txt")

        // A file that cannot be stored leaves nothing of its report.
        var broken = try StoreTesting.seed("002_a03528d1c919b0a1")
        broken.source = SourceFile(fileName: "", bytes: Data("x".utf8))
        let outcome = try #require(try store.add([broken], failures: []).first)
        guard case .unplaced = outcome else {
            Issue.record("stored without its file: \(outcome)")
            return
        }
        #expect(try store.counts().reports == 2)
        #expect(!(try store.knownContentHashes()).isDisjoint(with: [broken.contentHash]))
    }

    @Test("a figure's page and box in a PDF are stored and read back", arguments: StoreBackend.all)
    func storesFigurePlaces(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let pdf = try DownloadTests.submission(DownloadTests.pdfName)
        let id = try DownloadTests.reportID(try store.add([pdf], failures: []))
        let places = try store.figurePlaces(reportID: id)
        let paged = pdf.report.figures.filter { $0.value.location?.page != nil }
        #expect(!paged.isEmpty)
        #expect(places.count == paged.count)
        for (figureID, figure) in paged {
            #expect(places[figureID]?.page == figure.location?.page, "\(figureID.rawValue)")
            // Within a millionth of a point: the corners go through JSON text.
            let stored = try #require(places[figureID]?.box)
            let read = try #require(figure.location?.box)
            let corners = [(stored.x0, read.x0), (stored.y0, read.y0), (stored.x1, read.x1), (stored.y1, read.y1)]
            #expect(corners.allSatisfy { abs($0 - $1) < 1e-6 }, "\(figureID.rawValue)")
        }
        #expect(try store.figurePlaces(reportID: 999_999).isEmpty)
    }

    @Test("an ingest stores each file with its report, or none with --no-sources", arguments: StoreBackend.all)
    func ingestStoresSources(_ backend: StoreBackend) throws {
        let folder = try StoreTesting.temporaryFolder()
        let file = folder.appendingPathComponent("漳州市司法局2023.txt")
        try Fixtures.data("seeds/001_2af83e509e4cbaa8.txt").write(to: file)
        let other = folder.appendingPathComponent("seed-000.txt")
        try Fixtures.data("seeds/000_619992dd5b79419f.txt").write(to: other)

        let store = try backend.make()
        var ingester = Ingester(store: store, jobs: 1)
        #expect(try ingester.run(files: [file.path]).added == 1)
        let id = try #require(try firstID(store))
        let stored = try #require(try store.sourceFile(reportID: id))
        #expect(stored == SourceFile(fileName: "漳州市司法局2023.txt", bytes: try Data(contentsOf: file)))
        ingester.storesSources = false
        #expect(try ingester.run(files: [other.path]).added == 1)
        let otherID = try #require(try firstID(store, excluding: id))
        #expect(try store.sourceFile(reportID: otherID) == nil)
    }

    func firstID(_ store: any ReportStore, excluding: Int64? = nil) throws -> Int64? {
        var ids: [Int64] = []
        try store.forEachReport(ReportFilter(allVersions: true)) { if let id = $0.record.id { ids.append(id) } }
        return ids.first { $0 != excluding }
    }
}
