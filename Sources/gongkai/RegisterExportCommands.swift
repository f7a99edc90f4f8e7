import ArgumentParser
import Foundation
import GongkaiCorpus
import GongkaiOutput
import GongkaiPublish
import GongkaiRegister
import GongkaiStore

/// `gongkai register export`: a year of an agency's register as the Excel ledger the web application exports.
struct RegisterExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a year of an agency's register as an Excel ledger (.xlsx) that register import reads back.",
        discussion: """
            One sheet per kind of record: 依申请公开 (the applications received in the year), 复议诉讼 (the reviews and \
            suits counted in it) and 规范性文件 (the documents in force in it). The applicant's name, identity number \
            and contact are left out unless --personal; with them, the 依申请公开 sheet imports again with register \
            import (consultations and fees, which a ledger has no column for, are listed in 其他办理步骤 and not \
            imported).
            """
    )

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @Option(help: "The year.")
    var year: Int

    @Option(help: "The workbook to write (.xlsx).")
    var out: String

    @Flag(help: "Include the applicant's name, identity number and contact.")
    var personal = false

    @Flag(help: "Replace the output file if it exists.")
    var overwrite = false

    @OptionGroup var options: RegisterOptions

    func validate() throws {
        guard (2000...9999).contains(year) else { throw ValidationError("--year 应在 2000 到 9999 之间。") }
    }

    func run() throws {
        if !overwrite, FileManager.default.fileExists(atPath: out) {
            printError("gongkai: \(out) 已存在；要替换请加 --overwrite。")
            throw ExitCode(2)
        }
        let records = try registerRequest {
            let store = try options.store.open(readOnly: true)
            let agencyID = try options.agency(agency, in: store).id ?? 0
            return try RegisterWorkbook.records(store, agencyID: agencyID, year: year)
        }
        do {
            try RegisterWorkbook.render(records, personal: personal).write(to: URL(fileURLWithPath: out))
        } catch let error as RegisterError {
            printError("gongkai: \(error.description)")
            throw ExitCode(2)
        } catch {
            printError("gongkai: \(out)：无法写入（\(error.localizedDescription)）。")
            throw ExitCode(2)
        }
        let applications = records.filter { $0.kind == .application }.count
        let cases = records.filter { $0.kind == .disclosureCase }.count
        let documents = records.filter { $0.kind == .document }.count
        print(
            TerminalText.line(
                "已写入 \(out)：申请 \(applications) 件，复议诉讼 \(cases) 件，规章和规范性文件 \(documents) 件"
                    + (personal ? "（含申请人个人信息）。" : "（不含申请人个人信息）。")
            )
        )
    }
}

/// `gongkai register remove`: a record taken out of the register; its change log keeps it.
struct RegisterRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a record from the register (an application, case, document or year's counts).",
        discussion: """
            A record with steps recorded on it (an application past its receipt, a decided case, a repealed \
            document) is refused unless --force. The removal is kept in the change log with the record as it was \
            (register show no longer finds it; the audit log does).
            """
    )

    @Argument(help: "The record's number (登记号; for counts, the year).")
    var key: String

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @Option(help: "application, case, document or counts (default: whichever kind holds the number).")
    var kind: String?

    @Flag(help: "Remove it even when steps are recorded on it.")
    var force = false

    @OptionGroup var options: RegisterOptions

    static func kind(_ text: String) throws -> RegisterKind {
        let words: [String: RegisterKind] = [
            "申请": .application, "案件": .disclosureCase, "文件": .document, "年度数量": .yearCounts, "数量": .yearCounts,
        ]
        if let kind = RegisterKind(rawValue: text) ?? words[text], ledgerKinds.contains(kind) { return kind }
        throw ValidationError("--kind 的值「\(text)」无效，应为 application、case、document、counts 之一。")
    }

    /// The kinds this command removes; proactive items, their attachments and word lists are publishing's own.
    static let ledgerKinds: [RegisterKind] = [.application, .disclosureCase, .document, .yearCounts]

    func validate() throws { if let kind { _ = try Self.kind(kind) } }

    func run() throws {
        let wanted = try kind.map(Self.kind)
        let removed = try registerRequest { () throws -> RegisterRecord in
            let store = try options.store.open()
            let agencyID = try options.agency(agency, in: store).id ?? 0
            let kinds = wanted.map { [$0] } ?? Self.ledgerKinds
            let found = try kinds.compactMap { try store.registerRecord(agencyID: agencyID, kind: $0, key: key) }
            guard let record = found.first else { throw RegisterError.notFound(wanted ?? .application, key: key) }
            if found.count > 1 {
                printError("gongkai: 登记号「\(key)」下有多种记录；请用 --kind 指明要删除哪一种。")
                throw ExitCode(1)
            }
            if !force, let steps = try Self.steps(record) {
                printError("gongkai: \(record.kind.chinese)「\(key)」已有记录的步骤（\(steps)）；确需删除请加 --force。")
                throw ExitCode(1)
            }
            try store.removeRegisterRecord(
                agencyID: agencyID,
                kind: record.kind,
                key: key,
                expecting: record.version,
                by: options.user
            )
            return record
        }
        print(TerminalText.line("已删除\(removed.kind.chinese)「\(key)」（第\(removed.version)版）；修改记录中保留了删除前的内容。"))
    }

    /// What has been recorded on a record beyond its creation, in words; nil when nothing has.
    static func steps(_ record: RegisterRecord) throws -> String? {
        switch record.kind {
        case .application:
            let events = try record.application().events.dropFirst()
            return events.isEmpty ? nil : events.map { RegisterText.word($0.step) }.joined(separator: "、")
        case .disclosureCase:
            return try record.disclosureCase().decision == nil ? nil : record.state
        case .document:
            return try record.document().repealed == nil ? nil : record.state
        case .yearCounts, .attachment, .wordList:
            return nil
        case .proactiveItem:
            return try record.proactiveItem().history.count > 1 ? record.state : nil
        case .submission:
            // An application filed online is removed through its inbox (退回, 转办), not here.
            return try record.submission().isWaiting ? nil : record.state
        }
    }
}
