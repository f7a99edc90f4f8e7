import ArgumentParser
import Foundation
import GongkaiCorpus
import GongkaiModel
import GongkaiServer
import GongkaiStore
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application: check reports, browse the corpus.",
        discussion: """
            Pages in Chinese at http://HOST:PORT/ — 检查报告 (upload a report or paste its text: the three tables \
            with every cell marked, the findings at their place in the source; nothing uploaded is stored), 报告库 \
            (the stored reports, filtered and paged), each agency's years side by side, and 未报送 — and a JSON API \
            under /api/v1. Uploads are read in worker processes, --readers at a time, 32 MB at most.

            Every page asks to sign in (登录) with a user added by `gongkai user add NAME --role ROLE`: viewer             reads the pages and checks reports, uploader also stores reports (上传入库), admin also reads the audit             log. With --public the read-only pages and 检查报告 are open to anybody; storing still needs a user.             The session cookie is marked Secure when the browser comes over https: with --behind-proxy when the             proxy's X-Forwarded-Proto says so (the client's address is then the last of X-Forwarded-For), or always             with --secure-cookies. On plain http (http://127.0.0.1:8080/) it is not, or browsers would never send it.

            --demo serves a corpus made for the purpose in a temporary folder (synthetic reports of 24 agencies over \
            2020–2024 and their region tree, with the sample reports of Examples/ when run in the project's folder), \
            removed again when the server stops. It is served as with --public, and with a user 「demo」 (admin)             whose password is generated and printed, to try 上传入库 and the audit log.

            Anybody may file an application for disclosure at /apply (no account needed, with or without --public) \
            and follow it with the query number it gets; an agency's clerks sign for it in the inbox. With --smtp \
            HOST:PORT --smtp-from ADDR the letters of an application's steps are e-mailed to the applicant through \
            that relay (plain SMTP, no TLS: a relay on the local network).
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Flag(help: "Serve a demonstration corpus made in a temporary folder.")
    var demo = false

    @Option(help: "Uploads read at a time, each in a worker process (default: one per core).")
    var readers: Int?

    @Flag(name: .customLong("public"), help: "Serve the read-only pages and 检查报告 without signing in.")
    var publicAccess = false

    @Flag(help: "Behind a reverse proxy: trust its X-Forwarded-For and X-Forwarded-Proto headers.")
    var behindProxy = false

    @Flag(help: "Mark cookies Secure whatever the request says (the site is reached over https only).")
    var secureCookies = false

    @Option(help: "The day the register's pages (登记簿) count deadlines from: 2026-03-02 (default: today).")
    var today: String?
    @OptionGroup var mail: MailOptions

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port 应为 1 至 65535 之间的整数。") }
        if let readers, readers < 1 { throw ValidationError("--readers 至少为 1。") }
        if let today, CalendarCommand.date(today) == nil {
            throw ValidationError("--today 的日期「\(today)」无法识别，应写作 2026-03-02 或 2026年3月2日。")
        }
        if demo && store.databaseOption != nil {
            throw ValidationError("--demo 使用临时的演示报告库，不能与 --db 同用。")
        }
    }

    func run() throws {
        var folder: URL?
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        let corpus: any ReportStore
        if demo {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
                "gongkai-demo-\(UUID().uuidString)"
            )
            folder = temporary
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            Self.say("正在生成演示报告库（\(temporary.path)）……")
            let samples = FileManager.default.fileExists(atPath: "Examples") ? ["Examples"] : []
            let made = try storeRequest {
                try DemoCorpus.make(in: temporary, samples: samples, isolation: InputFile.isolation)
            }
            Self.say("演示报告库：\(made.summary.added) 份报告。")
            corpus = made.store
            let password = Passwords.generated()
            let hash = Passwords.hash(password)
            _ = try storeRequest {
                _ = try corpus.addUser(name: "demo", role: .admin, passwordHash: hash, at: Date())
                if let agencyID = try corpus.agency(named: DemoCorpus.clerkAgency)?.id {
                    _ = try corpus.grantDuty(userName: "demo", duty: .clerk, agencyID: agencyID, at: Date())
                }
            }
            Self.say("演示管理员：用户名 demo，密码 \(password)（不登录也可浏览和检查报告；上传入库和操作记录需登录）。")
            let agency = try storeRequest { try DemoCorpus.addPublishingUsers(to: corpus, passwordHash: hash) }
            let people = DemoCorpus.publishingUsers.map { "\($0.name)（\($0.duty.title)）" }.joined(separator: "、")
            Self.say("主动公开三审演示：\(agency)的 \(people)，密码同上。")
            Self.say("demo 也是「\(DemoCorpus.clerkAgency)」的登记员，可在「登记簿」中登记申请。")
        } else {
            let database = store.database
            if !database.hasPrefix("postgres"), !FileManager.default.fileExists(atPath: database) {
                printError("gongkai: " + StoreError.notFound(path: database).description)
                throw ExitCode(2)
            }
            corpus = try store.open()
            if !publicAccess, try storeRequest({ try corpus.users() }).isEmpty {
                printError(Self.noUsers(database: store.database))
                throw ExitCode(2)
            }
        }
        var options = WebOptions(
            host: host,
            port: port,
            isolation: InputFile.isolation,
            readers: readers ?? ProcessInfo.processInfo.activeProcessorCount
        )
        options.publicAccess = publicAccess || demo
        options.behindProxy = behindProxy
        options.secureCookies = secureCookies
        options.registerDay = today.flatMap(CalendarCommand.date)
        options.mail = mail.settings
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await WebServer.run(store: corpus, options: options) {
                    Self.say("Gongkai 网页服务：http://\(host):\(port)/ （按 Ctrl-C 停止）")
                }
            } catch {
                failure.withLock { $0 = String(describing: error) }
            }
            done.signal()
        }
        done.wait()
        if let message = failure.withLock({ $0 }) {
            printError("gongkai: 无法在 \(host):\(port) 上提供服务：\(message)")
            throw ExitCode(2)
        }
    }

    /// What to do when nobody could sign in.
    static func noUsers(database: String) -> String {
        let db = database == "gongkai.sqlite" ? "" : " --db \(database)"
        return """
            gongkai: 报告库中还没有用户，网页需要登录才能使用，因此没有启动。请先添加一个管理员：
              gongkai user add 用户名 --role admin\(db)
            （会提示输入两次密码），再运行 gongkai serve。其他人用 --role viewer（查看）或 --role uploader（上传）添加。\
            如只需公开浏览和检查报告、不需登录，可加 --public。
            """
    }

    /// A line on standard output at once, whether or not it is a terminal: the server then runs for long.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
