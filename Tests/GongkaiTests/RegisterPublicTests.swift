import Foundation
import GongkaiExtract
import GongkaiModel
import GongkaiRegister
import GongkaiScreen
import GongkaiStore
import GongkaiWrite
import Testing

/// The applicant's side of the register: the form of 条例第二十九条 and its checks, query numbers, applications filed
/// online signed for, refused and moved between agencies (on every backend), and the letters (告知书).
@Suite("register: applications filed online and letters")
struct RegisterPublicTests {
    static let validID = "11010519491231002X"

    static func form(
        type: ApplicantType = .natural,
        name: String = "张三",
        document: IdentityDocument = .residentID,
        number: String = validID,
        phone: String = "138 0013 8000",
        email: String = "zhangsan@example.cn",
        information: String = "2024年行政复议决定书"
    ) -> ApplicationForm {
        ApplicationForm(
            applicantType: type,
            name: name,
            identityDocument: document,
            identityNumber: number,
            address: "北京市西城区某路1号",
            phone: phone,
            email: email,
            informationName: information,
            provision: .email,
            collection: .email
        )
    }

    static func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(isoDay: text)) }

    /// Noon of a day where the machine is: when an application is filed on that day.
    static func moment(_ day: CalendarDate) -> Date {
        let parts = DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)
        return Calendar(identifier: .gregorian).date(from: parts) ?? Date()
    }

    // MARK: The form

    @Test("a complete form has no problems; its request and contact are what the register keeps")
    func validForm() {
        let form = Self.form()
        #expect(form.problems.isEmpty)
        #expect(form.request.contains("所需信息：2024年行政复议决定书"))
        #expect(form.request.contains("提供方式：电子邮件"))
        #expect(form.contact == "北京市西城区某路1号；138 0013 8000；zhangsan@example.cn")
        #expect(CheckDigits.isResidentID18(Self.validID))
    }

    @Test(
        "a wrong field is named with its reason",
        arguments: [
            (form(number: "110105194912310021"), "id_number", "校验码"),
            (form(number: "1101051949"), "id_number", "18位"),
            (form(document: .creditCode, number: "91350100M000100Y4X"), "id_number", "统一社会信用代码"),
            (form(phone: "12345"), "phone", "不像有效号码"),
            (form(phone: "138001380001"), "phone", "不像有效号码"),
            (form(phone: ""), "phone", "请填写联系电话"),
            (form(email: "zhangsan@example"), "email", "格式不正确"),
            (form(email: ""), "email", "请填写电子邮箱"),
            (form(name: ""), "name", "请填写申请人姓名"),
            (form(information: ""), "information_name", "至少一项"),
            (form(name: String(repeating: "张", count: 101)), "name", "最多100个字"),
        ]
    )
    func invalidForm(_ form: ApplicationForm, field: String, words: String) {
        let problems = form.problems
        #expect(problems.contains { $0.field == field && $0.message.contains(words) }, "\(problems)")
    }

    @Test("phones and e-mail addresses as people write them")
    func phonesAndMail() {
        for phone in [
            "13800138000", "+86 138-0013-8000", "010-12345678", "(0371)6512345", "0371-65123456转8001", "65123456",
        ] {
            #expect(ApplicationForm.isPhone(phone), "\(phone)")
        }
        for phone in ["12800138000", "138001380", "abc", "010-123", "+1 555 0100", "13800138000转"] {
            #expect(!ApplicationForm.isPhone(phone), "\(phone)")
        }
        #expect(ApplicationForm.isEmail("a.b+c@mail.example.com.cn"))
        for email in [
            "a@b", "@example.cn", "a b@example.cn", "a@@example.cn", "a@-x.cn", ".a@example.cn", "张@example.cn",
        ] {
            #expect(!ApplicationForm.isEmail(email), "\(email)")
        }
    }

    @Test("query numbers: 12 symbols without look-alikes, typed with hyphens or in lower case")
    func queryNumbers() {
        let numbers = (0..<200).map { _ in QueryNumber.random() }
        #expect(Set(numbers).count == 200)
        for number in numbers {
            #expect(number.count == 12)
            #expect(!number.contains { "01IO".contains($0) })
            #expect(QueryNumber.normalized(QueryNumber.printed(number).lowercased()) == number)
        }
        #expect(QueryNumber.printed("ABCDEFGHJKLM") == "ABCD-EFGH-JKLM")
        #expect(QueryNumber.normalized("ABCD-EFGH-JKL0") == nil)
        #expect(QueryNumber.normalized("ABCD") == nil)
    }

    // MARK: Letters

    static func application(_ events: [ApplicationEvent]) throws -> Application {
        try Application(
            id: "2025-0007",
            applicant: Applicant(name: "张三", identification: validID, contact: "13800138000"),
            applicantType: .natural,
            request: "所需信息：2024年行政复议决定书",
            events: [.received(channel: .online, on: try day("2025-03-03"))] + events,
            calendar: .builtIn
        )
    }

    @Test("the reply letter of every outcome cites the outcome's articles, with the remedy for every refusal")
    func replyLetters() throws {
        for outcome in ReplyOutcome.allCases {
            var events: [ApplicationEvent] = []
            if outcome == .noAmendment || outcome == .unableUnclear {
                events.append(
                    .amendmentRequested(on: try Self.day("2025-03-05"), respondBy: try Self.day("2025-03-14"))
                )
                if outcome == .unableUnclear { events.append(.amendmentReceived(on: try Self.day("2025-03-10"))) }
            }
            if outcome == .unpaidFee {
                events.append(.feeNoticed(basis: .perPage(pages: 50), amount: 200, on: try Self.day("2025-03-05")))
            }
            let replyDay = outcome == .noAmendment ? "2025-03-20" : outcome == .unpaidFee ? "2025-04-10" : "2025-03-12"
            events.append(.replied(on: try Self.day(replyDay), outcome: outcome))
            let application = try Self.application(events)
            let letter = try #require(NoticeLetter(application: application, agency: "某某市司法局", calendar: .builtIn))
            #expect(letter.title == "政府信息公开申请答复告知书")
            #expect(letter.kind == .reply(outcome))
            for article in outcome.articles {
                let cited = article == "国办函〔2020〕109号" ? "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）" : article
                #expect(letter.text.contains(cited), "\(outcome): \(article)")
            }
            #expect(letter.text.contains("《中华人民共和国政府信息公开条例》") || outcome == .otherHandling)
            #expect(letter.text.contains("第五十一条") == (outcome != .granted), "\(outcome)")
            #expect(letter.text.contains("张三：") && letter.text.contains("登记号2025-0007"))
            #expect(letter.text.contains("2025年3月3日收到"))
            #expect(letter.date == (try Self.day(replyDay)))
        }
    }

    @Test("补正, 延期, 征求意见 and 收费 letters carry their article, deadline and fee")
    func stepLetters() throws {
        let application = try Self.application([
            .amendmentRequested(on: try Self.day("2025-03-05"), respondBy: try Self.day("2025-03-19")),
            .amendmentReceived(on: try Self.day("2025-03-10")),
            .extended(
                days: 20,
                approver: "李四",
                approvedOn: try Self.day("2025-04-01"),
                applicantToldOn: try Self.day("2025-04-01")
            ),
            .consultationStarted(party: .thirdParty, on: try Self.day("2025-04-02")),
            .consultationEnded(on: try Self.day("2025-04-10")),
            .feeNoticed(basis: .perPage(pages: 150), amount: 1700, on: try Self.day("2025-04-11")),
        ])
        #expect(NoticeLetter.steps(of: application) == [1, 3, 4, 6])
        let agency = "某某市司法局"
        let amendment = try #require(
            NoticeLetter(application: application, step: 1, agency: agency, calendar: .builtIn)
        )
        #expect(amendment.title == "政府信息公开申请补正告知书")
        #expect(amendment.text.contains("第三十条") && amendment.text.contains("2025年3月19日前"))
        let extended = try #require(NoticeLetter(application: application, step: 3, agency: agency, calendar: .builtIn))
        #expect(extended.text.contains("第三十三条第二款") && extended.text.contains("延长20个工作日"))
        // 20 working days from the amended request of 10 March, then 20 more.
        let due = try #require(try application.status(on: try Self.day("2025-04-01"), calendar: .builtIn).replyDue)
        #expect(extended.text.contains("将于\(due.chinese)前作出答复"))
        let consultation = try #require(
            NoticeLetter(application: application, step: 4, agency: agency, calendar: .builtIn)
        )
        #expect(!consultation.toApplicant)
        #expect(consultation.text.contains("第三十二条") && consultation.text.contains("15个工作日"))
        let fee = try #require(NoticeLetter(application: application, step: 6, agency: agency, calendar: .builtIn))
        #expect(fee.text.contains("第四十二条") && fee.text.contains("1700元") && fee.text.contains("按量计收，共150页"))
        // 20 working days from 11 April 2025: 10 May (the 劳动节 holiday and its make-up days counted).
        let payBy = try StatutoryDeadlines(calendar: .builtIn).feePaymentDeadline(
            noticeReceived: try Self.day("2025-04-11")
        )
        #expect(fee.text.contains("\(payBy.chinese)前"))
        #expect(NoticeLetter(application: application, step: 2, agency: agency, calendar: .builtIn) == nil)
        #expect(NoticeLetter(application: application, step: 0, agency: agency, calendar: .builtIn) == nil)
    }

    @Test("a letter's Word file opens with the project's own DOCX reader and holds the letter's text")
    func letterDOCX() throws {
        let application = try Self.application([.replied(on: try Self.day("2025-03-12"), outcome: .deniedStateSecret)])
        let letter = try #require(NoticeLetter(application: application, agency: "某某市<司法局>", calendar: .builtIn))
        let data = try letter.docx()
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let document = try DocumentExtractor.extract(data, name: "letter.docx")
        let text = document.lines.map(\.text).joined(separator: "\n")
        #expect(text.contains("政府信息公开申请答复告知书"))
        #expect(text.contains("第十四条"))
        #expect(text.contains("某某市<司法局>"))
        #expect(text.contains("2025年3月12日"))
    }

    // MARK: The store

    static func agencies(_ store: any ReportStore) throws -> (Int64, Int64) {
        let first = try #require(try store.createAgency(named: "洛阳市西工区司法局").id)
        let second = try #require(try store.createAgency(named: "洛阳市西工区公安分局").id)
        return (first, second)
    }

    @Test(
        "filed → inbox → 签收: an application received on the day signed for, due 20 working days later",
        arguments: StoreBackend.all
    )
    func signFor(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let (agency, _) = try Self.agencies(store)
        let today = try Self.day("2025-03-03")
        let filed = try store.submitApplication(
            Self.form(),
            agencyID: agency,
            agency: "洛阳市西工区司法局",
            at: RegisterPublicTests.moment(today),
            today: today
        )
        #expect(try store.submissions(agencyID: agency, waitingOnly: true).map(\.value.number) == [filed.value.number])
        #expect(try store.submission(number: filed.value.number)?.record.agencyID == agency)
        #expect(try store.registerRecords(RegisterSelection(kind: .application)).isEmpty)

        let signed = try store.signSubmission(
            agencyID: agency,
            agency: "洛阳市西工区司法局",
            number: filed.value.number,
            on: try Self.day("2025-03-04"),
            by: "登记员甲",
            at: Date(),
            today: today,
            calendar: .builtIn
        )
        let application = signed.application.value
        #expect(application.id == "2025-0001")
        #expect(application.received == (try Self.day("2025-03-04")))
        #expect(application.channel == .online(confirmed: try Self.day("2025-03-04")))
        #expect(application.applicant.identification == Self.validID)
        let status = try application.status(on: try Self.day("2025-03-04"), calendar: .builtIn)
        #expect(status.replyDue == (try Self.day("2025-04-01")))
        #expect(signed.submission.value.applicationKey == "2025-0001")
        #expect(try store.submissions(agencyID: agency, waitingOnly: true).isEmpty)
        #expect(try store.submission(agencyID: agency, applicationKey: "2025-0001")?.value.number == filed.value.number)
        // Signed for once only.
        #expect(throws: SubmissionError.notWaiting(filed.value.number, signed.submission.value.state)) {
            try store.signSubmission(
                agencyID: agency,
                agency: "",
                number: filed.value.number,
                on: today,
                by: "乙",
                at: Date(),
                today: today,
                calendar: .builtIn
            )
        }
        let log = try store.registerChanges(agencyID: agency, limit: 10)
        #expect(log.map(\.kind) == [.submission, .application, .submission])
        #expect(log.first?.by == "登记员甲")
    }

    @Test(
        "转办: a waiting one and a received one move to the other agency's inbox; the number still finds it",
        arguments: StoreBackend.all
    )
    func transfer(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let (agency, other) = try Self.agencies(store)
        let today = try Self.day("2025-03-03")
        let filed = try store.submitApplication(
            Self.form(),
            agencyID: agency,
            agency: "司法局",
            at: RegisterPublicTests.moment(today),
            today: today
        )
        #expect(throws: SubmissionError.reasonMissing) {
            try store.transfer(
                agencyID: agency,
                key: filed.value.number,
                to: other,
                reason: " ",
                by: "甲",
                at: Date(),
                today: today
            )
        }
        #expect(throws: SubmissionError.sameAgency) {
            try store.transfer(
                agencyID: agency,
                key: filed.value.number,
                to: agency,
                reason: "x",
                by: "甲",
                at: Date(),
                today: today
            )
        }
        let moved = try store.transfer(
            agencyID: agency,
            key: filed.value.number,
            to: other,
            reason: "户籍信息由公安机关掌握",
            by: "甲",
            at: Date(),
            today: today
        )
        #expect(moved.value.number == filed.value.number)
        #expect(try store.submission(number: filed.value.number)?.record.agencyID == other)
        #expect(try store.submissions(agencyID: agency, waitingOnly: false).isEmpty)
        #expect(try store.submissions(agencyID: other, waitingOnly: true).map(\.value.number) == [filed.value.number])
        #expect(moved.value.history.last?.action == .transferred)
        #expect(moved.value.history.last?.detail.contains("户籍信息由公安机关掌握") == true)
        #expect(try store.registerChanges(agencyID: agency, limit: 10).first?.action == .removed)
        #expect(try store.registerChanges(agencyID: other, limit: 10).first?.action == .created)

        // Signed for by the other agency, then sent back before any step: the number follows it again.
        _ = try store.signSubmission(
            agencyID: other,
            agency: "公安分局",
            number: filed.value.number,
            on: today,
            by: "乙",
            at: Date(),
            today: today,
            calendar: .builtIn
        )
        let back = try store.transfer(
            agencyID: other,
            key: "2025-0001",
            to: agency,
            reason: "退回",
            by: "乙",
            at: Date(),
            today: today
        )
        #expect(back.value.number == filed.value.number)
        #expect(try store.application(agencyID: other, key: "2025-0001") == nil)
        #expect(try store.submission(number: filed.value.number)?.value.isWaiting == true)

        // An application a clerk entered moves under a new number; one with a later step does not move.
        let entered = try store.addApplication(
            Self.form(name: "王五").application(receivedOn: today),
            agencyID: agency,
            by: "甲",
            today: today,
            calendar: .builtIn
        )
        let entry = try store.transfer(
            agencyID: agency,
            key: entered.value.id,
            to: other,
            reason: "职责",
            by: "甲",
            at: Date(),
            today: today
        )
        #expect(entry.value.form.name == "王五")
        #expect(try store.submission(number: entry.value.number)?.record.agencyID == other)
        let handled = try store.addApplication(
            Self.form(name: "赵六").application(receivedOn: today),
            agencyID: agency,
            by: "甲",
            today: today,
            calendar: .builtIn
        )
        _ = try store.recordStep(
            .extended(days: 5, approver: "主任", approvedOn: today, applicantToldOn: today),
            agencyID: agency,
            key: handled.value.id,
            by: "甲",
            today: today,
            calendar: .builtIn
        )
        #expect(throws: SubmissionError.alreadyHandled(handled.value.id)) {
            try store.transfer(
                agencyID: agency,
                key: handled.value.id,
                to: other,
                reason: "x",
                by: "甲",
                at: Date(),
                today: today
            )
        }
    }

    @Test("refusing obvious junk keeps the reason; it leaves the inbox", arguments: StoreBackend.all)
    func refuse(_ backend: StoreBackend) throws {
        let store = try backend.make()
        let (agency, _) = try Self.agencies(store)
        let today = try Self.day("2025-03-03")
        let filed = try store.submitApplication(
            Self.form(),
            agencyID: agency,
            agency: "司法局",
            at: RegisterPublicTests.moment(today),
            today: today
        )
        let refused = try store.refuseSubmission(
            agencyID: agency,
            agency: "司法局",
            number: filed.value.number,
            reason: "测试提交，无申请内容",
            on: today,
            by: "甲",
            at: Date()
        )
        #expect(refused.value.state == .refused(reason: "测试提交，无申请内容", on: today))
        #expect(try store.submissions(agencyID: agency, waitingOnly: true).isEmpty)
        #expect(try store.submission(number: filed.value.number)?.value.state == refused.value.state)
    }
}
