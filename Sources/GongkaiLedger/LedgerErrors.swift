/// One thing wrong with a ledger, placed where the clerk finds it in Excel: the row number as Excel shows it (1-based,
/// the title and header rows counted) and the column's header. Both are nil for a problem of the whole file.
public struct LedgerProblem: Sendable, Hashable, CustomStringConvertible {
    public var row: Int?
    public var column: String?
    public var message: String

    public init(row: Int? = nil, column: String? = nil, message: String) {
        self.row = row
        self.column = column
        self.message = message
    }

    /// 「第5行「收到日期」：…」.
    public var description: String {
        var place = ""
        if let row { place += "第\(row)行" }
        if let column { place += "「\(column)」" }
        return place.isEmpty ? message : "\(place)：\(message)"
    }
}

/// Every problem found in a ledger; when there is any, nothing of the ledger is imported.
public struct LedgerErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [LedgerProblem]

    public init(_ problems: [LedgerProblem]) { self.problems = problems }

    public init(_ message: String) { self.problems = [LedgerProblem(message: message)] }

    /// The problems one a line, after a line saying nothing was imported.
    public var description: String {
        let head = "台账有 \(problems.count) 处问题，未导入任何申请；请改正后重新导入："
        return ([head] + problems.map(\.description)).joined(separator: "\n")
    }
}
