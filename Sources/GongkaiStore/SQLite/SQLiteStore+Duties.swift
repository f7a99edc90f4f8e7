public import Foundation
import GRDB

extension SQLiteStore {
    private static let dutyColumns = """
        d.user_id, u.name, d.agency_id, a.name, d.duty, d.granted_at
        FROM user_duty d JOIN app_user u ON u.id = d.user_id LEFT JOIN agency a ON a.id = d.agency_id
        """

    private static func duty(_ row: Row) throws -> DutyRecord {
        let dutyText: String = row[4]
        guard let duty = AgencyDuty(rawValue: dutyText) else {
            throw StoreError.cannotOpen(path: "user_duty", detail: "未知的职责「\(dutyText)」")
        }
        return DutyRecord(
            userID: row[0],
            userName: row[1],
            agencyID: row[2],
            agencyName: row[3],
            duty: duty,
            granted: Date(timeIntervalSince1970: row[5])
        )
    }

    public func grantDuty(userName: String, duty: AgencyDuty, agencyID: Int64?, at: Date) throws -> DutyRecord {
        if agencyID == nil, duty != .supervisor { throw StoreError.dutyNeedsAgency(duty.title) }
        return try guarded {
            try pool.write { db in
                guard
                    let userID = try Int64.fetchOne(
                        db,
                        sql: "SELECT id FROM app_user WHERE name = ?",
                        arguments: [userName]
                    )
                else { throw StoreError.userNotFound(userName) }
                if let agencyID,
                    try Bool.fetchOne(
                        db,
                        sql: "SELECT EXISTS (SELECT 1 FROM agency WHERE id = ?)",
                        arguments: [agencyID]
                    )
                        != true
                {
                    throw StoreError.agencyNotFound(String(agencyID))
                }
                try db.execute(
                    sql: "INSERT OR IGNORE INTO user_duty (user_id, agency_id, duty, granted_at) VALUES (?, ?, ?, ?)",
                    arguments: [userID, agencyID, duty.rawValue, at.timeIntervalSince1970]
                )
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT \(Self.dutyColumns)
                            WHERE d.user_id = ? AND d.duty = ? AND COALESCE(d.agency_id, 0) = ?
                            """,
                        arguments: [userID, duty.rawValue, agencyID ?? 0]
                    )
                else { throw StoreError.userNotFound(userName) }
                return try Self.duty(row)
            }
        }
    }

    public func revokeDuty(userName: String, duty: AgencyDuty, agencyID: Int64?) throws {
        try guarded {
            try pool.write { db in
                guard
                    let userID = try Int64.fetchOne(
                        db,
                        sql: "SELECT id FROM app_user WHERE name = ?",
                        arguments: [userName]
                    )
                else { throw StoreError.userNotFound(userName) }
                try db.execute(
                    sql: "DELETE FROM user_duty WHERE user_id = ? AND duty = ? AND COALESCE(agency_id, 0) = ?",
                    arguments: [userID, duty.rawValue, agencyID ?? 0]
                )
            }
        }
    }

    public func duties(userName: String) throws -> [DutyRecord] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.dutyColumns) WHERE u.name = ?
                        ORDER BY d.agency_id IS NOT NULL, a.name, d.agency_id, d.duty
                        """,
                    arguments: [userName]
                ).map { try Self.duty($0) }
            }
        }
    }

    public func duties(agencyID: Int64) throws -> [DutyRecord] {
        try guarded {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.dutyColumns) WHERE d.agency_id = ? OR d.agency_id IS NULL
                        ORDER BY u.name, d.duty, d.agency_id IS NOT NULL
                        """,
                    arguments: [agencyID]
                ).map { try Self.duty($0) }
            }
        }
    }
}
