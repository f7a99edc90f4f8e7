import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRegister
import GongkaiWrite
import Testing

@testable import GongkaiCorpus

/// Random registers (a seeded generator, so any failure replays) compiled for two years: the real checks find no
/// error, year 2's 上年结转 is year 1's 结转下年度, and every application is counted once in each year it belongs to,
/// in the row an independent reading of its steps gives.
@Suite("register: compile property")
struct RegisterPropertyTests {
    let calendar = WorkingCalendar.builtIn
    static let years = [2024, 2025]

    /// The 表三 row of each outcome, written out here rather than taken from ``ReplyOutcome``, so that a wrong
    /// mapping there fails this test.
    static let outcomeRows: [ReplyOutcome: String] = [
        .granted: "granted", .partial: "partial", .deniedStateSecret: "denied.state_secret",
        .deniedProhibited: "denied.prohibited", .deniedSafetyStability: "denied.safety_stability",
        .deniedThirdParty: "denied.third_party", .deniedInternal: "denied.internal", .deniedProcess: "denied.process",
        .deniedEnforcementFile: "denied.enforcement_file", .deniedQuery: "denied.query",
        .unableNotHeld: "unable.not_held", .unableNeedsCreation: "unable.needs_creation",
        .unableUnclear: "unable.unclear", .complaint: "not_processed.complaint", .repeated: "not_processed.repeat",
        .publication: "not_processed.publication", .excessive: "not_processed.excessive",
        .reconfirm: "not_processed.reconfirm", .noAmendment: "other.no_amendment", .unpaidFee: "other.unpaid_fee",
        .otherHandling: "other.other",
    ]

    /// An application walked from its receipt through steps the status allows, picked at random, until it is
    /// closed or the walk passes the end of March 2026. Every allowed step must be accepted.
    func walk(_ id: Int, rng: inout SplitMix64, start: CalendarDate) throws -> Application {
        let types = ApplicantType.allCases
        var item = Application(
            id: "A\(id)",
            applicant: Applicant(name: "申请人\(id % 97)", identification: "ID\(id % 97)"),
            applicantType: rng.chance(60) ? .natural : rng.pick(types),
            request: "信息\(id)",
            channel: rng.pick(ReceiptChannel.allCases),
            received: start
        )
        guard let horizon = CalendarDate(year: 2026, month: 3, day: 31) else { return item }
        var date = start
        while date <= horizon {
            let status = try item.status(on: date, calendar: calendar)
            guard status.state.isOpen else { break }
            var steps = status.allowedSteps
            // Replies come less often than the other steps, so that the paths are long and many years' ends cut them.
            if steps.contains(.replied), steps.count > 1, !rng.chance(35) { steps.removeAll { $0 == .replied } }
            if !steps.isEmpty, rng.chance(70) {
                let event: ApplicationEvent
                switch rng.pick(steps) {
                case .received: preconditionFailure("never allowed again")
                case .amendmentRequested:
                    event = .amendmentRequested(on: date, respondBy: date.adding(days: rng.int(in: 3...30)))
                case .amendmentReceived: event = .amendmentReceived(on: date)
                case .extended:
                    event = .extended(
                        days: rng.int(in: 1...20),
                        approver: "负责人",
                        approvedOn: date,
                        applicantToldOn: date
                    )
                case .consultationStarted:
                    event = .consultationStarted(party: rng.pick(ConsultedParty.allCases), on: date)
                case .consultationEnded: event = .consultationEnded(on: date)
                case .feeNoticed:
                    let basis: FeeBasis =
                        rng.chance(50)
                        ? .perPage(pages: rng.int(in: 31...400)) : .perApplication(ordinal: rng.int(in: 11...70))
                    event = .feeNoticed(basis: basis, amount: basis.amount, on: date)
                case .feePaid: event = .feePaid(on: date)
                case .replied: event = .replied(on: date, outcome: rng.pick(status.allowedOutcomes))
                }
                do {
                    try item.record(event, calendar: calendar)
                } catch {
                    Issue.record("\(item.id): allowed step \(event) refused on \(date): \(error)")
                    break
                }
            }
            date = date.adding(days: rng.int(in: 0...9))
        }
        return item
    }

    func register(seed: UInt64, applications count: Int) throws -> AgencyRegister {
        var rng = SplitMix64(seed: seed)
        guard let first = CalendarDate(year: 2023, month: 9, day: 1) else { return AgencyRegister(agency: "") }
        var applications: [Application] = []
        for id in 0..<count {
            // Received from September 2023 to December 2025, so that both years have carried-in applications.
            applications.append(try walk(id, rng: &rng, start: first.adding(days: rng.int(in: 0...850))))
        }
        var cases: [DisclosureCase] = []
        for id in 0..<150 {
            let filed = first.adding(days: rng.int(in: 0...850))
            let decision =
                rng.chance(65)
                ? CaseDecision(
                    on: filed.adding(days: rng.int(in: 0...500)),
                    result: rng.pick(CaseDecisionResult.allCases)
                )
                : nil
            cases.append(
                try DisclosureCase(
                    id: "C\(id)",
                    kind: rng.pick(CaseKind.allCases),
                    applicationID: rng.chance(80) ? "A\(rng.int(in: 0...(count - 1)))" : nil,
                    filed: filed,
                    decision: decision
                )
            )
        }
        var documents: [NormativeDocument] = []
        for id in 0..<120 {
            let issued = first.adding(days: rng.int(in: -3000...850))
            documents.append(
                try NormativeDocument(
                    id: "D\(id)",
                    kind: rng.chance(20) ? .rules : .normative,
                    number: "某发〔\(issued.year)〕\(id)号",
                    title: "文件\(id)",
                    issued: issued,
                    repealed: rng.chance(35) ? issued.adding(days: rng.int(in: 0...2000)) : nil
                )
            )
        }
        let counts = Self.years.map { year in
            ProactiveCounts(
                year: year,
                licensing: rng.int(in: 0...5000),
                penalty: rng.int(in: 0...800),
                coercion: rng.int(in: 0...50),
                feesTenThousandYuan: Decimal(rng.int(in: 0...999_999)) / 10_000
            )
        }
        return AgencyRegister(
            agency: "某某市某某区司法局",
            applications: applications,
            cases: cases,
            documents: documents,
            counts: counts
        )
    }

    /// What 表三 must hold for `year`, read from the steps directly: in by receipt year or open at the year's start,
    /// out by the reply's year (under its row) or open at the year's end.
    static func expectedTable3(_ applications: [Application], year: Int) -> [String: Int] {
        var cells: [String: Int] = [:]
        for application in applications {
            let received = application.events[0].date
            var reply: (CalendarDate, ReplyOutcome)?
            if case .replied(let date, let outcome)? = application.events.last { reply = (date, outcome) }
            guard received.year <= year else { continue }
            if let reply, reply.0.year < year { continue }
            let column = application.applicantType.rawValue
            let inRow = received.year == year ? "received" : "carried_over"
            var outRow = "carried_forward"
            if let reply, reply.0.year == year, let row = outcomeRows[reply.1] { outRow = row }
            for row in [inRow, outRow] {
                cells["t3.\(row).\(column)", default: 0] += 1
                cells["t3.\(row).total", default: 0] += 1
            }
            if outRow != "carried_forward" {
                cells["t3.total.\(column)", default: 0] += 1
                cells["t3.total.total", default: 0] += 1
            }
        }
        return cells
    }

    @Test("random registers of thousands of applications compile to reports without errors, year after year")
    func randomRegisters() throws {
        for seed: UInt64 in [0x5E61_0001, 0x5E61_0002] {
            let register = try register(seed: seed, applications: 2_000)
            var steps: Set<ApplicationStep> = []
            var outcomes: Set<ReplyOutcome> = []
            for application in register.applications {
                steps.formUnion(application.events.map(\.step))
                if let outcome = application.reply?.outcome { outcomes.insert(outcome) }
            }
            #expect(steps == Set(ApplicationStep.allCases), "every kind of step is walked")
            #expect(outcomes == Set(ReplyOutcome.allCases), "every outcome is reached")

            var compiled: [CompiledReport] = []
            for year in Self.years {
                let result = try RegisterCompiler.compile(register, year: year, calendar: calendar)
                compiled.append(result)
                let loaded = try ReportDataFile.load(result.dataFile, name: "\(year).yaml")
                #expect(loaded.figures.mapValues(\.value) == result.report.figures.mapValues(\.value))
                for report in [result.report, loaded] {
                    let findings = ReportChecker.check(report)
                    #expect(!ReportChecker.hasErrors(findings), "\(seed) \(year): \(findings.map(\.message))")
                    #expect(findings.map(\.code) == ["section5-empty"], "\(seed) \(year): \(findings.map(\.message))")
                }
                let expected = Self.expectedTable3(register.applications, year: year)
                for id in NationalTemplates.v2021.table(.three).rows.flatMap(\.figureIDs) {
                    #expect(
                        result.report[id]?.integer == expected[id.rawValue] ?? 0,
                        "\(seed) \(year) \(id.rawValue)"
                    )
                }
                #expect((result.report[FigureID("t3.carried_forward.total")]?.integer ?? 0) > 0)
                #expect((result.report[FigureID("t3.carried_over.total")]?.integer ?? 0) > 0)
                #expect((result.report[FigureID("t4.review.pending")]?.integer ?? 0) > 0)
            }
            let sides = compiled.map {
                CrossYearRules.Side(year: $0.report.year ?? 0, template: $0.report.template, figures: $0.report.figures)
            }
            let crossYear = CrossYearRules.check(previous: sides[0], current: sides[1])
            #expect(crossYear.isEmpty, "\(crossYear.map(\.finding.message))")
            for column in NationalTemplates.applicantColumns {
                #expect(
                    compiled[1].report[FigureID("t3.carried_over.\(column.key)")]
                        == compiled[0].report[FigureID("t3.carried_forward.\(column.key)")]
                )
            }
        }
    }
}
