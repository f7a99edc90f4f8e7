public import Foundation
import GongkaiModel

/// A register's steps and audit log in words a clerk reads: the same on the command line and on the web pages.
public enum RegisterText {
    /// The command-line word for a step, as `register step` takes it.
    public static func word(_ step: ApplicationStep) -> String {
        switch step {
        case .received: "收到申请"
        case .amendmentRequested: "补正告知"
        case .amendmentReceived: "收到补正"
        case .extended: "延期"
        case .consultationStarted: "征求意见"
        case .consultationEnded: "征求意见结束"
        case .feeNoticed: "收费通知"
        case .feePaid: "缴费"
        case .replied: "答复"
        }
    }

    public static func line(_ event: ApplicationEvent) -> String {
        switch event {
        case .received(let channel, _): "收到申请（\(channel.chinese)）"
        case .amendmentRequested(_, let respondBy): "发出补正通知，补正期限至\(respondBy.chinese)"
        case .amendmentReceived: "收到补正后的申请，答复期限重新起算"
        case .extended(let days, let approver, _, let told):
            "延长答复期限\(days)个工作日（\(approver)批准，\(told.chinese)告知申请人）"
        case .consultationStarted(let party, _): "征求\(party.chinese)意见，答复期限中止计算"
        case .consultationEnded: "收到意见或征求意见期限届满，答复期限恢复计算"
        case .feeNoticed(let basis, let amount, _): "发出收费通知：\(basis.explanation)，\(amount)元"
        case .feePaid: "收到缴费"
        case .replied(_, let outcome): "答复办结：\(outcome.fullLabel)"
        }
    }

    /// A time of the audit log (seconds since 1970) as `2025-03-03 14:05:09`, in `timeZone` (the machine's).
    public static func time(_ seconds: Double, timeZone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// What a change changed: each field of the record whose value differs, before → after (「（无）」 when absent).
    public static func differences(before: String?, after: String?) -> [String] {
        let old = before.map(flatten) ?? [:]
        let new = after.map(flatten) ?? [:]
        if before != nil, after != nil, old == new { return ["（内容未变：按新的日历重新计算状态和期限）"] }
        return Set(old.keys).union(new.keys).sorted().compactMap { path in
            let (was, now) = (old[path], new[path])
            guard was != now else { return nil }
            return "\(fieldName(path))：\(was.map(value) ?? "（无）") → \(now.map(value) ?? "（无）")"
        }
    }

    /// A field of a stored record as a clerk names it: 「第2步 发出补正通知 补正期限」 for
    /// `events.1.amendmentRequested.respondBy`; a field without a name keeps its path.
    public static func fieldName(_ path: String) -> String {
        let names: [String: String] = [
            "id": "编号", "applicant": "申请人", "name": "姓名或名称", "identification": "身份证明", "contact": "联系方式",
            "applicantType": "申请人类型", "request": "申请内容", "on": "日期", "respondBy": "补正期限",
            "channel": "收到方式", "days": "延长工作日数", "approver": "批准人", "approvedOn": "批准日期",
            "applicantToldOn": "告知申请人日期", "party": "征求意见对象", "basis": "收费方式", "perApplication": "按件",
            "perPage": "按量", "ordinal": "本月第几件", "pages": "页数", "amount": "金额（元）", "outcome": "办理结果",
            "kind": "类别", "applicationID": "相关申请", "reviewID": "相关复议", "filed": "立案日期", "decision": "审结",
            "result": "结果", "number": "文号", "title": "标题", "issued": "制发日期", "repealed": "废止日期",
            "year": "年度", "licensing": "行政许可", "penalty": "行政处罚", "coercion": "行政强制",
            "feesTenThousandYuan": "行政事业性收费（万元）",
        ]
        let steps = Dictionary(uniqueKeysWithValues: ApplicationStep.allCases.map { ("\($0)", $0.chinese) })
        var parts = path.split(separator: ".").map(String.init)
        if parts.first == "events", parts.count > 1, let index = Int(parts[1]) {
            parts.replaceSubrange(0...1, with: ["第\(index + 1)步"])
        }
        return parts.map { steps[$0] ?? names[$0] ?? $0 }.joined(separator: " ")
    }

    /// A stored value as a clerk reads it: codes of outcomes, applicant types, channels and parties in words.
    public static func value(_ text: String) -> String {
        if let outcome = ReplyOutcome(rawValue: text) { return outcome.fullLabel }
        if let type = ApplicantType(rawValue: text) { return type.chinese }
        if let channel = ReceiptChannel(rawValue: text) { return channel.chinese }
        if let party = ConsultedParty(rawValue: text) { return party.chinese }
        return text.isEmpty ? "（空）" : text
    }

    /// A JSON text as `path: value` pairs, leaves only (`events.2.replied.outcome: "granted"`).
    public static func flatten(_ json: String) -> [String: String] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        else { return ["": json] }
        var pairs: [String: String] = [:]
        func walk(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                for (key, inner) in object { walk(inner, path.isEmpty ? key : "\(path).\(key)") }
            } else if let array = value as? [Any] {
                for (index, inner) in array.enumerated() { walk(inner, "\(path).\(index)") }
            } else if value is NSNull {
                pairs[path] = "null"
            } else if let text = value as? String {
                pairs[path] = text
            } else {
                pairs[path] = "\(value)"
            }
        }
        walk(value, "")
        return pairs
    }
}
