import Foundation
import GongkaiExtract
import GongkaiModel
import GongkaiRegister
import GongkaiServer
import GongkaiStore
import Testing

@testable import GongkaiMail

/// A real SMTP server on this machine for the test: Python's aiosmtpd on a free port, keeping each message it gets
/// as a file; stopped when the test ends.
final class SMTPSink {
    let process = Process()
    let folder: URL
    let port: Int

    static let script = """
        import asyncio, os, socket, sys
        from aiosmtpd.controller import Controller
        folder = sys.argv[1]
        class Keep:
            async def handle_DATA(self, server, session, envelope):
                count = len([n for n in os.listdir(folder) if n.endswith(".eml")])
                with open(os.path.join(folder, "%d.envelope" % count), "w") as f:
                    f.write(envelope.mail_from + "\\n" + "\\n".join(envelope.rcpt_tos))
                with open(os.path.join(folder, "%d.eml" % count), "wb") as f:
                    f.write(envelope.original_content)
                return "250 Message accepted"
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        controller = Controller(Keep(), hostname="127.0.0.1", port=port)
        controller.start()
        print(port, flush=True)
        sys.stdin.read()
        controller.stop()
        """

    /// Reads a kept message with Python's own `email` package: its headers decoded, its text, and its attachment
    /// written to `attachment`.
    static let reader = """
        import email, email.policy, json, sys
        message = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
        body = message.get_body(("plain",)).get_content()
        names = []
        for part in message.iter_attachments():
            names.append(part.get_filename())
            open(sys.argv[2], "wb").write(part.get_content())
        print(json.dumps({"subject": str(message["subject"]), "to": str(message["to"]), "from": str(message["from"]),
                          "body": body, "attachments": names}))
        """

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("sink.py")
        try Data(Self.script.utf8).write(to: script)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, folder.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = Pipe()
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) {
            line += byte
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw MailError("SMTP 测试服务器没有启动（需要 python3-aiosmtpd）")
        }
        self.port = port
    }

    deinit {
        (process.standardInput as? Pipe)?.fileHandleForWriting.closeFile()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    var settings: MailSettings { MailSettings(host: "127.0.0.1", port: port, from: "公开办 <gongkai@example.cn>") }

    /// The messages received so far, in order, as Python reads them, with their envelopes.
    func messages() throws -> [(envelope: String, fields: [String: Any], attachment: Data?)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
            .sorted()
        let reader = folder.appendingPathComponent("reader.py")
        try Data(Self.reader.utf8).write(to: reader)
        return try names.map { name in
            let attachment = folder.appendingPathComponent(name + ".bin")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [reader.path, folder.appendingPathComponent(name).path, attachment.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let fields = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let envelope = try String(
                contentsOf: folder.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".envelope")),
                encoding: .utf8
            )
            return (envelope, fields, try? Data(contentsOf: attachment))
        }
    }
}

@Suite("letters by e-mail: MIME and SMTP against a local SMTP server")
struct LetterMailTests {
    @Test("headers not in ASCII are RFC 2047 encoded words of at most 75 characters; ASCII stays as it is")
    func encodedWords() {
        #expect(MailMessage.encodedWords("Letter 2025-0001") == "Letter 2025-0001")
        let long = String(repeating: "政府信息公开申请答复告知书", count: 4)
        let words = MailMessage.encodedWords(long).components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        var decoded = Data()
        for word in words {
            #expect(word.count <= 75 && word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            decoded += Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data()
        }
        #expect(String(decoding: decoded, as: UTF8.self) == long)
    }

    @Test("DATA is dot-stuffed: a line that starts with a dot gets another")
    func dotStuffing() {
        #expect(SMTPClient.dotStuffed("a\r\n.\r\n..b\r\nc.\r\n") == "a\r\n..\r\n...b\r\nc.\r\n")
        #expect(SMTPClient.bare("公开办 <gongkai@example.cn>") == "gongkai@example.cn")
        #expect(!SMTPClient.bare("a@b.cn\r\nRCPT TO:<x@y.cn>").contains { $0 == "\r" || $0 == "\n" })
    }

    @Test("a message with a lone dot, Chinese headers and an attachment arrives whole at a real SMTP server")
    func roundTrip() throws {
        let sink = try SMTPSink()
        let attachment = Data((0..<3000).map { UInt8($0 % 256) })
        let message = MailMessage(
            from: "公开办 <gongkai@example.cn>",
            to: "张三 <zhangsan@example.cn>",
            subject: "政府信息公开申请答复告知书（登记号2025-0001）",
            body: "第一行\n.\n..两个点\n最后一行",
            attachments: [
                MailAttachment(fileName: "告知书.docx", contentType: "application/octet-stream", data: attachment)
            ]
        )
        try SMTPClient.send(message, settings: sink.settings)
        let received = try sink.messages()
        #expect(received.count == 1)
        let first = try #require(received.first)
        #expect(first.envelope == "gongkai@example.cn\nzhangsan@example.cn")
        #expect(first.fields["subject"] as? String == "政府信息公开申请答复告知书（登记号2025-0001）")
        #expect(
            (first.fields["body"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == "第一行\n.\n..两个点\n最后一行"
        )
        #expect(first.fields["attachments"] as? [String] == ["告知书.docx"])
        #expect(first.attachment == attachment)
    }

    @Test("lines that start with a dot, and a lone dot, arrive as they were: DATA is dot-stuffed on the wire")
    func dotsOnTheWire() throws {
        let sink = try SMTPSink()
        let text = "Subject: dots\r\n\r\nfirst\r\n.\r\n..two\r\n.three\r\nlast\r\n"
        try SMTPClient.send(text, to: "b@example.cn", settings: sink.settings)
        let kept = try Data(contentsOf: sink.folder.appendingPathComponent("0.eml"))
        #expect(String(decoding: kept, as: UTF8.self) == text)
    }

    @Test("no server there: the sending fails with a reason in Chinese")
    func refused() throws {
        let port = try { () throws -> Int in
            let sink = try SMTPSink()
            return sink.port
        }()
        #expect(throws: MailError.self) {
            try SMTPClient.send(
                MailMessage(from: "a@example.cn", to: "b@example.cn", subject: "x", body: "y"),
                settings: MailSettings(host: "127.0.0.1", port: port, from: "a@example.cn", timeout: 2)
            )
        }
    }

    @Test("a reply recorded on an application filed online is e-mailed as text and Word; the history records it")
    func letterDelivered() throws {
        let sink = try SMTPSink()
        let store = try StoreBackend.sqlite.make()
        let agency = try #require(try store.createAgency(named: "洛阳市西工区司法局").id)
        let today = try RegisterPublicTests.day("2025-03-03")
        let filed = try store.submitApplication(
            RegisterPublicTests.form(),
            agencyID: agency,
            agency: "洛阳市西工区司法局",
            at: RegisterPublicTests.moment(today),
            today: today
        )
        let signed = try store.signSubmission(
            agencyID: agency,
            agency: "洛阳市西工区司法局",
            number: filed.value.number,
            on: today,
            by: "甲",
            at: Date(),
            today: today,
            calendar: .builtIn
        )
        let key = signed.application.value.id
        // The receipt has no letter: nothing is sent.
        let nothing = try LetterMail.deliver(
            store: store,
            agencyID: agency,
            key: key,
            step: 0,
            settings: sink.settings,
            by: "甲"
        )
        #expect(nothing == .notApplicable("此步骤没有告知书。"))
        _ = try store.recordStep(
            .replied(on: try RegisterPublicTests.day("2025-03-10"), outcome: .deniedProcess),
            agencyID: agency,
            key: key,
            by: "甲",
            today: today,
            calendar: .builtIn
        )
        let outcome = try LetterMail.deliver(
            store: store,
            agencyID: agency,
            key: key,
            step: nil,
            settings: sink.settings,
            by: "甲"
        )
        #expect(outcome == .sent("zhangsan@example.cn"))
        let message = try #require(try sink.messages().first)
        #expect(message.fields["subject"] as? String == "政府信息公开申请答复告知书（登记号\(key)）")
        #expect((message.fields["body"] as? String)?.contains("第十六条第二款") == true)
        let document = try DocumentExtractor.extract(try #require(message.attachment), name: "letter.docx")
        #expect(document.lines.map(\.text).joined().contains("过程性信息"))
        let history = try #require(try store.submission(number: filed.value.number)).value.history
        #expect(history.last?.action == .mailed)
        #expect(history.last?.detail.contains("zhangsan@example.cn") == true)

        // The relay gone: the step stays, the failure is in the history.
        let closed = MailSettings(host: "127.0.0.1", port: 9, from: "a@example.cn", timeout: 2)
        let failed = try LetterMail.deliver(
            store: store,
            agencyID: agency,
            key: key,
            step: nil,
            settings: closed,
            by: "甲"
        )
        guard case .failed = failed else {
            Issue.record("sent through a closed port: \(failed)")
            return
        }
        #expect(try store.application(agencyID: agency, key: key)?.value.reply?.outcome == .deniedProcess)
        #expect(try store.submission(number: filed.value.number)?.value.history.last?.action == .mailFailed)
        let log = try store.registerChanges(agencyID: agency, limit: 20).filter { $0.kind == .submission }
        #expect(log.count == 4)
    }
}
