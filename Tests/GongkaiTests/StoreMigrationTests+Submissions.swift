import Foundation
import GRDB
import GongkaiModel
import GongkaiRegister
import Testing

@testable import GongkaiStore

extension StoreMigrationTests {
    @Test(
        "register records written before applications filed online keep their ids, bodies and audit log; the kind is refused before and taken after"
    )
    func submissionKindUpgrade() throws {
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
                        VALUES (42, 1, 'application', '2025-0001', 2025, 1, '办理中', '2025-04-01', '{"a":1}', 3, 0, '甲');
                        INSERT INTO register_change (record_id, agency_id, kind, key, at, by, action, before, after,
                            version)
                        VALUES (42, 1, 'application', '2025-0001', 0, '甲', 'created', NULL, '{"a":1}', 1);
                        """
                )
                #expect(throws: DatabaseError.self) {
                    try db.execute(
                        sql: """
                            INSERT INTO register_record (agency_id, kind, key, year, open, state, body, version,
                                changed_at, changed_by)
                            VALUES (1, 'submission', 'ABCDEFGHJKLM', 2025, 1, '', '{}', 1, 0, '')
                            """
                    )
                }
            }
        }
        let store = try SQLiteStore(path: path)
        let kept = try #require(try store.registerRecord(agencyID: 1, kind: .application, key: "2025-0001"))
        #expect(kept.id == 42 && kept.version == 3 && kept.body == #"{"a":1}"# && kept.due == "2025-04-01")
        #expect(try store.registerChanges(recordID: 42).map(\.action) == [.created])
        #expect(try store.registerRecords(RegisterSelection(kind: .application, dueThrough: "2025-12-31")).count == 1)
        let submission = RegisterRecord(
            agencyID: 1,
            kind: .submission,
            key: "ABCDEFGHJKLM",
            year: 2025,
            isOpen: true,
            state: "",
            due: nil,
            body: "{}"
        )
        #expect(try store.saveRegisterRecord(submission, expecting: nil, by: "申请人").id > 42)
        #expect(try store.registerRecords(RegisterSelection(kind: .submission, key: "ABCDEFGHJKLM")).count == 1)
    }
}
