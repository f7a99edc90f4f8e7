public import Foundation
public import GongkaiModel

/// One figure summed over many reports: the sum of the values they give, and how many gave one (a report printing
/// the cell empty or undeterminable, or not at all, gives none).
public struct FigureSum: Sendable, Hashable {
    public var total: Decimal
    public var reports: Int

    public init(total: Decimal, reports: Int) {
        self.total = total
        self.reports = reports
    }
}

/// Tables 二, 三 and 四 summed over the agencies of a region for one year, as one report that the same rules check
/// and `gongkai render` lays out.
public struct Rollup: Sendable {
    public var report: AnnualReport
    /// The reports summed.
    public var included: [ReportListing]
    /// Reports in the region on the year in another format than the year requires, left out.
    public var excluded: [ReportListing]
    /// For each figure, how many included reports print it empty or with an undeterminable value (not summed).
    public var incomplete: [FigureID: Int]

    /// The region's current reports on the year summed in the store: every cell of the format the year requires,
    /// over the reports in that format.
    public static func build(store: any ReportStore, regionCode: String, regionName: String, year: Int) throws -> Rollup
    {
        let reports = try store.listings(underRegion: regionCode, year: year)
        let template = template(year: year, reports.map { $0.record.template.flatMap(ReportTemplate.init(rawValue:)) })
        let sums = try store.figureSums(underRegion: regionCode, year: year, template: template)
        return Rollup(regionName: regionName, year: year, template: template, reports: reports, sums: sums)
    }

    /// The format a year requires; for a year with none, that of the first report, or 2021.
    static func template(year: Int, _ templates: [ReportTemplate?]) -> ReportTemplate {
        ReportTemplate.required(forYear: year) ?? templates.compactMap { $0 }.first ?? .v2021
    }

    /// Sums given per figure over the reports in `template` (and those in none recognised).
    public init(
        regionName: String,
        year: Int,
        template: ReportTemplate,
        reports: [ReportListing],
        sums: [FigureID: FigureSum]
    ) {
        func inTemplate(_ listing: ReportListing) -> Bool {
            listing.record.template.map { $0 == template.rawValue } ?? true
        }
        included = reports.filter(inTemplate)
        excluded = reports.filter { !inTemplate($0) }
        var figures: [FigureID: Figure] = [:]
        var incomplete: [FigureID: Int] = [:]
        let spec = NationalTemplates.spec(template)
        for table in spec.tables {
            for row in table.rows {
                for (column, id) in zip(row.columns, row.figureIDs) {
                    let sum = sums[id] ?? FigureSum(total: 0, reports: 0)
                    let missing = included.count - sum.reports
                    if missing > 0 { incomplete[id] = missing }
                    let value: CellValue
                    if column.kind == .amount {
                        value = .decimal(sum.total)
                    } else {
                        value = CellValue.decimal(sum.total).integer.map(CellValue.integer) ?? .decimal(sum.total)
                    }
                    figures[id] = Figure(id: id, value: value, printed: value.text)
                }
            }
        }
        self.incomplete = incomplete
        let agencies = included.map(\.agencyName)
        var report = AnnualReport(
            source: SourceInfo(name: "rollup:\(regionName):\(year)", format: .data),
            agency: regionName,
            year: year,
            template: template,
            title: "\(regionName)\(year)年政府信息公开工作年度报告（汇总）",
            introduction: Self.introduction(
                regionName: regionName,
                year: year,
                agencies: agencies,
                excluded: excluded.map(\.agencyName)
            ),
            sections: SectionKind.standard.map { kind in
                ReportSection(
                    kind: kind,
                    printedNumber: nil,
                    title: kind.standardTitle,
                    text: Self.partText(kind, agencies: agencies, incomplete: !incomplete.isEmpty),
                    location: nil
                )
            },
            figures: figures
        )
        report.tables = PrintedTable.rebuilt(for: report)
        self.report = report
    }

    /// At most this many agencies are named again in each part; more are named once, in the introduction.
    static let namedInParts = 5

    /// What the rolled-up report sums: every agency by name, and the reports left out.
    static func introduction(regionName: String, year: Int, agencies: [String], excluded: [String]) -> String {
        var text =
            "本报告由\(regionName)\(agencies.count)个机关的\(year)年政府信息公开工作年度报告汇总而成："
            + agencies.joined(separator: "、") + "。"
        if !excluded.isEmpty {
            text += "另有\(excluded.count)份报告的格式与该年度要求的格式不符，未计入：" + excluded.joined(separator: "、") + "。"
        }
        return text
    }

    /// A part of the rolled-up report says whose reports it sums: the tables are the sums of the agencies' figures,
    /// and the text parts are not summed but left to each agency's own report.
    static func partText(_ kind: SectionKind, agencies: [String], incomplete: Bool) -> String {
        let whose =
            agencies.count <= namedInParts
            ? agencies.joined(separator: "、") + "共\(agencies.count)个机关"
            : "上述\(agencies.count)个机关"
        let table: String
        switch kind {
        case .proactive: table = "表二"
        case .applications: table = "表三"
        case .litigation: table = "表四"
        default:
            return "本部分为文字内容，不作汇总；\(whose)的情况见其各自的年度报告。"
        }
        let gaps = incomplete ? "各报告中为空或无法确定的单元格未计入。" : ""
        return "下表各项为\(whose)年度报告\(table)中相应数字之和。" + gaps
    }

    /// The codes of the rules about a report's own figures: the ones that apply to a sum.
    public static func appliesToSums(_ finding: Finding) -> Bool {
        guard finding.table != nil, finding.code.hasPrefix("R"), let number = Int(finding.code.dropFirst()) else {
            return false
        }
        return number <= 12
    }
}
