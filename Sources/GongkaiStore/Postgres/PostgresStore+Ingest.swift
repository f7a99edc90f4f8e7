#if Postgres
import Foundation
import GongkaiModel
import GongkaiCheck
import PostgresNIO

extension PostgresStore {
    public func knownContentHashes() throws -> Set<String> {
        try guarded {
            Set(
                try writer.rows("SELECT content_hash FROM report UNION ALL SELECT content_hash FROM failure")
                    .map { try $0.decode(String.self) }
            )
        }
    }

    /// Stores each report in its own transaction (so ingests on several machines never wait on each other's
    /// batches), then the failures in one.
    public func add(_ submissions: [ReportSubmission], failures: [FailedFile]) throws -> [SubmissionOutcome] {
        try guarded {
            let timestamp = Self.now()
            var outcomes: [SubmissionOutcome] = []
            for submission in submissions {
                var outcome: SubmissionOutcome
                var attempts = 0
                while true {
                    attempts += 1
                    do {
                        outcome = try writer.transaction { db in
                            let outcome = try insert(submission, at: timestamp, db)
                            try releaseClaim(submission.contentHash, db)
                            return outcome
                        }
                    } catch let error as PSQLError where error.sqlState == "23503" && attempts == 1 {
                        // A remembered agency was merged into another meanwhile: look it up again.
                        forgetCaches()
                        continue
                    } catch let error as PSQLError where error.sqlState?.hasPrefix("23") == true {
                        // Another ingest stored the same bytes first, or the report breaks a constraint: either way
                        // nothing of it was kept.
                        let exists =
                            try writer.rows(
                                "SELECT 1 FROM report WHERE content_hash = \(submission.contentHash)"
                            ).isEmpty == false
                        outcome =
                            exists ? .duplicate : .unplaced(reason: error.serverInfo?[.message] ?? "\(error.code)")
                        try writer.transaction { try releaseClaim(submission.contentHash, $0) }
                    }
                    break
                }
                if case .unplaced(let reason) = outcome {
                    let failure = FailedFile(contentHash: submission.contentHash, path: submission.path, reason: reason)
                    try writer.transaction { db in
                        try insertFailure(failure, at: timestamp, db)
                        try releaseClaim(failure.contentHash, db)
                    }
                }
                outcomes.append(outcome)
            }
            if !failures.isEmpty {
                try writer.transaction { db in
                    for failure in failures {
                        try insertFailure(failure, at: timestamp, db)
                        try releaseClaim(failure.contentHash, db)
                    }
                }
            }
            return outcomes
        }
    }

    /// Forgets what this process remembered of agencies and reports.
    func forgetCaches() { caches.forgetAll() }

    func insertFailure(_ failure: FailedFile, at timestamp: String, _ db: PostgresSession.Transaction) throws {
        try db.execute(
            """
            INSERT INTO failure (content_hash, source_path, reason, failed_at)
            VALUES (\(failure.contentHash), \(failure.path), \(failure.reason), \(timestamp))
            ON CONFLICT (content_hash) DO UPDATE SET source_path = excluded.source_path
            WHERE failure.source_path > excluded.source_path COLLATE "C"
            """
        )
    }

    func insert(
        _ submission: ReportSubmission,
        at timestamp: String,
        _ db: PostgresSession.Transaction
    ) throws -> SubmissionOutcome {
        let report = submission.report
        guard let printedAgency = report.agency?.trimmingCharacters(in: .whitespaces), !printedAgency.isEmpty else {
            return .unplaced(reason: "报告标题中未找到机关名称，无法归入机关。")
        }
        guard let year = report.year else {
            return .unplaced(reason: "报告未写明年度，无法归入年度。")
        }
        let agencyID = try resolveAgency(printedAgency, create: true, db) ?? 0
        // One writer at a time per agency: versions, the current report and cross-year findings stay consistent
        // when ingests on several machines store reports of the same agency.
        try lockAgency(agencyID, db)
        if try !db.rows("SELECT 1 FROM report WHERE content_hash = \(submission.contentHash)").isEmpty {
            // The same bytes under two names: the report keeps the first name in path order, not the first one read.
            try db.execute(
                """
                UPDATE report SET source_path = \(submission.path)
                WHERE content_hash = \(submission.contentHash) AND source_path > \(submission.path) COLLATE "C"
                """
            )
            if let source = submission.source {
                try insertSource(source, contentHash: submission.contentHash, at: timestamp, db)
            }
            return .duplicate
        }
        // The first report of the agency and year is version 1 and current; another goes in last, superseded, and
        // the versions are then put in their order.
        let latest = try db.one(
            "SELECT max(version) FROM report WHERE agency_id = \(agencyID) AND year = \(year)",
            as: Int?.self
        )
        let stored = latest.flatMap { $0 } ?? 0
        let errors = submission.findings.filter { $0.severity == .error }.count
        let warnings = submission.findings.filter { $0.severity == .warning }.count
        let notices = submission.findings.filter { $0.severity == .notice }.count
        let reportID =
            try db.one(
                """
                INSERT INTO report (agency_id, year, version, status, template, content_hash, source_path,
                    source_format, encoding, title, printed_agency, publication_date, errors, warnings, notices,
                    ingested_at)
                VALUES (\(agencyID), \(year), \(stored + 1), \(stored == 0 ? "current" : "superseded"),
                    \(report.template?.rawValue),
                    \(submission.contentHash), \(submission.path), \(report.source.format.rawValue),
                    \(report.source.encoding), \(report.title), \(printedAgency),
                    \(report.publicationDate?.description), \(errors), \(warnings), \(notices), \(timestamp))
                RETURNING id
                """,
                as: Int64.self
            ) ?? 0
        if let source = submission.source {
            try insertSource(source, contentHash: submission.contentHash, at: timestamp, db)
        }
        try insertFigures(report, reportID: reportID, db)
        try Self.insertMeasures(ReportMeasure.values(report.figures, template: report.template), reportID: reportID, db)
        try insertSections(report, reportID: reportID, db)
        try insertFindings(submission.findings.map { ($0, nil) }, reportID: reportID, db)
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
    func putVersionsInOrder(
        agencyID: Int64,
        year: Int,
        _ db: PostgresSession.Transaction
    ) throws -> [VersionOrder.Placement] {
        let rows = try db.rows(
            """
            SELECT id, version, status, publication_date, errors, content_hash FROM report
            WHERE agency_id = \(agencyID) AND year = \(year)
            """
        )
        var now: [Int64: VersionOrder.Placement] = [:]
        var orders: [VersionOrder] = []
        for row in rows {
            let (id, version, status, date, errors, hash) = try row.decode(
                (Int64, Int, String, String?, Int, String).self
            )
            now[id] = VersionOrder.Placement(id: id, version: version, current: status == "current")
            orders.append(VersionOrder(id: id, publicationDate: date, errors: errors, contentHash: hash))
        }
        let placements = VersionOrder.placements(orders)
        let changed = placements.filter { now[$0.id] != $0 }
        guard !changed.isEmpty else { return placements }
        // Out of the way of the unique version and current report first, then in place.
        let ids = changed.map(\.id)
        try db.execute(
            """
            UPDATE report SET version = \(unescaped: VersionOrder.outOfTheWay), status = 'superseded'
            WHERE id = ANY(\(ids))
            """
        )
        for placement in changed {
            let status = placement.current ? "current" : "superseded"
            try db.execute(
                "UPDATE report SET version = \(placement.version), status = \(status) WHERE id = \(placement.id)"
            )
        }
        try db.execute(
            """
            DELETE FROM finding WHERE scope = 'cross-year' AND report_id IN (
                SELECT id FROM report WHERE agency_id = \(agencyID) AND year = \(year) AND status = 'superseded')
            """
        )
        return placements
    }

    /// Waits until no other transaction writes the agency's reports; held until this transaction ends.
    func lockAgency(_ agencyID: Int64, _ db: PostgresSession.Transaction) throws {
        try db.execute("SELECT pg_advisory_xact_lock(1, \(Int32(truncatingIfNeeded: agencyID)))")
    }

    /// All figures of a report in one statement whose one parameter is the rows as JSON: a multi-row `VALUES` of
    /// 1,800 parameters cost the server about 4 ms a report to parse, plan and bind, this about a tenth of that.
    func insertFigures(_ report: AnnualReport, reportID: Int64, _ db: PostgresSession.Transaction) throws {
        let template = (report.template ?? .v2021).rawValue
        var json = "["
        json.reserveCapacity(report.figures.count * 80)
        for figure in report.figures.values {
            let kindID = try kindID(figure.id, template: template, db)
            let (state, value, printed) = FigureRecord.stored(figure)
            let location = figure.location
            if json.utf8.count > 1 { json += "," }
            json += "{\"k\":\(kindID),\"v\":\(value.map { "\"\($0)\"" } ?? "null"),\"s\":\"\(state.rawValue)\""
            json += ",\"p\":" + (printed.map(JSONText.quoted) ?? "null")
            json +=
                ",\"l\":\(location?.line.map(String.init) ?? "null"),\"c\":\(location?.column.map(String.init) ?? "null")"
            json += ",\"e\":\(location?.endColumn.map(String.init) ?? "null")"
            json += ",\"x\":" + (location.flatMap(SQLiteStore.place) ?? "null") + "}"
        }
        json += "]"
        guard json.utf8.count > 2 else { return }
        try db.execute(
            """
            INSERT INTO figure (report_id, kind_id, value, state, printed, line, col, end_col, place)
            SELECT \(reportID), k, v, s, p, l, c, e, x
            FROM jsonb_to_recordset(\(json)::jsonb)
                AS r(k bigint, v numeric, s text, p text, l integer, c integer, e integer, x jsonb)
            """
        )
    }

    func insertSections(_ report: AnnualReport, reportID: Int64, _ db: PostgresSession.Transaction) throws {
        guard !report.sections.isEmpty else { return }
        var rows: [String] = []
        var bindings = PostgresBindings()
        for (index, section) in report.sections.enumerated() {
            let base = bindings.count
            rows.append("(" + (1...7).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
            bindings.append(reportID)
            bindings.append(index + 1)
            bindings.append(section.kind.rawValue)
            bindings.append(section.printedNumber)
            bindings.append(section.title)
            bindings.append(section.text)
            bindings.append(section.location?.line)
        }
        try db.execute(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO section (report_id, position, kind, printed_number, title, text, line)
                    VALUES \(rows.joined(separator: ", "))
                    """,
                binds: bindings
            )
        )
    }

    /// The `figure_kind` id of a figure; a figure outside the format's tables gets a row of its own.
    func kindID(_ figure: FigureID, template: String, _ db: PostgresSession.Transaction) throws -> Int64 {
        if let id = kindIDs[template]?[figure] { return id }
        try db.execute(
            """
            INSERT INTO figure_kind (figure, template, table_no, table_name, row_label, column_label, position)
            VALUES (\(figure.rawValue), \(template), \(Int(figure.rawValue.dropFirst().prefix(1)) ?? 3), '', '', '',
                100000)
            ON CONFLICT (figure, template) DO NOTHING
            """
        )
        return try db.one(
            "SELECT id FROM figure_kind WHERE figure = \(figure.rawValue) AND template = \(template)",
            as: Int64.self
        ) ?? 0
    }

    /// Findings of a report, in one multi-row INSERT; a finding with a previous report is a cross-year one.
    func insertFindings(
        _ findings: [(Finding, (Int64, [Finding.FigureRef])?)],
        reportID: Int64,
        _ db: PostgresSession.Transaction
    ) throws {
        guard !findings.isEmpty else { return }
        var rows: [String] = []
        var bindings = PostgresBindings()
        for (finding, previous) in findings {
            var cells = finding.figures.map { SQLiteStore.figureJSON($0, previous: false) }
            if let previous { cells += previous.1.map { SQLiteStore.figureJSON($0, previous: true) } }
            let base = bindings.count
            rows.append(
                "(" + (1...10).map { "$\(base + $0)" + ($0 == 7 ? "::jsonb" : "") }.joined(separator: ", ") + ")"
            )
            bindings.append(reportID)
            bindings.append(previous?.0)
            bindings.append(
                previous == nil ? FindingRecord.Scope.report.rawValue : FindingRecord.Scope.crossYear.rawValue
            )
            bindings.append(finding.code)
            bindings.append(finding.severity.rawValue)
            bindings.append(finding.table?.rawValue)
            bindings.append("[" + cells.joined(separator: ",") + "]")
            bindings.append(finding.message)
            bindings.append(finding.location?.line)
            bindings.append(finding.location?.column)
        }
        try db.execute(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO finding (report_id, previous_report_id, scope, code, severity, table_no, figures,
                        message, line, col)
                    VALUES \(rows.joined(separator: ", "))
                    """,
                binds: bindings
            )
        )
    }

    // MARK: Cross-year findings

    /// Replaces the cross-year findings of the agency's current report on `year` (against `year - 1`).
    func recomputeCrossYear(
        agencyID: Int64,
        year: Int,
        current known: (Int64, CrossYearRules.Side)? = nil,
        previous knownPrevious: (Int64, CrossYearRules.Side)? = nil,
        _ db: PostgresSession.Transaction
    ) throws {
        guard let current = try known ?? side(agencyID: agencyID, year: year, db) else { return }
        // A report just stored has no cross-year findings yet.
        if known == nil {
            try db.execute("DELETE FROM finding WHERE report_id = \(current.0) AND scope = 'cross-year'")
        }
        guard let previous = try knownPrevious ?? side(agencyID: agencyID, year: year - 1, db) else { return }
        let results = CrossYearRules.check(previous: previous.1, current: current.1)
        try insertFindings(
            results.map { ($0.finding, (previous.0, $0.previousFigures)) },
            reportID: current.0,
            db
        )
    }

    /// The current report of an agency on a year, as the cross-year rules see it.
    func side(agencyID: Int64, year: Int, _ db: PostgresSession.Transaction) throws -> (Int64, CrossYearRules.Side)? {
        guard
            let row = try db.rows(
                """
                SELECT id, template FROM report
                WHERE agency_id = \(agencyID) AND year = \(year) AND status = 'current'
                """
            ).first
        else { return nil }
        let (id, template) = try row.decode((Int64, String?).self)
        if let cached = caches.side(id) { return (id, cached) }
        let side = CrossYearRules.Side(
            year: year,
            template: template.flatMap(ReportTemplate.init(rawValue:)),
            figures: try figures(reportID: id, db)
        )
        caches.remember(side: side, of: id)
        return (id, side)
    }

    /// A stored report's figures, as the reader gave them.
    func figures(reportID: Int64, _ db: PostgresSession.Transaction) throws -> [FigureID: Figure] {
        let rows = try db.rows(
            "SELECT kind_id, value::text, state, printed, line, col, end_col FROM figure WHERE report_id = \(reportID)"
        )
        var figures: [FigureID: Figure] = [:]
        for row in rows {
            let (kindID, text, state, printed, line, col, endCol) = try row.decode(
                (Int64, String?, String, String?, Int?, Int?, Int?).self
            )
            guard let kind = kinds[kindID] else { continue }
            let value = (FigureRecord.State(rawValue: state) ?? .unknown).value(text, kind: kind.kind)
            let location = line.map { SourceLocation(line: $0, column: col, endLine: $0, endColumn: endCol) }
            figures[kind.id] = Figure(id: kind.id, value: value, printed: printed ?? value.text, location: location)
        }
        return figures
    }
}
#endif
