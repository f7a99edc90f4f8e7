public import Foundation
public import GongkaiCorpus
public import GongkaiIsolation
public import GongkaiStore

/// The corpus `gongkai serve --demo` serves: synthetic reports of 24 agencies — four departments in two districts
/// of three cities — over five years (2020 in the 2019 format, 2021–2024 in the 2021 format, some with errors,
/// three agencies without their latest report), the region tree they belong to with two listed agencies that never
/// reported, and any sample files given, in a new SQLite database.
public enum DemoCorpus {
    public static let years = 2020...2024

    /// 司法局, 教育局, 财政局 and 人民政府 of 清清县 and 清河区 in 淮安市, 漳州市 and 洛阳市.
    static let reporting = (0..<3).flatMap { city in
        (0..<2).flatMap { district in
            (0..<4).map { SyntheticCorpus.agencyIndex(department: $0, district: district, city: city) }
        }
    }

    /// The agency whose register the demonstration's user 「demo」 keeps (登记员): the first that reports.
    public static var clerkAgency: String { SyntheticCorpus.agencyName(reporting[0]) }

    /// 市场监督管理局 of two districts: listed in the region tree, never reported.
    static let neverReported = (0..<2).map { SyntheticCorpus.agencyIndex(department: 4, district: $0, city: 0) }

    /// Writes the reports under `folder/reports`, imports the region tree and ingests everything into
    /// `folder/gongkai.sqlite`.
    public static func make(
        in folder: URL,
        samples: [String] = [],
        isolation: ReaderIsolation = .inProcess
    ) throws -> (store: SQLiteStore, summary: Ingester.Summary) {
        let reports = folder.appendingPathComponent("reports")
        var files: [String] = []
        let corpus = SyntheticCorpus(indexes: reporting, years: years, errorPercent: 15, seed: 2024)
        let late = Set([1, 10, 19].map { SyntheticCorpus.agencyName(reporting[$0]) })
        try corpus.forEachFile { file in
            // Three agencies have not published their latest report yet.
            if late.contains(file.agency) && file.year == years.upperBound { return }
            let url = reports.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(file.text.utf8).write(to: url)
            files.append(url.path)
        }
        let store = try SQLiteStore(path: folder.appendingPathComponent("gongkai.sqlite").path)
        _ = try store.importRegions(regionRows())
        var ingester = Ingester(store: store, jobs: 2)
        ingester.isolation = isolation
        let summary = try ingester.run(files: files + Ingester.files(in: samples).files)
        try store.finishWriting()
        return (store, summary)
    }

    /// Each agency's city and district as regions, and the agency under its district (``SyntheticCorpus/regionRows(_:)``).
    static func regionRows() -> [RegionRow] {
        SyntheticCorpus.regionRows((reporting + neverReported).map { ($0, SyntheticCorpus.agencyName($0)) })
    }
}
