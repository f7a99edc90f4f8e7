import GongkaiModel
import GongkaiOutput
import GongkaiStore

/// A review for people: the ranking as a table for a terminal or a printout, and each agency's 审核意见.
extension Review {
    /// The year at a glance, the agencies ranked, then those missing and the files that could not be read.
    public var text: String {
        let scope = region.map { "「\($0)」" } ?? "全部机关"
        var lines = [
            "\(year)年度政府信息公开工作年度报告审核情况（\(scope)）",
            "共 \(entries.count) 份报告：\(withErrors) 份有错误，\(withWarningsOnly) 份只有警告，"
                + "\(entries.count - withErrors - withWarningsOnly) 份没有错误和警告；逾期发布 \(late) 份"
                + (hasRegionTree ? "；缺少 \(missing.count) 个机关的报告" : "（未导入地区和机关名录，无法判断缺少哪些机关的报告）")
                + (unreadable.isEmpty ? "。" : "；语料库中另有 \(unreadable.count) 个文件无法读取。"),
        ]
        if !entries.isEmpty {
            let header = ["排名", "机关", "地区", "错误", "警告", "提示", "逾期"]
            let rows = entries.enumerated().map { index, entry in
                [
                    "\(index + 1)", entry.agency, entry.region ?? "", "\(entry.errors)", "\(entry.warnings)",
                    "\(entry.notices)", entry.late ? "逾期" : "",
                ]
            }
            lines.append("")
            lines += Self.table([header] + rows, numeric: [0, 3, 4, 5])
        }
        if !missing.isEmpty {
            lines.append("")
            lines.append("缺少报告（\(missing.count) 个机关）")
            lines += Self.table(
                [["机关", "地区", "地区代码"]] + missing.map { [$0.agency, $0.region ?? "", $0.regionCode ?? ""] },
                numeric: []
            )
        }
        if !unreadable.isEmpty {
            lines.append("")
            lines.append("无法读取的文件（\(unreadable.count) 个，未能归入任何机关）")
            for failure in unreadable.prefix(50) { lines.append("  \(failure.sourcePath)：\(failure.reason)") }
            if unreadable.count > 50 { lines.append("  ……另有 \(unreadable.count - 50) 个") }
        }
        return lines.map(TerminalText.line).joined(separator: "\n") + "\n"
    }

    /// One row per report, ranked, then one per missing agency (status `missing`): for a spreadsheet.
    public var csv: String {
        let header = [
            "rank", "agency", "region", "region_code", "year", "status", "errors", "warnings", "notices", "late",
            "publication_date", "source_path",
        ]
        var rows = [header]
        for (index, entry) in entries.enumerated() {
            rows.append([
                "\(index + 1)", entry.agency, entry.region ?? "", entry.regionCode ?? "", "\(entry.year)", "published",
                "\(entry.errors)", "\(entry.warnings)", "\(entry.notices)", entry.late ? "1" : "0",
                entry.publicationDate?.description ?? "", entry.sourcePath,
            ])
        }
        for agency in missing {
            rows.append([
                "", agency.agency, agency.region ?? "", agency.regionCode ?? "", "\(year)", "missing", "", "", "", "",
                "", "",
            ])
        }
        return rows.map { $0.map(CSVText.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Rows of cells as aligned columns (wide characters counted as two), numbers right-aligned.
    static func table(_ rows: [[String]], numeric: Set<Int>) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            rows.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0
        }
        return rows.map { row in
            "  "
                + row.enumerated().map { column, cell in
                    DisplayWidth.pad(cell, to: widths[column], right: numeric.contains(column))
                }.joined(separator: "  ").trimmingTrailingSpaces
        }
    }

    /// The 审核意见 on one agency's report: its findings as numbered items under 错误 (to correct), 警告 (to verify)
    /// and 提示 (for reference), each with its place in the file where the file has lines a clerk can count.
    public static func opinion(_ entry: Entry, reviewer: String? = nil) -> String {
        let title = "\(entry.agency)\(entry.year)年政府信息公开工作年度报告"
        var lines = [
            "关于《\(title)》的审核意见",
            "",
            "\(entry.agency)：",
            "",
        ]
        let dated = entry.publicationDate.map { "，落款日期\($0.chinese)" } ?? "，未见落款日期"
        let file = entry.sourcePath.split(separator: "/").last.map(String.init) ?? entry.sourcePath
        let source = "（文件：\(file)\(dated)）"
        let counted = entry.errors + entry.warnings
        if counted == 0 {
            lines.append("    经审核，你单位\(entry.year)年政府信息公开工作年度报告\(source)未发现错误和需要核实的问题。")
        } else {
            lines.append(
                "    经审核，你单位\(entry.year)年政府信息公开工作年度报告\(source)有 \(entry.errors) 处错误、"
                    + "\(entry.warnings) 处需要核实的问题，具体如下。请逐项核实改正，"
                    + (entry.errors > 0 ? "修改后重新发布，并将修改情况报送我办。" : "必要时修改后重新发布。")
            )
        }
        let numbered = ["一", "二", "三"]
        var part = 0
        for (severity, heading) in [
            (Severity.error, "错误（须改正）"), (.warning, "需要核实的问题"), (.notice, "提示（供参考）"),
        ] {
            let findings = entry.findings.filter { $0.severity == severity.rawValue }
            guard !findings.isEmpty else { continue }
            lines.append("")
            lines.append("\(numbered[part])、\(heading)")
            part += 1
            for (index, finding) in findings.enumerated() {
                let place = Self.place(finding, format: entry.sourceFormat)
                let scope = finding.scope == .crossYear ? "（与上年报告比较）" : ""
                lines.append("    \(index + 1). \(scope)\(finding.message)\(place)")
            }
        }
        lines += [
            "",
            "",
            "                                        \(reviewer ?? "审核单位：____________")",
            "                                        ____年__月__日",
        ]
        return lines.map(TerminalText.line).joined(separator: "\n") + "\n"
    }

    /// 「（原文第27行）」 for a text or Markdown file; nothing for HTML, Word and PDF, whose line numbers are the
    /// reader's own, not what a clerk sees.
    static func place(_ finding: FindingRecord, format: String) -> String {
        guard ["text", "markdown"].contains(format), let line = finding.line else { return "" }
        return "（原文第\(line)行）"
    }

    /// A file name for an agency's 审核意见: its name and the year, with characters no file system takes replaced.
    public static func opinionFileName(_ entry: Entry) -> String {
        let safe = entry.agency.unicodeScalars.map { scalar -> String in
            "/\\:*?\"<>|".unicodeScalars.contains(scalar) || scalar.value < 0x20 ? "_" : String(scalar)
        }.joined()
        return "\(safe)-\(entry.year)-审核意见.txt"
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
