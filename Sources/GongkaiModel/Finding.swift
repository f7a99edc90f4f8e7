/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// The report is wrong or incomplete and must be corrected.
    case error
    /// Probably a problem; a person should look.
    case warning
    /// A deviation from the format's wording or layout that does not change the figures.
    case notice

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .notice: 2
        }
    }

    /// 「错误」, 「警告」, 「提示」.
    public var chinese: String {
        switch self {
        case .error: "错误"
        case .warning: "警告"
        case .notice: "提示"
        }
    }
}

/// One problem found in a report.
public struct Finding: Hashable, Sendable, Codable {
    /// A stable code: a rule of the format specification (`R1`, `R2`, …) or a named check (`missing-row`).
    public var code: String
    public var severity: Severity
    /// The table the finding is about, if any.
    public var table: TableKind?
    /// The cells involved, with their values.
    public var figures: [FigureRef]
    /// What is wrong, in plain Chinese, naming table, row and column.
    public var message: String
    public var location: SourceLocation?

    /// A cell named by a finding.
    public struct FigureRef: Hashable, Sendable, Codable {
        public var id: FigureID
        public var value: CellValue

        public init(id: FigureID, value: CellValue) {
            self.id = id
            self.value = value
        }
    }

    public init(
        code: String,
        severity: Severity,
        table: TableKind? = nil,
        figures: [FigureRef] = [],
        message: String,
        location: SourceLocation? = nil
    ) {
        self.code = code
        self.severity = severity
        self.table = table
        self.figures = figures
        self.message = message
        self.location = location
    }
}
