import GongkaiModel

/// The parts' text a compiled report starts with: the counts stated where the format asks for them, the rest left
/// for the clerk (part 五 stays empty, so that `gongkai check` reminds of it until it is written).
enum RegisterNarrative {
    static func sections(_ report: AnnualReport, fees: FeeSummary, lateReplies: Int) -> [ReportSection] {
        func value(_ id: String) -> Int { report[FigureID(id)]?.integer ?? 0 }
        let year = report.year.map { "\($0)年" } ?? "本年度"
        var documents = "\(year)制发规章\(value("t2.rules.issued"))件、行政规范性文件\(value("t2.normative.issued"))件，"
        documents += "废止规章\(value("t2.rules.repealed"))件、行政规范性文件\(value("t2.normative.repealed"))件；"
        documents += "截至\(year)底，现行有效规章\(value("t2.rules.in_force"))件、行政规范性文件\(value("t2.normative.in_force"))件。"
        var applications = "\(year)新收政府信息公开申请\(value("t3.received.total"))件，"
        applications += "上年结转\(value("t3.carried_over.total"))件，办结\(value("t3.total.total"))件，"
        applications += "结转下年度继续办理\(value("t3.carried_forward.total"))件"
        applications += lateReplies > 0 ? "，其中超过法定期限答复的\(lateReplies)件。" : "。"
        let overview = [
            "（一）主动公开", documents, "（二）依申请公开", applications, "（三）政府信息管理", "", "（四）政府信息公开平台建设", "",
            "（五）监督保障",
        ].joined(separator: "\n")
        let cases =
            "\(year)涉及政府信息公开的行政复议共\(value("t4.review.total"))件，"
            + "行政诉讼共\(value("t4.suit_direct.total") + value("t4.suit_after_review.total"))件。"
        let unpaid = value("t3.other.unpaid_fee.total")
        var feeText =
            fees.notices == 0 && fees.collectedYuan == 0
            ? "\(year)未收取信息处理费。"
            : "\(year)发出信息处理费收费通知\(fees.notices)件，通知收取金额\(fees.notifiedYuan)元，实际收取金额\(fees.collectedYuan)元。"
        if unpaid > 0 { feeText += "申请人逾期未缴纳信息处理费、不再处理的\(unpaid)件。" }
        let texts: [SectionKind: String] = [
            .overview: overview,
            .proactive: "",
            .applications: applications,
            .litigation: cases,
            .problems: "",
            .otherMatters: feeText,
        ]
        return SectionKind.standard.map { kind in
            ReportSection(
                kind: kind,
                printedNumber: kind.number,
                title: kind.standardTitle,
                text: texts[kind] ?? "",
                location: nil
            )
        }
    }
}

/// A compiled report as the data file `gongkai render` and `gongkai check` take (YAML; strings in double quotes, so
/// that no name or text can add keys), every figure with its labels as a comment.
enum RegisterDataFile {
    static func text(_ report: AnnualReport) -> String {
        let agency = report.agency ?? ""
        let year = report.year.map(String.init) ?? ""
        var lines = [
            "# \(comment(agency))\(year)年政府信息公开工作年度报告 — 数据文件，由政府信息公开登记簿编制",
            "# 表二、表三、表四的数字按登记簿的记录计算；请补写各部分文字（第五部分必须填写），然后：",
            "#   gongkai check 本文件                       检查勾稽关系等",
            "#   gongkai render 本文件 --to docx -o 报告.docx  生成报告（也可 --to pdf、html、md）",
            "agency: \(quoted(agency))",
            "year: \(year)",
            "template: \"\(report.template?.rawValue ?? ReportTemplate.v2021.rawValue)\"",
        ]
        if let title = report.title { lines.append("title: \(quoted(title))") }
        if let date = report.publicationDate { lines.append("publication_date: \"\(date.description)\"") }
        lines.append("introduction: \(quoted(report.introduction))")
        lines.append("sections:")
        for section in report.sections {
            lines.append(
                "  \(section.kind == .otherMatters ? "other_matters" : section.kind.rawValue): \(quoted(section.text))"
            )
        }
        lines.append("figures:")
        for table in report.spec.tables {
            lines.append("  # \(table.kind.name) \(table.kind.title)")
            for row in table.rows {
                for (column, id) in zip(row.columns, row.figureIDs) {
                    guard let figure = report.figures[id] else { continue }
                    lines.append("  \(id.rawValue): \(figure.value.text)  # \(row.fullLabel) — \(column.label)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted string: `"` and `\` escaped, and every character YAML does not allow as it is (control
    /// characters, DEL, C1, U+2028/2029, U+FEFF, U+FFFE/FFFF) as an escape, so the string is one line and reads back
    /// exactly.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value)
                    || [0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF].contains(value)
                {
                    let hex = String(value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Text in a comment, on one line.
    static func comment(_ text: String) -> String {
        let quotedText = quoted(text)
        return String(quotedText.dropFirst().dropLast())
    }
}
