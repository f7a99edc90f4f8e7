import ArgumentParser
import Foundation
import GongkaiOutput
import GongkaiServer
import GongkaiStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Users of the web application (gongkai serve): add, change a password, remove, list.",
        discussion: """
            Users sign in to the web application with a name and a password. Roles: viewer (查看: the corpus's \
            pages and 检查报告), uploader (上传: also 上传入库) and admin (管理: also the audit log and the list of \
            users). Passwords are read from the terminal twice without echo, or with --password-stdin from the first \
            line of standard input (for scripts); never from the command line. Only a bcrypt hash is stored. Every \
            change is written to the audit log (gongkai audit) under the name of the operating-system user.
            """,
        subcommands: [Add.self, Passwd.self, Remove.self, List.self, Grant.self, Revoke.self, Duties.self]
    )

    /// The duty and agency options of `grant` and `revoke`.
    struct DutyOptions: ParsableArguments {
        @Argument(help: "The user's name.")
        var name: String

        @Option(help: "clerk (登记员), first_review (初审), second_review (复审), final_review (终审) or supervisor (督办).")
        var duty: String

        @Option(
            help: "The agency (its name, an alias, or its number); a supervisor without one supervises every agency."
        )
        var agency: String?

        func validate() throws {
            _ = try UserCommand.duty(duty)
        }

        /// The agency's number and name, nil for every agency; an agency not in the corpus ends with status 1.
        func agencyRecord(in store: any ReportStore) throws -> AgencyRecord? {
            guard let agency else { return nil }
            if let found = try storeRequest({ try store.agency(named: agency) }) { return found }
            if let id = Int64(agency), let found = try storeRequest({ try store.agency(id: id) }) { return found }
            printError("gongkai: " + StoreError.agencyNotFound(agency).description)
            throw ExitCode(1)
        }
    }

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a user a duty for an agency: keeping its register, a level of review, or supervising.",
            discussion: """
                A clerk (登记员) keeps the agency's register and drafts what it publishes; first_review, \
                second_review and final_review are the three reviews (三审) before an item is published; a \
                supervisor (督办) follows the deadlines of one agency's applications, or of every agency's without \
                --agency. A user may hold several duties, for several agencies.
                """
        )

        @OptionGroup var options: DutyOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let corpus = try store.open()
            let duty = try UserCommand.duty(options.duty)
            let agency = try options.agencyRecord(in: corpus)
            do {
                _ = try corpus.grantDuty(userName: options.name, duty: duty, agencyID: agency?.id, at: Date())
            } catch let error as StoreError {
                printError("gongkai: \(error.description)")
                switch error {
                case .userNotFound, .agencyNotFound, .dutyNeedsAgency: throw ExitCode(1)
                default: throw ExitCode(2)
                }
            }
            let place = agency.map { "「\($0.name)」" } ?? "所有机关"
            try UserCommand.audit(corpus, "授予职责", "授予用户「\(options.name)」\(place)的\(duty.title)职责")
            print(TerminalText.line("已授予「\(options.name)」\(place)的\(duty.title)职责。"))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a duty away from a user.")

        @OptionGroup var options: DutyOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let corpus = try store.open()
            let duty = try UserCommand.duty(options.duty)
            let agency = try options.agencyRecord(in: corpus)
            do {
                try corpus.revokeDuty(userName: options.name, duty: duty, agencyID: agency?.id)
            } catch StoreError.userNotFound {
                printError("gongkai: " + StoreError.userNotFound(options.name).description)
                throw ExitCode(1)
            } catch let error as StoreError {
                printError("gongkai: \(error.description)")
                throw ExitCode(2)
            }
            let place = agency.map { "「\($0.name)」" } ?? "所有机关"
            try UserCommand.audit(corpus, "收回职责", "收回用户「\(options.name)」\(place)的\(duty.title)职责")
            print(TerminalText.line("已收回「\(options.name)」\(place)的\(duty.title)职责。"))
        }
    }

    struct Duties: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a user's duties: agency (or 所有机关), duty, when granted."
        )

        @Argument(help: "The user's name.")
        var name: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let corpus = try store.open()
            guard try storeRequest({ try corpus.user(named: name) }) != nil else {
                printError("gongkai: " + StoreError.userNotFound(name).description)
                throw ExitCode(1)
            }
            let duties = try storeRequest { try corpus.duties(userName: name) }
            if duties.isEmpty {
                printError("gongkai: 「\(name)」没有职责；授予：gongkai user grant \(name) --duty clerk --agency 机关名称")
                return
            }
            for duty in duties {
                let agency = duty.agencyName ?? "所有机关"
                let fields = [agency, duty.duty.rawValue, duty.duty.title, AuditEntry.chinaTime(duty.granted)]
                print(fields.map(TerminalText.line).joined(separator: "\t"))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user with a role and a password.")

        @Argument(help: "The user's name, used to sign in.")
        var name: String

        @Option(help: "viewer, uploader or admin.")
        var role: String

        @Flag(help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        @OptionGroup var store: StoreOptions

        func validate() throws {
            try UserCommand.checkName(name)
            _ = try UserCommand.role(role)
        }

        func run() throws {
            let corpus = try store.open()
            if try storeRequest({ try corpus.user(named: name) }) != nil {
                printError("gongkai: " + StoreError.userExists(name).description)
                throw ExitCode(1)
            }
            let password = try PasswordInput.read(fromStandardInput: passwordStdin)
            let role = try UserCommand.role(role)
            let hash = Passwords.hash(password)
            _ = try storeRequest { try corpus.addUser(name: name, role: role, passwordHash: hash, at: Date()) }
            try UserCommand.audit(corpus, "添加用户", "添加用户「\(name)」，角色：\(role.title)（\(role.rawValue)）")
            print(TerminalText.line("已添加用户「\(name)」（\(role.title)）。"))
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password (and optionally role); the user's sessions end."
        )

        @Argument(help: "The user's name.")
        var name: String

        @Option(help: "A new role: viewer, uploader or admin.")
        var role: String?

        @Flag(help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let role { _ = try UserCommand.role(role) }
        }

        func run() throws {
            let corpus = try store.open()
            guard try storeRequest({ try corpus.user(named: name) }) != nil else {
                printError("gongkai: " + StoreError.userNotFound(name).description)
                throw ExitCode(1)
            }
            let password = try PasswordInput.read(fromStandardInput: passwordStdin)
            let newRole = try role.map(UserCommand.role)
            let hash = Passwords.hash(password)
            let user = try storeRequest {
                try corpus.changeUser(named: name, role: newRole, passwordHash: hash, at: Date())
            }
            let roleNote = newRole.map { "，角色改为\($0.title)（\($0.rawValue)）" } ?? ""
            try UserCommand.audit(corpus, "修改用户", "重设用户「\(name)」的密码\(roleNote)；其登录均已结束")
            print(TerminalText.line("已重设「\(name)」的密码（\(user.role.title)）；此用户已登录的浏览器需重新登录。"))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user; the user's sessions end.")

        @Argument(help: "The user's name.")
        var name: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let corpus = try store.open()
            do {
                try corpus.removeUser(named: name)
            } catch StoreError.userNotFound {
                printError("gongkai: " + StoreError.userNotFound(name).description)
                throw ExitCode(1)
            } catch let error as StoreError {
                printError("gongkai: \(error.description)")
                throw ExitCode(2)
            }
            try UserCommand.audit(corpus, "删除用户", "删除用户「\(name)」；其登录均已结束")
            print(TerminalText.line("已删除用户「\(name)」。"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users: name, role, when added and changed.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let users = try storeRequest { try store.open().users() }
            if users.isEmpty {
                printError("gongkai: 还没有用户；添加管理员：gongkai user add 用户名 --role admin")
                return
            }
            for user in users {
                let fields = [
                    user.name, user.role.rawValue, user.role.title, AuditEntry.chinaTime(user.created),
                    AuditEntry.chinaTime(user.updated),
                ]
                print(fields.map(TerminalText.line).joined(separator: "\t"))
            }
        }
    }

    /// A name to sign in with: 1 to 64 characters, no spaces or control characters.
    static func checkName(_ name: String) throws {
        guard (1...64).contains(name.count),
            !name.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
            })
        else {
            throw ValidationError("用户名应为 1 至 64 个字符，不含空格和控制字符。")
        }
    }

    static func role(_ text: String) throws -> UserRole {
        guard let role = UserRole(rawValue: text.lowercased()) else {
            throw ValidationError("--role 的值「\(text)」无效，应为 viewer（查看）、uploader（上传）或 admin（管理）之一。")
        }
        return role
    }

    static func duty(_ text: String) throws -> AgencyDuty {
        guard let duty = AgencyDuty(named: text) else {
            throw ValidationError(
                "--duty 的值「\(text)」无效，应为 clerk（登记员）、first_review（初审）、second_review（复审）、"
                    + "final_review（终审）或 supervisor（督办）之一。"
            )
        }
        return duty
    }

    /// A change made from the command line, in the audit log under 「命令行（OS user）」.
    static func audit(_ store: any ReportStore, _ action: String, _ detail: String) throws {
        let entry = AuditEntry(at: Date(), actor: actor, action: action, detail: detail)
        try storeRequest { try store.addAudit(entry) }
    }

    static var actor: String {
        let user =
            ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        return user.map { "命令行（\($0)）" } ?? "命令行"
    }
}

/// A password read without echo from the terminal (typed twice), or from the first line of standard input.
enum PasswordInput {
    static func read(fromStandardInput: Bool) throws -> String {
        let password: String
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else {
                refuse("--password-stdin：标准输入为空，没有读到密码。")
            }
            password = line.hasSuffix("\r") ? String(line.dropLast()) : line
        } else {
            guard let first = prompt("密码：") else {
                refuse("没有可输入密码的终端；在脚本中请用 --password-stdin 从标准输入提供密码。")
            }
            if let problem = Passwords.problem(first) { refuse(problem) }
            guard let second = prompt("再输入一次：") else { refuse("没有读到第二次输入的密码。") }
            guard first == second else { refuse("两次输入的密码不一致，未作更改。") }
            password = first
        }
        if let problem = Passwords.problem(password) { refuse(problem) }
        return password
    }

    /// A password that cannot be used is a wrong input, like a wrong command line: its sentence, and status 64.
    static func refuse(_ message: String) -> Never {
        printError("gongkai: \(message)")
        Foundation.exit(64)
    }

    /// Asks on the terminal (`/dev/tty`) with echo off; nil when there is no terminal.
    static func prompt(_ text: String) -> String? {
        let descriptor = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var saved = termios()
        guard tcgetattr(descriptor, &saved) == 0 else { return nil }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
        guard tcsetattr(descriptor, TCSAFLUSH, &silent) == 0 else { return nil }
        defer { tcsetattr(descriptor, TCSAFLUSH, &saved) }
        var bytes: [UInt8] = []
        while let byte = readByte(descriptor), byte != 0x0A, bytes.count < 4096 {
            if byte != 0x0D { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One byte from a file descriptor; nil at its end or on an error.
private func readByte(_ descriptor: Int32) -> UInt8? {
    var byte: UInt8 = 0
    return read(descriptor, &byte, 1) == 1 ? byte : nil
}
