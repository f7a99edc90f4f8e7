public import Foundation
import GongkaiModel
public import GongkaiRegister

/// A clerk's ledger of applications (登记台账, CSV or Excel) → the register's applications, each built through
/// ``Application`` so that every step is checked against the statute; or every problem found, each with its row and
/// column, and nothing imported.
public enum LedgerImport {
    /// The approver recorded for an extension when the ledger has no column for one.
    public static let unrecordedApprover = "台账未记载"

    /// The working days a 补正 notice gives when the ledger has no 补正期限.
    public static let defaultAmendmentDays = 15

    /// The file's applications: the file read as CSV or Excel (``LedgerTable/read(fileBytes:name:sheet:limits:)``),
    /// its columns found (``LedgerMapping``), its rows turned into applications.
    public static func read(
        fileBytes: Data,
        name: String,
        mapping: LedgerMapping = LedgerMapping(),
        calendar: WorkingCalendar = .builtIn
    ) -> Result<[Application], LedgerErrors> {
        do {
            let table = try LedgerTable.read(fileBytes: fileBytes, name: name, sheet: mapping.sheet)
            return applications(from: table, mapping: mapping, calendar: calendar)
        } catch {
            return .failure(error)
        }
    }

    /// The table's applications, one a row below the header row (rows with nothing but a 序号 skipped), or every
    /// problem: unreadable dates, unknown channels, applicant types and outcomes (with the nearest allowed values),
    /// steps the statute does not allow, 登记号 given twice.
    public static func applications(
        from table: LedgerTable,
        mapping: LedgerMapping = LedgerMapping(),
        calendar: WorkingCalendar = .builtIn
    ) -> Result<[Application], LedgerErrors> {
        guard let header = table.header(mapping: mapping) else {
            let first = table.rows.prefix(5).map { LedgerMapping.listed($0.cells) }.joined(separator: "；")
            return .failure(
                LedgerErrors(
                    "找不到表头行：前50行中没有一行含3个以上可识别的表头（如 登记号、收到日期、申请方式、申请人、申请人类型、答复日期、答复结果）。"
                        + (first.isEmpty ? "文件中没有内容。" : "文件开头几行为：\(first)。")
                )
            )
        }
        let columns: [LedgerField: Int]
        do {
            columns = try mapping.columns(header: header.cells, rowNumber: header.number)
        } catch {
            return .failure(error)
        }
        let reader = RowReader(columns: columns, header: header.cells, calendar: calendar, table: table)
        var applications: [Application] = []
        var problems: [LedgerProblem] = []
        var firstRowOfID: [String: Int] = [:]
        for row in table.rows[header.firstData...] {
            guard reader.hasContent(row) else { continue }
            let id = row.cell(columns[.id] ?? 0)
            if let first = firstRowOfID[id] {
                problems.append(
                    LedgerProblem(
                        row: row.number,
                        column: reader.name(.id),
                        message: "登记号「\(id)」与第\(first)行重复；每件申请的登记号应唯一。"
                    )
                )
                continue
            }
            if !id.isEmpty { firstRowOfID[id] = row.number }
            switch reader.application(row) {
            case .success(let application): applications.append(application)
            case .failure(let rowProblems): problems += rowProblems.problems
            }
        }
        return problems.isEmpty ? .success(applications) : .failure(LedgerErrors(problems))
    }
}

/// Reads one row of a ledger into an application.
struct RowReader {
    let columns: [LedgerField: Int]
    let header: [String]
    let calendar: WorkingCalendar
    let table: LedgerTable

    init(columns: [LedgerField: Int], header: [String], calendar: WorkingCalendar, table: LedgerTable) {
        self.columns = columns
        self.header = header
        self.calendar = calendar
        self.table = table
    }

    /// The header of the field's column as the ledger writes it.
    func name(_ field: LedgerField) -> String {
        guard let column = columns[field], column < header.count else { return field.chinese }
        let text = header[column].trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? field.chinese : text
    }

    func text(_ row: LedgerTable.Row, _ field: LedgerField) -> String {
        guard let column = columns[field] else { return "" }
        return row.cell(column)
    }

    /// Whether the row holds anything but its 登记号 (a numbered blank row, a note under the table do not).
    func hasContent(_ row: LedgerTable.Row) -> Bool {
        columns.contains { field, column in field != .id && !LedgerValues.isBlank(row.cell(column)) }
    }

    func application(_ row: LedgerTable.Row) -> Result<Application, LedgerErrors> {
        var problems: [LedgerProblem] = []
        func problem(_ field: LedgerField, _ message: String) {
            problems.append(LedgerProblem(row: row.number, column: name(field), message: message))
        }
        func date(_ field: LedgerField, required: Bool = false) -> CalendarDate? {
            let value = text(row, field)
            if LedgerValues.isBlank(value) {
                if required { problem(field, "\(field.chinese)为空。") }
                return nil
            }
            guard let parsed = LedgerValues.date(value, uses1904Dates: table.uses1904Dates) else {
                problem(field, "无法识别日期「\(value)」；请写成 2025-03-04、2025/3/4、2025.3.4 或 2025年3月4日。")
                return nil
            }
            return parsed
        }
        func required(_ field: LedgerField) -> String {
            let value = text(row, field)
            if LedgerValues.isBlank(value) { problem(field, "\(field.chinese)为空。") }
            return value
        }

        let id = required(.id)
        let received = date(.received, required: true)
        var channel: ReceiptChannel?
        let channelText = required(.channel)
        if !LedgerValues.isBlank(channelText) {
            channel = LedgerValues.channel(channelText)
            if channel == nil {
                problem(.channel, Self.unknown("申请方式", channelText, choices: LedgerValues.channelChoices))
            }
        }
        let applicant = required(.applicant)
        var type: ApplicantType?
        let typeText = required(.applicantType)
        if !LedgerValues.isBlank(typeText) {
            type = LedgerValues.applicantType(typeText)
            if type == nil {
                problem(.applicantType, Self.unknown("申请人类型", typeText, choices: ApplicantType.allCases.map(\.chinese)))
            }
        }
        let noticeOn = date(.amendmentRequested)
        // 补正期限 as a date, or as working days after the notice (「15」, 「15个工作日」).
        let amendmentDays = Self.workingDays(text(row, .amendmentDue))
        let amendmentDue = amendmentDays == nil ? date(.amendmentDue) : nil
        let amendedOn = date(.amendmentReceived)
        let extendedOn = date(.extended)
        let lengthened = extensionDays(row, extendedOn: extendedOn, problem: problem)
        let repliedOn = date(.replied)
        var outcome: ReplyOutcome?
        let outcomeText = text(row, .outcome)
        if !LedgerValues.isBlank(outcomeText) {
            outcome = LedgerValues.outcome(outcomeText)
            if outcome == nil { problem(.outcome, Self.unknownOutcome(outcomeText)) }
        }
        if repliedOn != nil, LedgerValues.isBlank(outcomeText) {
            if columns[.outcome] == nil {
                problem(.replied, "有答复日期，但台账中没有答复结果列；请在映射文件中写明，如 outcome=处理结果。")
            } else {
                problem(.outcome, "有答复日期，但答复结果为空。")
            }
        }
        if outcome != nil, repliedOn == nil, LedgerValues.isBlank(text(row, .replied)) {
            problem(.replied, "有答复结果，但答复日期为空。")
        }
        if amendmentDue != nil || amendmentDays != nil, noticeOn == nil {
            problem(.amendmentRequested, "填写了补正期限，但补正告知日期为空。")
        }
        let fee = text(row, .fee)
        if !Self.noFee(fee) {
            problem(
                .fee,
                "台账导入不登记收费（「\(fee)」）：收费须按国办函〔2020〕109号写明按件或按量的标准；请导入时将此栏留空，导入后在登记簿中为该申请登记收费通知和缴费。"
            )
        }
        guard problems.isEmpty, let received, let channel, let type else { return .failure(LedgerErrors(problems)) }

        var application = Application(
            id: id,
            applicant: Applicant(
                name: applicant,
                identification: text(row, .identification),
                contact: text(row, .contact)
            ),
            applicantType: type,
            request: text(row, .request),
            channel: channel,
            received: received
        )
        func record(_ event: ApplicationEvent, _ field: LedgerField) -> Bool {
            do {
                try application.record(event, calendar: calendar)
                return true
            } catch {
                problem(field, error.description)
                return false
            }
        }
        if let noticeOn {
            var respondBy = amendmentDue
            if respondBy == nil {
                do {
                    let days = max(1, amendmentDays ?? LedgerImport.defaultAmendmentDays)
                    respondBy = try calendar.workingDay(days, after: noticeOn)
                } catch {
                    problem(.amendmentRequested, error.description)
                }
            }
            guard let respondBy, record(.amendmentRequested(on: noticeOn, respondBy: respondBy), .amendmentRequested)
            else { return .failure(LedgerErrors(problems)) }
        }
        if let amendedOn, !record(.amendmentReceived(on: amendedOn), .amendmentReceived) {
            return .failure(LedgerErrors(problems))
        }
        if let extendedOn {
            var days = 0
            switch lengthened {
            case .days(let count): days = count
            case .until(let due):
                do {
                    if let original = try application.status(on: extendedOn, calendar: calendar).replyDue {
                        days = try calendar.workingDays(after: original, through: due)
                    }
                } catch {
                    problem(.extensionDays, "\(error)")
                    return .failure(LedgerErrors(problems))
                }
                if days < 1 {
                    problem(.extensionDays, "延长后的期限「\(due.chinese)」不晚于原答复期限，无法算出延长的工作日数。")
                    return .failure(LedgerErrors(problems))
                }
            }
            let approver = columns[.approver] == nil ? LedgerImport.unrecordedApprover : text(row, .approver)
            let event = ApplicationEvent.extended(
                days: days,
                approver: approver,
                approvedOn: extendedOn,
                applicantToldOn: extendedOn
            )
            if !record(event, .extended) { return .failure(LedgerErrors(problems)) }
        }
        if let repliedOn, let outcome, !record(.replied(on: repliedOn, outcome: outcome), .outcome) {
            return .failure(LedgerErrors(problems))
        }
        return .success(application)
    }

    enum Extension {
        case days(Int)
        case until(CalendarDate)
    }

    /// 延长期限 as working days (「20」, 「20个工作日」, 「15天」) or as the new due date; 20 days when the ledger
    /// gives a 延期日期 and no 延长期限.
    func extensionDays(
        _ row: LedgerTable.Row,
        extendedOn: CalendarDate?,
        problem: (LedgerField, String) -> Void
    ) -> Extension {
        let value = text(row, .extensionDays)
        if LedgerValues.isBlank(value) { return .days(StatutoryDeadlines.maximumExtensionDays) }
        if extendedOn == nil, LedgerValues.isBlank(text(row, .extended)) {
            problem(.extended, "填写了延长期限「\(value)」，但延期日期为空。")
        }
        if let days = Self.workingDays(value) { return .days(days) }
        if let due = LedgerValues.date(value, uses1904Dates: table.uses1904Dates) { return .until(due) }
        problem(.extensionDays, "无法识别延长期限「\(value)」；请写延长的工作日数（如 20）或延长后的答复期限（如 2025-04-30）。")
        return .days(0)
    }

    /// A count of working days as a ledger writes it: 「20」, 「20个工作日」, 「15天」, 「15日」. A number in the range
    /// of Excel's serial dates is not one (it is a date cell of a workbook).
    static func workingDays(_ text: String) -> Int? {
        var number = text.trimmingCharacters(in: .whitespaces)
        for suffix in ["个工作日", "工作日", "天", "日"] where number.hasSuffix(suffix) {
            number = String(number.dropLast(suffix.count))
            break
        }
        guard let days = Int(number.trimmingCharacters(in: .whitespaces)), days >= 0, days < 20000 else { return nil }
        return days
    }

    /// Whether a 收费 cell says nothing was charged.
    static func noFee(_ text: String) -> Bool {
        if LedgerValues.isBlank(text) { return true }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if ["否", "不收费", "免费", "未收费", "无收费"].contains(trimmed) { return true }
        var number = trimmed
        if number.hasSuffix("元") { number = String(number.dropLast()) }
        return Double(number) == 0
    }

    static func unknown(_ what: String, _ text: String, choices: [String]) -> String {
        let near = LedgerValues.nearest(text, among: choices)
        let hint = near.isEmpty ? "" : "最接近的是：\(near.joined(separator: "、"))；"
        return "无法识别\(what)「\(text)」；\(hint)可填：\(choices.joined(separator: "、"))。"
    }

    static func unknownOutcome(_ text: String) -> String {
        if let outcomes = LedgerValues.outcomesOfGroup(text) {
            let labels = outcomes.map { LedgerValues.withoutNumber($0.label) }
            return "「\(text)」须写明是哪一种情形，可填：\(labels.joined(separator: "、"))。"
        }
        let near = LedgerValues.nearest(text, among: LedgerValues.outcomeChoices)
        let hint = near.isEmpty ? "" : "最接近的是：\(near.joined(separator: "、"))；"
        return "无法识别答复结果「\(text)」；\(hint)可填表三的各项情形，如 予以公开、部分公开、本机关不掌握相关政府信息（详见 Docs/ledger.md）。"
    }
}
