import Foundation
import GongkaiExtract
import GongkaiModel
import GongkaiRegister
import GongkaiStore
import Testing

/// Applications filed online through the real binary: the inbox, 签收, 转办, the letters as Word and text, and a
/// step's letter e-mailed to a real local SMTP server.
@Suite("register command line: inbox, sign, transfer, letters")
struct RegisterInboxCLITests {
    static let police = "测试市公安局"

    @Test("inbox → sign → step with --smtp → letter; transfer moves one to the other agency's inbox")
    func inboxToLetter() throws {
        let folder = try RegisterCLITests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("gongkai.sqlite").path
        let store = try SQLiteStore(path: db)
        let justice = try #require(try store.createAgency(named: RegisterCLITests.agency).id)
        _ = try store.createAgency(named: Self.police)
        let today = try RegisterPublicTests.day("2026-01-05")
        let first = try store.submitApplication(
            RegisterPublicTests.form(),
            agencyID: justice,
            agency: RegisterCLITests.agency,
            at: RegisterPublicTests.moment(today),
            today: today
        )
        let second = try store.submitApplication(
            RegisterPublicTests.form(name: "李四"),
            agencyID: justice,
            agency: RegisterCLITests.agency,
            at: RegisterPublicTests.moment(today),
            today: today
        )

        let inbox = try RegisterCLITests.ok(["inbox", "--agency", RegisterCLITests.agency], db: db)
        #expect(inbox.contains(QueryNumber.printed(first.value.number)) && inbox.contains("李四"))
        let signed = try RegisterCLITests.ok(
            [
                "sign", "--agency", RegisterCLITests.agency, QueryNumber.printed(first.value.number).lowercased(),
                "--on", "2026-01-05",
            ],
            db: db
        )
        #expect(signed.contains("登记为 2026-0001") && signed.contains("2026年1月5日"))
        let again = try RegisterCLITests.register(
            ["sign", "--agency", RegisterCLITests.agency, first.value.number],
            db: db
        )
        #expect(again.status == 1)
        #expect(again.stderr.contains("不能再签收"))

        let sink = try SMTPSink()
        let step = try RegisterCLITests.ok(
            [
                "step", "2026-0001", "答复", "--agency", RegisterCLITests.agency, "--on", "2026-01-09", "--outcome",
                "属于国家秘密",
                "--smtp", "127.0.0.1:\(sink.port)", "--smtp-from", "gongkai@example.cn",
            ],
            db: db
        )
        #expect(step.contains("告知书已发送至 zhangsan@example.cn"))
        let mail = try #require(try sink.messages().first)
        #expect(mail.fields["subject"] as? String == "政府信息公开申请答复告知书（登记号2026-0001）")
        #expect((mail.fields["body"] as? String)?.contains("第十四条") == true)
        let relayGone = try RegisterCLITests.register(
            ["step", "2026-0001", "答复", "--agency", RegisterCLITests.agency, "--smtp", "127.0.0.1"],
            db: db
        )
        #expect(relayGone.status == 64)

        let text = try RegisterCLITests.ok(["letter", "--agency", RegisterCLITests.agency, "2026-0001"], db: db)
        #expect(text.hasPrefix("政府信息公开申请答复告知书\n"))
        #expect(text.contains("第十四条") && text.contains("第五十一条"))
        let out = folder.appendingPathComponent("告知书.docx").path
        let written = try RegisterCLITests.ok(
            ["letter", "--agency", RegisterCLITests.agency, "2026-0001", "--step", "2", "-o", out],
            db: db
        )
        #expect(written.contains("已写入"))
        let document = try DocumentExtractor.extract(
            try Data(contentsOf: URL(fileURLWithPath: out)),
            name: "letter.docx"
        )
        #expect(document.lines.map(\.text).joined().contains("国家秘密"))
        let none = try RegisterCLITests.register(
            ["letter", "--agency", RegisterCLITests.agency, "2026-0001", "--step", "1"],
            db: db
        )
        #expect(none.status == 1)
        #expect(none.stderr.contains("没有告知书"))

        let moved = try RegisterCLITests.ok(
            [
                "transfer", "--agency", RegisterCLITests.agency, second.value.number, "--to", Self.police, "--reason",
                "户籍信息由公安机关掌握",
            ],
            db: db
        )
        #expect(moved.contains(QueryNumber.printed(second.value.number)))
        let policeInbox = try RegisterCLITests.ok(["inbox", "--agency", Self.police], db: db)
        #expect(policeInbox.contains("李四"))
        #expect(try RegisterCLITests.ok(["inbox", "--agency", RegisterCLITests.agency], db: db).contains("没有待签收"))
        let refused = try RegisterCLITests.register(
            ["transfer", "--agency", RegisterCLITests.agency, "2026-0001", "--to", Self.police, "--reason", "x"],
            db: db
        )
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("已在办理中"))
    }
}
