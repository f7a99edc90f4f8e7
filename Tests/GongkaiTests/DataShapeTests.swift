import Foundation
import GRDB
import GongkaiModel
import GongkaiOutput
import Testing

@testable import GongkaiStore

#if Postgres
import PostgresNIO
#endif

/// One documented data shape (`Docs/data.md`): both JSON outputs hold to their published schemas, and the CSV outputs
/// and the `figure_long` view have the same columns.
@Suite("The outputs' data shape")
struct DataShapeTests {
    static let seeds = Fixtures.seedNames.map { "seeds/\($0).txt" }
    /// Every source format, PDF boxes and pages, HTML tables, rows the reader could not place.
    static let others = [
        "real/hongze-2023.pdf", "html/001-word.html", "rendered/001_2af83e509e4cbaa8.lo.docx", "real/pingtan-2020.txt",
    ]

    func parseObjects(_ paths: [String], format: String = "json") throws -> [JSONValue] {
        let result = try CLI.run(["parse", "--format", format] + paths.map { Fixtures.url($0).path })
        #expect(result.status == 0, "\(result.stderr)")
        if format == "jsonl" {
            return try result.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        }
        return try JSONValue.parse(result.stdout).array ?? []
    }

    @Test("the schemas use only keywords the check knows, and name the current version")
    func schemasAreChecked() throws {
        let check = try JSONSchemaCheck()
        #expect(check.documents.keys.sorted() == ["export.schema.json", "report.schema.json"])
        #expect(check.unsupportedKeywords() == [])
        for document in check.documents.values {
            #expect(document["$schema"]?.string == "https://json-schema.org/draft/2020-12/schema")
            #expect(document["properties"]?["schemaVersion"]?["const"] == .integer(ReportJSON.schemaVersion))
        }
    }

    @Test("parse --format json and jsonl, and check --format json, hold to report.schema.json")
    func parseHoldsToSchema() throws {
        let check = try JSONSchemaCheck()
        let objects = try parseObjects(Self.seeds + Self.others) + parseObjects(Self.seeds, format: "jsonl")
        #expect(objects.count == 2 * Self.seeds.count + Self.others.count)
        for object in objects {
            #expect(check.errors(object, against: "report.schema.json") == [], "\(object["file"]?.string ?? "")")
        }
        // Every row state, finding and location kind the schema declares is met somewhere, so none goes untested.
        let states = Set(
            objects.flatMap { ($0["tables"]?.array ?? []).flatMap { $0["rows"]?.array ?? [] } }
                .compactMap { $0["state"]?.string }
        )
        #expect(states.isSuperset(of: ["complete", "fewer-values"]), "\(states)")
        #expect(objects.contains { !($0["findings"]?.array ?? []).isEmpty })
        #expect(objects.contains { !($0["unknown"]?.array ?? []).isEmpty })
        #expect(objects.contains { $0["provenance"]?.objectMembers.first?.value["box"] != nil })

        let checked = try CLI.run(["check", "--format", "json"] + Self.seeds.map { Fixtures.url($0).path })
        for object in try JSONValue.parse(checked.stdout).array ?? [] {
            #expect(check.errors(object, against: "report.schema.json") == [])
        }
    }

    @Test("the check finds what breaks the schema: a key too many or too few, a wrong type, a row's extra field")
    func checkCanFail() throws {
        let check = try JSONSchemaCheck()
        let object = try #require(try parseObjects([Self.seeds[2]]).first)
        #expect(check.errors(object, against: "report.schema.json") == [])
        let broken: [(JSONValue, String)] = [
            (object.setting("extra", .integer(1)), "/extra: not declared"),
            (object.setting("summary", nil), "/: missing summary"),
            (object.setting("template", .string("2020")), "/template: \"2020\" is not one of the allowed values"),
            (
                object.setting("figures", .object([("t3.received.natural", .string("1"))])),
                "/figures/t3.received.natural"
            ),
            (object.setting("unknown", .array([.string("received.natural")])), "/unknown/0"),
            (object.setting("schemaVersion", .integer(1)), "/schemaVersion"),
        ]
        for (value, expected) in broken {
            let errors = check.errors(value, against: "report.schema.json")
            #expect(errors.contains { $0.hasPrefix(expected) }, "\(expected): \(errors)")
        }
        let row = JSONValue.object([
            ("row", .string("received")), ("label", .string("一、")), ("state", .string("complete")),
            ("printed", .integer(6)), ("location", .null),
        ])
        let table = JSONValue.object([("table", .integer(3)), ("location", .null), ("rows", .array([row]))])
        let errors = check.errors(object.setting("tables", .array([table])), against: "report.schema.json")
        #expect(errors.contains { $0.hasPrefix("/tables/0/rows/0: matches 0 of oneOf") }, "\(errors)")
    }

    @Test("parse --format csv has the columns export --format csv and figure_long have")
    func parseCSVColumns() throws {
        let csv = try CLI.run(["parse", "--format", "csv", Fixtures.url(Self.seeds[0]).path])
        let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == ReportCSV.header.joined(separator: ","))
        #expect(
            ReportCSV.header == [
                "report_id", "agency_id", "agency", "region_code", "region", "year", "version", "report_status",
                "template", "file", "figure_id", "table_name", "row_label", "column_label", "value", "state",
                "printed", "source_line", "source_column",
            ]
        )
        // The corpus's columns are empty; the report's are filled.
        let licensing = try #require(lines.first { $0.contains(",t2.licensing.decisions,") })
        let fields = licensing.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(fields.count == ReportCSV.header.count)
        #expect(Array(fields[0...8]) == ["", "", "灵宝市司法局", "", "", "2023", "", "", "2021"])
        #expect(
            Array(fields[10...]) == [
                "t2.licensing.decisions", "表二", "行政许可", "本年处理决定数量", "28", "value", "28", "27", "6",
            ]
        )
    }

    /// Two years of one agency whose 2023 上年结转 disagrees with 2022 (a cross-year finding), the seeds, and a region
    /// tree whose codes start with a zero.
    func corpus(_ database: CorpusDatabase) throws -> String {
        let folder = try StoreTesting.temporaryFolder()
        let db = try database.make(folder)
        let files = folder.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let agency = "永州市零陵区财政局"
        let last = StoreTesting.report(agency: agency, year: 2022, seed: 21)
        let forward = last.figures[FigureID("t3.carried_forward.natural")]?.integer ?? 0
        let this = StoreTesting.report(agency: agency, year: 2023, seed: 22) { figures in
            figures[FigureID("t3.carried_over.natural")] = .integer(forward + 3)
        }
        try last.text.write(to: files.appendingPathComponent("2022.txt"), atomically: true, encoding: .utf8)
        try this.text.write(to: files.appendingPathComponent("2023.txt"), atomically: true, encoding: .utf8)
        let regions = folder.appendingPathComponent("regions.csv")
        try """
        code,name,parent,level
        0431,永州市,,市
        043102,零陵区,0431,区
        043102-czj,财政局,043102,agency
        """.write(to: regions, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["agency", "import-regions", regions.path, "--db", db]).status == 0)
        let ingest = try CLI.run(["ingest", files.path, Fixtures.url("seeds").path, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return db
    }

    @Test(
        "export --format json holds to export.schema.json; its report is parse's object",
        arguments: CorpusDatabase.all
    )
    func exportJSON(_ database: CorpusDatabase) throws {
        let db = try corpus(database)
        let check = try JSONSchemaCheck()
        let export = try CLI.run(["export", "--format", "json", "--db", db])
        #expect(export.status == 0, "\(export.stderr)")
        let document = try JSONValue.parse(export.stdout)
        #expect(check.errors(document, against: "export.schema.json") == [])
        #expect(document.keys == ["schemaVersion", "reports"])
        #expect(document["schemaVersion"] == .integer(ReportJSON.schemaVersion))
        let entries = try #require(document["reports"]?.array)
        #expect(entries.count == 2 + Self.seeds.count)

        // The same keys as parse's object, in the same order; the figures the same.
        let parsed = try parseObjects([Self.seeds[1]])[0]
        let seed = try #require(entries.first { $0["report"]?["file"]?.string?.hasSuffix(Self.seeds[1]) == true })
        let report = try #require(seed["report"])
        #expect(report.keys == parsed.keys)
        for key in ["agency", "year", "template", "title", "figures", "unknown", "raw"] {
            #expect(report[key] == parsed[key], "\(key)")
        }
        #expect(report["provenance"]?.keys == parsed["provenance"]?.keys)
        #expect(report["sections"]?.array?.map { $0["title"] } == parsed["sections"]?.array?.map { $0["title"] })
        #expect(report["findings"]?.array?.map { $0["code"] } == parsed["findings"]?.array?.map { $0["code"] })
        #expect(report["summary"] == parsed["summary"])

        // Corpus ids beside it, the region code as text with its leading zero, and last year's report named.
        let years = entries.filter { $0["report"]?["agency"] == .string("永州市零陵区财政局") }
        #expect(years.map { $0["report"]?["year"] } == [.integer(2022), .integer(2023)])
        #expect(years.count == 2)
        #expect(years.allSatisfy { $0["regionCode"] == .string("043102") && $0["region"] == .string("零陵区") })
        #expect(years.allSatisfy { $0["agencyId"] == years[0]["agencyId"] && $0["reportStatus"] == .string("current") })
        let crossYear = try #require(years[1]["crossYearFindings"]?.array)
        let r6 = try #require(
            crossYear.first {
                $0["code"] == .string("R6") && $0["figures"] == .array([.string("t3.carried_over.natural")])
            }
        )
        #expect(r6["previousReportId"] == years[0]["reportId"])
        #expect(r6["previousYearFigures"] == .array([.string("t3.carried_forward.natural")]))
        let forward = try #require(r6["previousYearValues"]?["t3.carried_forward.natural"]?.integer)
        #expect(r6["values"]?["t3.carried_over.natural"] == .integer(forward + 3))
        #expect(years[0]["crossYearFindings"] == .array([]))
    }

    @Test(
        "export --format csv and figure_long: the CSV columns, corpus ids and the region code as text",
        arguments: CorpusDatabase.all
    )
    func exportCSV(_ database: CorpusDatabase) throws {
        let db = try corpus(database)
        let csv = try CLI.run(["export", "--format", "csv", "--db", db])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first.map(String.init) == ReportCSV.header.joined(separator: ","))
        let json = try JSONValue.parse(try CLI.run(["export", "--format", "json", "--db", db]).stdout)
        let entry = try #require(
            json["reports"]?.array?.first {
                $0["report"]?["year"] == .integer(2023) && $0["report"]?["agency"] == .string("永州市零陵区财政局")
            }
        )
        let agency = try #require(entry["agency"]?.string)
        let reportID = try #require(entry["reportId"]?.integer)
        let agencyID = try #require(entry["agencyId"]?.integer)
        let row = try #require(lines.first { $0.hasPrefix("\(reportID),") && $0.contains(",t3.received.total,") })
        let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(
            Array(fields[0...10]) == [
                "\(reportID)", "\(agencyID)", agency, "\"043102\"", "零陵区", "2023", "1", "current", "2021",
                try #require(entry["report"]?["file"]?.string), "t3.received.total",
            ]
        )

        // The view: the same columns, in the same order, and the same fields for this figure.
        let store = try database.open(db)
        #expect(try viewColumns(store) == ReportCSV.header)
        let viewRow = try viewFields(store, reportID: reportID, figure: "t3.received.total")
        var expected = fields
        expected[3] = "043102"
        #expect(viewRow == expected)
    }

    @Test("the crosswalk query in Docs/data.md gives （六）其他处理 per column in both formats")
    func crosswalkQuery() throws {
        let db = try corpus(.sqlite)
        let doc = try String(
            contentsOf: JSONSchemaCheck.folder.deletingLastPathComponent().appendingPathComponent("data.md"),
            encoding: .utf8
        )
        let sql = try #require(
            doc.components(separatedBy: "```sql\n").dropFirst().first?.components(separatedBy: "```").first
        )
        let store = try SQLiteStore(path: db)
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: sql).map { row -> String in
                let value: String =
                    switch (row[4] as DatabaseValue).storage {
                    case .int64(let number): String(number)
                    case .double(let number): String(number)
                    case .string(let text): text
                    case .null, .blob: ""
                    }
                return "\(row[0] as Int) \(row[3] as String) \(value)"
            }
        }
        // The same from the export's figures: the single row where printed, else the sum of the three.
        let json = try JSONValue.parse(try CLI.run(["export", "--format", "json", "--db", db]).stdout)
        var expected: [(Int, String)] = []
        var formats = Set<String>()
        for entry in json["reports"]?.array ?? [] {
            let report = try #require(entry["report"])
            let figures = report["figures"]
            for column in ["commercial", "legal", "natural", "nonprofit", "other", "research", "total"] {
                let id = try #require(entry["reportId"]?.integer)
                if let single = figures?["t3.other.\(column)"] {
                    expected.append((id, "\(id) \(column) \(single.integer.map(String.init) ?? "")"))
                    formats.insert("single " + (report["template"]?.string ?? ""))
                } else {
                    let parts = ["no_amendment", "unpaid_fee", "other"].map {
                        figures?["t3.other.\($0).\(column)"]?.integer
                    }
                    let sum = parts.allSatisfy { $0 != nil } ? parts.compactMap { $0 }.reduce(0, +) : nil
                    expected.append((id, "\(id) \(column) \(sum.map(String.init) ?? "")"))
                    formats.insert("split " + (report["template"]?.string ?? ""))
                }
            }
        }
        #expect(formats == ["single 2019", "split 2021"])
        #expect(rows == expected.sorted { $0 < $1 }.map(\.1))
        #expect(rows.contains { !$0.hasSuffix(" 0") && !$0.hasSuffix(" ") }, "some counts are not zero")
    }

    /// The text of every column of one `figure_long` row, as the CSV writes it (NULL as empty).
    func viewFields(_ store: any ReportStore, reportID: Int, figure: String) throws -> [String] {
        let columns = ReportCSV.header.map { "coalesce(CAST(\($0) AS TEXT), '')" }.joined(separator: ", ")
        let sql = "SELECT \(columns) FROM figure_long WHERE report_id = \(reportID) AND figure_id = '\(figure)'"
        if let sqlite = store as? SQLiteStore {
            return try sqlite.pool.read { db in
                try Row.fetchOne(db, sql: sql).map { row in (0..<row.count).map { row[$0] as String } } ?? []
            }
        }
        #if Postgres
        if let postgres = store as? PostgresStore {
            guard let row = try postgres.writer.rows(PostgresQuery(unsafeSQL: sql)).first else { return [] }
            return try row.makeRandomAccess().map { try $0.decode(String.self) }
        }
        #endif
        Issue.record("a store of an unknown kind")
        return []
    }

    func viewColumns(_ store: any ReportStore) throws -> [String] {
        if let sqlite = store as? SQLiteStore {
            return try sqlite.pool.read { db in try db.columns(in: "figure_long").map(\.name) }
        }
        #if Postgres
        if let postgres = store as? PostgresStore {
            let sql = """
                SELECT column_name::text FROM information_schema.columns WHERE table_name = 'figure_long'
                ORDER BY ordinal_position
                """
            return try postgres.writer.rows(PostgresQuery(unsafeSQL: sql)).map { try $0.decode(String.self) }
        }
        #endif
        Issue.record("a store of an unknown kind")
        return []
    }
}
