import Foundation
import GongkaiStore
import Testing

/// 三审 through the real binary on a real SQLite file: each user acts with the duties granted for the agency.
@Suite("publish command line")
struct PublishCLITests {
    static let agency = "测试市测试区司法局"

    static func publish(_ arguments: [String], db: String, as user: String? = nil) throws -> CLI.Result {
        try CLI.run(["publish"] + arguments + ["--agency", agency, "--db", db] + (user.map { ["--as", $0] } ?? []))
    }

    @discardableResult
    static func ok(_ arguments: [String], db: String, as user: String? = nil) throws -> String {
        let result = try publish(arguments, db: db, as: user)
        #expect(result.status == 0, "\(arguments): \(result.stdout)\(result.stderr)")
        return result.stdout
    }

    @Test("draft from a file, mask, submit, three approvals, publish; refusals exit 1 with the reason")
    func wholePath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-publishcli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("gongkai.sqlite").path
        do {
            let store = try SQLiteStore(path: db)
            let agencyID = try #require(try store.createAgency(named: Self.agency).id)
            let duties: [(String, AgencyDuty)] = [
                ("王芳", .clerk), ("李明", .firstReview), ("赵强", .secondReview), ("陈静", .finalReview),
            ]
            for (name, duty) in duties {
                _ = try store.addUser(name: name, role: .viewer, passwordHash: "-", at: Date())
                _ = try store.grantDuty(userName: name, duty: duty, agencyID: agencyID, at: Date())
            }
        }
        let file = folder.appendingPathComponent("通知.txt")
        try Data("关于张三的处理决定\n当事人：张三，手机13812345678。\n".utf8).write(to: file)
        let drafted = try Self.ok(
            [
                "draft", "--title", "关于规范公开的通知", "--category", "1", "--counts-as", "规范性文件", "--number",
                "测司规〔2026〕1号", "--written", "2026-03-02", "--file", file.path,
            ],
            db: db,
            as: "王芳"
        )
        let key = try #require(drafted.split(separator: "《").first.map(String.init))
        #expect(drafted.contains("草稿") && drafted.contains("未处理"))

        // Somebody without the clerk's duty drafts nothing; a reviewer cannot review before submission.
        let refused = try Self.publish(["approve", key], db: db, as: "李明")
        #expect(refused.status == 1 && refused.stderr.contains("此事项目前「草稿」，不能审核通过"))
        #expect(try Self.publish(["submit", key], db: db, as: "李明").stderr.contains("没有本机关的「起草」职责"))

        #expect(try Self.ok(["mask", key], db: db, as: "王芳").contains("未处理 0 处"))
        try Self.ok(["submit", key], db: db, as: "王芳")
        for reviewer in ["李明", "赵强", "陈静"] { try Self.ok(["approve", key], db: db, as: reviewer) }
        let published = try Self.ok(["publish", key, "--on", "2026-04-10"], db: db, as: "王芳")
        #expect(published.contains("已公开") && published.contains("逾期公开"))

        let shown = try Self.ok(["show", key], db: db)
        #expect(shown.contains("138****5678") && shown.contains("张某") && !shown.contains("13812345678"))
        #expect(shown.contains("陈静 审核通过（终审）"))
        let list = try Self.ok(["list", "--published"], db: db)
        #expect(list.contains("\(key)  已公开（逾期公开） 2026-04-10  《关于规范公开的通知》"))
        #expect(try Self.publish(["approve", key], db: db, as: "没有此人").status == 1)
    }
}
