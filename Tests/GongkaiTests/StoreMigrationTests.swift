import Foundation
import GRDB
import GongkaiModel
import Testing

@testable import GongkaiStore

/// A corpus written by an earlier schema opens, is brought up to date, and keeps every row.
@Suite("SQLite schema migrations")
struct StoreMigrationTests {
    @Test("a corpus in the first schema keeps its reports, figures and findings through every later migration")
    func firstSchemaUpgrades() throws {
        let path = try StoreTesting.temporaryFolder().appendingPathComponent("gongkai.sqlite").path
        // The corpus as the first release left it: its migrations only, then a report written through them.
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator.migrate(queue, upTo: "v1 figure_long view")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO agency (id, name, normalized_name, core_name, name_key, segments, created_at)
                        VALUES (1, '漳州市司法局', '漳州市司法局', '司法局', '司法局', '漳州市', '2026-01-01T00:00:00Z');
                        INSERT INTO report (id, agency_id, year, version, status, template, content_hash, source_path,
                            source_format, printed_agency, errors, warnings, notices, ingested_at)
                        VALUES (7, 1, 2023, 1, 'current', '2021', ?, 'a.txt', 'text', '漳州市司法局', 1, 0, 0,
                            '2026-01-01T00:00:00Z');
                        INSERT INTO figure (report_id, kind_id, value, state, printed, line, col, end_col, place)
                        SELECT 7, id, 12, 'value', NULL, 20, 5, 7, NULL FROM figure_kind
                        WHERE template = '2021' AND figure = 't3.received.natural';
                        INSERT INTO figure (report_id, kind_id, value, state, printed, line, col, end_col, place)
                        SELECT 7, id, NULL, 'blank', '/', 21, 5, 6, '{"page":2}' FROM figure_kind
                        WHERE template = '2021' AND figure = 't3.received.total';
                        INSERT INTO finding (report_id, scope, code, severity, table_no, figures, message, line, col)
                        VALUES (7, 'report', 'R5', 'error', 3, '[]', '表三有空白单元格。', 21, 5);
                        """,
                    arguments: [String(repeating: "a", count: 64)]
                )
            }
        }

        let store = try SQLiteStore(path: path)
        let stored = try #require(try store.reports(agencyID: 1, year: 2023, allVersions: false).first)
        #expect(stored.record.id == 7)
        #expect(stored.figures[FigureID("t3.received.natural")]?.value == .integer(12))
        #expect(stored.figures[FigureID("t3.received.natural")]?.location?.column == 5)
        #expect(stored.figures[FigureID("t3.received.total")]?.value == .blank)
        #expect(stored.figures[FigureID("t3.received.total")]?.printed == "/")
        #expect(stored.findings.map(\.code) == ["R5"])
        #expect(try store.counts().figures == 2)

        // The rewritten tables keep their checks, the view reads them, and a new report goes in beside the old.
        let queue = try DatabaseQueue(path: path)
        let viewRows = try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM figure_long WHERE report_id = 7")
        }
        #expect(viewRows == 2)
        try queue.write { db in
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE figure SET state = 'other' WHERE report_id = 7")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE finding SET severity = 'fatal'")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE finding SET table_no = 5")
            }
        }
        let submission = try StoreTesting.seed("001_2af83e509e4cbaa8")
        let outcomes = try store.add([submission], failures: [])
        guard case .added = try #require(outcomes.first) else {
            Issue.record("not added: \(outcomes)")
            return
        }
        #expect(try store.counts().reports == 2)
    }

    @Test("the ingest's direct inserts bind text, numbers and nulls exactly, and fail as GRDB's errors do")
    func directInserts() throws {
        let queue = try DatabaseQueue()
        try SQLiteSchema.migrator.migrate(queue)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE probe (a TEXT, b INTEGER, c TEXT, d NUMERIC CHECK (d >= 0))")
            let insert = try SQLiteInsert("INSERT INTO probe (a, b, c, d) VALUES (?, ?, ?, ?)", db)
            try insert.run(.text("洪泽区「其他」\u{1F600}"), .integer(-7), .text(""), .text("0.35"))
            try insert.run(.null, .integer(Int?.none), .text(String?.none), .integer(12))
            let rows = try Row.fetchAll(db, sql: "SELECT a, b, c, d, typeof(d) AS kind FROM probe ORDER BY rowid")
            #expect(rows[0]["a"] == "洪泽区「其他」\u{1F600}")
            #expect(rows[0]["b"] == -7)
            #expect(rows[0]["c"] == "")
            #expect(rows[0]["d"] == 0.35)
            #expect(rows[0]["kind"] == "real")
            #expect(rows[1]["a"] == String?.none)
            #expect(rows[1]["c"] == String?.none)
            #expect(rows[1]["kind"] == "integer")
            do {
                try insert.run(.text("x"), .integer(1), .text("y"), .integer(-1))
                Issue.record("a row breaking a CHECK was inserted")
            } catch let error as DatabaseError {
                #expect(error.resultCode == .SQLITE_CONSTRAINT)
                #expect(error.message?.contains("CHECK") == true)
            }
            // The statement is reset after a failure and goes on working.
            try insert.run(.text("z"), .integer(2), .null, .integer(3))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM probe") == 3)
        }
    }

    @Test("the register's records keep their rows and checks when the kinds are widened for proactive items")
    func publishingKindsKeepRecords() throws {
        let path = try StoreTesting.temporaryFolder().appendingPathComponent("gongkai.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator.migrate(queue, upTo: "v12 users' duties in agencies")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO agency (id, name, normalized_name, core_name, name_key, segments, created_at)
                        VALUES (1, '漳州市司法局', '漳州市司法局', '司法局', '司法局', '漳州市', '2026-01-01T00:00:00Z');
                        INSERT INTO register_record (id, agency_id, kind, key, year, open, state, due, body, version,
                            changed_at, changed_by)
                        VALUES (5, 1, 'document', '漳司规〔2025〕1号', 2025, 1, '现行有效', NULL, '{}', 3, 1, '甲');
                        """
                )
                #expect(throws: DatabaseError.self) {
                    try db.execute(
                        sql: """
                            INSERT INTO register_record (agency_id, kind, key, year, open, state, body, version,
                                changed_at, changed_by) VALUES (1, 'item', '2026-0001', 2026, 1, '草稿', '{}', 1, 1, '乙')
                            """
                    )
                }
            }
        }
        let store = try SQLiteStore(path: path)
        let kept = try #require(try store.registerRecord(agencyID: 1, kind: .document, key: "漳司规〔2025〕1号"))
        #expect(kept.id == 5 && kept.version == 3 && kept.changedBy == "甲")
        let item = RegisterRecord(
            agencyID: 1,
            kind: .proactiveItem,
            key: "2026-0001",
            year: 2026,
            isOpen: true,
            state: "草稿",
            due: nil,
            body: "{}"
        )
        #expect(try store.saveRegisterRecord(item, expecting: nil, by: "乙").id > 5)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE register_record SET kind = 'other' WHERE id = 5")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql: "INSERT INTO register_record (agency_id, kind, key, year, open, state, body, "
                        + "version, changed_at, changed_by) VALUES (9, 'item', 'x', 2026, 1, '', '{}', 1, 1, '')"
                )
            }
        }
    }
}
