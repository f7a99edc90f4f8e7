import ArgumentParser
import Foundation
import GongkaiModel
import GongkaiOutput
import GongkaiRegister
import GongkaiStore

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "The disclosure register (登记台账): applications and their steps, reviews and suits, documents, counts.",
        discussion: """
            An agency's clerk registers each application for disclosure as it arrives (register add), records each \
            step as it is taken (register step: 补正, 延期, 征求意见, 收费, 答复), and sees what falls due (register \
            due). Every step is checked against the 条例 and 国办函〔2020〕109号; a step not allowed is refused with \
            the reason. At the year's end register compile computes the annual report's figures into the data file \
            that gongkai check and gongkai render take. Every change is kept in an audit log (register show).

            Exit status: 0 success; 1 a step or change refused (the reason is printed), or errors in the compiled \
            report; 2 the database or the calendar cannot be used; 64 the command line itself is wrong.

            Examples:
              gongkai register add --agency 某某市司法局 --received 2025-03-03 --channel 网络 \\
                --applicant-type 自然人 --applicant 张三 --request 2024年行政复议决定书
              gongkai register step 2025-0001 答复 --on 2025-03-20 --outcome 予以公开 --agency 某某市司法局
              gongkai register due
              gongkai register compile --agency 某某市司法局 --year 2025 -o 2025.yaml
              gongkai register inbox --agency 某某市司法局
              gongkai register sign --agency 某某市司法局 K7PM-3XQD-9TRW
              gongkai register transfer --agency 某某市司法局 K7PM-3XQD-9TRW --to 某某市公安局 --reason 非本机关职责
              gongkai register letter --agency 某某市司法局 2025-0001 -o 告知书.docx
            """,
        subcommands: [
            RegisterAdd.self, RegisterStep.self, RegisterShow.self, RegisterList.self, RegisterDue.self,
            RegisterCase.self, RegisterDocument.self, RegisterCounts.self, RegisterCompile.self, RegisterImport.self,
            RegisterExport.self, RegisterRemove.self, RegisterInbox.self, RegisterSign.self, RegisterTransfer.self,
            RegisterLetter.self,
        ]
    )
}

/// The options every register command takes: the database, who makes the change, and the day it is.
struct RegisterOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(help: "Who makes the change, for the audit log (default: the system user name).")
    var by: String?

    @Option(help: "The day to count deadlines from: 2026-03-02 or 2026年3月2日 (default: today).")
    var today: String?

    func validate() throws {
        if let today, CalendarCommand.date(today) == nil {
            throw ValidationError("--today 的日期「\(today)」无法识别，应写作 2026-03-02 或 2026年3月2日。")
        }
        if let by, by.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--by 不能为空。")
        }
    }

    var user: String {
        if let by { return by }
        let name = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
        return name.isEmpty ? "未知用户" : name
    }

    var day: CalendarDate { today.flatMap(CalendarCommand.date) ?? .today() }

    /// The agency `name` names (an alias or variant of its name); with `create`, created when the corpus has none.
    func agency(_ name: String, in store: any ReportStore, create: Bool = false) throws -> AgencyRecord {
        if let found = try store.agency(named: name) { return found }
        if create { return try store.createAgency(named: name) }
        printError("gongkai: 未找到机关「\(name)」；可用 gongkai agency search 查找，新机关在 register add 时加 --create-agency 建立。")
        throw ExitCode(1)
    }
}

/// Runs a register request: a refused step or change prints its reason and ends with status 1; a database that cannot
/// be used with status 2; a missing calendar year with status 2.
func registerRequest<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as RegisterError {
        printError("gongkai: \(error.description)")
        throw ExitCode(1)
    } catch let error as SubmissionError {
        printError("gongkai: \(error.description)")
        throw ExitCode(1)
    } catch let error as MissingCalendarYear {
        printError("gongkai: \(error.description)")
        throw ExitCode(2)
    } catch let error as StoreError {
        printError("gongkai: \(error.description)")
        switch error {
        case .registerConflict, .registerRecordExists, .registerRecordNotFound, .invalidRegisterRecord,
            .agencyNotFound, .agencyNameInvalid:
            throw ExitCode(1)
        default:
            throw ExitCode(2)
        }
    }
}

/// Parsing the register's words: dates, channels, applicant types, outcomes.
enum RegisterWords {
    static func date(_ text: String, option: String) throws -> CalendarDate {
        guard let date = CalendarCommand.date(text) else {
            throw ValidationError("\(option) 的日期「\(text)」无法识别，应写作 2026-03-02 或 2026年3月2日。")
        }
        return date
    }

    static func channel(_ text: String) throws -> ReceiptChannel {
        let words: [String: ReceiptChannel] = [
            "当面": .inPerson, "当面提交": .inPerson, "邮寄": .post, "平常信函": .ordinaryLetter, "网络": .online,
            "互联网": .online, "传真": .fax,
        ]
        if let channel = words[text] ?? ReceiptChannel(rawValue: text) { return channel }
        throw ValidationError("--channel 的值「\(text)」无效，应为 当面、邮寄、平常信函、网络、传真 之一。")
    }

    static func applicantType(_ text: String) throws -> ApplicantType {
        if let type = ApplicantType.allCases.first(where: { $0.chinese == text || $0.rawValue == text }) { return type }
        let names = ApplicantType.allCases.map(\.chinese).joined(separator: "、")
        throw ValidationError("--applicant-type 的值「\(text)」无效，应为 \(names) 之一。")
    }

    /// An outcome by its 表三 row: the key (`denied.state_secret`), the label as printed (「1.属于国家秘密」, 「（一）予以
    /// 公开」), the group and label together, or the label without its number (「属于国家秘密」, 「予以公开」).
    static func outcome(_ text: String) throws -> ReplyOutcome {
        let wanted = text.trimmingCharacters(in: .whitespaces)
        for outcome in ReplyOutcome.allCases {
            let names = [outcome.rawValue, outcome.label, outcome.fullLabel, bare(outcome.label)]
            if names.contains(wanted) { return outcome }
        }
        throw ValidationError(
            "--outcome 的值「\(text)」不是表三的办理结果；可写结果的名称（如 予以公开、属于国家秘密）或代码（如 granted、"
                + "denied.state_secret），全部结果见 gongkai register step --help。"
        )
    }

    /// A row label without its number and note: 「1.属于国家秘密」 → 「属于国家秘密」, 「（二）部分公开（…）」 → 「部分公开」.
    static func bare(_ label: String) -> String {
        var text = Substring(label)
        if text.hasPrefix("（"), let close = text.firstIndex(of: "）") { text = text[text.index(after: close)...] }
        if let dot = text.firstIndex(of: "."), text[..<dot].allSatisfy(\.isNumber) {
            text = text[text.index(after: dot)...]
        }
        if let open = text.firstIndex(of: "（") { text = text[..<open] }
        return String(text)
    }

    /// Every outcome as `key  label`, for help texts.
    static var outcomeList: String {
        ReplyOutcome.allCases.map { "\($0.rawValue)  \($0.fullLabel)" }.joined(separator: "\n")
    }

    /// A date with its day of the week, or 「—」.
    static func day(_ date: CalendarDate?) -> String { date?.chineseWithWeekday ?? "—" }

    /// The state and the reply's due date of an application as of `today`, for a clerk.
    static func statusLines(_ application: Application, today: CalendarDate, calendar: WorkingCalendar) -> [String] {
        let asOf = max(today, application.events.last?.date ?? today)
        do {
            let status = try application.status(on: asOf, calendar: calendar)
            var lines = ["状态：\(status.state.chinese)"]
            if status.state.isOpen {
                lines.append("答复期限：" + status.replyDueChinese)
                if let missing = status.calendarMissing { lines.append("注意：" + missing.description) }
            }
            return lines
        } catch {
            return ["状态：办理中", "答复期限：无法计算——\(error.description)"]
        }
    }
}
