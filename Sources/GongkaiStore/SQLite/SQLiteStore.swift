import Foundation
import GRDB
import GongkaiCheck
import GongkaiModel

/// The corpus in one SQLite file (`gongkai.sqlite` by default), in WAL mode so that readers query while an ingest
/// writes. Each report is written in its own savepoint, each batch in one transaction.
public final class SQLiteStore: ReportStore, Sendable {
    public let path: String
    /// A pool of connections in WAL mode; for a store opened read-only, one read-only connection.
    let pool: any DatabaseWriter
    /// `figure_kind` ids by template and figure id.
    let kindIDs: [String: [FigureID: Int64]]
    /// Figure id and value kind by `figure_kind` id.
    let kinds: [Int64: (id: FigureID, kind: ValueKind)]
    /// Agencies and compared cells this process remembers.
    let caches = IngestCaches()
    /// The 报告库's counts under the corpus's change number.
    let listingCounts = ListingCounts()

    /// Opens (creating if needed) the database and brings its schema up to date; `readOnly` opens an existing
    /// database for reading only, writing nothing to it or its folder, and never migrates it.
    public init(path: String, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly
        if !readOnly {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        do {
            let pool: any DatabaseWriter
            if readOnly {
                pool = try Self.openForReading(path, configuration: configuration)
            } else {
                // SQLite writes the file and, beside it, its -wal and -shm files.
                let manager = FileManager.default
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
                if !manager.isWritableFile(atPath: folder)
                    || (manager.fileExists(atPath: path) && !manager.isWritableFile(atPath: path))
                {
                    throw StoreError.readOnly(path: path)
                }
                pool = try Self.openPool(path, configuration: configuration)
                try SQLiteSchema.migrate(pool, path: path)
            }
            let rows = try pool.read { db in
                try FigureKindRecord.fetchAll(db)
            }
            var kindIDs: [String: [FigureID: Int64]] = [:]
            var kinds: [Int64: (id: FigureID, kind: ValueKind)] = [:]
            for row in rows {
                guard let id = row.id else { continue }
                let figure = FigureID(row.figure)
                kindIDs[row.template, default: [:]][figure] = id
                let template = ReportTemplate(rawValue: row.template) ?? .v2021
                let kind = NationalTemplates.spec(template).cell(figure)?.column.kind ?? .count
                kinds[id] = (figure, kind)
            }
            self.pool = pool
            self.kindIDs = kindIDs
            self.kinds = kinds
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.mapped(error, path: path)
        }
    }

    /// The pool of a database that may be being created by another process at the same moment: GRDB's first write to
    /// a new file (which makes its -wal file) then finds the database busy without waiting, and is tried again.
    static func openPool(_ path: String, configuration: Configuration) throws -> DatabasePool {
        var attempts = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempts < 200 {
                attempts += 1
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// A read-only connection to an existing database whose schema can be read. A database in a folder where
    /// SQLite cannot create its shared-memory file (a read-only copy, a shared drive) is opened as immutable.
    static func openForReading(_ path: String, configuration: Configuration) throws -> DatabaseQueue {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw FileManager.default.fileExists(atPath: path)
                ? StoreError.cannotOpen(path: path, detail: "没有读取权限")
                : StoreError.notFound(path: path)
        }
        // A reader may not notice a damaged header while the shared-memory file of an earlier reader is there.
        let header = try file.read(upToCount: 16) ?? Data()
        try? file.close()
        guard header.isEmpty || header == Data("SQLite format 3\0".utf8) else { throw StoreError.damaged(path: path) }
        func schema(_ queue: DatabaseQueue) throws -> Set<String> {
            try queue.read { try SQLiteSchema.applied($0) }
        }
        var queue: DatabaseQueue
        let applied: Set<String>
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            applied = try schema(queue)
        } catch is DatabaseError {
            var components = URLComponents()
            components.scheme = "file"
            components.path = URL(fileURLWithPath: path).standardizedFileURL.path
            components.queryItems = [URLQueryItem(name: "immutable", value: "1")]
            queue = try DatabaseQueue(path: components.string ?? path, configuration: configuration)
            applied = try schema(queue)
        }
        guard applied.isSubset(of: Set(SQLiteSchema.migrations.map(\.name))) else {
            throw StoreError.newerSchema(path: path)
        }
        guard SQLiteSchema.neededForReading.isSubset(of: applied) else { throw StoreError.olderSchema(path: path) }
        return queue
    }

    static func mapped(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_FORMAT: return .damaged(path: path)
            case .SQLITE_READONLY: return .readOnly(path: path)
            default: return .cannotOpen(path: path, detail: error.message ?? "\(error.resultCode)")
            }
        }
        return .cannotOpen(path: path, detail: "\(error)")
    }

    /// Runs a body, turning database errors into ``StoreError``s.
    func guarded<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw Self.mapped(error, path: path)
        }
    }

    static func now() -> String {
        Date().formatted(.iso8601)
    }

    // MARK: Ingest

    /// Copies the write-ahead log into the database file and empties it (a `TRUNCATE` checkpoint). Readers that hold
    /// the log open make it wait for them a moment; failing that, the log stays, as safe as before but not in the file.
    public func finishWriting() throws {
        try guarded {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        }
    }

    public func knownContentHashes() throws -> Set<String> {
        try guarded {
            try pool.read { db in
                Set(
                    try String.fetchAll(
                        db,
                        sql: "SELECT content_hash FROM report UNION ALL SELECT content_hash FROM failure"
                    )
                )
            }
        }
    }

    /// Forgets what this process remembered of rows a rolled-back transaction wrote.
    func forgetCaches() { caches.forgetAll() }

    public func add(_ submissions: [ReportSubmission], failures: [FailedFile]) throws -> [SubmissionOutcome] {
        do {
            return try addBatch(submissions, failures: failures)
        } catch {
            forgetCaches()
            throw error
        }
    }

    func addBatch(_ submissions: [ReportSubmission], failures: [FailedFile]) throws -> [SubmissionOutcome] {
        try guarded {
            try pool.write { db in
                let timestamp = Self.now()
                var outcomes: [SubmissionOutcome] = []
                for submission in submissions {
                    var outcome = SubmissionOutcome.duplicate
                    do {
                        try db.inSavepoint {
                            outcome = try insert(submission, at: timestamp, db)
                            return .commit
                        }
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        // Another process stored the same bytes between our check and our insert, or the report
                        // breaks a constraint: either way nothing of it was kept.
                        forgetCaches()
                        let exists = try Bool.fetchOne(
                            db,
                            sql: "SELECT EXISTS (SELECT 1 FROM report WHERE content_hash = ?)",
                            arguments: [submission.contentHash]
                        )
                        outcome = exists == true ? .duplicate : .unplaced(reason: error.message ?? "\(error)")
                    }
                    if case .unplaced(let reason) = outcome {
                        try insertFailure(
                            FailedFile(contentHash: submission.contentHash, path: submission.path, reason: reason),
                            at: timestamp,
                            db
                        )
                    }
                    outcomes.append(outcome)
                }
                for failure in failures { try insertFailure(failure, at: timestamp, db) }
                return outcomes
            }
        }
    }

    func insertFailure(_ failure: FailedFile, at timestamp: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO failure (content_hash, source_path, reason, failed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (content_hash) DO UPDATE SET source_path = excluded.source_path
                WHERE failure.source_path > excluded.source_path
                """,
            arguments: [failure.contentHash, failure.path, failure.reason, timestamp]
        )
    }

    func insert(_ submission: ReportSubmission, at timestamp: String, _ db: Database) throws -> SubmissionOutcome {
        let report = submission.report
        guard let printedAgency = report.agency?.trimmingCharacters(in: .whitespaces), !printedAgency.isEmpty else {
            return .unplaced(reason: "报告标题中未找到机关名称，无法归入机关。")
        }
        guard let year = report.year else {
            return .unplaced(reason: "报告未写明年度，无法归入年度。")
        }
        let exists = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM report WHERE content_hash = ?)"),
            arguments: [submission.contentHash]
        )
        if exists == true {
            // The same bytes under two names: the report keeps the first name in path order, not the first one read.
            try db.cachedStatement(
                sql: "UPDATE report SET source_path = ?1 WHERE content_hash = ?2 AND source_path > ?1"
            ).execute(arguments: [submission.path, submission.contentHash])
            if let source = submission.source {
                try insertSource(source, contentHash: submission.contentHash, at: timestamp, db)
            }
            return .duplicate
        }

        let agencyID = try resolveAgency(printedAgency, create: true, db) ?? 0
        // The first report of the agency and year is version 1 and current; another goes in last, superseded, and
        // the versions are then put in their order.
        let stored =
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT max(version) FROM report WHERE agency_id = ? AND year = ?"),
                arguments: [agencyID, year]
            ) ?? 0
        let findings = submission.findings
        try SQLiteInsert(
            """
            INSERT INTO report (agency_id, year, version, status, template, content_hash, source_path,
                source_format, encoding, title, printed_agency, publication_date, errors, warnings, notices,
                ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            db
        ).run(
            .integer(agencyID),
            .integer(year),
            .integer(stored + 1),
            .text(stored == 0 ? ReportRecord.Status.current.rawValue : ReportRecord.Status.superseded.rawValue),
            .text(report.template?.rawValue),
            .text(submission.contentHash),
            .text(submission.path),
            .text(report.source.format.rawValue),
            .text(report.source.encoding),
            .text(report.title),
            .text(printedAgency),
            .text(report.publicationDate?.description),
            .integer(findings.count { $0.severity == .error }),
            .integer(findings.count { $0.severity == .warning }),
            .integer(findings.count { $0.severity == .notice }),
            .text(timestamp)
        )
        let reportID = db.lastInsertedRowID
        if let source = submission.source {
            try insertSource(source, contentHash: submission.contentHash, at: timestamp, db)
        }
        try insertFigures(report, reportID: reportID, db)
        try Self.insertMeasures(ReportMeasure.values(report.figures, template: report.template), reportID: reportID, db)
        let section = try SQLiteInsert(
            """
            INSERT INTO section (report_id, position, kind, printed_number, title, text, line)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            db
        )
        for (index, part) in report.sections.enumerated() {
            try section.run(
                .integer(reportID),
                .integer(index + 1),
                .text(part.kind.rawValue),
                .integer(part.printedNumber),
                .text(part.title),
                .text(part.text),
                .integer(part.location?.line)
            )
        }
        for finding in findings {
            try insertFinding(finding, reportID: reportID, previous: nil, db)
        }
        let side = CrossYearRules.Side(year: year, template: report.template, figures: report.figures)
        caches.remember(side: side, of: reportID)
        guard stored > 0 else {
            try recomputeCrossYear(agencyID: agencyID, year: year, current: (reportID, side), db)
            try recomputeCrossYear(agencyID: agencyID, year: year + 1, previous: (reportID, side), db)
            return .added(reportID: reportID, version: 1, versions: 1)
        }
        let placements = try putVersionsInOrder(agencyID: agencyID, year: year, db)
        if placements.last?.id == reportID {
            try recomputeCrossYear(agencyID: agencyID, year: year, current: (reportID, side), db)
            try recomputeCrossYear(agencyID: agencyID, year: year + 1, previous: (reportID, side), db)
        }
        return .added(
            reportID: reportID,
            version: placements.first { $0.id == reportID }?.version ?? stored + 1,
            versions: stored + 1
        )
    }

    /// Numbers the agency's reports on the year in ``VersionOrder`` and makes the last current; a report no longer
    /// current loses its cross-year findings. Returns the placements, the current last.
    func putVersionsInOrder(agencyID: Int64, year: Int, _ db: Database) throws -> [VersionOrder.Placement] {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, version, status, publication_date, errors, content_hash FROM report
                    WHERE agency_id = ? AND year = ?
                    """
            ),
            arguments: [agencyID, year]
        )
        var now: [Int64: VersionOrder.Placement] = [:]
        var orders: [VersionOrder] = []
        for row in rows {
            let id: Int64 = row["id"]
            let status: String = row["status"]
            now[id] = VersionOrder.Placement(id: id, version: row["version"], current: status == "current")
            orders.append(
                VersionOrder(
                    id: id,
                    publicationDate: row["publication_date"],
                    errors: row["errors"],
                    contentHash: row["content_hash"]
                )
            )
        }
        let placements = VersionOrder.placements(orders)
        let changed = placements.filter { now[$0.id] != $0 }
        guard !changed.isEmpty else { return placements }
        // Out of the way of the unique version and current report first, then in place.
        for placement in changed {
            try db.cachedStatement(
                sql: "UPDATE report SET version = \(VersionOrder.outOfTheWay), status = 'superseded' WHERE id = ?"
            ).execute(arguments: [placement.id])
        }
        for placement in changed {
            try db.cachedStatement(sql: "UPDATE report SET version = ?, status = ? WHERE id = ?").execute(
                arguments: [placement.version, placement.current ? "current" : "superseded", placement.id]
            )
        }
        try db.cachedStatement(
            sql: """
                DELETE FROM finding WHERE scope = 'cross-year' AND report_id IN (
                    SELECT id FROM report WHERE agency_id = ? AND year = ? AND status = 'superseded')
                """
        ).execute(arguments: [agencyID, year])
        return placements
    }

    func insertFigures(_ report: AnnualReport, reportID: Int64, _ db: Database) throws {
        let template = (report.template ?? .v2021).rawValue
        let statement = try SQLiteInsert(
            """
            INSERT INTO figure (report_id, kind_id, value, state, printed, line, col, end_col, place)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            db
        )
        // In key order, so that each row goes at the end of the table's B-tree; the figures stay where they are.
        let kinds = kindIDs[template] ?? [:]
        var order: [(kind: Int64, index: Dictionary<FigureID, Figure>.Index)] = []
        order.reserveCapacity(report.figures.count)
        var index = report.figures.startIndex
        while index != report.figures.endIndex {
            let id = report.figures.keys[index]
            order.append((try kinds[id] ?? kindID(id, template: template, db), index))
            report.figures.formIndex(after: &index)
        }
        order.sort { $0.kind < $1.kind }
        for (kindID, index) in order {
            let figure = report.figures.values[index]
            let (state, value, printed) = FigureRecord.stored(figure)
            let location = figure.location
            try statement.run(
                .integer(reportID),
                .integer(kindID),
                .text(value),
                .text(state.rawValue),
                .text(printed),
                .integer(location?.line),
                .integer(location?.column),
                .integer(location?.endColumn),
                .text(location.flatMap(Self.place))
            )
        }
    }

    /// The `figure_kind` id of a figure; a figure outside the format's tables gets a row of its own.
    func kindID(_ figure: FigureID, template: String, _ db: Database) throws -> Int64 {
        if let id = kindIDs[template]?[figure] { return id }
        try db.execute(
            sql: """
                INSERT INTO figure_kind (figure, template, table_no, table_name, row_label, column_label, position)
                VALUES (?, ?, ?, '', '', '', 100000) ON CONFLICT (figure, template) DO NOTHING
                """,
            arguments: [figure.rawValue, template, Int(figure.rawValue.dropFirst().prefix(1)) ?? 3]
        )
        return try Int64.fetchOne(
            db,
            sql: "SELECT id FROM figure_kind WHERE figure = ? AND template = ?",
            arguments: [figure.rawValue, template]
        ) ?? 0
    }

    /// The parts of a location beyond line and column, as JSON; nil when there are none.
    static func place(_ location: SourceLocation) -> String? {
        var fields: [String] = []
        if let endLine = location.endLine, endLine != location.line { fields.append("\"endLine\":\(endLine)") }
        if let table = location.table { fields.append("\"table\":\(table)") }
        if let row = location.row { fields.append("\"row\":\(row)") }
        if let cell = location.cell { fields.append("\"cell\":\(cell)") }
        if let page = location.page { fields.append("\"page\":\(page)") }
        if let box = location.box { fields.append("\"box\":[\(box.x0),\(box.y0),\(box.x1),\(box.y1)]") }
        return fields.isEmpty ? nil : "{" + fields.joined(separator: ",") + "}"
    }

    func insertFinding(
        _ finding: Finding,
        reportID: Int64,
        previous: (Int64, [Finding.FigureRef])?,
        _ db: Database
    )
        throws
    {
        var cells = finding.figures.map { Self.figureJSON($0, previous: false) }
        if let previous { cells += previous.1.map { Self.figureJSON($0, previous: true) } }
        try SQLiteInsert(
            """
            INSERT INTO finding (report_id, previous_report_id, scope, code, severity, table_no, figures, message,
                line, col)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            db
        ).run(
            .integer(reportID),
            previous.map { .integer($0.0) } ?? .null,
            .text((previous == nil ? FindingRecord.Scope.report : .crossYear).rawValue),
            .text(finding.code),
            .text(finding.severity.rawValue),
            .integer(finding.table?.rawValue),
            .text("[" + cells.joined(separator: ",") + "]"),
            .text(finding.message),
            .integer(finding.location?.line),
            .integer(finding.location?.column)
        )
    }

    static func figureJSON(_ ref: Finding.FigureRef, previous: Bool) -> String {
        let value = ref.value.number == nil ? "null" : ref.value.text
        return "{\"figure\":\"\(ref.id.rawValue)\",\"value\":\(value)" + (previous ? ",\"previousYear\":true}" : "}")
    }

    // MARK: Cross-year findings

    /// Replaces the cross-year findings of the agency's current report on `year` (against `year - 1`).
    func recomputeCrossYear(
        agencyID: Int64,
        year: Int,
        current known: (Int64, CrossYearRules.Side)? = nil,
        previous knownPrevious: (Int64, CrossYearRules.Side)? = nil,
        _ db: Database
    ) throws {
        guard let current = try known ?? side(agencyID: agencyID, year: year, db) else { return }
        // A report just stored has no cross-year findings yet.
        if known == nil {
            try db.cachedStatement(sql: "DELETE FROM finding WHERE report_id = ? AND scope = 'cross-year'")
                .execute(arguments: [current.0])
        }
        guard let previous = try knownPrevious ?? side(agencyID: agencyID, year: year - 1, db) else { return }
        for result in CrossYearRules.check(previous: previous.1, current: current.1) {
            try insertFinding(result.finding, reportID: current.0, previous: (previous.0, result.previousFigures), db)
        }
    }

    /// The current report of an agency on a year, as the cross-year rules see it (the cells they compare).
    func side(agencyID: Int64, year: Int, _ db: Database) throws -> (Int64, CrossYearRules.Side)? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT id, template FROM report WHERE agency_id = ? AND year = ? AND status = 'current'"
                ),
                arguments: [agencyID, year]
            )
        else { return nil }
        let id: Int64 = row["id"]
        if let cached = caches.side(id) { return (id, cached) }
        let template: String? = row["template"]
        let side = CrossYearRules.Side(
            year: year,
            template: template.flatMap(ReportTemplate.init(rawValue:)),
            figures: try figures(reportID: id, db)
        )
        return (id, side)
    }

    /// A stored report's figures, as the reader gave them.
    func figures(reportID: Int64, _ db: Database) throws -> [FigureID: Figure] {
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT kind_id, CAST(value AS TEXT) AS value, state, printed, line, col, end_col
                    FROM figure WHERE report_id = ?
                    """
            ),
            arguments: [reportID]
        )
        var figures: [FigureID: Figure] = [:]
        while let row = try rows.next() {
            let kindID: Int64 = row["kind_id"]
            guard let kind = kinds[kindID] else { continue }
            let text: String? = row["value"]
            let state: String = row["state"]
            let value = (FigureRecord.State(rawValue: state) ?? .unknown).value(text, kind: kind.kind)
            let printed: String? = row["printed"]
            let line: Int? = row["line"]
            let location = line.map {
                SourceLocation(line: $0, column: row["col"], endLine: $0, endColumn: row["end_col"])
            }
            figures[kind.id] = Figure(id: kind.id, value: value, printed: printed ?? value.text, location: location)
        }
        return figures
    }
}
