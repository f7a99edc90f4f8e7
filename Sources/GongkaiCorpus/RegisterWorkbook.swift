public import Foundation
import GongkaiModel
import GongkaiRegister
public import GongkaiStore

/// An agency's register as an Excel workbook, the ledger (登记台账) a clerk keeps: one sheet per kind of record —
/// 依申请公开 (applications), 复议诉讼 (reviews and suits), 规范性文件 (规章 and 行政规范性文件) — each under one header
/// row. The applications' headers are the ones `gongkai register import` recognises, so that the sheet, exported with
/// the applicant's data, imports again as the same applications (steps a ledger has no column for — consultations
/// and fees — are listed in 其他办理步骤, which the import leaves aside).
///
/// The applicant's name, identity number and contact are written only when `personal` is set.
public enum RegisterWorkbook {
    /// The headers of the applications' sheet, without the applicant's personal data.
    public static let applicationHeaders = [
        "登记号", "收到申请日期", "申请方式", "申请人类型", "申请内容", "补正告知日期", "补正期限", "收到补正日期", "延期日期",
        "延长期限", "延期批准人", "答复日期", "答复结果", "状态", "下一到期日", "其他办理步骤",
    ]

    /// The applicant's columns, after 申请人类型, written only with the personal data.
    public static let personalHeaders = ["申请人", "证件号码", "联系方式"]

    public static let caseHeaders = ["编号", "类别", "立案日期", "相关申请登记号", "相关复议编号", "审结日期", "审结结果", "状态"]

    public static let documentHeaders = ["登记号", "类别", "文号", "标题", "制发日期", "废止日期", "状态"]

    /// The sheets' names, in order.
    public static let sheetNames = ["依申请公开", "复议诉讼", "规范性文件"]

    /// The workbook of `records` (an agency's applications, cases and documents; counts are left out), in the
    /// order given.
    public static func render(_ records: [RegisterRecord], personal: Bool) throws -> Data {
        var applications = CorpusWorkbook.SheetWriter()
        var headers = applicationHeaders
        if personal { headers.insert(contentsOf: personalHeaders, at: 4) }
        applications.row(headers.map { .header($0) })
        applications.widths = headers.map { ["申请内容", "答复结果", "状态", "其他办理步骤"].contains($0) ? 30 : 13 }
        var cases = CorpusWorkbook.SheetWriter()
        cases.row(caseHeaders.map { .header($0) })
        cases.widths = caseHeaders.map { $0 == "状态" ? 30 : 14 }
        var documents = CorpusWorkbook.SheetWriter()
        documents.row(documentHeaders.map { .header($0) })
        documents.widths = documentHeaders.map { $0 == "标题" || $0 == "状态" ? 36 : 14 }
        for record in records {
            switch record.kind {
            case .application:
                applications.row(applicationRow(try record.application(), record: record, personal: personal))
            case .disclosureCase:
                let item = try record.disclosureCase()
                cases.row(
                    [
                        item.id, item.kind.chinese, item.filed.description, item.applicationID ?? "",
                        item.reviewID ?? "",
                        item.decision?.on.description ?? "", item.decision?.result.chinese ?? "", record.state,
                    ].map(cell)
                )
            case .document:
                let document = try record.document()
                documents.row(
                    [
                        document.id, document.kind.chinese, document.number, document.title,
                        document.issued.description, document.repealed?.description ?? "", record.state,
                    ].map(cell)
                )
            case .yearCounts, .proactiveItem, .attachment, .wordList, .submission:
                // Counts have no rows; an application filed online is in the ledger once signed for, as an application.
                continue
            }
        }
        return try CorpusWorkbook.package(names: sheetNames, sheets: [applications.xml, cases.xml, documents.xml])
    }

    /// The records of an agency's ledger for `year`, in the register's order: the applications received in the
    /// year, the reviews and suits counted in it (filed in it, or still pending), the documents issued by its end and
    /// not repealed before it.
    public static func records(_ store: any ReportStore, agencyID: Int64, year: Int) throws -> [RegisterRecord] {
        let applications = try store.registerRecords(
            RegisterSelection(agencyIDs: [agencyID], kind: .application, year: year)
        )
        let cases = try store.registerRecords(RegisterSelection(agencyIDs: [agencyID], kind: .disclosureCase)).filter {
            record in
            guard let item = try? record.disclosureCase() else { return true }
            return record.year == year || item.counts(inYear: year)
        }
        let documents = try store.registerRecords(RegisterSelection(agencyIDs: [agencyID], kind: .document)).filter {
            record in
            guard let document = try? record.document() else { return true }
            return document.issued.year <= year && (document.repealed.map { $0.year >= year } ?? true)
        }
        return applications.sorted { $0.key < $1.key } + cases + documents
    }

    static func cell(_ text: String) -> CorpusWorkbook.Cell { text.isEmpty ? .empty : .text(text) }

    /// An application's row: its steps spread over the ledger's columns.
    static func applicationRow(
        _ application: Application,
        record: RegisterRecord,
        personal: Bool
    ) -> [CorpusWorkbook.Cell] {
        var notice: (on: CalendarDate, respondBy: CalendarDate)?
        var amended: CalendarDate?
        var extended: (on: CalendarDate, days: Int, approver: String)?
        var reply: (on: CalendarDate, outcome: ReplyOutcome)?
        var others: [String] = []
        for event in application.events {
            switch event {
            case .received: break
            case .amendmentRequested(let on, let respondBy): notice = (on, respondBy)
            case .amendmentReceived(let on): amended = on
            case .extended(let days, let approver, let on, _): extended = (on, days, approver)
            case .replied(let on, let outcome): reply = (on, outcome)
            case .consultationStarted, .consultationEnded, .feeNoticed, .feePaid:
                others.append("\(event.date.description) \(RegisterText.line(event))")
            }
        }
        let noticeOn: String = notice?.on.description ?? ""
        let respondBy: String = notice?.respondBy.description ?? ""
        let amendedOn: String = amended?.description ?? ""
        let extendedOn: String = extended?.on.description ?? ""
        let extendedDays: String = extended.map { "\($0.days)个工作日" } ?? ""
        let approver: String = extended?.approver ?? ""
        let repliedOn: String = reply?.on.description ?? ""
        let outcome: String = reply?.outcome.fullLabel ?? ""
        var fields: [String] = [
            application.id, application.received.description, application.channel.chinese,
            application.applicantType.chinese, application.request,
        ]
        fields += [noticeOn, respondBy, amendedOn, extendedOn, extendedDays, approver, repliedOn, outcome]
        fields += [record.state, record.due ?? "", others.joined(separator: "；")]
        if personal {
            let applicant = application.applicant
            fields.insert(contentsOf: [applicant.name, applicant.identification, applicant.contact], at: 4)
        }
        return fields.map(cell)
    }
}
