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
        var report = AnnualReport(
            source: SourceInfo(name: "rollup:\(regionName):\(year)", format: .data),
            agency: "\(regionName)（\(included.count)个机关汇总）",
            year: year,
            template: template,
            title: "\(regionName)\(year)年政府信息公开工作年度报告汇总",
            figures: figures
        )
        report.tables = PrintedTable.rebuilt(for: report)
        self.report = report
    }

    /// The codes of the rules about a report's own figures: the ones that apply to a sum.
    public static func appliesToSums(_ finding: Finding) -> Bool {
        guard finding.table != nil, finding.code.hasPrefix("R"), let number = Int(finding.code.dropFirst()) else {
            return false
        }
        return number <= 12
    }
}
