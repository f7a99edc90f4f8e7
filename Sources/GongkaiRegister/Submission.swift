public import Foundation
public import GongkaiModel

/// The number an applicant follows an application filed online by: 12 characters from an alphabet without the
/// look-alikes 0/O and 1/I (32 symbols, 60 bits), printed in groups of four (`K7PM-3XQD-9TRW`).
public enum QueryNumber {
    /// The symbols: A–Z without I and O, 2–9.
    public static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// A new number from the system's random source.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))] })
    }

    /// A number as typed — lower case, with spaces or hyphens between the groups — as stored, or nil when it cannot
    /// be one.
    public static func normalized(_ text: String) -> String? {
        let result = String(text.uppercased().filter { !" -－—".contains($0) })
        guard result.count == 12, result.allSatisfy(alphabet.contains) else { return nil }
        return result
    }

    /// The number in groups of four, for printing.
    public static func printed(_ number: String) -> String {
        stride(from: 0, to: number.count, by: 4).map { start -> String in
            let from = number.index(number.startIndex, offsetBy: start)
            return String(
                number[from..<(number.index(from, offsetBy: 4, limitedBy: number.endIndex) ?? number.endIndex)]
            )
        }.joined(separator: "-")
    }
}

/// Where an application filed online stands with the agency.
public enum SubmissionState: Sendable, Hashable, Codable {
    /// 收到, not yet 签收: in the agency's inbox.
    case waiting
    /// 签收 on `on` (the receipt date of 条例第三十一条) and registered under `key`.
    case signed(key: String, on: CalendarDate)
    /// Not filed: obvious junk (no request, abuse), with the clerk's reason.
    case refused(reason: String, on: CalendarDate)

    /// The state as the applicant reads it.
    public var chinese: String {
        switch self {
        case .waiting: "已提交，等待签收"
        case .signed(let key, let on): "已于\(on.chinese)签收，登记号\(key)"
        case .refused(_, let on): "已于\(on.chinese)退回，未予登记"
        }
    }
}

/// One thing done with an application filed online: who, when, what.
public struct SubmissionEntry: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case submitted, signed, refused, transferred, mailed
        case mailFailed = "mail_failed"

        public var chinese: String {
            switch self {
            case .submitted: "提交申请"
            case .signed: "签收"
            case .refused: "退回"
            case .transferred: "转办"
            case .mailed: "发送电子邮件"
            case .mailFailed: "电子邮件发送失败"
            }
        }
    }

    public var at: Date
    /// The user, or 「申请人」 for the submission itself.
    public var by: String
    /// The agency it happened at.
    public var agency: String
    public var action: Action
    public var detail: String

    public init(at: Date, by: String, agency: String, action: Action, detail: String) {
        self.at = at
        self.by = by
        self.agency = agency
        self.action = action
        self.detail = detail
    }
}

/// An application filed on the public page: the applicant's form, when it arrived, its query number, its state with
/// the agency and everything done with it. Kept in the register of the agency it is with, under its number.
public struct Submission: Sendable, Hashable, Codable {
    public var number: String
    public var form: ApplicationForm
    public var submitted: Date
    public var state: SubmissionState
    public var history: [SubmissionEntry]

    public init(number: String, form: ApplicationForm, submitted: Date, agency: String) {
        self.number = number
        self.form = form
        self.submitted = submitted
        self.state = .waiting
        self.history = [
            SubmissionEntry(at: submitted, by: "申请人", agency: agency, action: .submitted, detail: "通过互联网提交申请")
        ]
    }

    /// The register key of the application it became, once signed for.
    public var applicationKey: String? {
        if case .signed(let key, _) = state { return key }
        return nil
    }

    public var isWaiting: Bool { state == .waiting }
}
