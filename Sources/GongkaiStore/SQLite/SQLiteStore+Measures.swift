import Foundation
import GRDB
import GongkaiModel

/// Statistics over many reports: the measures kept beside each report (``ReportMeasure``) summed in SQL, and the
/// findings counted by rule.
extension SQLiteStore {
    /// Makes `report_measure` and fills it for the reports already stored, from their figures.
    static func addMeasures(_ db: Database) throws {
        try db.execute(sql: ReportMeasure.createTable(numericType: "NUMERIC", idType: "INTEGER"))
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT f.report_id, r.template, k.figure, CAST(f.value AS TEXT)
                FROM figure f JOIN report r ON r.id = f.report_id JOIN figure_kind k ON k.id = f.kind_id
                WHERE f.state = 'value' AND (k.figure LIKE 't3.%' OR k.figure LIKE 't4.%')
                ORDER BY f.report_id
                """
        )
        var current: (id: Int64, template: ReportTemplate?)?
        var numbers: [FigureID: Decimal] = [:]
        func flush() throws {
            guard let current else { return }
            try insertMeasures(
                ReportMeasure.values(numbers: numbers, template: current.template),
                reportID: current.id,
                db
            )
            numbers = [:]
        }
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if current?.id != id {
                try flush()
                current = (id, (row[1] as String?).flatMap(ReportTemplate.init(rawValue:)))
            }
            if let text: String = row[3], let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) {
                numbers[FigureID(row[2] as String)] = value
            }
        }
        try flush()
        try db.execute(sql: "INSERT OR IGNORE INTO report_measure (report_id) SELECT id FROM report")
    }

    static func insertMeasures(_ values: [ReportMeasure: Decimal], reportID: Int64, _ db: Database) throws {
        let columns = ReportMeasure.allCases.map(\.column).joined(separator: ", ")
        let marks = ReportMeasure.allCases.map { _ in "?" }.joined(separator: ", ")
        try SQLiteInsert("INSERT INTO report_measure (report_id, \(columns)) VALUES (?, \(marks))", db).run(
            values: [.integer(reportID)] + ReportMeasure.allCases.map { .text(values[$0]?.description) }
        )
    }

    /// The regions directly below `:region` (or the top-level ones) as `top`, with every region under each.
    static let subregions = """
        , tops(code, top) AS (
            SELECT code, code FROM region
            WHERE (:region IS NULL AND parent_code IS NULL) OR parent_code = :region
            UNION SELECT g.code, tops.top FROM region g JOIN tops ON g.parent_code = tops.code
        )
        """

    public func measureTotals(_ query: MeasureQuery) throws -> [MeasureGroup] {
        let code = try query.region.map { name in
            guard let found = try self.region(name) else { throw StoreError.regionNotFound(name) }
            return found.code
        }
        let key: String
        let name: String
        let join: String
        switch query.grouping {
        case .year:
            (key, name, join) = ("NULL", "NULL", "")
        case .agency:
            (key, name, join) = ("CAST(a.id AS TEXT)", "max(a.name)", "")
        case .subregion:
            (key, name, join) = (
                "coalesce(t.top, a.region_code)", "max(n.name)",
                "LEFT JOIN tops t ON t.code = a.region_code LEFT JOIN region n ON n.code = coalesce(t.top, a.region_code)"
            )
        }
        // The agency's row only where the region or the grouping needs it: a pass over every report costs a third more
        // with it.
        let needsAgency = code != nil || query.grouping != .year
        let agency = needsAgency ? "JOIN agency a ON a.id = r.agency_id" : ""
        let inRegion =
            needsAgency ? "(:region IS NULL OR a.region_code IN (SELECT code FROM below))" : ":region IS NULL"
        let sums = ReportMeasure.allCases.map { "sum(m.\($0.column)), count(m.\($0.column))" }
        let sql =
            Self.regionsBelow + (query.grouping == .subregion ? Self.subregions : "") + """
                SELECT r.year, \(key) AS grouped, \(name), count(*), \(sums.joined(separator: ", "))
                FROM report r \(agency) LEFT JOIN report_measure m ON m.report_id = r.id
                \(join)
                WHERE r.status = 'current' AND r.year BETWEEN :from AND :to
                  AND \(inRegion)
                GROUP BY r.year, grouped
                ORDER BY r.year, grouped
                """
        return try guarded {
            try pool.read { db in
                guard try db.tableExists("report_measure") else { throw StoreError.olderSchema(path: path) }
                let rows = try Row.fetchCursor(
                    db,
                    sql: sql,
                    arguments: ["region": code, "from": query.years.lowerBound, "to": query.years.upperBound]
                )
                var groups: [MeasureGroup] = []
                while let row = try rows.next() {
                    var sums: [ReportMeasure: Decimal] = [:]
                    var counted: [ReportMeasure: Int] = [:]
                    for (index, measure) in ReportMeasure.allCases.enumerated() {
                        let count: Int = row[5 + 2 * index]
                        guard count > 0 else { continue }
                        counted[measure] = count
                        sums[measure] = Self.decimal(row[4 + 2 * index] as DatabaseValue)
                    }
                    groups.append(
                        MeasureGroup(
                            year: row[0],
                            key: row[1],
                            name: row[2],
                            reports: row[3],
                            sums: sums,
                            counted: counted
                        )
                    )
                }
                return groups
            }
        }
    }

    /// A sum as SQLite gives it: an integer for whole numbers (every count), read without a detour through text; a
    /// real written as SQLite writes it (`CAST(x AS TEXT)`) and read as a decimal.
    static func decimal(_ value: DatabaseValue) -> Decimal? {
        switch value.storage {
        case .int64(let integer): Decimal(integer)
        case .double(let real):
            Decimal(string: String(format: "%.15g", real), locale: Locale(identifier: "en_US_POSIX"))
        case .string(let text): Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        case .null, .blob: nil
        }
    }

    public func ruleCounts(region: String?, years: ClosedRange<Int>) throws -> [RuleCount] {
        let code = try region.map { name in
            guard let found = try self.region(name) else { throw StoreError.regionNotFound(name) }
            return found.code
        }
        return try guarded {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: Self.regionsBelow + """
                        SELECT f.code, f.severity, count(DISTINCT f.report_id), count(*)
                        FROM finding f JOIN report r ON r.id = f.report_id \(code == nil ? "" : "JOIN agency a ON a.id = r.agency_id")
                        WHERE r.status = 'current' AND r.year BETWEEN :from AND :to
                          AND \(code == nil ? ":region IS NULL" : "(:region IS NULL OR a.region_code IN (SELECT code FROM below))")
                        GROUP BY f.code, f.severity
                        ORDER BY f.code, f.severity
                        """,
                    arguments: ["region": code, "from": years.lowerBound, "to": years.upperBound]
                ).map { RuleCount(code: $0[0], severity: $0[1], reports: $0[2], findings: $0[3]) }
            }
        }
    }
}
