#if Postgres
import Foundation
import GongkaiModel
import PostgresNIO

/// Statistics over many reports: the measures kept beside each report (``ReportMeasure``) summed in SQL, and the
/// findings counted by rule.
extension PostgresStore {
    /// Fills `report_measure` for the reports already stored, from their figures, a thousand reports at a time.
    static func fillMeasures(_ db: PostgresSession.Transaction) throws {
        let bounds = try db.rows("SELECT min(id), max(id) FROM report").first?.decode((Int64?, Int64?).self)
        guard let low = bounds?.0, let high = bounds?.1 else { return }
        for start in stride(from: low, through: high, by: 1000) {
            var binds = PostgresBindings()
            binds.append(start)
            binds.append(start + 999)
            let rows = try db.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT r.id, r.template, k.figure, f.value::text
                        FROM report r
                        LEFT JOIN figure f ON f.report_id = r.id AND f.state = 'value'
                        LEFT JOIN figure_kind k ON k.id = f.kind_id
                        WHERE r.id BETWEEN $1 AND $2
                        ORDER BY r.id
                        """,
                    binds: binds
                )
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
            for row in rows {
                let (id, template, figure, value) = try row.decode((Int64, String?, String?, String?).self)
                if current?.id != id {
                    try flush()
                    current = (id, template.flatMap(ReportTemplate.init(rawValue:)))
                }
                guard let figure, figure.hasPrefix("t3.") || figure.hasPrefix("t4."), let value,
                    let number = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX"))
                else { continue }
                numbers[FigureID(figure)] = number
            }
            try flush()
        }
    }

    static func insertMeasures(
        _ values: [ReportMeasure: Decimal],
        reportID: Int64,
        _ db: PostgresSession.Transaction
    ) throws {
        var binds = PostgresBindings()
        binds.append(reportID)
        for measure in ReportMeasure.allCases { binds.append(values[measure]?.description) }
        let columns = ReportMeasure.allCases.map(\.column).joined(separator: ", ")
        let marks = ReportMeasure.allCases.indices.map { "$\($0 + 2)::numeric" }.joined(separator: ", ")
        try db.execute(
            PostgresQuery(
                unsafeSQL: "INSERT INTO report_measure (report_id, \(columns)) VALUES ($1, \(marks))",
                binds: binds
            )
        )
    }

    /// The regions directly below `$1` (or the top-level ones) as `top`, with every region under each.
    static let subregions = """
        , tops(code, top) AS (
            SELECT code, code FROM region
            WHERE ($1::text IS NULL AND parent_code IS NULL) OR parent_code = $1
            UNION SELECT g.code, tops.top FROM region g JOIN tops ON g.parent_code = tops.code
        )
        """

    public func measureTotals(_ query: MeasureQuery) throws -> [MeasureGroup] {
        let code = try regionCode(query.region)
        let key: String
        let name: String
        let join: String
        switch query.grouping {
        case .year:
            (key, name, join) = ("NULL::text", "NULL::text", "")
        case .agency:
            (key, name, join) = ("a.id::text", "max(a.name)", "")
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
            needsAgency ? "($1::text IS NULL OR a.region_code IN (SELECT code FROM below))" : "$1::text IS NULL"
        let sums = ReportMeasure.allCases.map { "sum(m.\($0.column))::text, count(m.\($0.column))" }
        var binds = PostgresBindings()
        binds.append(code)
        binds.append(query.years.lowerBound)
        binds.append(query.years.upperBound)
        let sql =
            Self.regionsBelow + (query.grouping == .subregion ? Self.subregions : "") + """
                SELECT r.year, (\(key)) COLLATE "C" AS grouped, \(name), count(*), \(sums.joined(separator: ", "))
                FROM report r \(agency) LEFT JOIN report_measure m ON m.report_id = r.id
                \(join)
                WHERE r.status = 'current' AND r.year BETWEEN $2 AND $3
                  AND \(inRegion)
                GROUP BY r.year, grouped
                ORDER BY r.year, grouped NULLS FIRST
                """
        return try guarded {
            try reading { db in
                let exists = try db.one("SELECT to_regclass('report_measure') IS NOT NULL", as: Bool.self)
                guard exists == true else { throw StoreError.olderSchema(path: location) }
                return try db.rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map { row in
                    let cells = row.makeRandomAccess()
                    var sums: [ReportMeasure: Decimal] = [:]
                    var counted: [ReportMeasure: Int] = [:]
                    for (index, measure) in ReportMeasure.allCases.enumerated() {
                        let count = try cells[5 + 2 * index].decode(Int.self)
                        guard count > 0 else { continue }
                        counted[measure] = count
                        let text = try cells[4 + 2 * index].decode(String?.self)
                        sums[measure] = text.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
                    }
                    return MeasureGroup(
                        year: try cells[0].decode(Int.self),
                        key: try cells[1].decode(String?.self),
                        name: try cells[2].decode(String?.self),
                        reports: try cells[3].decode(Int.self),
                        sums: sums,
                        counted: counted
                    )
                }
            }
        }
    }

    public func ruleCounts(region: String?, years: ClosedRange<Int>) throws -> [RuleCount] {
        let code = try regionCode(region)
        var binds = PostgresBindings()
        binds.append(code)
        binds.append(years.lowerBound)
        binds.append(years.upperBound)
        return try guarded {
            try readRows(
                PostgresQuery(
                    unsafeSQL: Self.regionsBelow + """
                        SELECT f.code, f.severity, count(DISTINCT f.report_id), count(*)
                        FROM finding f JOIN report r ON r.id = f.report_id \(code == nil ? "" : "JOIN agency a ON a.id = r.agency_id")
                        WHERE r.status = 'current' AND r.year BETWEEN $2 AND $3
                          AND \(code == nil ? "$1::text IS NULL" : "($1::text IS NULL OR a.region_code IN (SELECT code FROM below))")
                        GROUP BY f.code, f.severity
                        ORDER BY f.code COLLATE "C", f.severity COLLATE "C"
                        """,
                    binds: binds
                )
            ).map { row in
                let (code, severity, reports, findings) = try row.decode((String, String, Int, Int).self)
                return RuleCount(code: code, severity: severity, reports: reports, findings: findings)
            }
        }
    }
}
#endif
