import Foundation
import GongkaiStore
import Testing

/// The contract every corpus backend keeps for what users do for which agency: 登记员, the three reviews, 督办.
@Suite("corpus store contract: users' duties in agencies")
struct StoreDutyTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(
        "duties: granted once, listed per user and per agency, revoked; every agency only for a supervisor",
        arguments: StoreBackend.all
    )
    func duties(_ backend: StoreBackend) throws {
        let store = try backend.make()
        _ = try store.addUser(name: "王五", role: .viewer, passwordHash: "h", at: Self.start)
        _ = try store.addUser(name: "督查", role: .viewer, passwordHash: "h", at: Self.start)
        let waterID = try #require(try store.createAgency(named: "某市水务局").id)
        let roadsID = try #require(try store.createAgency(named: "某市交通运输局").id)

        let clerk = try store.grantDuty(userName: "王五", duty: .clerk, agencyID: waterID, at: Self.start)
        #expect(clerk.userName == "王五")
        #expect(clerk.agencyID == waterID)
        #expect(clerk.agencyName == "某市水务局")
        #expect(clerk.granted == Self.start)
        // Granting it again changes nothing, not even when it was granted.
        let again = try store.grantDuty(
            userName: "王五",
            duty: .clerk,
            agencyID: waterID,
            at: Self.start.addingTimeInterval(60)
        )
        #expect(again == clerk)
        _ = try store.grantDuty(userName: "王五", duty: .firstReview, agencyID: roadsID, at: Self.start)
        let everywhere = try store.grantDuty(userName: "督查", duty: .supervisor, agencyID: nil, at: Self.start)
        #expect(everywhere.agencyID == nil)
        #expect(everywhere.agencyName == nil)
        _ = try store.grantDuty(userName: "督查", duty: .supervisor, agencyID: nil, at: Self.start)

        #expect(throws: StoreError.dutyNeedsAgency("登记员")) {
            try store.grantDuty(userName: "王五", duty: .clerk, agencyID: nil, at: Self.start)
        }
        #expect(throws: StoreError.userNotFound("无名")) {
            try store.grantDuty(userName: "无名", duty: .clerk, agencyID: waterID, at: Self.start)
        }
        #expect(throws: StoreError.agencyNotFound("999999")) {
            try store.grantDuty(userName: "王五", duty: .clerk, agencyID: 999_999, at: Self.start)
        }

        let held = try store.duties(userName: "王五")
        #expect(held.map(\.duty) == [.firstReview, .clerk])  // by agency name: 交通运输局 before 水务局 in code order
        #expect(held.map(\.agencyName) == ["某市交通运输局", "某市水务局"])
        #expect(try store.duties(userName: "督查").map(\.duty) == [.supervisor])
        #expect(try store.duties(userName: "无名").isEmpty)

        let forWater = try store.duties(agencyID: waterID)
        #expect(forWater.map(\.userName).sorted() == ["王五", "督查"])
        #expect(forWater.contains { $0.covers(.supervisor, agencyID: waterID) })
        #expect(forWater.contains { $0.covers(.clerk, agencyID: waterID) })
        #expect(!forWater.contains { $0.covers(.clerk, agencyID: roadsID) })

        try store.revokeDuty(userName: "王五", duty: .clerk, agencyID: waterID)
        try store.revokeDuty(userName: "王五", duty: .clerk, agencyID: waterID)
        #expect(try store.duties(userName: "王五").map(\.duty) == [.firstReview])
        #expect(throws: StoreError.userNotFound("无名")) {
            try store.revokeDuty(userName: "无名", duty: .clerk, agencyID: waterID)
        }
        try store.revokeDuty(userName: "督查", duty: .supervisor, agencyID: nil)
        #expect(try store.duties(userName: "督查").isEmpty)

        // A user removed takes the duties along.
        try store.removeUser(named: "王五")
        #expect(try store.duties(agencyID: roadsID).isEmpty)
    }

    @Test(
        "merging an agency into another moves its users' duties; one held for both stays once",
        arguments: StoreBackend.all
    )
    func merge(_ backend: StoreBackend) throws {
        let store = try backend.make()
        _ = try store.addUser(name: "甲", role: .viewer, passwordHash: "h", at: Self.start)
        _ = try store.addUser(name: "乙", role: .viewer, passwordHash: "h", at: Self.start)
        let keptID = try #require(try store.createAgency(named: "某县人民政府办公室").id)
        let mergedID = try #require(try store.createAgency(named: "某县政府办").id)
        _ = try store.grantDuty(userName: "甲", duty: .clerk, agencyID: keptID, at: Self.start)
        _ = try store.grantDuty(userName: "甲", duty: .clerk, agencyID: mergedID, at: Self.start)
        _ = try store.grantDuty(userName: "乙", duty: .finalReview, agencyID: mergedID, at: Self.start)

        _ = try store.addAlias("某县政府办", for: "某县人民政府办公室")

        let duties = try store.duties(agencyID: keptID)
        #expect(duties.map(\.userName) == ["乙", "甲"].sorted())
        #expect(duties.allSatisfy { $0.agencyID == keptID })
        #expect(try store.duties(userName: "甲").count == 1)
        #expect(try store.duties(userName: "乙").map(\.duty) == [.finalReview])
    }

    @Test("a duty is named in English or Chinese")
    func names() {
        #expect(AgencyDuty(named: "first-review") == .firstReview)
        #expect(AgencyDuty(named: "FINAL_REVIEW") == .finalReview)
        #expect(AgencyDuty(named: "复审") == .secondReview)
        #expect(AgencyDuty(named: "督办") == .supervisor)
        #expect(AgencyDuty(named: "审核") == nil)
    }
}
