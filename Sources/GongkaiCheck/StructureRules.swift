public import GongkaiModel

/// The report as a document: its title, its format against its year, its six parts, and when it was dated.
enum StructureRules {
    static func check(_ report: AnnualReport) -> [Finding] {
        title(report) + templateYear(report) + sections(report) + contents(report) + timeliness(report)
    }

    static func title(_ report: AnnualReport) -> [Finding] {
        var findings: [Finding] = []
        if report.year == nil {
            findings.append(
                Finding(
                    code: "missing-year",
                    severity: .warning,
                    message: "无法从标题或导语中识别报告所属年度；标题应写明「××××年政府信息公开工作年度报告」。",
                    location: report.titleLocation
                )
            )
        }
        if let agency = report.agency, agency.count <= 5,
            !["省", "市", "区", "县", "州", "盟", "旗", "镇", "乡", "国"].contains(where: agency.contains)
        {
            findings.append(
                Finding(
                    code: "agency-incomplete",
                    severity: .notice,
                    message: "标题中的机关名称「\(agency)」没有写明所属地区；标题应使用机关全称（如「××市××区\(agency)」）。",
                    location: report.titleLocation
                )
            )
        }
        if report.agency == nil {
            findings.append(
                Finding(
                    code: "missing-agency",
                    severity: .warning,
                    message: "无法从标题中识别发布机关；标题应写明机关全称。",
                    location: report.titleLocation
                )
            )
        }
        return findings
    }

    static func templateYear(_ report: AnnualReport) -> [Finding] {
        guard let year = report.year, let template = report.template,
            let required = ReportTemplate.required(forYear: year), required != template
        else { return [] }
        let late = template == .v2019
        return [
            Finding(
                code: "template-year",
                severity: late ? .error : .warning,
                table: .two,
                message: late
                    ? "\(year)年度报告应使用2021年格式（\(ReportTemplate.v2021.citation)），本报告的表格是已停用的2019年格式。"
                    : "\(year)年度报告应使用2019年格式（\(ReportTemplate.v2019.citation)），本报告使用的是2021年格式。",
                location: report.table(.two)?.location
            )
        ]
    }

    static func sections(_ report: AnnualReport) -> [Finding] {
        var findings: [Finding] = []
        let present = Set(report.sections.map(\.kind))
        for kind in SectionKind.standard where !present.contains(kind) {
            guard let number = kind.number else { continue }
            findings.append(
                Finding(
                    code: "missing-section",
                    severity: .warning,
                    message: "报告缺少第\(ChineseNumeral.string(number))部分「\(kind.standardTitle)」。",
                    location: report.titleLocation
                )
            )
        }
        let extras = report.sections.filter { $0.kind == .extra }
        for extra in extras {
            let number = extra.printedNumber.map { "\(ChineseNumeral.string($0))、" } ?? ""
            findings.append(
                Finding(
                    code: "extra-section",
                    severity: .notice,
                    message: "报告在格式规定的六个部分之外插入了「\(number)\(extra.title)」，其后各部分序号因此顺延；"
                        + "此类内容宜写入「六、其他需要报告的事项」。",
                    location: extra.location
                )
            )
        }
        if extras.isEmpty {
            for section in report.sections {
                guard let expected = section.kind.number, let printed = section.printedNumber, printed != expected
                else {
                    continue
                }
                findings.append(
                    Finding(
                        code: "section-number",
                        severity: .notice,
                        message: "「\(section.title)」应为第\(ChineseNumeral.string(expected))部分，"
                            + "报告中编为「\(ChineseNumeral.string(printed))、」。",
                        location: section.location
                    )
                )
            }
        }
        // Parts found by their sub-headings, their own heading not printed.
        for section in report.sections where section.printedNumber == nil && section.title.isEmpty {
            guard let number = section.kind.number else { continue }
            findings.append(
                Finding(
                    code: "missing-heading",
                    severity: .warning,
                    message: "第\(ChineseNumeral.string(number))部分没有标题「\(ChineseNumeral.string(number))、"
                        + "\(section.kind.standardTitle)」，其内容从小标题开始。",
                    location: section.location
                )
            )
        }
        // Headings inside a part that reuse the top-level numerals 「一、」「二、」….
        var nested: [Int: [Heading]] = [:]
        var owner = -1
        let starts = report.headings
        for (index, heading) in starts.enumerated() {
            if heading.startsSection {
                owner = index
            } else if owner >= 0 {
                nested[owner, default: []].append(heading)
            }
        }
        for (ownerIndex, headings) in nested.sorted(by: { $0.key < $1.key }) {
            let parent = starts[ownerIndex]
            let list = headings.prefix(6).map { "「\(ChineseNumeral.string($0.number))、\($0.title)」" }
            findings.append(
                Finding(
                    code: "duplicate-numeral",
                    severity: .warning,
                    message: "「\(ChineseNumeral.string(parent.number))、\(parent.title)」中的小标题"
                        + list.joined(separator: "")
                        + (headings.count > 6 ? "等" : "")
                        + "使用了与报告各部分相同的一级序号，章节层次容易混淆；小标题应使用「（一）」「（二）」。",
                    location: headings[0].location
                )
            )
        }
        return findings
    }

    /// Sections 一 and 五 must say something; from 2021 on, section 六 must report the 信息处理费, and before, say
    /// something (「无」 will do). Sections 二 to 四 hold tables, whose absence is reported as such.
    static func contents(_ report: AnnualReport) -> [Finding] {
        var findings: [Finding] = []
        if let overview = report.section(.overview), overview.text.trimmingWhitespace.isEmpty {
            findings.append(
                Finding(
                    code: "section1-empty",
                    severity: .warning,
                    message: "第一部分「总体情况」没有内容；应概述本年度主动公开、依申请公开、政府信息管理、"
                        + "平台建设和监督保障等工作情况。",
                    location: overview.location
                )
            )
        }
        if let year = report.year, year < 2021, let other = report.section(.otherMatters),
            other.text.trimmingWhitespace.isEmpty
        {
            findings.append(
                Finding(
                    code: "section6-empty",
                    severity: .warning,
                    message: "第六部分「其他需要报告的事项」没有内容；没有需要报告的事项也应写明「无」。",
                    location: other.location
                )
            )
        }
        if let problems = report.section(.problems),
            problems.text.trimmingWhitespace.isEmpty
                || ["无", "无。", "暂无", "暂无。"].contains(problems.text.trimmingWhitespace)
        {
            findings.append(
                Finding(
                    code: "section5-empty",
                    severity: .warning,
                    message: "第五部分「存在的主要问题及改进情况」没有内容；应写明本年存在的问题、上年问题的整改情况和改进措施。",
                    location: problems.location
                )
            )
        }
        if let year = report.year, year >= 2021, let other = report.section(.otherMatters) {
            let texts = [other.text] + report.sections.filter { $0.kind == .extra }.map { $0.title + "\n" + $0.text }
            if !texts.contains(where: FeeStatement.mentionsFees) {
                findings.append(
                    Finding(
                        code: "fees-silent",
                        severity: .warning,
                        message: "第六部分「其他需要报告的事项」没有说明信息处理费的收取情况"
                            + "（按《政府信息公开信息处理费管理办法》，未收取也应写明）。",
                        location: other.location
                    )
                )
            }
        }
        return findings
    }

    /// A report dated after its statutory deadline: 31 January for departments, 31 March for a people's government.
    static func timeliness(_ report: AnnualReport) -> [Finding] {
        guard let year = report.year, let date = report.publicationDate else { return [] }
        let isGovernment = PublicationDeadline.isGovernment(report.agency)
        guard let deadline = PublicationDeadline.date(year: year, agency: report.agency), date > deadline else {
            return []
        }
        return [
            Finding(
                code: "late-publication",
                severity: .warning,
                message: "报告落款日期为\(date.chinese)，晚于法定期限\(deadline.chinese)（《条例》第四十九条："
                    + (isGovernment ? "本级人民政府年度报告应在每年3月31日前公布" : "政府部门应在每年1月31日前公布上一年度报告")
                    + "）。",
                location: report.publicationDateLocation
            )
        ]
    }
}

/// When a report on a year must be published (《条例》第四十九条): by 31 January of the next year for a department, by
/// 31 March for a people's government.
public enum PublicationDeadline {
    public static func date(year: Int, agency: String?) -> CalendarDate? {
        CalendarDate(year: year + 1, month: isGovernment(agency) ? 3 : 1, day: 31)
    }

    /// Whether the issuing body is a people's government (「…人民政府」, 「…政府」) rather than one of its departments.
    public static func isGovernment(_ agency: String?) -> Bool {
        agency.map { $0.ends(with: "人民政府") || $0.ends(with: "政府") } ?? false
    }

    /// Whether a report dated `published` is late.
    public static func isLate(year: Int, agency: String?, published: CalendarDate?) -> Bool {
        guard let published, let deadline = date(year: year, agency: agency) else { return false }
        return published > deadline
    }
}

extension String {
    var trimmingWhitespace: String {
        var result = Substring(self)
        while let first = result.first, first.isWhitespace { result = result.dropFirst() }
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return String(result)
    }
}
