import ArgumentParser
import Foundation
import GongkaiOutput
import GongkaiStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit log, newest first: sign-ins, users added or changed, uploads stored.",
        discussion: """
            One line per write: the time (Beijing time), who (a user of the web application, or 命令行 with the \
            operating-system user), what, the details and the client's address, separated by tabs.
            """
    )

    @Option(help: "Lines to print (default 50).")
    var limit = 50

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit 至少为 1。") }
    }

    func run() throws {
        let page = try storeRequest { try store.open().audit(limit: limit, offset: 0) }
        for entry in page.entries {
            let fields = [AuditEntry.chinaTime(entry.at), entry.actor, entry.action, entry.detail, entry.address ?? ""]
            print(fields.map(TerminalText.line).joined(separator: "\t"))
        }
        if page.entries.isEmpty { printError("gongkai: 操作记录为空。") }
    }
}
