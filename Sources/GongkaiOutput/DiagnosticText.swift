public import GongkaiModel

/// Findings for people: grouped by table, each as `file:line:col: 错误 [R2] message`, then the source line with a
/// caret under the place, the way compilers show errors. Text from the report and the file name are shown through
/// ``TerminalText``: a report's control characters never reach the terminal.
public enum DiagnosticText {
    public struct Style: Sendable {
        public var color: Bool
        public var minimumSeverity: Severity

        public init(color: Bool = false, minimumSeverity: Severity = .notice) {
            self.color = color
            self.minimumSeverity = minimumSeverity
        }
    }

    public static func render(_ report: AnnualReport, findings: [Finding], style: Style = Style()) -> String {
        let shown = findings.filter { $0.severity <= style.minimumSeverity }
        var out: [String] = [summaryLine(report, findings: findings)]
        let groups: [(TableKind?, String)] = [(nil, "报告整体")] + TableKind.allCases.map { ($0, "\($0.name) \($0.title)") }
        for (table, title) in groups {
            let items = shown.filter { $0.table == table }
            guard !items.isEmpty else { continue }
            out.append("")
            out.append(style.color ? "\u{1B}[1m\(title)\u{1B}[0m" : title)
            for finding in items { out += lines(finding, report: report, style: style) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `report.txt: 漳州市司法局 2023年度 2021年格式 — 3 个错误，1 个警告，2 个提示`.
    public static func summaryLine(_ report: AnnualReport, findings: [Finding]) -> String {
        let who = [report.agency, report.year.map { "\($0)年度" }, report.template.map { "\($0.rawValue)年格式" }]
            .compactMap { $0 }.joined(separator: " ")
        let counts = Severity.allCases.map { severity in
            "\(findings.filter { $0.severity == severity }.count) 个\(severity.chinese)"
        }
        return TerminalText.line(
            "\(report.source.name): \(who.isEmpty ? "（机关、年度未识别）" : who) — " + counts.joined(separator: "，")
        )
    }

    /// Where the cell stands in the file as a person opens it, for sources whose line numbers are Gongkai's own:
    /// 「（第4页）」 in a PDF, 「（表格2 第4行第3列）」 in a web page or Word file.
    static func printedPlace(_ location: SourceLocation) -> String {
        if let page = location.page { return "（第\(page)页）" }
        if let table = location.table, let row = location.row, let cell = location.cell {
            return "（表格\(table) 第\(row)行第\(cell)列）"
        }
        return ""
    }

    /// For a data file, the keys of the blank cells a finding names, which the clerk fills in:
    /// 「（要填的键：t3.received.commercial、t3.received.research）」.
    static func dataKeys(_ finding: Finding) -> String {
        let keys = finding.figures.filter { $0.value == .blank }.map(\.id.rawValue)
        guard !keys.isEmpty else { return "" }
        return "（要填的键：" + keys.prefix(8).joined(separator: "、") + (keys.count > 8 ? " 等\(keys.count)个" : "") + "）"
    }

    static func lines(_ finding: Finding, report: AnnualReport, style: Style) -> [String] {
        let place = TerminalText.line(
            finding.location.map { "\(report.source.name):\($0.shortDescription)" } ?? report.source.name
        )
        let severity = finding.severity.chinese
        let colored: String
        if style.color {
            let code =
                switch finding.severity {
                case .error: "31"
                case .warning: "33"
                case .notice: "36"
                }
            colored = "\u{1B}[1;\(code)m\(severity)\u{1B}[0m"
        } else {
            colored = severity
        }
        var printed = finding.location.map(printedPlace) ?? ""
        if report.source.format == .data { printed += dataKeys(finding) }
        var result = [
            "\(place): \(colored) [\(TerminalText.line(finding.code))] \(TerminalText.line(finding.message))\(printed)"
        ]
        if let location = finding.location, let line = location.line, line >= 1, line <= report.source.lines.count {
            result += excerpt(
                report.source.lines[line - 1],
                line: line,
                column: location.column,
                endColumn: location.endColumn
            )
        }
        return result
    }

    /// The source line (tabs shown as spaces, other control characters as ``TerminalText`` shows them, long lines cut
    /// around the place) and a caret under `column`.
    static func excerpt(_ text: String, line: Int, column: Int?, endColumn: Int?) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let start = max(0, (column ?? 1) - 1)
        let window = 36
        let from = start > window ? start - window : 0
        let to = min(scalars.count, start + window + 24)
        var shown = ""
        var caretOffset = 0
        var caretWidth = 1
        if from > 0 { shown += "…" }
        for index in from..<to {
            if index == start { caretOffset = DisplayWidth.of(shown) }
            shown += shownText(scalars[index])
        }
        if start >= to { caretOffset = DisplayWidth.of(shown) }
        if to < scalars.count { shown += "…" }
        if let endColumn, endColumn - 1 > start, endColumn - 1 <= to {
            let marked = scalars[start..<(endColumn - 1)].reduce(0) { $0 + DisplayWidth.of(shownText($1)) }
            caretWidth = max(1, marked)
        }
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        return [
            " \(gutter) | \(shown)",
            " \(pad) | " + String(repeating: " ", count: caretOffset) + "^"
                + String(repeating: "~", count: caretWidth - 1),
        ]
    }

    /// How a source line's scalar is shown: a tab as two spaces, a control character as its picture.
    static func shownText(_ scalar: Unicode.Scalar) -> String {
        if scalar == "\t" { return "  " }
        return String(TerminalText.picture(of: scalar, keepingLineBreaks: false) ?? scalar)
    }
}
