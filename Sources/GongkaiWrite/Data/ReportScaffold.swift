import Foundation
public import GongkaiModel

/// A new data file for a year's report: every part with one line of guidance from the format, and every figure of
/// the template set to 0 in table order, its Chinese labels beside it as a comment.
public enum ReportScaffold {
    /// What the format asks of each part, as the comment above it.
    static let guidance: [SectionKind: String] = [
        .overview: "综述贯彻落实《中华人民共和国政府信息公开条例》情况：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障。",
        .proactive: "（可选）表二前的说明文字；表二的数字填在下面的 figures 中。",
        .applications: "（可选）表三前的说明文字；表三的数字填在下面的 figures 中。",
        .litigation: "（可选）表四前的说明文字；表四的数字填在下面的 figures 中。",
        .problems: "本年度存在的主要问题、上年度报告所列问题的整改情况和具体改进措施。",
        .otherMatters: "信息处理费收取情况（发出收费通知件数、金额和实际收取金额，未收取也应说明）及其他需要报告的事项。",
    ]

    /// The data file. The agency's name is written as a quoted YAML string, and shown in comments with any line
    /// break escaped, so that no name can add keys to the file (``isUsableAgencyName`` tells names with line breaks).
    ///
    /// With last year's report, the file starts from it: 「二、上年结转」 holds last year's 「四、结转下年度继续办理」,
    /// 表二's 现行有效件数 (2021 format) last year's, or 上一年项目数量 (2019 format) last year's plus its 本年增/减,
    /// and each part holds last year's text to rewrite; each carried figure says so in its comment.
    public static func yaml(
        agency: String,
        year: Int,
        template: ReportTemplate,
        previous: AnnualReport? = nil
    ) -> String {
        let carried = previous.map { carriedFigures(from: $0, template: template) } ?? [:]
        var lines: [String] = [
            "# \(commentText(agency))\(year)年政府信息公开工作年度报告 — 数据文件",
            "# 填写各部分文字和各表数字，然后：",
            "#   gongkai check 本文件                       检查勾稽关系等",
            "#   gongkai render 本文件 --to docx -o 报告.docx  生成报告（也可 --to pdf、html、md）",
            "# 各表的「总计」可以不填：gongkai fill-totals 本文件 按明细计算后写入本文件。",
            "agency: \(quoted(agency))",
            "year: \(year)",
            "template: \"\(template.rawValue)\"  # 格式：\(template == .v2021 ? "2021 年版（国办公开办函〔2021〕30号）" : "2019 年版（国办公开办函〔2019〕60号）")",
            "# title: \(commentText(quoted("\(agency)\(year)年政府信息公开工作年度报告")))  # 不填则按机关名称和年度生成",
            "publication_date: \"\(year + 1)-01-20\"  # 发布日期；部门报告应在次年1月31日前公布",
            "introduction: |",
            "  本报告根据《中华人民共和国政府信息公开条例》和\(template.citation)规定的格式编制，"
                + "统计期限为\(year)年1月1日至\(year)年12月31日。",
            "sections:",
        ]
        for kind in SectionKind.standard {
            let numeral = kind.number.map { ChineseNumeral.string($0) + "、" } ?? ""
            lines.append("  # \(numeral)\(kind.standardTitle)：\(guidance[kind] ?? "")")
            lines.append("  \(kind.dataKey): |")
            let lastText = previous?.section(kind)?.text ?? ""
            if let previous, !lastText.isEmpty {
                lines[lines.count - 2] += "（下面是\(previous.year.map { "\($0)年度" } ?? "上年")报告的文字，请按本年度情况改写）"
                lines += blockLines(lastText)
            } else {
                lines.append("")
            }
        }
        lines += figureLines(NationalTemplates.spec(template)) { id, column in
            (carried[id]?.value ?? (column.kind == .amount ? "0.0" : "0"), carried[id].map { "（\($0.note)）" } ?? "")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `figures:` and a line for every cell of the format in table order, each with its Chinese labels as a comment:
    /// `value` gives a cell's value and a note for its comment, or nil for a cell left out (written as a comment).
    /// Rows of `extraRows` (variant rows a report printed) follow their table's rows.
    static func figureLines(
        _ spec: TemplateSpec,
        extraRows: (TableSpec) -> [RowSpec] = { _ in [] },
        value: (FigureID, ColumnSpec) -> (value: String, note: String)?
    ) -> [String] {
        var lines = ["figures:"]
        for table in spec.tables {
            lines.append("  # \(table.kind.name) \(table.kind.title)")
            var block: Int?
            var group: String?
            for row in table.rows + extraRows(table) {
                if let item = row.article20Item, item != block {
                    block = item
                    lines.append("  # 第二十条第（\(ChineseNumeral.string(item))）项")
                }
                if table.kind == .three, let label = row.group?.label, label != group {
                    group = label
                    lines.append("  # \(label)")
                }
                for (column, id) in zip(row.columns, row.figureIDs) {
                    let rowName = table.kind == .four ? row.fullLabel : row.label
                    guard let (value, note) = value(id, column) else {
                        lines.append("  # \(id.rawValue):  # \(rowName) — \(column.label)（原报告未印出此项）")
                        continue
                    }
                    let key = value.isEmpty ? "\(id.rawValue):" : "\(id.rawValue): \(value)"
                    lines.append("  \(key)  # \(rowName) — \(column.label)\(note)")
                }
            }
        }
        return lines
    }

    /// The figures a new year's file takes from last year's report, with the comment saying where each came from.
    /// Only numbers last year's report states are carried; where Gongkai could not read last year's cell, the figure
    /// is left empty (a blank `check` reports) with a comment asking for it, never guessed.
    static func carriedFigures(
        from previous: AnnualReport,
        template: ReportTemplate
    ) -> [FigureID: (
        value: String, note: String
    )] {
        let spec = NationalTemplates.spec(template)
        let lastYear = previous.year.map { "\($0)年度报告" } ?? "上年报告"
        var carried: [FigureID: (value: String, note: String)] = [:]
        func number(_ id: String) -> Decimal? { previous.figures[FigureID(id)]?.value.number }
        func unread(_ id: String) -> Bool { previous.figures[FigureID(id)]?.value == .unknown }
        let unreadNote = "\(lastYear)中此数未能读出，请查对后填写"
        for id in spec.table(.three).row("carried_over")?.figureIDs ?? [] {
            let lastID = id.rawValue.replacingOccurrences(of: "t3.carried_over.", with: "t3.carried_forward.")
            if let value = number(lastID) {
                carried[id] = ("\(value)", "取自\(lastYear)「结转下年度继续办理」")
            } else if unread(lastID) {
                carried[id] = ("", unreadNote)
            }
        }
        let previousTemplate = previous.template ?? .v2021
        for row in spec.table(.two).rows where previousTemplate == template {
            switch template {
            case .v2021:
                let id = "t2.\(row.key).in_force"
                guard row.figureIDs.contains(FigureID(id)) else { continue }
                if let value = number(id) {
                    carried[FigureID(id)] = ("\(value)", "取自\(lastYear)，本年制发、废止后请相应增减")
                } else if unread(id) {
                    carried[FigureID(id)] = ("", unreadNote)
                }
            case .v2019:
                let id = "t2.\(row.key).prior"
                guard row.figureIDs.contains(FigureID(id)) else { continue }
                if let prior = number(id), let change = number("t2.\(row.key).change") {
                    carried[FigureID(id)] = ("\(prior + change)", "\(lastYear)的上一年项目数量加本年增/减")
                } else if unread(id) || unread("t2.\(row.key).change") {
                    carried[FigureID(id)] = ("", unreadNote)
                }
            }
        }
        return carried
    }

    /// Text as the lines of a YAML block under a part's key: each line indented, without leading spaces (the first
    /// line's indentation sets the block's) or characters YAML cannot hold.
    static func blockLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let kept = line.unicodeScalars.filter { !isControl($0) && $0 != "\u{FEFF}" }
            let body = String(String.UnicodeScalarView(kept)).trimmingSpacesAndTabs
            return body.isEmpty ? "" : "    \(body)"
        }
    }

    /// Whether a name can stand in a report's title: one line, without control characters (C0, DEL, C1) or the
    /// Unicode line and paragraph separators.
    public static func isUsableAgencyName(_ name: String) -> Bool {
        !name.unicodeScalars.contains(where: isControl)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// A YAML string in double quotes: `"` and `\` escaped, and every control character, line break or separator
    /// written as an escape, so that the string is one line and reads back exactly.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if isControl(scalar) || scalar == "\u{FEFF}" {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result +=
                        scalar.value <= 0xFF
                        ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                        : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Text in a comment, on one line: control characters and line breaks as YAML escapes would write them.
    static func commentText(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        let escaped = quoted(text)
        return String(escaped.dropFirst().dropLast())
    }
}
