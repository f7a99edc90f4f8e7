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
    public static func yaml(agency: String, year: Int, template: ReportTemplate) -> String {
        var lines: [String] = [
            "# \(commentText(agency))\(year)年政府信息公开工作年度报告 — 数据文件",
            "# 填写各部分文字和各表数字，然后：",
            "#   gongkai check 本文件                       检查勾稽关系等",
            "#   gongkai render 本文件 --to docx -o 报告.docx  生成报告（也可 --to pdf、html、md）",
            "# 各表的「总计」可以不填，用 gongkai render --fill-totals 自动计算。",
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
            lines.append("")
        }
        lines.append("figures:")
        let spec = NationalTemplates.spec(template)
        for table in spec.tables {
            lines.append("  # \(table.kind.name) \(table.kind.title)")
            var block: Int?
            var group: String?
            for row in table.rows {
                if let item = row.article20Item, item != block {
                    block = item
                    lines.append("  # 第二十条第（\(ChineseNumeral.string(item))）项")
                }
                if table.kind == .three, let label = row.group?.label, label != group {
                    group = label
                    lines.append("  # \(label)")
                }
                for (column, id) in zip(row.columns, row.figureIDs) {
                    let value = column.kind == .amount ? "0.0" : "0"
                    let rowName = table.kind == .four ? row.fullLabel : row.label
                    lines.append("  \(id.rawValue): \(value)  # \(rowName) — \(column.label)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
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
