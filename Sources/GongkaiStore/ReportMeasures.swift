public import Foundation
public import GongkaiModel

/// The few numbers of a report that statistics over many reports need — applications received by applicant, the
/// outcomes of 表三 and the results of 表四 — kept beside each report when it is stored (table `report_measure`),
/// so that sums over a year or a region are one pass over narrow rows instead of over every figure.
///
/// Each is taken from the 总计 column; where a row's 总计 is empty or undeterminable, from the sum of its six
/// applicant columns when all six are numbers. A measure made of several rows (不予公开 1–8, …) is nil when any of its
/// rows is. 其他处理 is the 2019 format's single row, or the 2021 format's three rows.
public enum ReportMeasure: String, CaseIterable, Sendable, Hashable, Codable {
    case receivedNatural = "received_natural"
    case receivedCommercial = "received_commercial"
    case receivedResearch = "received_research"
    case receivedNonprofit = "received_nonprofit"
    case receivedLegal = "received_legal"
    case receivedOther = "received_other"
    case receivedTotal = "received_total"
    /// 表三（七）总计: the applications handled in the year.
    case handled
    case granted
    case partial
    case denied
    case unable
    case notProcessed = "not_processed"
    case otherHandling = "other_handling"
    case reviewUpheld = "review_upheld"
    case reviewCorrected = "review_corrected"
    case reviewOther = "review_other"
    case reviewPending = "review_pending"
    case reviewTotal = "review_total"
    /// 行政诉讼: 未经复议直接起诉 and 复议后起诉 together.
    case suitUpheld = "suit_upheld"
    case suitCorrected = "suit_corrected"
    case suitOther = "suit_other"
    case suitPending = "suit_pending"
    case suitTotal = "suit_total"

    /// The column of `report_measure`, and the key in the API's JSON.
    public var column: String { rawValue }

    public var chinese: String {
        switch self {
        case .receivedNatural: "自然人"
        case .receivedCommercial: "商业企业"
        case .receivedResearch: "科研机构"
        case .receivedNonprofit: "社会公益组织"
        case .receivedLegal: "法律服务机构"
        case .receivedOther: "其他"
        case .receivedTotal: "新收申请总计"
        case .handled: "办理结果总计"
        case .granted: "予以公开"
        case .partial: "部分公开"
        case .denied: "不予公开"
        case .unable: "无法提供"
        case .notProcessed: "不予处理"
        case .otherHandling: "其他处理"
        case .reviewUpheld: "行政复议结果维持"
        case .reviewCorrected: "行政复议结果纠正"
        case .reviewOther: "行政复议其他结果"
        case .reviewPending: "行政复议尚未审结"
        case .reviewTotal: "行政复议总计"
        case .suitUpheld: "行政诉讼结果维持"
        case .suitCorrected: "行政诉讼结果纠正"
        case .suitOther: "行政诉讼其他结果"
        case .suitPending: "行政诉讼尚未审结"
        case .suitTotal: "行政诉讼总计"
        }
    }

    /// The applicant columns of 表三 in the format's order; the five after the first are 法人或其他组织.
    static let applicantColumns = ["natural", "commercial", "research", "nonprofit", "legal", "other"]

    /// The 表三 rows (their keys) a measure sums, in a format.
    static func rows(_ measure: ReportMeasure, template: ReportTemplate) -> [String]? {
        switch measure {
        case .receivedTotal: ["received"]
        case .handled: ["total"]
        case .granted: ["granted"]
        case .partial: ["partial"]
        case .denied:
            [
                "denied.state_secret", "denied.prohibited", "denied.safety_stability", "denied.third_party",
                "denied.internal", "denied.process", "denied.enforcement_file", "denied.query",
            ]
        case .unable: ["unable.not_held", "unable.needs_creation", "unable.unclear"]
        case .notProcessed:
            [
                "not_processed.complaint", "not_processed.repeat", "not_processed.publication",
                "not_processed.excessive", "not_processed.reconfirm",
            ]
        case .otherHandling:
            template == .v2019 ? ["other"] : ["other.no_amendment", "other.unpaid_fee", "other.other"]
        default: nil
        }
    }

    /// The measure's value in a report: its figures' determined values (`numbers`) in its format.
    public func value(_ numbers: [FigureID: Decimal], template: ReportTemplate) -> Decimal? {
        func row(_ key: String) -> Decimal? {
            if let total = numbers[FigureID("t3.\(key).total")] { return total }
            var sum: Decimal = 0
            for column in Self.applicantColumns {
                guard let value = numbers[FigureID("t3.\(key).\(column)")] else { return nil }
                sum += value
            }
            return sum
        }
        func litigation(_ groups: [String], _ column: String) -> Decimal? {
            var sum: Decimal = 0
            for group in groups {
                guard let value = numbers[FigureID("t4.\(group).\(column)")] else { return nil }
                sum += value
            }
            return sum
        }
        switch self {
        case .receivedNatural: return numbers[FigureID("t3.received.natural")]
        case .receivedCommercial: return numbers[FigureID("t3.received.commercial")]
        case .receivedResearch: return numbers[FigureID("t3.received.research")]
        case .receivedNonprofit: return numbers[FigureID("t3.received.nonprofit")]
        case .receivedLegal: return numbers[FigureID("t3.received.legal")]
        case .receivedOther: return numbers[FigureID("t3.received.other")]
        case .reviewUpheld: return litigation(["review"], "upheld")
        case .reviewCorrected: return litigation(["review"], "corrected")
        case .reviewOther: return litigation(["review"], "other")
        case .reviewPending: return litigation(["review"], "pending")
        case .reviewTotal: return litigation(["review"], "total")
        case .suitUpheld: return litigation(["suit_direct", "suit_after_review"], "upheld")
        case .suitCorrected: return litigation(["suit_direct", "suit_after_review"], "corrected")
        case .suitOther: return litigation(["suit_direct", "suit_after_review"], "other")
        case .suitPending: return litigation(["suit_direct", "suit_after_review"], "pending")
        case .suitTotal: return litigation(["suit_direct", "suit_after_review"], "total")
        default:
            var sum: Decimal = 0
            for key in Self.rows(self, template: template) ?? [] {
                guard let value = row(key) else { return nil }
                sum += value
            }
            return sum
        }
    }

    /// Every measure of a report; nil where it cannot be worked out.
    public static func values(_ figures: [FigureID: Figure], template: ReportTemplate?) -> [ReportMeasure: Decimal] {
        var numbers: [FigureID: Decimal] = [:]
        for (id, figure) in figures where id.rawValue.hasPrefix("t3.") || id.rawValue.hasPrefix("t4.") {
            if let number = figure.value.number { numbers[id] = number }
        }
        return values(numbers: numbers, template: template)
    }

    static func values(numbers: [FigureID: Decimal], template: ReportTemplate?) -> [ReportMeasure: Decimal] {
        var values: [ReportMeasure: Decimal] = [:]
        for measure in allCases {
            if let value = measure.value(numbers, template: template ?? .v2021) { values[measure] = value }
        }
        return values
    }

    /// The `CREATE TABLE` of `report_measure`, in both databases' types (`numeric_type`: `NUMERIC` or `numeric`).
    static func createTable(numericType: String, idType: String) -> String {
        let columns = allCases.map { "\($0.column) \(numericType)" }.joined(separator: ", ")
        return """
            CREATE TABLE report_measure (
                report_id \(idType) PRIMARY KEY REFERENCES report(id) ON DELETE CASCADE, \(columns))
            """
    }
}

/// Which current reports statistics cover, and how they are grouped.
public struct MeasureQuery: Sendable, Hashable {
    public enum Grouping: String, Sendable, Hashable {
        /// One group a year.
        case year
        /// One group an agency and year.
        case agency
        /// One group a year and region directly below the query's region (or a top-level region when the query
        /// names none); agencies of the region itself form a group under its own code, agencies with no region one
        /// with no code.
        case subregion
    }

    /// A region code or name: agencies in it or below it; nil for the whole corpus.
    public var region: String?
    public var years: ClosedRange<Int>
    public var grouping: Grouping

    public init(region: String? = nil, years: ClosedRange<Int>, grouping: Grouping = .year) {
        self.region = region
        self.years = years
        self.grouping = grouping
    }
}

/// The sums of the measures over the current reports of one group.
public struct MeasureGroup: Sendable, Hashable {
    public var year: Int
    /// The agency's id (grouping by agency) or the region's code (by subregion); nil by year, or for agencies with
    /// no region.
    public var key: String?
    /// The agency's or region's name.
    public var name: String?
    /// Current reports in the group.
    public var reports: Int
    /// Each measure's sum over the reports where it could be worked out (absent when none could).
    public var sums: [ReportMeasure: Decimal]
    /// How many reports each sum covers.
    public var counted: [ReportMeasure: Int]

    public init(
        year: Int,
        key: String?,
        name: String?,
        reports: Int,
        sums: [ReportMeasure: Decimal],
        counted: [ReportMeasure: Int]
    ) {
        self.year = year
        self.key = key
        self.name = name
        self.reports = reports
        self.sums = sums
        self.counted = counted
    }
}

/// How many current reports have findings of one rule, and of which severity.
public struct RuleCount: Sendable, Hashable {
    public var code: String
    public var severity: String
    /// Reports with at least one finding of the rule at that severity.
    public var reports: Int
    /// The findings themselves.
    public var findings: Int

    public init(code: String, severity: String, reports: Int, findings: Int) {
        self.code = code
        self.severity = severity
        self.reports = reports
        self.findings = findings
    }
}
