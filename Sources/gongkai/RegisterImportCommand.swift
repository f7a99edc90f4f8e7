import ArgumentParser
import Foundation
import GongkaiLedger
import GongkaiOutput
import GongkaiRegister
import GongkaiStore

/// `gongkai register import`: a clerk's Excel or CSV ledger into the register, every application or none.
struct RegisterImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import a ledger (登记台账) kept in Excel (.xlsx) or CSV: every application, or none when any row is wrong.",
        discussion: """
            The columns are found by their headers (登记号, 收到日期, 申请方式, 申请人, 申请人类型, 申请内容, 补正, 延期, \
            答复日期, 答复结果 and their usual variants; see Docs/ledger.md), or named in a mapping file of lines \
            字段=表头 (--mapping). Each row's steps are checked against the 条例 as register step checks them. Every \
            problem is listed with its row as Excel shows it and its column; when there is any, nothing is imported. \
            A 登记号 the register has already is a problem too: importing the same ledger twice adds nothing.
            """
    )

    @Option(help: "The agency whose ledger it is: its name or an alias.")
    var agency: String

    @Flag(help: "Create the agency when the corpus has none of that name.")
    var createAgency = false

    @Option(help: "A mapping file naming the columns: one 字段=表头 a line (received=收到申请日期).")
    var mapping: String?

    @Argument(help: "The ledger: a .xlsx or .csv file.")
    var file: String

    @OptionGroup var options: RegisterOptions

    func run() throws {
        let bytes: Data
        let columns: LedgerMapping
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            columns =
                try mapping.map { try LedgerMapping(fileBytes: try Data(contentsOf: URL(fileURLWithPath: $0))) }
                ?? LedgerMapping()
        } catch let error as LedgerErrors {
            printError("gongkai: \(mapping ?? "")：\(error.description)")
            throw ExitCode(2)
        } catch {
            printError("gongkai: 无法读取「\(file)」：\((error as NSError).localizedDescription)")
            throw ExitCode(2)
        }
        let saved = try registerRequest {
            let store = try options.store.open()
            let calendar = try store.workingCalendar()
            let applications: [Application]
            switch LedgerImport.read(fileBytes: bytes, name: file, mapping: columns, calendar: calendar) {
            case .success(let read): applications = read
            case .failure(let errors):
                printError("gongkai: \(file)：\(errors.description)")
                throw ExitCode(1)
            }
            let agency = try options.agency(agency, in: store, create: createAgency)
            let writes = applications.map {
                RegisterWrite(
                    RegisterRecord.application($0, agencyID: agency.id ?? 0, on: options.day, calendar: calendar)
                )
            }
            return try store.saveRegisterRecords(writes, by: options.user)
        }
        let open = saved.filter(\.isOpen).count
        print(TerminalText.line("已导入 \(saved.count) 件申请（其中办理中 \(open) 件）。"))
        if let first = saved.first?.key, let last = saved.last?.key, saved.count > 1 {
            print(TerminalText.line("登记号 \(first) … \(last)；用 gongkai register list 查看，register due 查看到期。"))
        }
    }
}
