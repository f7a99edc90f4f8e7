import Foundation
public import GongkaiModel

extension ReportScaffold {
    /// The data file of a report already read (from a published file, a stored report, or another data file): the
    /// same layout as a new file, with the report's agency, year, date, title, the text of each part and every
    /// figure as read. A cell printed empty, or whose number could not be read, is left empty with a comment
    /// saying which; a cell the report does not print is written as a comment, so that the file reads back to the
    /// same figures.
    public static func yaml(filledFrom report: AnnualReport) -> String {
        let template = report.template ?? report.year.flatMap(ReportTemplate.required(forYear:)) ?? .v2021
        let agency = report.agency ?? ""
        let yearText = report.year.map { "\($0)年" } ?? ""
        var lines: [String] = [
            "# \(commentText(agency))\(yearText)政府信息公开工作年度报告 — 数据文件",
            "# 文字和数字读自原报告「\(commentText(report.source.name))」；空着的数字请对照原报告填写。",
            "#   gongkai check 本文件                       检查勾稽关系等",
            "#   gongkai render 本文件 --to docx -o 报告.docx  生成报告（也可 --to pdf、html、md）",
            report.agency == nil ? "agency: \"\"  # 未能读出机关名称，请填写" : "agency: \(quoted(agency))",
            report.year.map { "year: \($0)" } ?? "year:  # 未能读出年度，请填写",
            "template: \"\(template.rawValue)\"  # 格式：\(template == .v2021 ? "2021 年版（国办公开办函〔2021〕30号）" : "2019 年版（国办公开办函〔2019〕60号）")",
        ]
        if let title = report.title, !title.isEmpty {
            lines.append("title: \(quoted(title))")
        }
        if let date = report.publicationDate {
            lines.append("publication_date: \"\(date.description)\"")
        } else {
            lines.append("# publication_date: \"\(report.year.map { "\($0 + 1)" } ?? "")-01-20\"  # 原报告未印出发布日期")
        }
        let introduction = blockLines(report.introduction)
        if !introduction.allSatisfy(\.isEmpty) {
            lines.append("introduction: |")
            lines += introduction
        }
        lines.append("sections:")
        for kind in SectionKind.standard {
            let numeral = kind.number.map { ChineseNumeral.string($0) + "、" } ?? ""
            lines.append("  # \(numeral)\(kind.standardTitle)")
            lines.append("  \(kind.dataKey): |")
            let text = blockLines(report.section(kind)?.text ?? "")
            lines += text.allSatisfy(\.isEmpty) ? [""] : text
        }
        let spec = NationalTemplates.spec(template)
        lines += figureLines(
            spec,
            extraRows: { table in
                table.variantRows.filter { row in row.figureIDs.contains { report.figures[$0] != nil } }
            },
            value: { id, _ in
                guard let figure = report.figures[id] else { return nil }
                switch figure.value {
                case .integer, .decimal: return (figure.value.text, "")
                case .blank: return ("", "（原报告此格为空）")
                case .unknown: return ("", "（未能读出，请对照原报告填写）")
                }
            }
        )
        return lines.joined(separator: "\n") + "\n"
    }
}
