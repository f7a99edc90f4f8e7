public import Foundation
public import GongkaiModel

/// The two kinds of document of 表二「第二十条第（一）项」. The raw value is the row's key in the figure ids
/// (`t2.rules.in_force`).
public enum NormativeKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 规章.
    case rules = "rules"
    /// 行政规范性文件.
    case normative = "normative"

    public var chinese: String { self == .rules ? "规章" : "行政规范性文件" }
}

/// A 规章 or 行政规范性文件 the agency issued, and its repeal if it was repealed: 表二's 现行有效件数 is counted from these,
/// never typed.
public struct NormativeDocument: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var kind: NormativeKind
    /// 文号.
    public var number: String
    public var title: String
    public var issued: CalendarDate
    /// The day it was published (公开), when it went through publishing; 条例第二十六条 counts 20 working days from
    /// `issued` to it.
    public var published: CalendarDate?
    /// The day it was repealed (废止) or expired, if it was.
    public private(set) var repealed: CalendarDate?

    public init(
        id: String,
        kind: NormativeKind,
        number: String,
        title: String,
        issued: CalendarDate,
        published: CalendarDate? = nil,
        repealed: CalendarDate? = nil
    ) throws(DocumentDateError) {
        self.id = id
        self.kind = kind
        self.number = number
        self.title = title
        self.issued = issued
        self.published = published
        try repeal(on: repealed)
    }

    /// Records the repeal (nil: in force again), refusing one dated before the issue.
    public mutating func repeal(on date: CalendarDate?) throws(DocumentDateError) {
        if let date, date < issued { throw DocumentDateError(issued: issued, repealed: date) }
        repealed = date
    }

    /// Whether the document is in force on the last day of `year`: issued by then and not repealed by then.
    public func inForce(atEndOf year: Int) -> Bool {
        issued.year <= year && (repealed.map { $0.year > year } ?? true)
    }
}

/// A repeal dated before the document was issued.
public struct DocumentDateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var issued: CalendarDate
    public var repealed: CalendarDate

    public var description: String { "废止日期\(repealed.chinese)早于制发日期\(issued.chinese)。" }
}

/// A year's counts for the rest of 表二, entered or imported once a year: decisions made (许可, 处罚, 强制) and the
/// 行政事业性收费 collected.
public struct ProactiveCounts: Sendable, Hashable, Codable {
    public var year: Int
    /// 行政许可 decisions (第二十条第（五）项).
    public var licensing: Int
    /// 行政处罚 decisions (第二十条第（六）项).
    public var penalty: Int
    /// 行政强制 decisions (第二十条第（六）项).
    public var coercion: Int
    /// 行政事业性收费 collected (第二十条第（八）项), in 万元 as the form prints it, decimals kept exactly.
    public var feesTenThousandYuan: Decimal

    public init(year: Int, licensing: Int = 0, penalty: Int = 0, coercion: Int = 0, feesTenThousandYuan: Decimal = 0) {
        self.year = year
        self.licensing = licensing
        self.penalty = penalty
        self.coercion = coercion
        self.feesTenThousandYuan = feesTenThousandYuan
    }
}
