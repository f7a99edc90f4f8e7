import GongkaiModel

/// The narrative against the tables: R13 (applications received) and R14 (administrative reviews and lawsuits).
/// Only clear statements are compared, so that a report that is right raises nothing.
enum NarrativeRules {
    static let negations = ["未收到", "没有收到", "未受理", "无依申请", "没有依申请", "未接到", "未发生依申请", "无政府信息公开申请"]
    static let receiving = ["收到", "受理", "新收", "接收"]
    static let unrelated = ["复议", "诉讼", "信访", "提案", "建议", "投诉", "结转", "上年", "顺延", "答复"]
    /// A count of a part, not of the whole: 「其中…」, 「区政府办代表区政府受理…」.
    static let partial = ["其中", "代表"]
    static let caseNegations = ["未发生", "没有发生", "未出现", "没有出现", "无行政复议", "无行政诉讼", "未收到", "没有", "未被", "无因"]

    static func check(_ report: AnnualReport) -> [Finding] {
        // The key of the whole narrative, made once for both rules.
        let key = LabelText.key(([report.introduction] + report.sections.map(\.text)).joined(separator: "\n"))
        return applications(report, key: key) + cases(report, key: key)
    }

    /// The readings of a row's total: as printed, and as the sum of its other columns (when all are numbers).
    static func totals(_ report: AnnualReport, _ table: TableKind, _ key: String) -> Set<Int> {
        guard let row = report.spec.table(table).row(key), let totalID = row.figureIDs.last else { return [] }
        var values = Set<Int>()
        if let printed = report[totalID]?.integer { values.insert(printed) }
        let parts = row.figureIDs.dropLast().compactMap { report[$0]?.integer }
        if parts.count == row.figureIDs.count - 1, let sum = parts.checkedSum { values.insert(sum) }
        return values
    }

    /// Each reading of `first`, each of `second`, and each sum of one of each that fits in an integer.
    static func combined(_ first: Set<Int>, _ second: Set<Int>) -> Set<Int> {
        var result = first.union(second)
        for a in first {
            for b in second {
                let (sum, overflow) = a.addingReportingOverflow(b)
                if !overflow { result.insert(sum) }
            }
        }
        return result
    }

    static func applications(_ report: AnnualReport, key: String) -> [Finding] {
        let received = totals(report, .three, "received")
        guard !received.isEmpty else { return [] }
        // Stated counts may include applications carried over from last year.
        let acceptable = combined(received, totals(report, .three, "carried_over"))
        let receivedID = FigureID("t3.received.total")
        let refs = [Finding.FigureRef(id: receivedID, value: report[receivedID] ?? .unknown)]
        for clause in Clauses.split(key: key[...]) {
            // Only a stated count (「…21件」) or a negation (未…, 没有…, 无…) can disagree with the table.
            guard clause.includes("件") || clause.includes("未") || clause.includes("没") || clause.includes("无") else {
                continue
            }
            guard !clause.includesAny(of: unrelated) || clause.includesAny(of: negations) else {
                continue
            }
            if clause.includesAny(of: negations), !clause.includes("复议"), !clause.includes("诉讼"),
                let most = received.max(), most > 0
            {
                return [
                    Finding(
                        code: "R13",
                        severity: .warning,
                        table: .three,
                        figures: refs,
                        message: "正文称「\(clause)」，但表三「一、本年新收政府信息公开申请数量」总计为\(most)。",
                        location: locate(clause, in: report)
                    )
                ]
            }
            guard clause.includesAny(of: receiving), clause.includes("申请"),
                !clause.includesAny(of: unrelated), !clause.includesAny(of: partial),
                let stated = Clauses.counts(clause).first
            else { continue }
            if !acceptable.contains(stated) {
                return [
                    Finding(
                        code: "R13",
                        severity: .warning,
                        table: .three,
                        figures: refs,
                        message: "正文称「\(clause)」，与表三不符：「一、本年新收政府信息公开申请数量」总计为"
                            + "\(received.sorted().map(String.init).joined(separator: "（各列合计") + (received.count > 1 ? "）" : ""))。",
                        location: locate(clause, in: report)
                    )
                ]
            }
        }
        return []
    }

    static func cases(_ report: AnnualReport, key: String) -> [Finding] {
        let review = totals(report, .four, "review")
        let suits = combined(totals(report, .four, "suit_direct"), totals(report, .four, "suit_after_review"))
        guard !review.isEmpty || !suits.isEmpty else { return [] }
        var findings: [Finding] = []
        func refs(_ groups: [String]) -> [Finding.FigureRef] {
            groups.map { FigureID("t4.\($0).total") }.map { Finding.FigureRef(id: $0, value: report[$0] ?? .unknown) }
        }
        for sentence in Clauses.sentences(ofKey: key[...])
        where sentence.includes("复议") || sentence.includes("诉讼") || sentence.includes("起诉") {
            let aboutDisclosure = sentence.includes("信息公开") || sentence.includes("依申请")
            for clause in Clauses.split(key: sentence) {
                let mentionsReview = clause.includes("复议") && !clause.includes("复议后")
                let mentionsSuit = clause.includes("诉讼") || clause.includes("起诉")
                guard mentionsReview || mentionsSuit else { continue }
                let counts = Clauses.counts(clause)
                if counts.isEmpty, clause.includesAny(of: caseNegations), !clause.includes("尚未") {
                    if mentionsReview, let most = review.max(), most > 0 {
                        findings.append(
                            finding("正文称「\(clause)」，但表四行政复议总计为\(most)。", refs(["review"]), clause, report)
                        )
                    }
                    if mentionsSuit, let most = suits.max(), most > 0 {
                        findings.append(
                            finding(
                                "正文称「\(clause)」，但表四行政诉讼合计为\(most)。",
                                refs(["suit_direct", "suit_after_review"]),
                                clause,
                                report
                            )
                        )
                    }
                    continue
                }
                guard aboutDisclosure, let stated = counts.first, mentionsReview != mentionsSuit else { continue }
                if mentionsReview, !review.isEmpty, !review.contains(stated) {
                    findings.append(
                        finding(
                            "正文称「\(clause)」，与表四不符：行政复议总计为\(review.sorted().map(String.init).joined(separator: "或"))。",
                            refs(["review"]),
                            clause,
                            report
                        )
                    )
                }
                if mentionsSuit, !suits.isEmpty, !suits.contains(stated) {
                    findings.append(
                        finding(
                            "正文称「\(clause)」，与表四不符：未经复议直接起诉与复议后起诉的总计合为"
                                + "\(suits.sorted().map(String.init).joined(separator: "或"))。",
                            refs(["suit_direct", "suit_after_review"]),
                            clause,
                            report
                        )
                    )
                }
            }
        }
        return findings
    }

    static func finding(
        _ message: String,
        _ refs: [Finding.FigureRef],
        _ clause: Substring,
        _ report: AnnualReport
    ) -> Finding {
        Finding(
            code: "R14",
            severity: .warning,
            table: .four,
            figures: refs,
            message: message,
            location: locate(clause, in: report)
        )
    }

    /// The source line where a clause starts.
    static func locate(_ clause: Substring, in report: AnnualReport) -> SourceLocation? {
        let probe = String(clause.prefix(8))
        guard !probe.isEmpty else { return nil }
        for (index, line) in report.source.lines.enumerated() where LabelText.key(line).includes(probe) {
            return .text(line: index + 1, column: 1)
        }
        return nil
    }
}
