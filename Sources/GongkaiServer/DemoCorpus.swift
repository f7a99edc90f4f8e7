public import Foundation
public import GongkaiCorpus
public import GongkaiIsolation
public import GongkaiStore

/// The corpus `gongkai serve --demo` serves: synthetic reports of a few agencies over five years (2020 in the 2019
/// format, 2021–2024 in the 2021 format, some with errors, some agencies missing a year), the region tree they
/// belong to with two listed agencies that never reported, and any sample files given, in a new SQLite database.
public enum DemoCorpus {
    public static let agencies = 24
    public static let years = 2020...2024
    /// Agencies in the region tree with no report at all.
    public static let neverReported = 2

    /// Writes the reports under `folder/reports`, imports the region tree and ingests everything into
    /// `folder/gongkai.sqlite`.
    public static func make(
        in folder: URL,
        samples: [String] = [],
        isolation: ReaderIsolation = .inProcess
    ) throws -> (store: SQLiteStore, summary: Ingester.Summary) {
        let reports = folder.appendingPathComponent("reports")
        var files: [String] = []
        let corpus = SyntheticCorpus(agencies: agencies, years: years, errorPercent: 15, seed: 2024)
        try corpus.forEachFile { file in
            // Every eighth agency from the sixth on has not published its latest report yet.
            let index = agencyIndex(of: file.agency)
            if index % 8 == 5 && file.year == years.upperBound { return }
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

    static func agencyIndex(of name: String) -> Int {
        (0..<(agencies + neverReported)).first { SyntheticCorpus.agencyName($0) == name } ?? -1
    }

    /// Each agency's city and district as regions, and the agency under its district; the names come from the
    /// agencies' own names (「淮安市清河县司法局」: 淮安市, 清河县).
    static func regionRows() -> [RegionRow] {
        var rows: [RegionRow] = []
        var codes: [String: String] = [:]
        var children: [String: Int] = [:]
        func region(_ name: String, parent: String?) -> String {
            let key = (parent ?? "") + "/" + name
            if let code = codes[key] { return code }
            let number = children[parent ?? "", default: 0] + 1
            children[parent ?? ""] = number
            let code = parent.map { "\($0)-\(number)" } ?? "R\(number)"
            codes[key] = code
            rows.append(RegionRow(code: code, name: name, parent: parent, level: String(name.suffix(1))))
            return code
        }
        for index in 0..<(agencies + neverReported) {
            let name = SyntheticCorpus.agencyName(index)
            let segments = AgencyName(name).segments
            guard let city = segments.first, let district = segments.dropFirst().first else { continue }
            let cityCode = region(city, parent: nil)
            let districtCode = region(district, parent: cityCode)
            rows.append(RegionRow(code: "\(districtCode)-A\(index)", name: name, parent: districtCode, level: "agency"))
        }
        return rows
    }
}
