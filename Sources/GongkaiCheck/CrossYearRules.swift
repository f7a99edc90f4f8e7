import Foundation
public import GongkaiModel

/// The rules that compare an agency's report with its report on the previous year (format specification §3.1).
///
/// All are warnings: amendments and late corrections can break them legitimately.
/// - R6: 表三 「二、上年结转」 of this year = 「四、结转下年度继续办理」 of last year, per column.
/// - R8: 表四 last year's 尚未审结 cases reappear this year, so this year's 总计 ≥ last year's 尚未审结, per group.
/// - R9 (2021 format both years): 表二 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数.
/// - R12 (2019 format both years): 表二 上一年项目数量 = last year's 上一年项目数量 + last year's 本年增/减.
public enum CrossYearRules {
    /// One side of the comparison.
    public struct Side: Sendable {
        public var year: Int
        public var template: ReportTemplate?
        public var figures: [FigureID: Figure]

        public init(year: Int, template: ReportTemplate?, figures: [FigureID: Figure]) {
            self.year = year
            self.template = template
            self.figures = figures
        }

        func value(_ id: String) -> Decimal? { figures[FigureID(id)]?.value.number }
        func figure(_ id: String) -> Figure? { figures[FigureID(id)] }
    }

    /// A finding on this year's report, with the cells of last year's report it compares against.
    public struct Result: Sendable, Hashable {
        /// The finding; its `figures` are this year's cells.
        public var finding: Finding
        public var previousFigures: [Finding.FigureRef]
    }

    /// Every cell a rule compares.
    public static let comparedFigures: Set<FigureID> = {
        var ids = Set<FigureID>()
        for column in NationalTemplates.applicantColumns {
            ids.insert(FigureID("t3.carried_over.\(column.key)"))
            ids.insert(FigureID("t3.carried_forward.\(column.key)"))
        }
        for table in [NationalTemplates.v2021.table(.two), NationalTemplates.v2019.table(.two)] {
            for row in table.rows { ids.formUnion(row.figureIDs) }
        }
        for row in NationalTemplates.v2021.table(.four).rows { ids.formUnion(row.figureIDs) }
        return ids
    }()

    /// `text-unchanged` (warning): a part whose text is last year's word for word (at least 30 characters, spaces
    /// aside) — a report started from last year's (`gongkai new --from`) and not rewritten.
    public static func unchangedText(previous: AnnualReport, current: AnnualReport) -> [Finding] {
        guard let lastYear = previous.year, current.year == lastYear + 1 else { return [] }
        func words(_ text: String) -> String { String(text.unicodeScalars.filter { !$0.properties.isWhitespace }) }
        var findings: [Finding] = []
        for kind in SectionKind.standard {
            guard let this = current.section(kind), let last = previous.section(kind) else { continue }
            let text = words(this.text)
            guard text.unicodeScalars.count >= 30, text == words(last.text) else { continue }
            let numeral = kind.number.map { "第\(ChineseNumeral.string($0))部分" } ?? "部分"
            findings.append(
                Finding(
                    code: "text-unchanged",
                    severity: .warning,
                    message: "\(numeral)「\(kind.standardTitle)」的文字与\(lastYear)年度报告完全相同；请按本年度情况改写。",
                    location: this.location
                )
            )
        }
        return findings
    }

    public static func check(previous: Side, current: Side) -> [Result] {
        guard previous.year + 1 == current.year else { return [] }
        var findings = carriedApplications(previous, current) + pendingCases(previous, current)
        if previous.template == .v2021, current.template == .v2021 { findings += documentsInForce(previous, current) }
        if previous.template == .v2019, current.template == .v2019 { findings += itemCounts(previous, current) }
        return findings
    }

    static func carriedApplications(_ previous: Side, _ current: Side) -> [Result] {
        let spec = NationalTemplates.spec(current.template ?? .v2021)
        var findings: [Result] = []
        for column in NationalTemplates.applicantColumns {
            let thisID = "t3.carried_over.\(column.key)"
            let lastID = "t3.carried_forward.\(column.key)"
            guard let this = current.value(thisID), let last = previous.value(lastID), this != last else { continue }
            let thisRow = spec.table(.three).row("carried_over")?.label ?? "二、上年结转政府信息公开申请数量"
            let lastRow = spec.table(.three).row("carried_forward")?.label ?? "四、结转下年度继续办理"
            findings.append(
                result(
                    Finding(
                        code: "R6",
                        severity: .warning,
                        table: .three,
                        figures: refs([thisID], current),
                        message: "表三「\(thisRow)」行「\(column.label)」列为\(text(this))，"
                            + "但\(previous.year)年度报告「\(lastRow)」行「\(column.label)」列为\(text(last))。",
                        location: current.figure(thisID)?.location
                    ),
                    previous: [lastID],
                    previous
                )
            )
        }
        return findings
    }

    static func pendingCases(_ previous: Side, _ current: Side) -> [Result] {
        let spec = NationalTemplates.spec(current.template ?? .v2021)
        var findings: [Result] = []
        for row in spec.table(.four).rows {
            let pendingID = "t4.\(row.key).pending"
            let totalID = "t4.\(row.key).total"
            guard let pending = previous.value(pendingID), pending > 0 else { continue }
            let parts = ["upheld", "corrected", "other", "pending"].map { current.value("t4.\(row.key).\($0)") }
            let total = current.value(totalID) ?? (parts.contains(nil) ? nil : parts.compactMap { $0 }.reduce(0, +))
            guard let total, total < pending else { continue }
            findings.append(
                result(
                    Finding(
                        code: "R8",
                        severity: .warning,
                        table: .four,
                        figures: refs([totalID], current),
                        message: "表四「\(row.fullLabel)」总计为\(text(total))，少于\(previous.year)年度报告中尚未审结的"
                            + "\(text(pending))件；上年尚未审结的案件本年应计入审结结果或尚未审结。",
                        location: current.figure(totalID)?.location
                    ),
                    previous: [pendingID],
                    previous
                )
            )
        }
        return findings
    }

    static func documentsInForce(_ previous: Side, _ current: Side) -> [Result] {
        var findings: [Result] = []
        for row in NationalTemplates.v2021.table(.two).rows where row.key == "rules" || row.key == "normative" {
            let inForceID = "t2.\(row.key).in_force"
            let issuedID = "t2.\(row.key).issued"
            let repealedID = "t2.\(row.key).repealed"
            guard let this = current.value(inForceID), let last = previous.value(inForceID),
                let issued = current.value(issuedID), let repealed = current.value(repealedID)
            else { continue }
            let expected = last + issued - repealed
            guard this != expected else { continue }
            findings.append(
                result(
                    Finding(
                        code: "R9",
                        severity: .warning,
                        table: .two,
                        figures: refs([inForceID, issuedID, repealedID], current),
                        message: "表二「\(row.name)」行「现行有效件数」为\(text(this))，但按\(previous.year)年度的现行有效件数"
                            + "\(text(last))加本年制发件数\(text(issued))减本年废止件数\(text(repealed))应为\(text(expected))。",
                        location: current.figure(inForceID)?.location
                    ),
                    previous: [inForceID],
                    previous
                )
            )
        }
        return findings
    }

    static func itemCounts(_ previous: Side, _ current: Side) -> [Result] {
        var findings: [Result] = []
        for row in NationalTemplates.v2019.table(.two).rows where row.columns.contains(where: { $0.key == "prior" }) {
            let priorID = "t2.\(row.key).prior"
            let changeID = "t2.\(row.key).change"
            guard let this = current.value(priorID), let last = previous.value(priorID),
                let change = previous.value(changeID)
            else { continue }
            let expected = last + change
            guard this != expected else { continue }
            let signed = change >= 0 ? "+" + text(change) : text(change)
            findings.append(
                result(
                    Finding(
                        code: "R12",
                        severity: .warning,
                        table: .two,
                        figures: refs([priorID], current),
                        message: "表二「\(row.name)」行「上一年项目数量」为\(text(this))，但\(previous.year)年度报告的上一年项目数量"
                            + "\(text(last))加本年增/减\(signed)应为\(text(expected))。",
                        location: current.figure(priorID)?.location
                    ),
                    previous: [priorID, changeID],
                    previous
                )
            )
        }
        return findings
    }

    static func result(_ finding: Finding, previous ids: [String], _ side: Side) -> Result {
        Result(finding: finding, previousFigures: refs(ids, side))
    }

    static func refs(_ ids: [String], _ side: Side) -> [Finding.FigureRef] {
        ids.compactMap { id in side.figure(id).map { Finding.FigureRef(id: $0.id, value: $0.value) } }
    }

    static func text(_ value: Decimal) -> String { "\(value)" }
}
