import GongkaiModel
import GongkaiRegister

/// The kinds of record an agency's disclosure register keeps.
public enum RegisterKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An application for disclosure (依申请公开) and its steps.
    case application
    /// An administrative review or suit (行政复议, 行政诉讼) about disclosure.
    case disclosureCase = "case"
    /// A 规章 or 行政规范性文件 issued, and its repeal.
    case document
    /// A year's counts the register does not keep one by one (decisions, fees).
    case yearCounts = "counts"
    /// A proactive item (主动公开事项) on its way through 三审 to publication.
    case proactiveItem = "item"
    /// The file a proactive item was drafted from, under the item's number.
    case attachment
    /// The agency's own list of wrong and sensitive wording (错敏词), added to the built-in one when screening.
    case wordList = "words"
    /// An application filed on the public page, under its query number: waiting to be signed for (签收), signed for
    /// (then registered as an ``application`` too), or refused. Not counted in the year's report.
    case submission

    public var chinese: String {
        switch self {
        case .proactiveItem: "主动公开事项"
        case .attachment: "主动公开事项附件"
        case .wordList: "错敏词表"
        case .application: "政府信息公开申请"
        case .disclosureCase: "行政复议、行政诉讼案件"
        case .document: "规章、规范性文件"
        case .yearCounts: "年度数量"
        case .submission: "网上申请"
        }
    }
}

/// One record of an agency's register as the store keeps it: what lists need to find it (its year, whether it is
/// open, its next due date) beside the record itself, whole, as JSON. `version` starts at 1 and grows by one with
/// every change, so that of two clerks saving the same record the second is told instead of overwriting the first.
public struct RegisterRecord: Sendable, Hashable {
    /// The store's number for the record, 0 until it is first saved; it stays with the record when its agency is
    /// merged into another, and its audit log is found under it.
    public var id: Int64
    public var agencyID: Int64
    public var kind: RegisterKind
    /// The record's number within the agency and kind (an application's 登记号).
    public var key: String
    /// The year it is counted in first (received, filed, issued).
    public var year: Int
    /// Whether work on it is still to be done (an application not yet closed, a case not yet decided).
    public var isOpen: Bool
    /// Its state in words, for lists.
    public var state: String
    /// The next date something is due, `yyyy-MM-dd`; nil when nothing is.
    public var due: String?
    /// The record itself, as JSON.
    public var body: String
    public var version: Int
    /// When it was last changed (seconds since 1970) and by whom.
    public var changedAt: Double
    public var changedBy: String

    public init(
        id: Int64 = 0,
        agencyID: Int64,
        kind: RegisterKind,
        key: String,
        year: Int,
        isOpen: Bool,
        state: String,
        due: String?,
        body: String,
        version: Int = 0,
        changedAt: Double = 0,
        changedBy: String = ""
    ) {
        self.id = id
        self.agencyID = agencyID
        self.kind = kind
        self.key = key
        self.year = year
        self.isOpen = isOpen
        self.state = state
        self.due = due
        self.body = body
        self.version = version
        self.changedAt = changedAt
        self.changedBy = changedBy
    }
}

/// One line of the register's audit log: a record created, changed or removed, by whom and when, with the record
/// before and after. The log is only ever added to: the database refuses to change or delete a line of it.
public struct RegisterChange: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable, Codable {
        case created, changed, removed

        public var chinese: String {
            switch self {
            case .created: "新建"
            case .changed: "修改"
            case .removed: "删除"
            }
        }
    }

    public var id: Int64
    /// The record changed (``RegisterRecord/id``), and its agency, kind and number at the time.
    public var recordID: Int64
    public var agencyID: Int64
    public var kind: RegisterKind
    public var key: String
    /// Seconds since 1970.
    public var at: Double
    public var by: String
    public var action: Action
    /// The record's JSON before the change (nil when created) and after it (nil when removed).
    public var before: String?
    public var after: String?
    /// The record's version after the change (before it, for a removal).
    public var version: Int

    public init(
        id: Int64,
        recordID: Int64,
        agencyID: Int64,
        kind: RegisterKind,
        key: String,
        at: Double,
        by: String,
        action: Action,
        before: String?,
        after: String?,
        version: Int
    ) {
        self.id = id
        self.recordID = recordID
        self.agencyID = agencyID
        self.kind = kind
        self.key = key
        self.at = at
        self.by = by
        self.action = action
        self.before = before
        self.after = after
        self.version = version
    }
}

/// Which register records a list shows.
public struct RegisterSelection: Sendable, Hashable {
    /// The agencies whose records are shown; nil for every agency (a supervisor's view).
    public var agencyIDs: [Int64]?
    public var kind: RegisterKind
    public var year: Int?
    /// Only those still open.
    public var openOnly: Bool
    /// Only open records due on or before this day (`yyyy-MM-dd`): the due-soon and overdue lists.
    public var dueThrough: String?
    /// Only the record with this number (in each agency selected): an online application found by its query number.
    public var key: String?

    public init(
        agencyIDs: [Int64]? = nil,
        kind: RegisterKind,
        year: Int? = nil,
        openOnly: Bool = false,
        dueThrough: String? = nil,
        key: String? = nil
    ) {
        self.agencyIDs = agencyIDs
        self.kind = kind
        self.year = year
        self.openOnly = openOnly
        self.dueThrough = dueThrough
        self.key = key
    }
}

/// One record to save in a batch (``ReportStore/saveRegisterRecords(_:by:)``), with the version its saver read (nil
/// for a new record); or, with `removes`, one to remove (its agency, kind and number), which must be at that version.
public struct RegisterWrite: Sendable, Hashable {
    public var record: RegisterRecord
    public var expecting: Int?
    public var removes: Bool

    public init(_ record: RegisterRecord, expecting: Int? = nil) {
        self.record = record
        self.expecting = expecting
        self.removes = false
    }

    /// The removal of `record` as stored at `version`, logged with the record as it was.
    public static func removal(_ record: RegisterRecord, expecting version: Int) -> RegisterWrite {
        var write = RegisterWrite(record, expecting: version)
        write.removes = true
        return write
    }
}

/// The checks both backends make before saving a register record.
enum RegisterRules {
    /// Throws unless the record may be saved over `stored` (nil when there is none) when the saver expected
    /// `expected` (nil: a new record).
    static func check(
        _ record: RegisterRecord,
        stored: Int?,
        expected: Int?
    ) throws(StoreError) {
        guard !record.key.isEmpty, record.key.count <= 64 else {
            throw StoreError.invalidRegisterRecord("登记号不能为空，且不超过64个字符")
        }
        guard (1949...9999).contains(record.year) else {
            throw StoreError.invalidRegisterRecord("年度「\(record.year)」不在1949年至9999年之间")
        }
        if let due = record.due, CalendarDate(isoDay: due) == nil {
            throw StoreError.invalidRegisterRecord("到期日「\(due)」应是写作 yyyy-MM-dd 的真实日期")
        }
        switch (stored, expected) {
        case (nil, nil): return
        case (let stored?, nil): throw StoreError.registerRecordExists(record.key, version: stored)
        case (nil, _?): throw StoreError.registerRecordNotFound(record.key)
        case (let stored?, let expected?):
            guard stored == expected else {
                throw StoreError.registerConflict(record.key, stored: stored, expected: expected)
            }
        }
    }

}

extension RegisterRecord {
    /// The record as saved over `stored` (nil: a new one): its version one past the stored one, changed now by `user`.
    func saved(over stored: Int?, id: Int64, at time: Double, by user: String) -> RegisterRecord {
        var saved = self
        saved.id = id
        saved.version = (stored ?? 0) + 1
        saved.changedAt = time
        saved.changedBy = user
        return saved
    }
}
