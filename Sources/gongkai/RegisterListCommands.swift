import ArgumentParser
import Foundation
import GongkaiModel
import GongkaiOutput
import GongkaiRegister
import GongkaiStore

struct RegisterList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the applications of an agency's register (or of every agency's).",
        discussion: """
            Open applications first, by due date, then the rest by 登记号. The applicant's name, identity number \
            and contact are left out unless --with-personal-data: a list is often passed on, a single application \
            (register show) is not.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    @Option(help: "The agency: its name or an alias (default: every agency).")
    var agency: String?

    @Option(help: "Only applications received in this year.")
    var year: Int?

    @Flag(help: "Only applications still open.")
    var open = false

    @Option(help: "text, csv or json.")
    var format: Format = .text

    @Flag(help: "Include the applicant's name, identity number and contact.")
    var withPersonalData = false

    @OptionGroup var options: RegisterOptions

    struct Row: Encodable {
        var agency: String
        var key: String
        var received: String
        var channel: String
        var applicantType: String
        var request: String
        var state: String
        var due: String?
        var outcome: String?
        var applicant: String?
        var idNumber: String?
        var contact: String?
        var version: Int

        enum CodingKeys: String, CodingKey {
            case agency, key, received, channel, request, state, due, outcome, applicant, contact, version
            case applicantType = "applicant_type"
            case idNumber = "id_number"
        }
    }

    func run() throws {
        let rows = try registerRequest {
            let store = try options.store.open(readOnly: true)
            let agencyIDs = try agency.map { [try options.agency($0, in: store).id ?? 0] }
            var names: [Int64: String] = [:]
            return try store.registerRecords(
                RegisterSelection(agencyIDs: agencyIDs, kind: .application, year: year, openOnly: open)
            ).map { record in
                let application = try record.application()
                if names[record.agencyID] == nil {
                    names[record.agencyID] = try store.agency(id: record.agencyID)?.name
                }
                return Row(
                    agency: names[record.agencyID] ?? "",
                    key: record.key,
                    received: application.received.description,
                    channel: application.channel.chinese,
                    applicantType: application.applicantType.chinese,
                    request: application.request,
                    state: record.state,
                    due: record.due,
                    outcome: application.reply?.outcome.fullLabel,
                    applicant: withPersonalData ? application.applicant.name : nil,
                    idNumber: withPersonalData ? application.applicant.identification : nil,
                    contact: withPersonalData ? application.applicant.contact : nil,
                    version: record.version
                )
            }
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .csv:
            var header = ["机关", "登记号", "收到日期", "收到方式", "申请人类型", "申请内容", "状态", "到期日"]
            if withPersonalData { header += ["申请人", "身份证明", "联系方式"] }
            print(header.map(CSVText.field).joined(separator: ","))
            for row in rows {
                var fields = [
                    row.agency, row.key, row.received, row.channel, row.applicantType, row.request, row.state,
                    row.due ?? "",
                ]
                if withPersonalData { fields += [row.applicant ?? "", row.idNumber ?? "", row.contact ?? ""] }
                print(fields.map(CSVText.field).joined(separator: ","))
            }
        case .text:
            for row in rows {
                var fields = [row.key, row.received, row.applicantType, row.state, row.due ?? "—", row.request]
                if agency == nil { fields.insert(row.agency, at: 0) }
                if withPersonalData { fields += [row.applicant ?? "", row.idNumber ?? "", row.contact ?? ""] }
                print(fields.map(TerminalText.line).joined(separator: "\t"))
            }
            if rows.isEmpty { print("登记簿中没有符合条件的申请。") }
        }
    }
}

struct RegisterDue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "The replies overdue and those due soon (督办), soonest first, across every agency unless --agency.",
        discussion: """
            Overdue: still unanswered after the reply's due date, the longest overdue first. Due soon: due today or \
            within the next --within working days (default 5). Personal data is left out.
            """
    )

    @Option(help: "The agency: its name or an alias (default: every agency).")
    var agency: String?

    @Option(help: "Working days ahead counted as due soon (default 5).")
    var within: Int = 5

    @Flag(help: "Only the overdue.")
    var overdue = false

    @OptionGroup var options: RegisterOptions

    func validate() throws {
        guard (0...250).contains(within) else { throw ValidationError("--within 应在 0 到 250 之间。") }
    }

    func run() throws {
        let today = options.day
        let (late, soon, names) = try registerRequest {
            let store = try options.store.open(readOnly: true)
            let agencyIDs = try agency.map { [try options.agency($0, in: store).id ?? 0] }
            let records = try store.registerRecords(
                RegisterSelection(agencyIDs: agencyIDs, kind: .application, openOnly: true)
            )
            var applications: [Application] = []
            var names: [Int64: String] = [:]
            for record in records {
                var application = try record.application()
                // Two agencies may use one 登记号: the list tells them apart by agency.
                application.id = "\(record.agencyID)\u{1F}\(record.key)"
                applications.append(application)
                if names[record.agencyID] == nil {
                    names[record.agencyID] = try store.agency(id: record.agencyID)?.name
                }
            }
            let calendar = try store.workingCalendar()
            let late = try Application.overdue(applications, on: today, calendar: calendar)
            let soon =
                overdue
                ? [] : try Application.dueSoon(applications, on: today, withinWorkingDays: within, calendar: calendar)
            return (late, soon, names)
        }
        func fields(_ application: Application, _ status: ApplicationStatus, _ label: String) -> String {
            let parts = application.id.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            let agencyName = Int64(parts[0]).flatMap { names[$0] } ?? ""
            return [
                label, agencyName, parts.count > 1 ? parts[1] : "", status.replyDue?.description ?? "—",
                status.state.chinese,
            ]
            .map(TerminalText.line).joined(separator: "\t")
        }
        for (application, status) in late {
            let days = status.replyDue.map { today.dayNumber - $0.dayNumber } ?? 0
            print(fields(application, status, "逾期\(days)天"))
        }
        for (application, status) in soon {
            let label = status.replyDue == today ? "今日到期" : "即将到期"
            print(fields(application, status, label))
        }
        if late.isEmpty, soon.isEmpty {
            print(overdue ? "没有逾期未答复的申请。" : "没有逾期或\(within)个工作日内到期的申请。")
        }
    }
}
