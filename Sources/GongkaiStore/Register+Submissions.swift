public import Foundation
public import GongkaiModel
public import GongkaiRegister

/// Why an online application could not be signed for, refused or moved.
public enum SubmissionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No online application under that number in the agency's inbox.
    case notFound(String)
    /// Already signed for or refused: only a waiting one can be.
    case notWaiting(String, SubmissionState)
    /// The agency to move it to is the one it is with, or does not exist.
    case sameAgency
    case agencyNotFound(Int64)
    /// An application with steps after its receipt cannot be moved: the agency has begun handling it.
    case alreadyHandled(String)
    /// A reason is needed for refusing or moving.
    case reasonMissing
    /// Signed for on a day before it was filed.
    case signedBeforeFiled(CalendarDate)

    public var description: String {
        switch self {
        case .notFound(let number): "没有查询号为「\(number)」的网上申请。"
        case .notWaiting(let number, let state): "网上申请「\(number)」\(state.chinese)，不能再签收、退回或转办。"
        case .sameAgency: "转办的目标机关就是本机关。"
        case .agencyNotFound(let id): "没有编号为 \(id) 的机关。"
        case .alreadyHandled(let key): "申请「\(key)」已在办理中（已有收到以后的步骤），不能转办；请按答复程序处理。"
        case .reasonMissing: "请写明理由。"
        case .signedBeforeFiled(let day): "签收日期不能早于申请提交之日（\(day.chinese)）。"
        }
    }
}

extension RegisterRecord {
    /// An online application as a register record: open while waiting to be signed for, counted in the year it was
    /// filed; its body the whole ``Submission``.
    public static func submission(_ submission: Submission, agencyID: Int64, year: Int) -> RegisterRecord {
        RegisterRecord(
            agencyID: agencyID,
            kind: .submission,
            key: submission.number,
            year: year,
            isOpen: submission.isWaiting,
            state: submission.state.chinese,
            due: nil,
            body: RegisterBody.text(submission)
        )
    }

    /// The online application this record holds.
    public func submission() throws(RegisterError) -> Submission { try RegisterBody.value(Submission.self, self) }
}

/// Applications filed on the public page: filed into the agency's inbox under an unguessable query number, signed
/// for (签收, which registers them as applications received that day), refused with a reason, or moved to another
/// agency (转办) with the number kept. Each change is a change of the register, so its audit log shows it.
extension ReportStore {
    /// Files an application from the public page into `agencyID`'s inbox under a fresh query number (drawn again in
    /// the unlikely case it is taken anywhere).
    public func submitApplication(
        _ form: ApplicationForm,
        agencyID: Int64,
        agency: String,
        at time: Date,
        today: CalendarDate
    ) throws -> Registered<Submission> {
        while true {
            let number = QueryNumber.random()
            guard try registerRecords(RegisterSelection(kind: .submission, key: number)).isEmpty else { continue }
            let submission = Submission(number: number, form: form, submitted: time, agency: agency)
            let record = RegisterRecord.submission(submission, agencyID: agencyID, year: today.year)
            do {
                return Registered(value: submission, record: try saveRegisterRecord(record, expecting: nil, by: "申请人"))
            } catch StoreError.registerRecordExists {
                continue
            }
        }
    }

    /// The online application under a query number, whichever agency it is with now, or nil.
    public func submission(number: String) throws -> Registered<Submission>? {
        guard let record = try registerRecords(RegisterSelection(kind: .submission, key: number)).first else {
            return nil
        }
        return Registered(value: try record.submission(), record: record)
    }

    /// An agency's online applications, those waiting to be signed for first (oldest first), or only those.
    public func submissions(agencyID: Int64, waitingOnly: Bool) throws -> [Registered<Submission>] {
        try registerRecords(RegisterSelection(agencyIDs: [agencyID], kind: .submission, openOnly: waitingOnly)).map {
            Registered(value: try $0.submission(), record: $0)
        }.sorted { ($0.value.isWaiting ? 0 : 1, $0.value.submitted) < ($1.value.isWaiting ? 0 : 1, $1.value.submitted) }
    }

    /// The online application an agency's application `key` was signed for from, or nil (one entered by a clerk).
    public func submission(agencyID: Int64, applicationKey key: String) throws -> Registered<Submission>? {
        try submissions(agencyID: agencyID, waitingOnly: false).first { $0.value.applicationKey == key }
    }

    private func waiting(agencyID: Int64, number: String) throws -> Registered<Submission> {
        guard let record = try registerRecord(agencyID: agencyID, kind: .submission, key: number) else {
            throw SubmissionError.notFound(number)
        }
        let submission = try record.submission()
        guard submission.isWaiting else { throw SubmissionError.notWaiting(number, submission.state) }
        return Registered(value: submission, record: record)
    }

    /// 签收: registers the online application `number` of `agencyID` as an application received through the
    /// internet on `date` (条例第三十一条：双方确认之日) under the agency's next free 登记号, and marks it signed for —
    /// both in one transaction, so that two clerks signing at once register it once.
    public func signSubmission(
        agencyID: Int64,
        agency: String,
        number: String,
        on date: CalendarDate,
        by user: String,
        at time: Date,
        today: CalendarDate,
        calendar: WorkingCalendar
    ) throws -> (submission: Registered<Submission>, application: Registered<Application>) {
        var attempt = 0
        while true {
            attempt += 1
            let stored = try waiting(agencyID: agencyID, number: number)
            let filed = CalendarDate.day(of: stored.value.submitted)
            guard date >= filed else { throw SubmissionError.signedBeforeFiled(filed) }
            let key = try nextKey(agencyID: agencyID, kind: .application, year: date.year)
            let application = stored.value.form.application(id: key, receivedOn: date)
            var submission = stored.value
            submission.state = .signed(key: key, on: date)
            submission.history.append(
                SubmissionEntry(
                    at: time,
                    by: user,
                    agency: agency,
                    action: .signed,
                    detail: "签收，收到申请之日\(date.chinese)，登记号\(key)"
                )
            )
            let writes = [
                RegisterWrite(
                    RegisterRecord.application(application, agencyID: agencyID, on: today, calendar: calendar)
                ),
                RegisterWrite(
                    RegisterRecord.submission(submission, agencyID: agencyID, year: stored.record.year),
                    expecting: stored.record.version
                ),
            ]
            do {
                let saved = try saveRegisterRecords(writes, by: user)
                return (
                    Registered(value: submission, record: saved[1]), Registered(value: application, record: saved[0])
                )
            } catch StoreError.registerRecordExists where attempt < 20 {
                continue
            }
        }
    }

    /// Refuses to file an online application that is obviously not one (empty, abusive, a test), keeping the reason.
    public func refuseSubmission(
        agencyID: Int64,
        agency: String,
        number: String,
        reason: String,
        on date: CalendarDate,
        by user: String,
        at time: Date
    ) throws -> Registered<Submission> {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw SubmissionError.reasonMissing }
        let stored = try waiting(agencyID: agencyID, number: number)
        var submission = stored.value
        submission.state = .refused(reason: reason, on: date)
        submission.history.append(SubmissionEntry(at: time, by: user, agency: agency, action: .refused, detail: reason))
        let record = RegisterRecord.submission(submission, agencyID: agencyID, year: stored.record.year)
        return Registered(
            value: submission,
            record: try saveRegisterRecord(record, expecting: stored.record.version, by: user)
        )
    }

    /// 转办: moves an application sent to the wrong agency to `target`'s inbox, with the reason. `key` is an online
    /// application's query number, or the 登记号 of an application received but not yet handled (no step after its
    /// receipt), which leaves this agency's register. The online application keeps its query number; one entered by
    /// a clerk gets a new number. Both agencies' audit logs show the move: a removal here, a creation there.
    public func transfer(
        agencyID: Int64,
        key: String,
        to target: Int64,
        reason: String,
        by user: String,
        at time: Date,
        today: CalendarDate
    ) throws -> Registered<Submission> {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw SubmissionError.reasonMissing }
        guard target != agencyID else { throw SubmissionError.sameAgency }
        guard let from = try agency(id: agencyID) else { throw SubmissionError.agencyNotFound(agencyID) }
        guard let to = try agency(id: target) else { throw SubmissionError.agencyNotFound(target) }
        var writes: [RegisterWrite] = []
        var submission: Submission
        var year = today.year
        if let record = try registerRecord(agencyID: agencyID, kind: .submission, key: key) {
            submission = try record.submission()
            guard submission.isWaiting else { throw SubmissionError.notWaiting(key, submission.state) }
            year = record.year
            writes.append(.removal(record, expecting: record.version))
        } else if let stored = try application(agencyID: agencyID, key: key) {
            guard stored.value.events.count == 1 else { throw SubmissionError.alreadyHandled(key) }
            writes.append(.removal(stored.record, expecting: stored.record.version))
            if let online = try self.submission(agencyID: agencyID, applicationKey: key) {
                submission = online.value
                year = online.record.year
                writes.append(.removal(online.record, expecting: online.record.version))
            } else {
                submission = Submission(
                    number: QueryNumber.random(),
                    form: ApplicationForm(stored.value),
                    submitted: time,
                    agency: from.name
                )
                submission.history[0].detail = "由\(from.name)登记为\(key)（\(stored.value.channel.chinese)）"
            }
        } else {
            throw SubmissionError.notFound(key)
        }
        submission.state = .waiting
        submission.history.append(
            SubmissionEntry(
                at: time,
                by: user,
                agency: from.name,
                action: .transferred,
                detail: "转至\(to.name)：\(reason)"
            )
        )
        writes.append(RegisterWrite(RegisterRecord.submission(submission, agencyID: target, year: year)))
        let saved = try saveRegisterRecords(writes, by: user)
        return Registered(value: submission, record: saved[saved.count - 1])
    }

    /// Adds an entry to an online application's history (a letter e-mailed, or the sending failed), saved as a change
    /// of its record so that the audit log shows it; another change saved meanwhile is read again and kept.
    public func noteSubmission(
        agencyID: Int64,
        number: String,
        _ entry: SubmissionEntry,
        by user: String
    ) throws -> Registered<Submission> {
        var attempt = 0
        while true {
            attempt += 1
            guard let record = try registerRecord(agencyID: agencyID, kind: .submission, key: number) else {
                throw SubmissionError.notFound(number)
            }
            var submission = try record.submission()
            submission.history.append(entry)
            let updated = RegisterRecord.submission(submission, agencyID: agencyID, year: record.year)
            do {
                return Registered(
                    value: submission,
                    record: try saveRegisterRecord(updated, expecting: record.version, by: user)
                )
            } catch StoreError.registerConflict where attempt < 5 {
                continue
            }
        }
    }
}
