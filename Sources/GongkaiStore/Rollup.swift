import Foundation
public import GongkaiModel

/// Tables 二, 三 and 四 summed over the agencies of a region for one year, as one report that the same rules check
/// and `gongkai render` lays out.
public struct Rollup: Sendable {
    public var report: AnnualReport
    /// The reports summed.
    public var included: [StoredReport]
    /// Reports in the region on the year in another format than the year requires, left out.
    public var excluded: [StoredReport]
    /// For each figure, how many included reports print it empty or with an undeterminable value (not summed).
    public var incomplete: [FigureID: Int]

    /// Sums the reports' figures: every cell of the format the year requires, over the reports in that format.
    public init(regionName: String, year: Int, reports: [StoredReport]) {
        let template =
            ReportTemplate.required(forYear: year)
            ?? reports.compactMap(\.template).first ?? .v2021
        included = reports.filter { ($0.template ?? template) == template }
        excluded = reports.filter { ($0.template ?? template) != template }
        var figures: [FigureID: Figure] = [:]
        var incomplete: [FigureID: Int] = [:]
        let spec = NationalTemplates.spec(template)
        for table in spec.tables {
            for row in table.rows {
                for (column, id) in zip(row.columns, row.figureIDs) {
                    var sum: Decimal = 0
                    var missing = 0
                    for stored in included {
                        if let number = stored.figures[id]?.value.number {
                            sum += number
                        } else {
                            missing += 1
                        }
                    }
                    if missing > 0 { incomplete[id] = missing }
                    let value: CellValue
                    if column.kind == .amount {
                        value = .decimal(sum)
                    } else {
                        value = CellValue.decimal(sum).integer.map(CellValue.integer) ?? .decimal(sum)
                    }
                    figures[id] = Figure(id: id, value: value, printed: value.text)
                }
            }
        }
        self.incomplete = incomplete
        let agencies = included.map(\.agency.name)
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
                excluded: excluded.map(\.agency.name)
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
