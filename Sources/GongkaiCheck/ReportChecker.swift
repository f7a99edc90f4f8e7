public import GongkaiModel

/// Runs every rule on a report and returns the findings: report-wide ones first, then by table, each in source order.
public enum ReportChecker {
    public static func check(_ report: AnnualReport) -> [Finding] {
        var findings: [Finding] = []
        findings += StructureRules.check(report)
        findings += TableStateRules.check(report)
        findings += ArithmeticRules.check(report)
        findings += NarrativeRules.check(report)
        return sorted(findings)
    }

    /// Report-wide findings first, then 表二, 表三, 表四; within a group by position in the source.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.table?.rawValue ?? 0, lhs.element.location?.line ?? Int.max, lhs.offset)
            let right = (rhs.element.table?.rawValue ?? 0, rhs.element.location?.line ?? Int.max, rhs.offset)
            return left < right
        }.map(\.element)
    }

    /// Whether any finding is an error.
    public static func hasErrors(_ findings: [Finding]) -> Bool {
        findings.contains { $0.severity == .error }
    }
}
