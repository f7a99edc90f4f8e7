public import Foundation
public import GongkaiModel
public import GongkaiPublish
public import GongkaiRegister
public import GongkaiScreen

/// Why a publishing request was refused, as one sentence a clerk understands.
public enum PublishingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The workflow's own reason (a missing duty, self-approval, an unresolved screening error …).
    case refused(PublishError)
    case notFound(key: String)
    case attachmentTooLarge(limit: Int)
    case invalidWord(String)

    public var description: String {
        switch self {
        case .refused(let error): error.description
        case .notFound(let key): "没有编号为「\(key)」的主动公开事项。"
        case .attachmentTooLarge(let limit): "附件过大：至多 \(limit >> 20) MB。"
        case .invalidWord(let reason): reason
        }
    }
}

/// An agency's own entries of wrong and sensitive wording, added to the built-in list when its items are screened.
public struct AgencyWords: Sendable, Hashable, Codable {
    public var entries: [WordList.Entry]

    public init(entries: [WordList.Entry] = []) { self.entries = entries }

    /// The built-in list with these entries added (an entry replaces a built-in one of the same wrong form).
    public var wordList: WordList { WordList.builtIn.adding(WordList(entries: entries)) }
}

/// The bytes of an item's attachment, kept once beside the item (never copied into the item's history).
struct AttachmentBody: Codable {
    var name: String
    var bytes: Data
}

extension RegisterRecord {
    /// A proactive item: counted in the year it was published (before that, the year of its number); open until
    /// published or withdrawn; a 规章 or 行政规范性文件 not yet published is due 20 working days after its 成文日期.
    public static func proactiveItem(
        _ item: ProactiveItem,
        agencyID: Int64,
        calendar: WorkingCalendar
    ) -> RegisterRecord {
        let year = item.published?.year ?? Int(item.id.prefix(4)) ?? CalendarDate.today().year
        var due: String?
        if item.stage.isOpen, item.countsAs != nil, let written = item.written {
            due = (try? calendar.workingDay(ProactiveItem.publicationDays, after: written))?.description
        }
        return RegisterRecord(
            agencyID: agencyID,
            kind: .proactiveItem,
            key: item.id,
            year: year,
            isOpen: item.stage.isOpen,
            state: item.publishedLate == nil ? item.stage.chinese : "\(item.stage.chinese)（逾期公开）",
            due: due,
            body: RegisterBody.text(item)
        )
    }

    /// The proactive item this record holds.
    public func proactiveItem() throws(RegisterError) -> ProactiveItem {
        try RegisterBody.value(ProactiveItem.self, self)
    }
}

/// Which published items a list shows.
public struct PublishedSelection: Sendable, Hashable {
    public var agencyIDs: [Int64]?
    public var category: ProactiveCategory?
    public var year: Int?

    public init(agencyIDs: [Int64]? = nil, category: ProactiveCategory? = nil, year: Int? = nil) {
        self.agencyIDs = agencyIDs
        self.category = category
        self.year = year
    }
}

/// Publishing proactive items through 三审, kept in the agencies' registers: every change a register record's change
/// (the audit log), a published 规章 or 行政规范性文件 saved as the register's document in the same transaction.
extension ReportStore {
    /// The largest attachment kept.
    public static var attachmentLimit: Int { 20 << 20 }

    /// Saves a new item (with the bytes of its attachment, if any) under the next free number of its agency and year.
    public func addItem(
        _ item: ProactiveItem,
        agencyID: Int64,
        attachment bytes: Data? = nil,
        by user: String,
        today: CalendarDate,
        calendar: WorkingCalendar
    ) throws -> Registered<ProactiveItem> {
        if let bytes, bytes.count > Self.attachmentLimit {
            throw PublishingError.attachmentTooLarge(limit: Self.attachmentLimit)
        }
        var item = item
        var attempt = 0
        while true {
            attempt += 1
            item.id = try nextKey(agencyID: agencyID, kind: .proactiveItem, year: today.year)
            var writes = [RegisterWrite(.proactiveItem(item, agencyID: agencyID, calendar: calendar))]
            if let bytes, let attachment = item.attachment {
                let body = RegisterBody.text(AttachmentBody(name: attachment.name, bytes: bytes))
                let record = RegisterRecord(
                    agencyID: agencyID,
                    kind: .attachment,
                    key: item.id,
                    year: today.year,
                    isOpen: false,
                    state: attachment.name,
                    due: nil,
                    body: body
                )
                writes.append(RegisterWrite(record))
            }
            do {
                let saved = try saveRegisterRecords(writes, by: user)
                return Registered(value: item, record: saved[0])
            } catch StoreError.registerRecordExists where attempt < 20 {
                continue
            }
        }
    }

    /// The item under `key`, or nil.
    public func item(agencyID: Int64, key: String) throws -> Registered<ProactiveItem>? {
        guard let record = try registerRecord(agencyID: agencyID, kind: .proactiveItem, key: key) else { return nil }
        return Registered(value: try record.proactiveItem(), record: record)
    }

    /// The item of the register record `recordID` (found through its change log), or nil.
    public func item(recordID: Int64) throws -> Registered<ProactiveItem>? {
        guard let change = try registerChanges(recordID: recordID).last, change.kind == .proactiveItem else {
            return nil
        }
        return try item(agencyID: change.agencyID, key: change.key)
    }

    /// The items of the agencies (nil: every agency), newest number first.
    public func items(agencyIDs: [Int64]?, openOnly: Bool = false) throws -> [Registered<ProactiveItem>] {
        try registerRecords(RegisterSelection(agencyIDs: agencyIDs, kind: .proactiveItem, openOnly: openOnly)).map {
            Registered(value: try $0.proactiveItem(), record: $0)
        }.sorted { ($0.record.agencyID, $0.record.key) > ($1.record.agencyID, $1.record.key) }
    }

    /// Published items, by publication date (latest first).
    public func publishedItems(_ selection: PublishedSelection) throws -> [Registered<ProactiveItem>] {
        let records = try registerRecords(
            RegisterSelection(agencyIDs: selection.agencyIDs, kind: .proactiveItem, year: selection.year)
        )
        var items: [Registered<ProactiveItem>] = []
        for record in records {
            let item = try record.proactiveItem()
            guard item.stage == .published else { continue }
            if let category = selection.category, item.category != category { continue }
            items.append(Registered(value: item, record: record))
        }
        func order(_ entry: Registered<ProactiveItem>) -> (String, String) {
            (entry.value.published?.description ?? "", entry.record.key)
        }
        return items.sorted { order($0) > order($1) }
    }

    /// The name and bytes of an item's attachment, or nil.
    public func attachment(agencyID: Int64, key: String) throws -> (name: String, bytes: Data)? {
        guard let record = try registerRecord(agencyID: agencyID, kind: .attachment, key: key) else { return nil }
        let body = try RegisterBody.value(AttachmentBody.self, record)
        return (body.name, body.bytes)
    }

    /// Acts on an item: loads it, applies `change` (refused with the workflow's reason, saving nothing) and saves it
    /// over the version it read. Publishing a 规章 or 行政规范性文件 also saves it as the register's document (its
    /// 表二 count), in the same transaction.
    @discardableResult
    public func actOnItem(
        agencyID: Int64,
        key: String,
        by user: String,
        calendar: WorkingCalendar,
        _ change: (inout ProactiveItem) throws(PublishError) -> Void
    ) throws -> Registered<ProactiveItem> {
        guard let stored = try item(agencyID: agencyID, key: key) else { throw PublishingError.notFound(key: key) }
        var item = stored.value
        do {
            try change(&item)
        } catch {
            throw PublishingError.refused(error)
        }
        var writes = [
            RegisterWrite(
                .proactiveItem(item, agencyID: agencyID, calendar: calendar),
                expecting: stored.record.version
            )
        ]
        if stored.value.stage != .published, item.stage == .published, let kind = item.countsAs,
            let written = item.written, let published = item.published
        {
            let documentKey = "item-\(item.id)"
            let existing = try registerRecord(agencyID: agencyID, kind: .document, key: documentKey)
            let document = try NormativeDocument(
                id: documentKey,
                kind: kind,
                number: item.number ?? "",
                title: item.title,
                issued: written,
                published: published
            )
            writes.append(RegisterWrite(.document(document, agencyID: agencyID), expecting: existing?.version))
        }
        let saved = try saveRegisterRecords(writes, by: user)
        return Registered(value: item, record: saved[0])
    }

    /// The agency's own word list (empty when none was saved).
    public func agencyWords(agencyID: Int64) throws -> AgencyWords {
        guard let record = try registerRecord(agencyID: agencyID, kind: .wordList, key: "words") else {
            return AgencyWords()
        }
        return try RegisterBody.value(AgencyWords.self, record)
    }

    /// The list an agency's items are screened with: the built-in list and the agency's entries.
    public func screeningWords(agencyID: Int64) throws -> WordList { try agencyWords(agencyID: agencyID).wordList }

    /// Adds an entry to the agency's word list (replacing one with the same wrong form).
    @discardableResult
    public func addWord(_ entry: WordList.Entry, agencyID: Int64, by user: String) throws -> AgencyWords {
        let wrong = entry.wrong.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !wrong.isEmpty, wrong.count <= 50, !entry.correct.isEmpty, entry.correct.count <= 100 else {
            throw PublishingError.invalidWord("错误写法和正确写法都不能为空（错误写法至多50个字，正确写法至多100个字）。")
        }
        guard !wrong.contains(where: \.isNewline), !entry.correct.contains(where: \.isNewline) else {
            throw PublishingError.invalidWord("词条不能换行。")
        }
        return try changeWords(agencyID: agencyID, by: user) { words in
            var entry = entry
            entry.wrong = wrong
            words.entries.removeAll { $0.wrong == wrong }
            words.entries.append(entry)
        }
    }

    /// Removes the entry of the agency's word list with that wrong form.
    @discardableResult
    public func removeWord(_ wrong: String, agencyID: Int64, by user: String) throws -> AgencyWords {
        try changeWords(agencyID: agencyID, by: user) { words in
            guard words.entries.contains(where: { $0.wrong == wrong }) else {
                throw PublishingError.invalidWord("本机关的错敏词表中没有「\(wrong)」。")
            }
            words.entries.removeAll { $0.wrong == wrong }
        }
    }

    private func changeWords(
        agencyID: Int64,
        by user: String,
        _ change: (inout AgencyWords) throws -> Void
    ) throws -> AgencyWords {
        let stored = try registerRecord(agencyID: agencyID, kind: .wordList, key: "words")
        var words = try stored.map { try RegisterBody.value(AgencyWords.self, $0) } ?? AgencyWords()
        try change(&words)
        let record = RegisterRecord(
            agencyID: agencyID,
            kind: .wordList,
            key: "words",
            year: CalendarDate.today().year,
            isOpen: false,
            state: "\(words.entries.count)个词条",
            due: nil,
            body: RegisterBody.text(words)
        )
        _ = try saveRegisterRecord(record, expecting: stored?.version, by: user)
        return words
    }
}

extension AgencyDuty {
    /// The part the duty gives in publishing: a 登记员 drafts (起草); 初审, 复审 and 终审 review at their level.
    public var publishRole: PublishRole? {
        switch self {
        case .clerk: .drafter
        case .firstReview: .firstReview
        case .secondReview: .secondReview
        case .finalReview: .finalReview
        case .supervisor: nil
        }
    }
}

extension Sequence where Element == DutyRecord {
    /// The publishing roles these duties give for an agency.
    public func publishRoles(agencyID: Int64) -> Set<PublishRole> {
        Set(filter { $0.agencyID == agencyID }.compactMap(\.duty.publishRole))
    }
}

extension ReportStore {
    /// A user as an actor on an agency's proactive items, with the roles the user's duties for it give.
    public func publishActor(userName: String, agencyID: Int64) throws -> PublishActor {
        PublishActor(name: userName, roles: try duties(userName: userName).publishRoles(agencyID: agencyID))
    }
}
