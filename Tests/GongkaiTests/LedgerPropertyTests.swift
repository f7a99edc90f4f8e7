import Foundation
import GongkaiLedger
import GongkaiModel
import GongkaiRegister
import Testing

@testable import GongkaiCorpus

/// Random applications (a seeded generator, so any failure replays), each built through the model's checks, written by
/// this test to a CSV ledger or a workbook with dates, channels and outcomes in the varied forms clerks use, and
/// imported back: the import gives exactly the applications written.
@Suite("ledger import: round-trip property")
struct LedgerPropertyTests {
    let calendar = WorkingCalendar.builtIn

    static let channelTexts: [ReceiptChannel: [String]] = [
        .inPerson: ["当面", "当面提交", "现场"], .post: ["邮寄", "快递"], .ordinaryLetter: ["信函", "平常信函"],
        .online: ["网络", "网上申请", "电子邮件", "互联网"], .fax: ["传真"],
    ]

    func dateText(_ date: CalendarDate, rng: inout SplitMix64) -> String {
        switch rng.int(in: 0...4) {
        case 0: String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
        case 1: "\(date.year)/\(date.month)/\(date.day)"
        case 2: "\(date.year).\(date.month).\(date.day)"
        case 3: date.chinese
        default: String(date.dayNumber - (CalendarDate(year: 1899, month: 12, day: 30)?.dayNumber ?? 0))
        }
    }

    /// A random application: receipt, maybe a 补正 (answered or lapsed), maybe an extension, maybe a reply with an
    /// outcome the status allows. A step the model refuses is left out.
    func application(_ index: Int, rng: inout SplitMix64) throws -> Application {
        let start = try #require(CalendarDate(year: 2025, month: 1, day: 2)).adding(days: rng.int(in: 0...300))
        let received = try calendar.workingDay(1, after: start.adding(days: -1))
        let names = ["张三", "李四，王五", "某某\"科技\"有限公司", "赵六"]
        var application = Application(
            id: "L\(index)",
            applicant: Applicant(
                name: rng.pick(names),
                identification: rng.chance(50) ? "1101011980\(1000 + index)" : "",
                contact: rng.chance(50) ? "138\(index)" : ""
            ),
            applicantType: rng.pick(ApplicantType.allCases),
            request: rng.chance(30) ? "第一行\n第二行，含逗号" : "信息\(index)",
            channel: rng.pick(ReceiptChannel.allCases),
            received: received
        )
        var last = received
        if rng.chance(30) {
            let notice = try calendar.workingDay(rng.int(in: 0...7), after: received)
            let respondBy = notice.adding(days: rng.int(in: 5...30))
            if (try? application.record(.amendmentRequested(on: notice, respondBy: respondBy), calendar: calendar))
                != nil
            {
                last = notice
                if rng.chance(70) {
                    let amended = notice.adding(days: rng.int(in: 0...(respondBy.dayNumber - notice.dayNumber)))
                    try application.record(.amendmentReceived(on: amended), calendar: calendar)
                    last = amended
                } else if rng.chance(50) {
                    let lapsed = respondBy.adding(days: rng.int(in: 1...10))
                    try application.record(.replied(on: lapsed, outcome: .noAmendment), calendar: calendar)
                    return application
                } else {
                    return application
                }
            }
        }
        if rng.chance(25), let due = try application.status(on: last, calendar: calendar).replyDue {
            let approved = last.adding(days: rng.int(in: 0...max(0, due.dayNumber - last.dayNumber)))
            let event = ApplicationEvent.extended(
                days: rng.int(in: 1...20),
                approver: rng.pick(["孙主任", "李科长"]),
                approvedOn: approved,
                applicantToldOn: approved
            )
            if (try? application.record(event, calendar: calendar)) != nil { last = approved }
        }
        if rng.chance(80) {
            let date = last.adding(days: rng.int(in: 0...40))
            let allowed = try application.status(on: date, calendar: calendar).allowedOutcomes
            if !allowed.isEmpty {
                _ = try? application.record(.replied(on: date, outcome: rng.pick(allowed)), calendar: calendar)
            }
        }
        return application
    }

    static func csvField(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// The ledger row of an application, in the fixture's columns.
    func row(_ application: Application, rng: inout SplitMix64) -> [String] {
        var cells = Array(repeating: "", count: 16)
        cells[0] = application.id
        for event in application.events {
            switch event {
            case .received(let channel, let on):
                cells[1] = dateText(on, rng: &rng)
                cells[2] = rng.pick(Self.channelTexts[channel] ?? [channel.chinese])
            case .amendmentRequested(let on, let respondBy):
                cells[8] = dateText(on, rng: &rng)
                cells[9] = dateText(respondBy, rng: &rng)
            case .amendmentReceived(let on): cells[10] = dateText(on, rng: &rng)
            case .extended(let days, let approver, let approvedOn, _):
                cells[11] = dateText(approvedOn, rng: &rng)
                cells[12] = rng.chance(50) ? "\(days)" : "\(days)个工作日"
                cells[13] = approver
            case .replied(let on, let outcome):
                cells[14] = dateText(on, rng: &rng)
                cells[15] = rng.chance(50) ? outcome.label : outcome.fullLabel
            default: break
            }
        }
        cells[3] = application.applicant.name
        cells[4] = application.applicantType.chinese
        cells[5] = application.applicant.identification
        cells[6] = application.applicant.contact
        cells[7] = application.request
        return cells
    }

    @Test(
        "Random applications written to a CSV ledger and imported back are the same",
        arguments: [1, 2, 3] as [UInt64]
    )
    func roundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let applications = try (0..<150).map { try application($0, rng: &rng) }
        #expect(applications.contains { $0.events.contains { $0.step == .extended } })
        #expect(applications.contains { $0.reply?.outcome == .noAmendment })
        let header = [
            "登记号", "收到日期", "申请渠道", "申请人", "申请人类型", "证件号码", "联系方式", "申请内容", "补正告知日期", "补正期限",
            "收到补正日期", "延期日期", "延长期限", "延期批准人", "答复日期", "答复结果",
        ]
        var lines = ["随机台账", header.joined(separator: ",")]
        for application in applications {
            lines.append(row(application, rng: &rng).map(Self.csvField).joined(separator: ","))
        }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        let bytes = rng.chance(50) ? Data(text.utf8) : Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let result = LedgerImport.read(fileBytes: bytes, name: "随机.csv", calendar: calendar)
        switch result {
        case .success(let imported):
            #expect(imported.count == applications.count)
            for (got, want) in zip(imported, applications) { #expect(got == want) }
        case .failure(let errors):
            Issue.record("\(errors)")
        }
    }

    /// A workbook of `rows`: each cell an inline string, or a number when it is all digits (a serial date); empty
    /// cells mostly left out, and a cell right after the one before it written without its `r` reference at random.
    static func workbook(_ rows: [[String]], rng: inout SplitMix64) -> Data {
        var sheet = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (index, row) in rows.enumerated() {
            sheet += "<row r=\"\(index + 1)\">"
            var previous = -1
            for (column, text) in row.enumerated() where !text.isEmpty || rng.chance(20) {
                let letter = String(UnicodeScalar(UInt8(65 + column)))
                // A cell may go without its reference only right after the cell before it.
                let reference = column == previous + 1 && rng.chance(50) ? "" : " r=\"\(letter)\(index + 1)\""
                previous = column
                if !text.isEmpty, text.allSatisfy(\.isNumber), text.allSatisfy(\.isASCII) {
                    sheet += "<c\(reference)><v>\(text)</v></c>"
                } else {
                    sheet +=
                        "<c\(reference) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(MarkupText.escape(text))</t></is></c>"
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        let book =
            #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="台账" sheetId="1"/></sheets></workbook>"#
        return StoredZip.archive([("xl/workbook.xml", Data(book.utf8)), ("xl/worksheets/sheet1.xml", Data(sheet.utf8))])
    }

    @Test("Random applications written to a workbook and imported back are the same", arguments: [4, 5] as [UInt64])
    func workbookRoundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let applications = try (0..<100).map { try application($0, rng: &rng) }
        let header = [
            "登记号", "收到日期", "申请渠道", "申请人", "申请人类型", "证件号码", "联系方式", "申请内容", "补正告知日期", "补正期限",
            "收到补正日期", "延期日期", "延长期限", "延期批准人", "答复日期", "答复结果",
        ]
        var rows = [["随机台账"], [], header]
        for application in applications { rows.append(row(application, rng: &rng)) }
        let bytes = Self.workbook(rows, rng: &rng)
        let imported = try LedgerImport.read(fileBytes: bytes, name: "随机.xlsx", calendar: calendar).get()
        #expect(imported.count == applications.count)
        for (got, want) in zip(imported, applications) { #expect(got == want) }
    }
}
