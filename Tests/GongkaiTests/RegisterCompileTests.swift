import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead
import GongkaiRegister
import GongkaiWrite
import Testing

/// The year-end compile: each record counted in the right cell of 表二, 表三 and 表四, and a data file that `render`
/// and `check` take.
@Suite("register: year-end compile")
struct RegisterCompileTests {
    let calendar = WorkingCalendar.builtIn
    func day(_ text: String) -> CalendarDate { RegisterApplicationTests.day(text) }

    /// An application received on `received` and closed with `outcome` by a path the statute allows for it.
    func closed(_ id: String, _ type: ApplicantType, _ outcome: ReplyOutcome, received: String) throws -> Application {
        var item = Application(
            id: id,
            applicant: Applicant(name: "申请人\(id)"),
            applicantType: type,
            request: "",
            channel: .inPerson,
            received: day(received)
        )
        let start = day(received)
        switch outcome {
        case .noAmendment:
            try item.record(.amendmentRequested(on: start, respondBy: start.adding(days: 10)), calendar: calendar)
            try item.record(.replied(on: start.adding(days: 11), outcome: outcome), calendar: calendar)
        case .unableUnclear:
            try item.record(.amendmentRequested(on: start, respondBy: start.adding(days: 10)), calendar: calendar)
            try item.record(.amendmentReceived(on: start.adding(days: 5)), calendar: calendar)
            try item.record(.replied(on: start.adding(days: 6), outcome: outcome), calendar: calendar)
        case .unpaidFee:
            try item.record(.feeNoticed(basis: .perPage(pages: 31), amount: 10, on: start), calendar: calendar)
            try item.record(.replied(on: start.adding(days: 40), outcome: outcome), calendar: calendar)
        default:
            try item.record(.replied(on: start.adding(days: 3), outcome: outcome), calendar: calendar)
        }
        return item
    }

    func value(_ compiled: CompiledReport, _ id: String) -> Int? { compiled.report[FigureID(id)]?.integer }

    @Test("the outcomes are exactly 表三's outcome rows, printed as the national form prints them")
    func outcomesAreTheRows() {
        let spec = NationalTemplates.v2021.table(.three)
        #expect(ReplyOutcome.allCases.map(\.rowKey) == NationalTemplates.outcomeRowKeys(.v2021))
        for outcome in ReplyOutcome.allCases {
            let row = spec.row(outcome.rowKey)
            #expect(row?.label == outcome.label)
            #expect(row?.fullLabel.hasSuffix(outcome.fullLabel) == true, "\(outcome)")
            #expect(outcome.rowKey == "other.other" || !outcome.articles.isEmpty)
            for type in ApplicantType.allCases { #expect(row?.figureIDs.contains(outcome.figureID(type)) == true) }
        }
        #expect(ApplicantType.allCases.map(\.chinese) == NationalTemplates.applicantColumns.dropLast().map(\.label))
    }

    @Test("each outcome is counted in its own row and column, once")
    func eachOutcomeCounted() throws {
        let types = ApplicantType.allCases
        for (index, outcome) in ReplyOutcome.allCases.enumerated() {
            let type = types[index % types.count]
            let register = AgencyRegister(
                agency: "某某市某某区司法局",
                applications: [try closed("A\(index)", type, outcome, received: "2025-03-03")]
            )
            let compiled = try RegisterCompiler.compile(register, year: 2025, calendar: calendar)
            let counted = compiled.report.figures.values.filter {
                $0.id.rawValue.hasPrefix("t3.") && $0.value == .integer(1)
            }
            #expect(
                Set(counted.map(\.id.rawValue))
                    == [
                        "t3.received.\(type.rawValue)", "t3.received.total", "t3.\(outcome.rowKey).\(type.rawValue)",
                        "t3.\(outcome.rowKey).total", "t3.total.\(type.rawValue)", "t3.total.total",
                    ],
                "\(outcome)"
            )
        }
    }

    @Test("applications open at a year's end are carried into the next: 上年结转 = last year's 结转下年度")
    func carriedOver() throws {
        let open = Application(
            id: "open",
            applicant: Applicant(name: "甲"),
            applicantType: .legal,
            request: "",
            channel: .post,
            received: day("2024-12-20")
        )
        var answered = open
        answered.id = "answered"
        try answered.record(.replied(on: day("2025-01-10"), outcome: .deniedProcess), calendar: calendar)
        var waiting = open
        waiting.id = "waiting"
        try waiting.record(.amendmentRequested(on: day("2024-12-23"), respondBy: day("2025-01-06")), calendar: calendar)
        let register = AgencyRegister(agency: "某某市某某区司法局", applications: [open, answered, waiting])
        let last = try RegisterCompiler.compile(register, year: 2024, calendar: calendar)
        let this = try RegisterCompiler.compile(register, year: 2025, calendar: calendar)
        #expect(value(last, "t3.received.legal") == 3)
        #expect(value(last, "t3.carried_forward.legal") == 3)
        #expect(value(last, "t3.total.total") == 0)
        #expect(value(this, "t3.received.total") == 0)
        #expect(value(this, "t3.carried_over.legal") == 3)
        #expect(value(this, "t3.denied.process.legal") == 1)
        #expect(value(this, "t3.carried_forward.legal") == 2)
        let findings = CrossYearRules.check(previous: side(last), current: side(this))
        #expect(findings.isEmpty, "\(findings.map(\.finding.message))")
    }

    func side(_ compiled: CompiledReport) -> CrossYearRules.Side {
        CrossYearRules.Side(
            year: compiled.report.year ?? 0,
            template: compiled.report.template,
            figures: compiled.report.figures
        )
    }

    @Test("表四: a case counts in the year it was filed and, pending, in each later year; 表二's stock is computed")
    func casesAndDocuments() throws {
        let cases = [
            try DisclosureCase(
                id: "R1",
                kind: .review,
                applicationID: "A1",
                filed: day("2024-05-06"),
                decision: CaseDecision(on: day("2025-02-10"), result: .corrected)
            ),
            try DisclosureCase(id: "S1", kind: .suitDirect, filed: day("2025-03-03")),
            try DisclosureCase(
                id: "S2",
                kind: .suitAfterReview,
                reviewID: "R0",
                filed: day("2024-02-01"),
                decision: CaseDecision(on: day("2024-11-11"), result: .upheld)
            ),
        ]
        #expect(throws: CaseDateError.self) {
            try DisclosureCase(
                id: "X",
                kind: .review,
                filed: day("2025-03-03"),
                decision: CaseDecision(on: day("2025-03-02"), result: .other)
            )
        }
        let documents = [
            try NormativeDocument(id: "D1", kind: .rules, number: "某府令第1号", title: "办法", issued: day("2019-03-01")),
            try NormativeDocument(
                id: "D2",
                kind: .normative,
                number: "某司发〔2024〕3号",
                title: "通知",
                issued: day("2024-04-01"),
                repealed: day("2025-06-30")
            ),
            try NormativeDocument(
                id: "D3",
                kind: .normative,
                number: "某司发〔2025〕1号",
                title: "意见",
                issued: day("2025-01-02")
            ),
        ]
        #expect(throws: DocumentDateError.self) {
            try NormativeDocument(
                id: "X",
                kind: .rules,
                number: "",
                title: "",
                issued: day("2025-01-02"),
                repealed: day("2024-01-02")
            )
        }
        let register = AgencyRegister(
            agency: "某某市某某区司法局",
            cases: cases,
            documents: documents,
            counts: [
                ProactiveCounts(
                    year: 2025,
                    licensing: 12,
                    penalty: 30,
                    coercion: 2,
                    feesTenThousandYuan: Decimal(string: "1.2345") ?? 0
                )
            ]
        )
        let last = try RegisterCompiler.compile(register, year: 2024, calendar: calendar)
        let this = try RegisterCompiler.compile(register, year: 2025, calendar: calendar)
        #expect(value(last, "t4.review.pending") == 1 && value(last, "t4.review.total") == 1)
        #expect(value(last, "t4.suit_after_review.upheld") == 1)
        #expect(value(this, "t4.review.corrected") == 1 && value(this, "t4.review.pending") == 0)
        #expect(value(this, "t4.suit_direct.pending") == 1 && value(this, "t4.suit_direct.total") == 1)
        #expect(value(this, "t4.suit_after_review.total") == 0)
        #expect(value(last, "t2.rules.in_force") == 1 && value(last, "t2.normative.in_force") == 1)
        #expect(value(this, "t2.normative.issued") == 1 && value(this, "t2.normative.repealed") == 1)
        #expect(value(this, "t2.normative.in_force") == 1)
        #expect(value(this, "t2.licensing.decisions") == 12 && value(last, "t2.licensing.decisions") == 0)
        #expect(this.report[FigureID("t2.fees.amount")] == .decimal(Decimal(string: "1.2345") ?? 0))
        #expect(CrossYearRules.check(previous: side(last), current: side(this)).isEmpty)
        #expect(this.report.section(.litigation)?.text.contains("行政复议共1件，行政诉讼共1件") == true)
    }

    @Test("the data file reads back to the same report, and the checks find no error in it")
    func dataFileRoundTrip() throws {
        var paid = Application(
            id: "F1",
            applicant: Applicant(name: "丙"),
            applicantType: .research,
            request: "",
            channel: .online,
            received: day("2025-06-03")
        )
        try paid.record(
            .feeNoticed(basis: .perPage(pages: 150), amount: 1_700, on: day("2025-06-10")),
            calendar: calendar
        )
        try paid.record(.feePaid(on: day("2025-06-20")), calendar: calendar)
        try paid.record(.replied(on: day("2025-07-14"), outcome: .granted), calendar: calendar)
        let unpaid = try closed("F2", .natural, .unpaidFee, received: "2025-06-03")
        let agency = "某某市\"某某\"区司法局\n\u{85}\u{2028}"
        let register = AgencyRegister(agency: agency, applications: [paid, unpaid])
        let compiled = try RegisterCompiler.compile(register, year: 2025, calendar: calendar)
        #expect(compiled.fees == FeeSummary(notices: 2, notifiedYuan: 1_710, collectedYuan: 1_700))
        #expect(compiled.lateReplies == 1)  // due 11 July: 11–20 June not counted
        let loaded = try ReportDataFile.load(compiled.dataFile, name: "登记簿.yaml")
        #expect(loaded.agency == agency)
        #expect(loaded.year == 2025 && loaded.template == .v2021)
        #expect(loaded.figures.mapValues(\.value) == compiled.report.figures.mapValues(\.value))
        for kind in SectionKind.standard { #expect(loaded.section(kind)?.text == compiled.report.section(kind)?.text) }
        let otherMatters = loaded.section(.otherMatters)?.text ?? ""
        #expect(otherMatters.contains("发出信息处理费收费通知2件，通知收取金额1710元，实际收取金额1700元"))
        #expect(otherMatters.contains("不再处理的1件"))
        #expect(loaded.section(.applications)?.text.contains("其中超过法定期限答复的1件") == true)
        for report in [compiled.report, loaded] {
            let findings = ReportChecker.check(report)
            #expect(!ReportChecker.hasErrors(findings), "\(findings.map(\.message))")
            #expect(findings.map(\.code) == ["section5-empty"], "\(findings.map(\.message))")
        }
        #expect(compiled.dataFile.contains("t3.other.unpaid_fee.natural: 1  # （六）其他处理 2."))
    }

    @Test("gongkai check and gongkai render take the compiled data file; the rendered report reads back to its figures")
    func renderedByTheBinary() throws {
        let outcomes: [ReplyOutcome] = [.granted, .partial, .deniedThirdParty, .unableNotHeld, .repeated, .unpaidFee]
        var applications = try outcomes.enumerated().map { index, outcome in
            try closed("B\(index)", ApplicantType.allCases[index], outcome, received: "2025-0\(index + 3)-03")
        }
        applications.append(
            Application(
                id: "open",
                applicant: Applicant(name: "丁"),
                applicantType: .natural,
                request: "",
                channel: .fax,
                received: day("2025-12-29")
            )
        )
        let cases = [try DisclosureCase(id: "R", kind: .review, applicationID: "B2", filed: day("2025-09-01"))]
        let register = AgencyRegister(agency: "某某市某某区司法局", applications: applications, cases: cases)
        let compiled = try RegisterCompiler.compile(register, year: 2025, calendar: calendar)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gongkai-register-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("2025.yaml")
        try Data(compiled.dataFile.utf8).write(to: data)
        let check = try CLI.run(["check", data.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("[R"), "\(check.stdout)")
        #expect(check.stdout.contains("第五部分"), "\(check.stdout)")
        let rendered = try CLI.run(["render", data.path, "--to", "md"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.stdout.contains("2025年新收政府信息公开申请7件，上年结转0件，办结6件，结转下年度继续办理1件"))
        let read = try ReportReader.read(Data(rendered.stdout.utf8), name: "2025.md")
        for (id, figure) in compiled.report.figures {
            #expect(read[id]?.number == figure.value.number, "\(id.rawValue)")
        }
    }

    @Test("reports on 2019 and 2020 use the 2019 format and are not compiled")
    func before2021() {
        #expect(throws: CompileError.formatBefore2021(year: 2020)) {
            try RegisterCompiler.compile(AgencyRegister(agency: "某局"), year: 2020, calendar: calendar)
        }
    }
}
