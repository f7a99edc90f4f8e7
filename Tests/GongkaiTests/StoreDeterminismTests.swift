import Foundation
import GongkaiCorpus
import GongkaiModel
import GongkaiStore
import Testing

/// The same files give the same corpus, whatever the number of reader threads and whatever order the files arrive
/// in: the versions of an agency's year follow their publication date, their errors and their content, never the
/// order they were stored in.
@Suite("corpus determinism")
struct StoreDeterminismTests {
    /// Versions of one agency's 2023 report, and two of its 2022 report that differ only in their content hash.
    struct Versions {
        static let agency = "苏州市生态环境局"
        /// File name → (publication date printed, or nil; a deliberate R2 error; seed of the figures).
        static let files: [(name: String, date: String?, error: Bool, seed: UInt64, year: Int)] = [
            // Named so that a folder's order is the reverse of the versions' order.
            ("1.txt", "2024年3月5日", true, 2, 2023),
            ("2.txt", "2024年1月20日", false, 1, 2023),
            ("3.txt", "2024年1月20日", true, 1, 2023),
            ("4.txt", nil, false, 3, 2023),
            ("5.txt", "2023年1月20日", false, 4, 2022),
            ("6.txt", "2023年1月20日", false, 5, 2022),
        ]

        /// Writes the files into the folder; the 2023 reports' 上年结转 disagree with any 2022 report (R6).
        static func write(to folder: URL) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files {
                let report = StoreTesting.report(agency: agency, year: file.year, seed: file.seed) { figures in
                    if file.year == 2023 { figures[FigureID("t3.carried_over.natural")] = .integer(97) }
                    if file.error {
                        let total = FigureID("t3.received.total")
                        figures[total] = .integer((figures[total]?.integer ?? 0) + 1)
                    }
                }
                let printed = "\(file.year + 1)年1月20日"
                #expect(report.text.contains(printed))
                let text = report.text.replacingOccurrences(of: printed, with: file.date ?? "")
                try text.write(to: folder.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
            }
        }
    }

    /// A folder of reports: a synthetic corpus, the versions above and a file that cannot be read.
    func corpus() throws -> URL {
        let folder = try StoreTesting.temporaryFolder().appendingPathComponent("reports")
        _ = try SyntheticCorpus(agencies: 12, years: 2021...2024, errorPercent: 20).write(
            to: folder.appendingPathComponent("corpus")
        )
        try Versions.write(to: folder.appendingPathComponent("versions"))
        try Data().write(to: folder.appendingPathComponent("empty.txt"))
        return folder
    }

    /// Everything the corpus says, without row ids and timestamps: agencies, reports with their versions, status
    /// and content hash, figures, findings (a cross-year finding names its previous report by content hash) and
    /// failures, one sorted line each.
    static func snapshot(_ store: any ReportStore) throws -> [String] {
        var lines: [String] = []
        for agency in try store.searchAgencies("") {
            lines.append(
                "agency \(agency.name) \(agency.normalizedName) \(agency.regionCode ?? "-") \(agency.listed)"
            )
        }
        var hashes: [Int64: String] = [:]
        var findings: [(String, FindingRecord)] = []
        try store.forEachReport(ReportFilter(allVersions: true)) { stored in
            let record = stored.record
            hashes[record.id ?? 0] = record.contentHash
            lines.append(
                "report \(stored.agency.name) \(record.year) v\(record.version) \(record.status.rawValue) "
                    + "\(record.contentHash) \(record.sourcePath) \(record.publicationDate ?? "-") "
                    + "\(record.errors)/\(record.warnings)/\(record.notices) \(record.template ?? "-")"
            )
            for (id, figure) in stored.figures {
                lines.append(
                    "figure \(record.contentHash) \(id.rawValue) \(figure.value.text) \(figure.printed) "
                        + "\(figure.location?.line ?? 0):\(figure.location?.column ?? 0)"
                )
            }
            findings += stored.findings.map { (record.contentHash, $0) }
        }
        for (hash, finding) in findings {
            let previous = finding.previousReportID.map { hashes[$0] ?? "missing \($0)" } ?? "-"
            lines.append(
                "finding \(hash) \(finding.scope.rawValue) \(finding.code) \(finding.severity) "
                    + "\(finding.tableNo ?? 0) \(finding.figures) \(finding.message) \(finding.line ?? 0):"
                    + "\(finding.col ?? 0) \(previous)"
            )
        }
        for failure in try store.failures() {
            lines.append("failure \(failure.contentHash) \(failure.sourcePath) \(failure.reason)")
        }
        return lines.sorted()
    }

    @Test(
        "one folder ingested with 1, 2 and 8 jobs, and file by file in reverse, gives the same corpus",
        arguments: CorpusDatabase.all
    )
    func sameCorpusWhateverTheOrder(_ database: CorpusDatabase) throws {
        let folder = try corpus()
        var snapshots: [(String, [String])] = []
        for jobs in [1, 2, 8] {
            let db = try database.make(try StoreTesting.temporaryFolder())
            let result = try CLI.run(["ingest", "--db", db, "--quiet", "--jobs", "\(jobs)", folder.path])
            #expect(result.status == 1, "empty.txt fails: \(result.stderr)")
            snapshots.append(("--jobs \(jobs)", try Self.snapshot(try database.open(db))))
        }
        // The versions one file per ingest, the last version first, then the rest.
        let db = try database.make(try StoreTesting.temporaryFolder())
        let versions = folder.appendingPathComponent("versions")
        for file in Versions.files.reversed() {
            let result = try CLI.run(["ingest", "--db", db, "--quiet", versions.appendingPathComponent(file.name).path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        _ = try CLI.run(["ingest", "--db", db, "--quiet", "--jobs", "3", folder.path])
        snapshots.append(("file by file", try Self.snapshot(try database.open(db))))

        let (_, first) = try #require(snapshots.first)
        #expect(first.count > 48 * 190)
        for (name, snapshot) in snapshots.dropFirst() {
            #expect(
                snapshot == first,
                "\(name) differs: \(Set(snapshot).symmetricDifference(first).sorted().prefix(6))"
            )
        }

        // The versions follow the rule: later date, then fewer errors, then content; the current one is last.
        let store = try database.open(db)
        let agency = try #require(try store.agency(named: Versions.agency))
        let reports = try store.reports(agencyID: try #require(agency.id), year: nil, allVersions: true)
        let order = reports.map { "\($0.record.year) v\($0.record.version) \($0.record.status.rawValue)" }
        let names = reports.map { URL(fileURLWithPath: $0.record.sourcePath).lastPathComponent }
        #expect(Array(names.suffix(4)) == ["4.txt", "3.txt", "2.txt", "1.txt"], "\(order)")
        #expect(
            Array(order.suffix(4)) == [
                "2023 v1 superseded", "2023 v2 superseded", "2023 v3 superseded", "2023 v4 current",
            ]
        )
        let hashes = reports.prefix(2).map(\.record.contentHash)
        #expect(hashes == hashes.sorted(), "equal dates and errors: the larger content hash is current")
        #expect(reports.prefix(2).map(\.record.status) == [.superseded, .current])
        // Only the current report carries cross-year findings, against the current 2022 report.
        let current2022 = try #require(reports.first { $0.record.year == 2022 && $0.record.status == .current })
        for report in reports {
            let crossYear = report.findings.filter { $0.scope == .crossYear }
            if report.record.year == 2023 && report.record.status == .current {
                #expect(crossYear.contains { $0.code == "R6" })
                #expect(crossYear.allSatisfy { $0.previousReportID == current2022.record.id })
            } else {
                #expect(crossYear.isEmpty, "\(report.record.sourcePath)")
            }
        }
    }
}
