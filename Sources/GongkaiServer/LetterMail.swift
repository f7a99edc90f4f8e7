import Foundation
public import GongkaiMail
public import GongkaiRegister
public import GongkaiStore
import GongkaiWrite

/// Letters to applicants by e-mail: a step that produces a letter to the applicant (补正, 延期, 收费, the reply) is
/// e-mailed, with the letter as text and as an attached Word file, to the e-mail address the applicant gave on the
/// public form. Whether it was sent, or why not, goes into the online application's history, so the register's audit
/// log shows it; a failure to send never undoes the step.
public enum LetterMail {
    /// What became of a letter.
    public enum Outcome: Sendable, Hashable {
        /// Sent to this address.
        case sent(String)
        /// Not sent, with the reason (recorded).
        case failed(String)
        /// Nothing to send: no letter for the step, a letter to somebody else, or no e-mail address given.
        case notApplicable(String)

        public var chinese: String {
            switch self {
            case .sent(let address): "告知书已发送至 \(address)。"
            case .failed(let reason): "告知书未能发送：\(reason)（步骤已保存，不受影响）"
            case .notApplicable(let reason): reason
            }
        }
    }

    /// The letter's Word file name: 「告知书-2026-0001-3.docx」.
    public static func fileName(_ letter: NoticeLetter, key: String, step: Int) -> String {
        "\(letter.title)-\(key)-\(step).docx"
    }

    /// E-mails the letter of step `step` (the last step with a letter when nil) of application `key` of `agencyID`
    /// through `settings`, and records the outcome. Blocks while it talks to the relay.
    public static func deliver(
        store: any ReportStore,
        agencyID: Int64,
        key: String,
        step: Int?,
        settings: MailSettings,
        by user: String
    ) throws -> Outcome {
        guard let agency = try store.agency(id: agencyID) else { throw SubmissionError.agencyNotFound(agencyID) }
        guard let stored = try store.application(agencyID: agencyID, key: key) else {
            throw RegisterError.notFound(.application, key: key)
        }
        let calendar = try store.workingCalendar()
        let index = step ?? NoticeLetter.steps(of: stored.value).last
        guard let index,
            let letter = NoticeLetter(application: stored.value, step: index, agency: agency.name, calendar: calendar)
        else { return .notApplicable("此步骤没有告知书。") }
        guard letter.toApplicant else { return .notApplicable("此告知书寄给被征求意见方，不发给申请人。") }
        guard let online = try store.submission(agencyID: agencyID, applicationKey: key),
            !online.value.form.email.isEmpty
        else { return .notApplicable("申请人没有留下电子邮箱，告知书请邮寄或当面送达。") }
        let address = online.value.form.email
        let outcome: Outcome
        do {
            let message = MailMessage(
                from: settings.from,
                to: address,
                subject: "\(letter.title)（登记号\(key)）",
                body: letter.text,
                attachments: [
                    MailAttachment(
                        fileName: fileName(letter, key: key, step: index),
                        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        data: try letter.docx()
                    )
                ]
            )
            try SMTPClient.send(message, settings: settings)
            outcome = .sent(address)
        } catch let error as MailError {
            outcome = .failed(error.message)
        } catch {
            outcome = .failed(String(describing: error))
        }
        let entry: SubmissionEntry
        switch outcome {
        case .sent(let address):
            entry = SubmissionEntry(
                at: Date(),
                by: user,
                agency: agency.name,
                action: .mailed,
                detail: "\(letter.title)发送至\(address)"
            )
        case .failed(let reason), .notApplicable(let reason):
            entry = SubmissionEntry(
                at: Date(),
                by: user,
                agency: agency.name,
                action: .mailFailed,
                detail: "\(letter.title)：\(reason)"
            )
        }
        _ = try store.noteSubmission(agencyID: agencyID, number: online.value.number, entry, by: user)
        return outcome
    }
}
