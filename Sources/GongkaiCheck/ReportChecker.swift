public import GongkaiModel

/// Runs every rule on a report and returns the findings in table and row order.
public enum ReportChecker {
    public static func check(_ report: AnnualReport) -> [Finding] {
        []
    }
}
