import Foundation
public import GongkaiModel
public import GongkaiRegister

/// Why a register request was refused, as one sentence a clerk understands.
public enum RegisterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A step the statute does not allow: the domain's own reason.
    case step(ApplicationStepError)
    /// A case decided before it was filed.
    case caseDate(CaseDateError)
    /// A document repealed before it was issued.
    case documentDate(DocumentDateError)
    /// No record of that kind under that number in the agency's register.
    case notFound(RegisterKind, key: String)
    /// A stored record whose body no longer reads.
    case unreadable(RegisterKind, key: String)

    public var description: String {
        switch self {
        case .step(let error): error.description
        case .caseDate(let error): error.description
        case .documentDate(let error): error.description
        case .notFound(let kind, let key): "登记簿中没有登记号为「\(key)」的\(kind.chinese)记录。"
        case .unreadable(let kind, let key): "登记号「\(key)」的\(kind.chinese)记录无法读取（数据已损坏）。"
        }
    }
}

/// A register entry as stored: the record itself and the store's row it came from (its version, who changed it).
public struct Registered<Value: Sendable>: Sendable {
    public var value: Value
    public var record: RegisterRecord

    public init(value: Value, record: RegisterRecord) {
        self.value = value
        self.record = record
    }
}

/// The register's records as JSON: keys sorted, dates `yyyy-MM-dd`.
enum RegisterBody {
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            preconditionFailure("a register record always encodes: \(error)")
        }
    }

    static func value<T: Decodable>(_ type: T.Type, _ record: RegisterRecord) throws(RegisterError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(record.body.utf8))
        } catch {
            throw .unreadable(record.kind, key: record.key)
        }
    }
}

extension RegisterRecord {
    /// An application as a register record: counted in the year of receipt; open, state and next due date as of
    /// `today` (or of its last step, when that is later). Without calendar data for a year the deadlines need, the
    /// state says so and no due date is kept until the year is added (``ReportStore/recomputeOpenDeadlines(with:)``).
    public static func application(
        _ application: Application,
        agencyID: Int64,
        on today: CalendarDate,
        calendar: WorkingCalendar
    ) -> RegisterRecord {
        let asOf = max(today, application.events.last?.date ?? today)
        var open = true
        var state: String
        var due: String?
        do {
            let status = try application.status(on: asOf, calendar: calendar)
            open = status.state.isOpen
            state = status.state.chinese
            if let missing = status.calendarMissing, open {
                state += "（日历缺少\(missing.year)年的节假日安排，期限待计算）"
            }
            due = status.due?.description
        } catch {
            open = application.reply == nil
            state = application.reply == nil ? "办理中（日历缺少\(error.year)年的节假日安排，期限待计算）" : "已办结"
        }
        return RegisterRecord(
            agencyID: agencyID,
            kind: .application,
            key: application.id,
            year: application.received.year,
            isOpen: open,
            state: state,
            due: due,
            body: RegisterBody.text(application)
        )
    }

    /// A review or suit: counted in the year filed, open until decided.
    public static func disclosureCase(_ item: DisclosureCase, agencyID: Int64) -> RegisterRecord {
        RegisterRecord(
            agencyID: agencyID,
            kind: .disclosureCase,
            key: item.id,
            year: item.filed.year,
            isOpen: item.decision == nil,
            state: item.decision.map { "已于\($0.on.chinese)审结：\($0.result.chinese)" } ?? "尚未审结",
            due: nil,
            body: RegisterBody.text(item)
        )
    }

    /// A 规章 or 规范性文件: counted in the year issued, open while in force.
    public static func document(_ document: NormativeDocument, agencyID: Int64) -> RegisterRecord {
        RegisterRecord(
            agencyID: agencyID,
            kind: .document,
            key: document.id,
            year: document.issued.year,
            isOpen: document.repealed == nil,
            state: document.repealed.map { "已于\($0.chinese)废止" } ?? "现行有效",
            due: nil,
            body: RegisterBody.text(document)
        )
    }

    /// A year's counts, under the year as its number.
    public static func counts(_ counts: ProactiveCounts, agencyID: Int64) -> RegisterRecord {
        RegisterRecord(
            agencyID: agencyID,
            kind: .yearCounts,
            key: String(counts.year),
            year: counts.year,
            isOpen: false,
            state: "已填报",
            due: nil,
            body: RegisterBody.text(counts)
        )
    }

    /// The application this record holds.
    public func application() throws(RegisterError) -> Application { try RegisterBody.value(Application.self, self) }
    /// The review or suit this record holds.
    public func disclosureCase() throws(RegisterError) -> DisclosureCase {
        try RegisterBody.value(DisclosureCase.self, self)
    }
    /// The document this record holds.
    public func document() throws(RegisterError) -> NormativeDocument {
        try RegisterBody.value(NormativeDocument.self, self)
    }
    /// The year's counts this record holds.
    public func counts() throws(RegisterError) -> ProactiveCounts { try RegisterBody.value(ProactiveCounts.self, self) }
}

extension CalendarDate {
    /// Today's date where the machine is (its time zone).
    public static func today() -> CalendarDate { day(of: Date()) }

    /// The date of a moment where the machine is (its time zone).
    static func day(of moment: Date) -> CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: moment)
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let date = CalendarDate(year: year, month: month, day: day)
        else { preconditionFailure("the system calendar gives a valid day") }
        return date
    }
}

/// The disclosure register of an agency, typed: applications, cases, documents and counts saved as register records
/// (each with its audit log) and read back.
extension ReportStore {
    /// The next free automatic number of an agency's records of `kind` for `year` (an application's 登记号 by its year
    /// of receipt): `YYYY-NNNN`, one past the highest such number of that year (so numbers follow the order of entry
    /// even after a removal).
    public func nextKey(agencyID: Int64, kind: RegisterKind, year: Int) throws -> String {
        let prefix = "\(year)-"
        let highest = try registerRecords(RegisterSelection(agencyIDs: [agencyID], kind: kind)).compactMap {
            record -> Int? in
            guard record.key.hasPrefix(prefix) else { return nil }
            let digits = record.key.dropFirst(prefix.count)
            guard digits.count >= 4, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
            return Int(digits)
        }.max()
        let next = String((highest ?? 0) + 1)
        return prefix + String(repeating: "0", count: max(0, 4 - next.count)) + next
    }

    /// Registers a new application. With an empty id it gets the next free 登记号 of its agency and year of
    /// receipt (taken again if another clerk took that one at the same moment).
    public func addApplication(
        _ application: Application,
        agencyID: Int64,
        by user: String,
        today: CalendarDate,
        calendar: WorkingCalendar
    ) throws -> Registered<Application> {
        var application = application
        let automatic = application.id.isEmpty
        var attempt = 0
        while true {
            attempt += 1
            if automatic {
                application.id = try nextKey(agencyID: agencyID, kind: .application, year: application.received.year)
            }
            let record = RegisterRecord.application(application, agencyID: agencyID, on: today, calendar: calendar)
            do {
                return Registered(value: application, record: try saveRegisterRecord(record, expecting: nil, by: user))
            } catch StoreError.registerRecordExists where automatic && attempt < 20 {
                continue
            }
        }
    }

    /// The application under `key`, or nil.
    public func application(agencyID: Int64, key: String) throws -> Registered<Application>? {
        guard let record = try registerRecord(agencyID: agencyID, kind: .application, key: key) else { return nil }
        return Registered(value: try record.application(), record: record)
    }

    /// Records a step on an application: loads it, adds the step (a step the statute does not allow is refused with
    /// its reason, and nothing is saved) and saves it over the version it read, so that a step recorded by another
    /// clerk meanwhile is never overwritten. With `version` (the version a form showed the clerk), a record changed
    /// since is refused as a conflict before the step is even checked.
    public func recordStep(
        _ event: ApplicationEvent,
        agencyID: Int64,
        key: String,
        expecting version: Int? = nil,
        by user: String,
        today: CalendarDate,
        calendar: WorkingCalendar
    ) throws -> Registered<Application> {
        guard let stored = try application(agencyID: agencyID, key: key) else {
            throw RegisterError.notFound(.application, key: key)
        }
        if let version, version != stored.record.version {
            throw StoreError.registerConflict(key, stored: stored.record.version, expected: version)
        }
        var application = stored.value
        do {
            try application.record(event, calendar: calendar)
        } catch {
            throw RegisterError.step(error)
        }
        let record = RegisterRecord.application(application, agencyID: agencyID, on: today, calendar: calendar)
        return Registered(
            value: application,
            record: try saveRegisterRecord(record, expecting: stored.record.version, by: user)
        )
    }

    /// The review or suit under `key`, or nil.
    public func disclosureCase(agencyID: Int64, key: String) throws -> Registered<DisclosureCase>? {
        guard let record = try registerRecord(agencyID: agencyID, kind: .disclosureCase, key: key) else { return nil }
        return Registered(value: try record.disclosureCase(), record: record)
    }

    /// Saves a review or suit over the version its saver read (nil: a new one).
    public func saveCase(
        _ item: DisclosureCase,
        agencyID: Int64,
        expecting version: Int?,
        by user: String
    ) throws -> Registered<DisclosureCase> {
        let record = RegisterRecord.disclosureCase(item, agencyID: agencyID)
        return Registered(value: item, record: try saveRegisterRecord(record, expecting: version, by: user))
    }

    /// The document under `key`, or nil.
    public func document(agencyID: Int64, key: String) throws -> Registered<NormativeDocument>? {
        guard let record = try registerRecord(agencyID: agencyID, kind: .document, key: key) else { return nil }
        return Registered(value: try record.document(), record: record)
    }

    /// Saves a document over the version its saver read (nil: a new one).
    public func saveDocument(
        _ document: NormativeDocument,
        agencyID: Int64,
        expecting version: Int?,
        by user: String
    ) throws -> Registered<NormativeDocument> {
        let record = RegisterRecord.document(document, agencyID: agencyID)
        return Registered(value: document, record: try saveRegisterRecord(record, expecting: version, by: user))
    }

    /// Sets a year's counts, in place of any entered before.
    public func saveCounts(
        _ counts: ProactiveCounts,
        agencyID: Int64,
        by user: String
    ) throws
        -> Registered<ProactiveCounts>
    {
        let stored = try registerRecord(agencyID: agencyID, kind: .yearCounts, key: String(counts.year))
        let record = RegisterRecord.counts(counts, agencyID: agencyID)
        return Registered(value: counts, record: try saveRegisterRecord(record, expecting: stored?.version, by: user))
    }

    /// Everything an agency's register holds, for compiling its report.
    public func agencyRegister(agencyID: Int64, name: String) throws -> AgencyRegister {
        func records(_ kind: RegisterKind) throws -> [RegisterRecord] {
            try registerRecords(RegisterSelection(agencyIDs: [agencyID], kind: kind))
        }
        return AgencyRegister(
            agency: name,
            applications: try records(.application).map { try $0.application() },
            cases: try records(.disclosureCase).map { try $0.disclosureCase() },
            documents: try records(.document).map { try $0.document() },
            counts: try records(.yearCounts).map { try $0.counts() }
        )
    }

    /// Counts every open application's state and due date again on `calendar` as of today, saving (by 「calendar」)
    /// those that changed; returns how many did.
    public func recomputeOpenDeadlines(with calendar: WorkingCalendar) throws -> Int {
        try recomputeOpenDeadlines(with: calendar, on: .today())
    }

    /// Counts every open application's state and due date again on `calendar` as of `today`, saving (by 「calendar」)
    /// those that changed; returns how many did. An application changed by a clerk meanwhile is left as that clerk
    /// saved it.
    public func recomputeOpenDeadlines(with calendar: WorkingCalendar, on today: CalendarDate) throws -> Int {
        var recounted = 0
        for record in try registerRecords(RegisterSelection(kind: .application, openOnly: true)) {
            let application = try record.application()
            let fresh = RegisterRecord.application(
                application,
                agencyID: record.agencyID,
                on: today,
                calendar: calendar
            )
            guard fresh.state != record.state || fresh.due != record.due || fresh.isOpen != record.isOpen else {
                continue
            }
            do {
                _ = try saveRegisterRecord(fresh, expecting: record.version, by: "calendar")
                recounted += 1
            } catch StoreError.registerConflict {
                continue
            }
        }
        return recounted
    }
}
