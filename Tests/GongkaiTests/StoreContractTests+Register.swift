import Foundation
import GRDB
import GongkaiModel
import Testing

@testable import GongkaiStore

#if Postgres
import PostgresNIO
#endif

/// The agencies' registers and their audit log, on every backend.
extension StoreContractTests {
    /// A store with two agencies (from one report each), and their ids.
    static func registerStore(_ backend: StoreBackend) throws -> (any ReportStore, Int64, Int64) {
        let store = try backend.make()
        let names = ["洛阳市西工区司法局", "洛阳市西工区教育局"]
        let submissions = try names.enumerated().map { index, name in
            try StoreTesting.submission(
                StoreTesting.report(agency: name, year: 2024, seed: UInt64(index)).text,
                path: "\(index).txt"
            )
        }
        _ = try store.add(submissions, failures: [])
        let first = try #require(try store.agency(named: names[0])?.id)
        let second = try #require(try store.agency(named: names[1])?.id)
        return (store, first, second)
    }

    static func application(
        _ agency: Int64,
        _ key: String,
        open: Bool = true,
        due: String? = nil,
        year: Int = 2025,
        body: String = "{}"
    ) -> RegisterRecord {
        RegisterRecord(
            agencyID: agency,
            kind: .application,
            key: key,
            year: year,
            isOpen: open,
            state: open ? "办理中" : "已办结",
            due: due,
            body: body
        )
    }

    @Test(
        "a register record: created at version 1, each save one more; a stale or duplicate save changes nothing",
        arguments: StoreBackend.all
    )
    func registerVersions(_ backend: StoreBackend) throws {
        let (store, agency, _) = try Self.registerStore(backend)
        let created = try store.saveRegisterRecord(
            Self.application(agency, "2025-001", due: "2025-03-04", body: #"{"step":1}"#),
            expecting: nil,
            by: "张三"
        )
        #expect(created.id > 0)
        #expect(created.version == 1)
        #expect(created.changedBy == "张三")
        #expect(try store.registerRecord(agencyID: agency, kind: .application, key: "2025-001") == created)
        // The same kind and number in another kind is another record.
        #expect(try store.registerRecord(agencyID: agency, kind: .document, key: "2025-001") == nil)

        var edit = created
        edit.body = #"{"step":2}"#
        edit.due = "2025-04-01"
        let changed = try store.saveRegisterRecord(edit, expecting: 1, by: "李四")
        #expect(changed.version == 2)
        #expect(changed.id == created.id)

        // A second clerk saving over version 1 is told, and the stored record stays as the first clerk left it.
        var stale = created
        stale.body = #"{"step":"stale"}"#
        #expect(throws: StoreError.registerConflict("2025-001", stored: 2, expected: 1)) {
            try store.saveRegisterRecord(stale, expecting: 1, by: "王五")
        }
        #expect(throws: StoreError.registerRecordExists("2025-001", version: 2)) {
            try store.saveRegisterRecord(stale, expecting: nil, by: "王五")
        }
        #expect(throws: StoreError.registerRecordNotFound("2025-999")) {
            try store.saveRegisterRecord(Self.application(agency, "2025-999"), expecting: 3, by: "王五")
        }
        #expect(throws: StoreError.self) {
            try store.saveRegisterRecord(Self.application(agency, "2025-002", due: "3月4日"), expecting: nil, by: "x")
        }
        #expect(try store.registerRecord(agencyID: agency, kind: .application, key: "2025-001")?.body == #"{"step":2}"#)

        // The audit log: who, what before and after, oldest first.
        let changes = try store.registerChanges(recordID: created.id)
        #expect(changes.map(\.action) == [.created, .changed])
        #expect(changes.map(\.by) == ["张三", "李四"])
        #expect(changes.map(\.version) == [1, 2])
        #expect(changes[0].before == nil && changes[0].after == #"{"step":1}"#)
        #expect(changes[1].before == #"{"step":1}"# && changes[1].after == #"{"step":2}"#)

        // Removal needs the current version, and is logged with the record as it was.
        #expect(throws: StoreError.registerConflict("2025-001", stored: 2, expected: 1)) {
            try store.removeRegisterRecord(agencyID: agency, kind: .application, key: "2025-001", expecting: 1, by: "x")
        }
        try store.removeRegisterRecord(agencyID: agency, kind: .application, key: "2025-001", expecting: 2, by: "赵六")
        #expect(try store.registerRecord(agencyID: agency, kind: .application, key: "2025-001") == nil)
        let all = try store.registerChanges(recordID: created.id)
        #expect(all.map(\.action) == [.created, .changed, .removed])
        #expect(all[2].before == #"{"step":2}"# && all[2].after == nil && all[2].by == "赵六")
        #expect(try store.registerChanges(agencyID: agency, limit: 2).map(\.action) == [.removed, .changed])
        #expect(try store.registerChanges(agencyID: nil, limit: 10).count == 3)
    }

    @Test(
        "register lists: by agency, year and openness; due lists hold open records due by a day, earliest first",
        arguments: StoreBackend.all
    )
    func registerLists(_ backend: StoreBackend) throws {
        let (store, first, second) = try Self.registerStore(backend)
        let records = [
            Self.application(first, "A-3", due: "2025-05-06"),
            Self.application(first, "A-1", due: "2025-03-01"),
            Self.application(first, "A-2", open: false, due: nil),
            Self.application(first, "A-4", due: nil),
            Self.application(first, "A-0", due: "2025-01-10", year: 2024),
            Self.application(second, "B-1", due: "2025-02-01"),
        ]
        for record in records { _ = try store.saveRegisterRecord(record, expecting: nil, by: "clerk") }
        _ = try store.saveRegisterRecord(
            RegisterRecord(
                agencyID: first,
                kind: .document,
                key: "西司规〔2025〕1号",
                year: 2025,
                isOpen: false,
                state: "现行有效",
                due: nil,
                body: "{}"
            ),
            expecting: nil,
            by: "clerk"
        )

        func keys(_ selection: RegisterSelection) throws -> [String] { try store.registerRecords(selection).map(\.key) }
        #expect(
            try keys(RegisterSelection(agencyIDs: [first], kind: .application)) == ["A-0", "A-1", "A-3", "A-4", "A-2"]
        )
        #expect(
            try keys(RegisterSelection(agencyIDs: [first], kind: .application, year: 2025)) == [
                "A-1", "A-3", "A-4", "A-2",
            ]
        )
        #expect(
            try keys(RegisterSelection(agencyIDs: [first], kind: .application, openOnly: true)) == [
                "A-0", "A-1", "A-3", "A-4",
            ]
        )
        #expect(try keys(RegisterSelection(agencyIDs: [first], kind: .document)) == ["西司规〔2025〕1号"])
        // A supervisor's due list over every agency; a clerk's over theirs; none for no agency.
        #expect(try keys(RegisterSelection(kind: .application, dueThrough: "2025-03-01")) == ["A-0", "B-1", "A-1"])
        #expect(
            try keys(RegisterSelection(agencyIDs: [second], kind: .application, dueThrough: "2025-12-31")) == ["B-1"]
        )
        #expect(try keys(RegisterSelection(agencyIDs: [], kind: .application)).isEmpty)
    }

    @Test("the register's audit log cannot be changed or deleted, even in SQL", arguments: StoreBackend.all)
    func registerLogAppendOnly(_ backend: StoreBackend) throws {
        let (store, agency, _) = try Self.registerStore(backend)
        let saved = try store.saveRegisterRecord(Self.application(agency, "1"), expecting: nil, by: "clerk")
        let statements = [
            "UPDATE register_change SET by = 'someone else'",
            "DELETE FROM register_change",
        ]
        for statement in statements {
            #expect(throws: (any Error).self, "\(statement)") { try Self.executeSQL(statement, in: store) }
        }
        #expect(try store.registerChanges(recordID: saved.id).map(\.by) == ["clerk"])
    }

    @Test(
        "merging agencies takes the register's records along; a number both use stops the merge",
        arguments: StoreBackend.all
    )
    func registerFollowsMerge(_ backend: StoreBackend) throws {
        let (store, first, second) = try Self.registerStore(backend)
        let moved = try store.saveRegisterRecord(Self.application(second, "B-1"), expecting: nil, by: "clerk")
        _ = try store.saveRegisterRecord(Self.application(first, "C-1"), expecting: nil, by: "clerk")
        _ = try store.saveRegisterRecord(Self.application(second, "C-1"), expecting: nil, by: "clerk")
        #expect(throws: StoreError.registerRecordExists("C-1", version: 0)) {
            try store.addAlias("洛阳市西工区教育局", for: "洛阳市西工区司法局")
        }
        #expect(try store.agency(id: second) != nil)
        try store.removeRegisterRecord(agencyID: second, kind: .application, key: "C-1", expecting: 1, by: "clerk")
        _ = try store.addAlias("洛阳市西工区教育局", for: "洛阳市西工区司法局")
        // Both agencies had a report on 2024: both are kept, one of them current.
        #expect(try store.reports(agencyID: first, year: 2024, allVersions: true).count == 2)
        #expect(try store.reports(agencyID: first, year: 2024, allVersions: false).count == 1)
        let after = try #require(try store.registerRecord(agencyID: first, kind: .application, key: "B-1"))
        #expect(after.id == moved.id)
        #expect(try store.registerChanges(recordID: moved.id).count == 1)
    }

    /// Runs a statement on the store's database directly, as somebody with SQL access would.
    static func executeSQL(_ sql: String, in store: any ReportStore) throws {
        if let sqlite = store as? SQLiteStore {
            let queue = try DatabaseQueue(path: sqlite.path)
            try queue.write { try $0.execute(sql: sql) }
            return
        }
        #if Postgres
        if let postgres = store as? PostgresStore {
            try postgres.writer.execute(PostgresQuery(unsafeSQL: sql))
            return
        }
        #endif
        Issue.record("no SQL access to \(type(of: store))")
    }
}
