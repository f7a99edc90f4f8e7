import Foundation
public import GongkaiModel

/// Tables 二, 三 and 四 laid out for a terminal, with 「?」 for cells that could not be determined and 「·」 for
/// cells printed empty. The agency's name is shown through ``TerminalText``.
public enum TableText {
    public static func render(_ report: AnnualReport) -> String {
        var out: [String] = []
        let heading = [
            report.agency.map(TerminalText.line) ?? "（机关未识别）", report.year.map { "\($0)年度" } ?? "（年度未识别）",
            report.template.map { "\($0.rawValue)年格式" } ?? "",
        ]
        out.append(heading.filter { !$0.isEmpty }.joined(separator: "  "))
        let spec = report.spec
        for table in spec.tables {
            out.append("")
            out.append("\(table.kind.name) \(table.kind.title)")
            guard report.table(table.kind) != nil else {
                out.append("  （未找到）")
                continue
            }
            switch table.kind {
            case .two:
                let labelWidth = table.rows.map { DisplayWidth.of($0.name) }.max() ?? 0
                for row in table.rows {
                    let cells = row.columns.map { "\($0.label) \(cell(report, row.figureID($0)))" }
                    out.append("  " + DisplayWidth.pad(row.name, to: labelWidth) + "  " + cells.joined(separator: "  "))
                }
            case .three:
                let rows = table.rows + table.variantRows.filter { report[$0.figureIDs[0]] != nil }
                let labels = rows.filter { report[$0.figureIDs[0]] != nil || !$0.isVariant }.map(shortLabel)
                let labelWidth = min(labels.map { DisplayWidth.of($0) }.max() ?? 0, 34)
                let columns = NationalTemplates.applicantColumns
                let widths = columns.map { max(DisplayWidth.of($0.label), 6) }
                out.append(
                    "  " + DisplayWidth.pad("", to: labelWidth) + "  "
                        + zip(columns, widths).map { DisplayWidth.pad($0.label, to: $1, right: true) }.joined(
                            separator: " "
                        )
                )
                for row in rows {
                    if row.isVariant && report[row.figureIDs[0]] == nil { continue }
                    let values = zip(row.figureIDs, widths).map { id, width in
                        DisplayWidth.pad(cell(report, id), to: width, right: true)
                    }
                    out.append(
                        "  " + DisplayWidth.pad(truncate(shortLabel(row), labelWidth), to: labelWidth) + "  "
                            + values.joined(separator: " ")
                    )
                }
            case .four:
                let columns = NationalTemplates.litigationColumns
                let widths = columns.map { max(DisplayWidth.of($0.label), 6) }
                out.append(
                    "  " + DisplayWidth.pad("", to: 16) + "  "
                        + zip(columns, widths).map { DisplayWidth.pad($0.label, to: $1, right: true) }.joined(
                            separator: " "
                        )
                )
                for row in table.rows {
                    let values = zip(row.figureIDs, widths).map {
                        DisplayWidth.pad(cell(report, $0), to: $1, right: true)
                    }
                    out.append("  " + DisplayWidth.pad(row.name, to: 16) + "  " + values.joined(separator: " "))
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The main figures of a year against the year before: this year, last year and the change, for the rows a
    /// supervisor compares first. A cell not stated in either report shows 「-」.
    public static func comparison(_ current: AnnualReport, _ previous: AnnualReport, year: Int) -> String {
        func text(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "-" }
        let labelWidth = YearComparison.rows.map { DisplayWidth.of($0.label) }.max() ?? 0
        var lines = [
            "与\(year - 1)年度比较",
            "  " + DisplayWidth.pad("", to: labelWidth) + "  "
                + ["\(year)年", "\(year - 1)年", "增减"].map { DisplayWidth.pad($0, to: 8, right: true) }
                .joined(separator: " "),
        ]
        for (label, id) in YearComparison.rows {
            let this = current[id]?.number
            let last = previous[id]?.number
            guard this != nil || last != nil else { continue }
            let change = this.flatMap { a in last.map { b in a - b } }
            let changeText = change.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? "-"
            lines.append(
                "  " + DisplayWidth.pad(label, to: labelWidth) + "  "
                    + [text(this), text(last), changeText].map { DisplayWidth.pad($0, to: 8, right: true) }
                    .joined(separator: " ")
            )
        }
        return lines.joined(separator: "\n")
    }

    /// The row's label; a numbered row (「1.属于国家秘密」) with its group's marker before it, 「（三）1.属于国家秘密」, so
    /// that rows of different groups numbered alike are told apart.
    static func shortLabel(_ row: RowSpec) -> String {
        guard let marker = row.group?.marker, marker.printed.hasPrefix("（"),
            row.label.unicodeScalars.first.map({ (0x30...0x39).contains($0.value) }) == true
        else { return row.label }
        return marker.printed + row.label
    }

    static func truncate(_ text: String, _ width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var result = ""
        for character in text {
            if DisplayWidth.of(result + String(character)) > width - 1 { break }
            result.append(character)
        }
        return result + "…"
    }

    static func cell(_ report: AnnualReport, _ id: FigureID) -> String {
        switch report[id] {
        case nil: "-"
        case .blank: "·"
        case .unknown: "?"
        case let value?: value.text
        }
    }
}
