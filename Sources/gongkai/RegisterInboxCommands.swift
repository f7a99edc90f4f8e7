import ArgumentParser
import Foundation
import GongkaiMail
import GongkaiModel
import GongkaiOutput
import GongkaiRegister
import GongkaiServer
import GongkaiStore
import GongkaiWrite

/// The SMTP relay letters are e-mailed through, for the commands that record a step.
struct MailOptions: ParsableArguments {
    @Option(help: "E-mail the step's letter (告知书) through this SMTP relay, HOST:PORT (no TLS: a local relay).")
    var smtp: String?

    @Option(help: "The sender address of letters e-mailed (with --smtp).")
    var smtpFrom: String?

    func validate() throws {
        if smtp != nil, smtpFrom == nil { throw ValidationError("--smtp 需要同时给出 --smtp-from 发件地址。") }
        if smtpFrom != nil, smtp == nil { throw ValidationError("--smtp-from 需要同时给出 --smtp 邮件服务器。") }
        if let smtp, let from = smtpFrom, MailSettings(server: smtp, from: from) == nil {
            throw ValidationError("--smtp 的值「\(smtp)」应写作 主机:端口，如 127.0.0.1:25。")
        }
    }

    var settings: MailSettings? {
        guard let smtp, let smtpFrom else { return nil }
        return MailSettings(server: smtp, from: smtpFrom)
    }
}

struct RegisterInbox: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "List an agency's applications filed online that wait to be signed for (待签收).",
        discussion: "Each line: the query number, when it was filed, the applicant and what is asked for."
    )

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @Flag(help: "Also list those already signed for, refused or moved.")
    var all = false

    @OptionGroup var options: RegisterOptions

    func run() throws {
        let submissions = try registerRequest {
            let store = try options.store.open(readOnly: true)
            let agency = try options.agency(agency, in: store)
            return try store.submissions(agencyID: agency.id ?? 0, waitingOnly: !all)
        }
        if submissions.isEmpty {
            print(all ? "没有网上申请。" : "没有待签收的网上申请。")
            return
        }
        for stored in submissions {
            let submission = stored.value
            let line = [
                QueryNumber.printed(submission.number), AuditEntry.chinaTime(submission.submitted),
                "\(submission.form.name)（\(submission.form.applicantType.chinese)）", submission.state.chinese,
                submission.form.request,
            ].joined(separator: "  ")
            print(TerminalText.line(line))
        }
    }
}

struct RegisterSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign for (签收) an application filed online: register it as received on that day.",
        discussion: """
            条例第三十一条: an application sent through the internet is received on the day both sides confirm it — \
            the day it is signed for. It gets the agency's next 登记号; the applicant's query number keeps working.
            """
    )

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @Argument(help: "The query number (with or without hyphens).")
    var number: String

    @Option(help: "The day it is signed for (default: today).")
    var on: String?

    @OptionGroup var options: RegisterOptions

    func run() throws {
        guard let normalized = QueryNumber.normalized(number) else {
            printError("gongkai: 查询号「\(number)」应为12位字母和数字（不含0、1、I、O）。")
            throw ExitCode(1)
        }
        let date = try on.map { try RegisterWords.date($0, option: "--on") } ?? options.day
        let signed = try registerRequest {
            let store = try options.store.open()
            let agency = try options.agency(agency, in: store)
            return try store.signSubmission(
                agencyID: agency.id ?? 0,
                agency: agency.name,
                number: normalized,
                on: date,
                by: options.user,
                at: Date(),
                today: options.day,
                calendar: try store.workingCalendar()
            )
        }
        print(
            TerminalText.line(
                "已签收：\(QueryNumber.printed(normalized)) 登记为 \(signed.application.value.id)，收到申请之日 \(date.chinese)"
            )
        )
    }
}

struct RegisterTransfer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Move (转办) an application sent to the wrong agency to another agency's inbox.",
        discussion: """
            KEY is an application filed online (its query number) or the 登记号 of an application received but not \
            yet handled. It leaves this agency's register and waits in the other agency's inbox to be signed for; \
            the applicant's query number keeps working. Both agencies' audit logs show the move.
            """
    )

    @Option(help: "The agency it is with: its name or an alias.")
    var agency: String

    @Argument(help: "The query number or the 登记号.")
    var key: String

    @Option(help: "The agency to move it to: its name or an alias.")
    var to: String

    @Option(help: "Why it belongs to the other agency.")
    var reason: String

    @OptionGroup var options: RegisterOptions

    func run() throws {
        let moved = try registerRequest {
            let store = try options.store.open()
            let from = try options.agency(agency, in: store)
            let target = try options.agency(to, in: store)
            return try store.transfer(
                agencyID: from.id ?? 0,
                key: QueryNumber.normalized(key) ?? key,
                to: target.id ?? 0,
                reason: reason,
                by: options.user,
                at: Date(),
                today: options.day
            )
        }
        print(TerminalText.line("已转办至\(to)：查询号 \(QueryNumber.printed(moved.value.number))"))
    }
}

struct RegisterLetter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Write the letter (告知书) of an application's step as a Word file, or print it as text.",
        discussion: """
            Letters exist for 补正, 延期, 征求意见 (to the party consulted), 收费 and the reply; each carries the \
            wording and the articles of the 条例 for its step (Docs/letters.md).
            """
    )

    @Option(help: "The agency: its name or an alias.")
    var agency: String

    @Argument(help: "The application's 登记号.")
    var key: String

    @Option(
        help:
            "The step's number in the application's list of steps, 1 for the receipt (default: the last with a letter)."
    )
    var step: Int?

    @Option(name: [.short, .long], help: "Write the Word file here; without it the letter is printed as text.")
    var out: String?

    @OptionGroup var options: RegisterOptions

    func run() throws {
        let letter = try registerRequest { () throws -> NoticeLetter in
            let store = try options.store.open(readOnly: true)
            let agency = try options.agency(agency, in: store)
            guard let stored = try store.application(agencyID: agency.id ?? 0, key: key) else {
                throw RegisterError.notFound(.application, key: key)
            }
            guard
                let letter = NoticeLetter(
                    application: stored.value,
                    step: step.map { $0 - 1 },
                    agency: agency.name,
                    calendar: try store.workingCalendar()
                )
            else {
                printError("gongkai: 申请「\(key)」\(step.map { "的第\($0)步" } ?? "")没有告知书（收到申请、收到补正、征求意见结束、缴费不另发告知书）。")
                throw ExitCode(1)
            }
            return letter
        }
        guard let out else {
            print(letter.text, terminator: "")
            return
        }
        do {
            try letter.docx().write(to: URL(fileURLWithPath: out))
        } catch {
            printError("gongkai: 无法写入「\(out)」：\(error)")
            throw ExitCode(2)
        }
        print(TerminalText.line("已写入 \(out)：\(letter.title)"))
    }
}

/// E-mails the letter of the step just recorded when the command was given a relay, and prints what became of it.
func mailLetter(_ mail: MailOptions, store options: RegisterOptions, agency: String, key: String, step: Int) throws {
    guard let settings = mail.settings else { return }
    let outcome = try registerRequest {
        let store = try options.store.open()
        let found = try options.agency(agency, in: store)
        return try LetterMail.deliver(
            store: store,
            agencyID: found.id ?? 0,
            key: key,
            step: step,
            settings: settings,
            by: options.user
        )
    }
    print(TerminalText.line(outcome.chinese))
}
