import Foundation
public import GongkaiModel

/// Everything one agency's register holds: applications, reviews and suits, documents, and the yearly counts.
public struct AgencyRegister: Sendable, Hashable, Codable {
    /// The agency's full name as the report's title prints it.
    public var agency: String
    public var applications: [Application]
    public var cases: [DisclosureCase]
    public var documents: [NormativeDocument]
    public var counts: [ProactiveCounts]

    public init(
        agency: String,
        applications: [Application] = [],
        cases: [DisclosureCase] = [],
        documents: [NormativeDocument] = [],
        counts: [ProactiveCounts] = []
    ) {
        self.agency = agency
        self.applications = applications
        self.cases = cases
        self.documents = documents
        self.counts = counts
    }
}

/// The information processing fees of a year, for part 六.
public struct FeeSummary: Sendable, Hashable {
    /// 收费通知 sent in the year.
    public var notices: Int
    /// The yuan those notices asked for.
    public var notifiedYuan: Int
    /// The yuan paid in the year.
    public var collectedYuan: Int

    public init(notices: Int, notifiedYuan: Int, collectedYuan: Int) {
        self.notices = notices
        self.notifiedYuan = notifiedYuan
        self.collectedYuan = collectedYuan
    }
}

/// A year's report compiled from a register.
public struct CompiledReport: Sendable {
    /// The report with every figure of 表二, 表三 and 表四 and the parts' text, as the reader would give it: the checks
    /// run on it as on any report.
    public var report: AnnualReport
    /// The data file `gongkai render` and `gongkai check` take.
    public var dataFile: String
    public var fees: FeeSummary
    /// Replies given in the year after their due date.
    public var lateReplies: Int
}

/// Why a year cannot be compiled.
public enum CompileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Reports on 2019 and 2020 use the 2019 format, whose 表二 counts items the register does not keep.
    case formatBefore2021(year: Int)
    case calendar(MissingCalendarYear)

    public var description: String {
        switch self {
        case .formatBefore2021(let year):
            "\(year)年度报告使用2019年格式（国办公开办函〔2019〕60号），登记簿只能编制2021年及以后年度的报告。"
        case .calendar(let missing): missing.description
        }
    }
}

/// Compiles a year's annual report from an agency's register, so that every arithmetic rule holds by construction.
///
/// How the year is attributed:
/// - 表三「一、本年新收」: applications whose receipt date (条例第三十一条) is in the year.
/// - 「二、上年结转」: applications received before the year and not replied to by 31 December of the year before —
///   exactly last year's 「四、结转下年度继续办理」 (R6).
/// - 「三、本年度办理结果」: applications replied to in the year, each under its one outcome's row.
/// - 「四、结转下年度继续办理」: applications received by 31 December and not replied to by then (waiting for 补正, a
///   fee, views, or simply open).
/// - 表四: a case counts in the year it was filed, and in each later year it is still pending at the year's start
///   (carried in, R8); it falls under its result if decided by 31 December, else under 尚未审结.
/// - 表二: documents issued and repealed in the year by their dates; 现行有效 those issued and not repealed by
///   31 December (so R9 holds year to year); decision counts and 收费金额 as entered for the year (0 if none were).
public enum RegisterCompiler {
    public static func compile(
        _ register: AgencyRegister,
        year: Int,
        calendar: WorkingCalendar,
        publicationDate: CalendarDate? = nil
    ) throws(CompileError) -> CompiledReport {
        guard year >= 2021 else { throw .formatBefore2021(year: year) }
        var figures: [FigureID: Int] = [:]
        func add(_ id: FigureID) { figures[id, default: 0] += 1 }

        let lateReplies: Int
        do throws(MissingCalendarYear) {
            lateReplies = try countApplications(register.applications, year: year, calendar: calendar, add: add)
        } catch {
            throw .calendar(error)
        }
        for row in ["received", "carried_over", "carried_forward"] + ReplyOutcome.allCases.map(\.rowKey) {
            let total = ApplicantType.allCases.reduce(0) { $0 + (figures[$1.figureID(row: row)] ?? 0) }
            figures[FigureID("t3.\(row).total")] = total
        }
        for column in ApplicantType.allCases.map(\.rawValue) + ["total"] {
            figures[FigureID("t3.total.\(column)")] = ReplyOutcome.allCases.reduce(0) {
                $0 + (figures[FigureID("t3.\($1.rowKey).\(column)")] ?? 0)
            }
        }

        for item in register.cases where item.counts(inYear: year) {
            add(item.kind.figureID(item.result(atEndOf: year)))
            add(item.kind.totalFigureID)
        }

        for document in register.documents {
            if document.issued.year == year { add(FigureID("t2.\(document.kind.rawValue).issued")) }
            if document.repealed?.year == year { add(FigureID("t2.\(document.kind.rawValue).repealed")) }
            if document.inForce(atEndOf: year) { add(FigureID("t2.\(document.kind.rawValue).in_force")) }
        }
        let counts = register.counts.first { $0.year == year } ?? ProactiveCounts(year: year)
        figures[FigureID("t2.licensing.decisions")] = counts.licensing
        figures[FigureID("t2.penalty.decisions")] = counts.penalty
        figures[FigureID("t2.coercion.decisions")] = counts.coercion

        let fees = feeSummary(register.applications, year: year)
        var report = AnnualReport(
            source: SourceInfo(name: "\(register.agency)\(year)年登记簿", format: .data),
            agency: register.agency,
            year: year,
            template: .v2021,
            publicationDate: publicationDate ?? CalendarDate(year: year + 1, month: 1, day: 20),
            title: "\(register.agency)\(year)年政府信息公开工作年度报告",
            introduction: "本报告根据《中华人民共和国政府信息公开条例》和\(ReportTemplate.v2021.citation)规定的格式编制，"
                + "统计期限为\(year)年1月1日至\(year)年12月31日。"
        )
        let spec = NationalTemplates.v2021
        for id in spec.figureIDs {
            let value: CellValue =
                id == FigureID("t2.fees.amount")
                ? .decimal(counts.feesTenThousandYuan) : .integer(figures[id] ?? 0)
            report.figures[id] = Figure(id: id, value: value, printed: value.text)
        }
        report.sections = RegisterNarrative.sections(report, fees: fees, lateReplies: lateReplies)
        for table in spec.tables {
            var seen = Set<String>()
            report.tables.append(
                PrintedTable(
                    kind: table.kind,
                    location: nil,
                    headerLabels: table.rows.flatMap(\.columns).filter { seen.insert($0.key).inserted }.map(\.label),
                    rows: table.rows.map {
                        PrintedRow(key: $0.key, printedLabel: $0.label, location: nil, state: .complete)
                    }
                )
            )
        }
        return CompiledReport(
            report: report,
            dataFile: RegisterDataFile.text(report),
            fees: fees,
            lateReplies: lateReplies
        )
    }

    /// Adds each application to the 表三 cells it counts in for `year`; returns how many replies in the year came
    /// after their due date.
    static func countApplications(
        _ applications: [Application],
        year: Int,
        calendar: WorkingCalendar,
        add: (FigureID) -> Void
    ) throws(MissingCalendarYear) -> Int {
        let deadlines = StatutoryDeadlines(calendar: calendar)
        var late = 0
        for application in applications {
            let type = application.applicantType
            let receivedYear = application.received.year
            let repliedYear = application.reply?.date.year
            guard receivedYear <= year, (repliedYear ?? year) >= year else { continue }
            if receivedYear == year {
                add(type.figureID(row: "received"))
            } else {
                add(type.figureID(row: "carried_over"))
            }
            if let reply = application.reply, repliedYear == year {
                add(reply.outcome.figureID(type))
                if let due = try Timeline(application.events).replyDeadline(deadlines), reply.date > due { late += 1 }
            } else {
                add(type.figureID(row: "carried_forward"))
            }
        }
        return late
    }

    static func feeSummary(_ applications: [Application], year: Int) -> FeeSummary {
        var summary = FeeSummary(notices: 0, notifiedYuan: 0, collectedYuan: 0)
        for application in applications {
            let timeline = Timeline(application.events)
            guard let fee = timeline.fee else { continue }
            if fee.on.year == year {
                summary.notices += 1
                summary.notifiedYuan += fee.amount
            }
            if let paid = timeline.feePaid, paid.year == year { summary.collectedYuan += fee.amount }
        }
        return summary
    }
}
