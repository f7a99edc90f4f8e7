#if Postgres
public import Foundation
import PostgresNIO

extension PostgresStore {
    private static let dutyColumns = """
        d.user_id, u.name, d.agency_id, a.name, d.duty, d.granted_at
        FROM user_duty d JOIN app_user u ON u.id = d.user_id LEFT JOIN agency a ON a.id = d.agency_id
        """

    private static func duty(_ row: PostgresRow) throws -> DutyRecord {
        let (userID, userName, agencyID, agencyName, dutyText, granted) = try row.decode(
            (Int64, String, Int64?, String?, String, Double).self
        )
        guard let duty = AgencyDuty(rawValue: dutyText) else {
            throw StoreError.cannotOpen(path: "user_duty", detail: "未知的职责「\(dutyText)」")
        }
        return DutyRecord(
            userID: userID,
            userName: userName,
            agencyID: agencyID,
            agencyName: agencyName,
            duty: duty,
            granted: Date(timeIntervalSince1970: granted)
        )
    }

    public func grantDuty(userName: String, duty: AgencyDuty, agencyID: Int64?, at: Date) throws -> DutyRecord {
        if agencyID == nil, duty != .supervisor { throw StoreError.dutyNeedsAgency(duty.title) }
        let time = at.timeIntervalSince1970
        let agencyKey = agencyID ?? 0
        return try guarded {
            try writer.transaction { db in
                guard let userID = try db.one("SELECT id FROM app_user WHERE name = \(userName)", as: Int64.self)
                else { throw StoreError.userNotFound(userName) }
                if let agencyID, try db.one("SELECT id FROM agency WHERE id = \(agencyID)", as: Int64.self) == nil {
                    throw StoreError.agencyNotFound(String(agencyID))
                }
                try db.execute(
                    """
                    INSERT INTO user_duty (user_id, agency_id, duty, granted_at)
                    VALUES (\(userID), \(agencyID), \(duty.rawValue), \(time))
                    ON CONFLICT (user_id, duty, (COALESCE(agency_id, 0))) DO NOTHING
                    """
                )
                guard
                    let row = try db.rows(
                        PostgresQuery(
                            unsafeSQL: """
                                SELECT \(Self.dutyColumns)
                                WHERE d.user_id = $1 AND d.duty = $2 AND COALESCE(d.agency_id, 0) = $3
                                """,
                            binds: Self.binds(userID, duty.rawValue, agencyKey)
                        )
                    ).first
                else { throw StoreError.userNotFound(userName) }
                return try Self.duty(row)
            }
        }
    }

    public func revokeDuty(userName: String, duty: AgencyDuty, agencyID: Int64?) throws {
        let agencyKey = agencyID ?? 0
        try guarded {
            try writer.transaction { db in
                guard let userID = try db.one("SELECT id FROM app_user WHERE name = \(userName)", as: Int64.self)
                else { throw StoreError.userNotFound(userName) }
                try db.execute(
                    """
                    DELETE FROM user_duty
                    WHERE user_id = \(userID) AND duty = \(duty.rawValue) AND COALESCE(agency_id, 0) = \(agencyKey)
                    """
                )
            }
        }
    }

    public func duties(userName: String) throws -> [DutyRecord] {
        try guarded {
            try writer.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.dutyColumns) WHERE u.name = $1
                        ORDER BY d.agency_id IS NOT NULL, a.name COLLATE "C", d.agency_id, d.duty
                        """,
                    binds: Self.binds(userName)
                )
            ).map { try Self.duty($0) }
        }
    }

    public func duties(agencyID: Int64) throws -> [DutyRecord] {
        var binds = PostgresBindings()
        binds.append(agencyID)
        return try guarded {
            try writer.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.dutyColumns) WHERE d.agency_id = $1 OR d.agency_id IS NULL
                        ORDER BY u.name COLLATE "C", d.duty, d.agency_id IS NOT NULL
                        """,
                    binds: binds
                )
            ).map { try Self.duty($0) }
        }
    }

    private static func binds(_ userID: Int64, _ duty: String, _ agencyKey: Int64) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(userID)
        binds.append(duty)
        binds.append(agencyKey)
        return binds
    }
}
#endif
