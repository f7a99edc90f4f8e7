import Foundation
public import GongkaiModel
public import GongkaiRegister

/// The texts a ledger's cells may hold for dates, channels, applicant types and outcomes, and what each means.
public enum LedgerValues {
    /// Cells that say "nothing here": empty, 「/」, 「-」, 「—」, 「无」, 「不涉及」.
    public static func isBlank(_ text: String) -> Bool {
        ["", "/", "／", "\\", "-", "－", "—", "——", "无", "不涉及"].contains(text.trimmingCharacters(in: .whitespaces))
    }

    /// A date as clerks write it: 2025-03-04, 2025/3/4, 2025.3.4, 2025年3月4日, 20250304, any of them followed by a
    /// time; or an Excel serial number (days since 1899-12-30, or since 1904-01-01 in a workbook set to 1904 dates).
    /// Full-width digits are read as digits. Nil when the text is none of these or no real day.
    public static func date(_ text: String, uses1904Dates: Bool = false) -> CalendarDate? {
        var cleaned = ""
        for scalar in text.trimmingCharacters(in: .whitespaces).unicodeScalars {
            if scalar.value >= 0xFF10 && scalar.value <= 0xFF19, let digit = Unicode.Scalar(scalar.value - 0xFEE0) {
                cleaned.unicodeScalars.append(digit)
            } else {
                cleaned.unicodeScalars.append(scalar)
            }
        }
        if let space = cleaned.firstIndex(where: { $0 == " " || $0 == "T" }) { cleaned = String(cleaned[..<space]) }
        let digitsOnly = !cleaned.isEmpty && cleaned.allSatisfy(\.isASCII) && cleaned.allSatisfy(\.isNumber)
        if digitsOnly, cleaned.count == 8, let value = Int(cleaned) {
            return CalendarDate(year: value / 10000, month: value / 100 % 100, day: value % 100)
        }
        if let serial = Double(cleaned), cleaned.allSatisfy({ $0.isNumber || $0 == "." }) {
            guard serial >= 20000, serial < 80000 else { return nil }
            let days = Int(serial.rounded(.down))
            let epoch =
                uses1904Dates
                ? CalendarDate(year: 1904, month: 1, day: 1) : CalendarDate(year: 1899, month: 12, day: 30)
            return epoch?.adding(days: days)
        }
        var parts: [Int] = []
        var current = ""
        var separators: [Character] = []
        for character in cleaned {
            if character.isASCII, character.isNumber {
                current.append(character)
            } else {
                guard !current.isEmpty, let value = Int(current) else { return nil }
                parts.append(value)
                separators.append(character)
                current = ""
            }
        }
        if let value = Int(current) { parts.append(value) }
        guard parts.count == 3, (1000...9999).contains(parts[0]) else { return nil }
        let allowed: [[Character]] = [["-", "-"], ["/", "/"], [".", "."], ["年", "月", "日"], ["年", "月"]]
        guard allowed.contains(separators) else { return nil }
        return CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The channel a ledger's 申请方式 names; see ``channelSynonyms``.
    public static func channel(_ text: String) -> ReceiptChannel? { channelSynonyms[normalized(text)] }

    /// What 申请方式 may say: 当面 (当面提交, 现场, 窗口, 来访), 邮寄 (邮政, 快递, 挂号信, EMS), 信函 (平常信函, 来信),
    /// 网络 (网上, 互联网, 在线, 网站, 电子邮件, 邮件, email: both are 互联网渠道 of 条例第三十一条), 传真.
    public static let channelSynonyms: [String: ReceiptChannel] = {
        let table: [(ReceiptChannel, [String])] = [
            (.inPerson, ["当面", "当面提交", "当面申请", "现场", "现场提交", "现场申请", "窗口", "窗口提交", "来访", "当面递交"]),
            (.post, ["邮寄", "邮政", "邮寄申请", "快递", "挂号信", "ems", "邮寄提交", "信件邮寄"]),
            (.ordinaryLetter, ["信函", "平常信函", "来信", "普通信函", "平信"]),
            (
                .online,
                [
                    "网络", "网上", "互联网", "网上申请", "网络申请", "在线", "在线申请", "网站", "政府网站", "网上提交",
                    "电子邮件", "邮件", "电子邮箱", "email", "e-mail", "依申请公开系统", "互联网渠道",
                ]
            ),
            (.fax, ["传真", "传真提交", "传真申请"]),
        ]
        var map: [String: ReceiptChannel] = [:]
        for (channel, words) in table {
            for word in words + [channel.chinese] { map[normalized(word)] = channel }
        }
        return map
    }()

    /// The values a clerk is told to choose from for 申请方式.
    public static let channelChoices = ["当面", "邮寄", "信函", "网络", "传真", "电子邮件"]

    /// The applicant type a ledger's 申请人类型 names; see ``applicantTypeSynonyms``.
    public static func applicantType(_ text: String) -> ApplicantType? { applicantTypeSynonyms[normalized(text)] }

    /// What 申请人类型 may say: the six columns of 表三 and 个人/公民, 企业/公司, 科研院所, 公益组织/社会组织,
    /// 律师事务所/律所, 其他组织.
    public static let applicantTypeSynonyms: [String: ApplicantType] = {
        let table: [(ApplicantType, [String])] = [
            (.natural, ["自然人", "个人", "公民"]),
            (.commercial, ["商业企业", "企业", "公司", "企业法人"]),
            (.research, ["科研机构", "科研院所", "科研单位"]),
            (.nonprofit, ["社会公益组织", "公益组织", "社会组织"]),
            (.legal, ["法律服务机构", "律师事务所", "律所"]),
            (.other, ["其他", "其他组织", "其它"]),
        ]
        var map: [String: ApplicantType] = [:]
        for (type, words) in table {
            for word in words { map[normalized(word)] = type }
        }
        return map
    }()

    /// Short forms of the outcomes, beside each outcome's label as the form prints it (with or without its group and
    /// number: 「（三）不予公开 1.属于国家秘密」, 「1.属于国家秘密」, 「属于国家秘密」, 「不予公开（国家秘密）」).
    public static let outcomeShortForms: [(ReplyOutcome, [String])] = [
        (.granted, ["予以公开", "公开", "同意公开", "全部公开", "已公开", "主动公开"]),
        (.partial, ["部分公开", "部分予以公开", "部分同意公开"]),
        (.deniedStateSecret, ["国家秘密", "涉及国家秘密"]),
        (.deniedProhibited, ["法律行政法规禁止公开", "法律法规禁止公开", "禁止公开"]),
        (.deniedSafetyStability, ["三安全一稳定", "危及三安全一稳定", "危及国家安全公共安全经济安全社会稳定"]),
        (.deniedThirdParty, ["第三方合法权益", "涉及第三方合法权益", "商业秘密", "个人隐私", "涉及商业秘密", "涉及个人隐私"]),
        (.deniedInternal, ["内部事务信息", "内部事务", "三类内部事务信息"]),
        (.deniedProcess, ["过程性信息", "四类过程性信息"]),
        (.deniedEnforcementFile, ["行政执法案卷", "执法案卷"]),
        (.deniedQuery, ["行政查询事项", "查询事项"]),
        (
            .unableNotHeld,
            [
                "信息不存在", "政府信息不存在", "不掌握", "本机关不掌握", "不掌握相关政府信息", "不属于本机关", "不属于本机关公开",
                "非本机关政府信息", "不属于本机关职责",
            ]
        ),
        (.unableNeedsCreation, ["需要另行制作", "需另行制作", "没有现成信息"]),
        (.unableUnclear, ["申请内容不明确", "补正后仍不明确", "内容不明确"]),
        (.complaint, ["信访举报投诉", "信访举报投诉类", "信访", "举报投诉"]),
        (.repeated, ["重复申请"]),
        (.publication, ["公开出版物"]),
        (.excessive, ["大量反复申请"]),
        (.reconfirm, ["要求确认或重新出具已获取信息", "重新出具已获取信息"]),
        (.noAmendment, ["逾期不补正", "逾期未补正", "无正当理由逾期不补正"]),
        (.unpaidFee, ["逾期未缴费", "逾期未缴纳费用", "逾期不缴费"]),
        (.otherHandling, ["其他", "其他处理"]),
    ]

    static let outcomeTable: [String: ReplyOutcome] = {
        var map: [String: ReplyOutcome] = [:]
        for outcome in ReplyOutcome.allCases {
            map[normalized(outcome.fullLabel)] = outcome
            map[normalized(withoutNumber(outcome.label))] = outcome
        }
        for (outcome, words) in outcomeShortForms {
            for word in words { map[normalized(word)] = outcome }
        }
        return map
    }()

    static let groups = ["不予公开", "无法提供", "不予处理", "其他处理"]

    /// The outcome a ledger's 答复结果 names: a label of 表三, with or without its group and number, or a short form
    /// of ``outcomeShortForms``.
    public static func outcome(_ text: String) -> ReplyOutcome? {
        var candidate = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let found = outcomeTable[normalized(candidate)] { return found }
        candidate = withoutNumber(candidate)
        if let found = outcomeTable[normalized(candidate)] { return found }
        for group in groups where candidate.hasPrefix(group) {
            let rest = withoutNumber(String(candidate.dropFirst(group.count).drop { punctuation.contains($0) }))
            if let found = outcomeTable[normalized(rest)] { return found }
        }
        return nil
    }

    /// The outcomes a bare group name (「不予公开」) may mean, for telling the clerk which to pick.
    static func outcomesOfGroup(_ text: String) -> [ReplyOutcome]? {
        let bare = normalized(withoutNumber(text.trimmingCharacters(in: .whitespaces)))
        guard let group = groups.first(where: { normalized($0) == bare }) else { return nil }
        return ReplyOutcome.allCases.filter { $0.group?.hasSuffix(group) == true }
    }

    /// The values most like `text` among `choices`, closest first (at most three, none far off).
    public static func nearest(_ text: String, among choices: [String]) -> [String] {
        let key = Array(normalized(text))
        let scored = choices.map { choice -> (String, Int) in
            let other = Array(normalized(choice))
            var distance = editDistance(key, other)
            if !key.isEmpty, normalized(choice).contains(String(key)) || String(key).contains(normalized(choice)) {
                distance = min(distance, 1)
            }
            return (choice, distance)
        }
        let limit = max(2, key.count / 2)
        var seen = Set<String>()
        return scored.filter { $0.1 <= limit }.sorted { $0.1 < $1.1 }.map(\.0).filter { seen.insert($0).inserted }
            .prefix(3).map { $0 }
    }

    /// The outcome labels a clerk may choose from, without their numbers: 「予以公开」…「其他」.
    public static var outcomeChoices: [String] { ReplyOutcome.allCases.map { withoutNumber($0.label) } }

    /// Levenshtein distance between two strings of characters.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    static let punctuation: Set<Character> = [
        " ", "\u{3000}", "（", "）", "(", ")", "“", "”", "\"", "'", "「", "」", "【", "】", "[", "]", "、", ",", "，", ".",
        "。", ":", "：", ";", "；", "-", "—", "－", "_", "·", "/", "／", "\t", "\n", "\r",
    ]

    /// Text as values are compared: without spaces and punctuation, ASCII letters in lower case.
    static func normalized(_ text: String) -> String {
        String(text.filter { !punctuation.contains($0) }.map { $0.isASCII ? Character($0.lowercased()) : $0 })
    }

    /// A label without its leading number: 「（一）予以公开」 → 「予以公开」, 「1.属于国家秘密」 → 「属于国家秘密」.
    static func withoutNumber(_ text: String) -> String {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if let first = rest.first, first == "（" || first == "(",
            let close = rest.firstIndex(where: { $0 == "）" || $0 == ")" }),
            rest.distance(from: rest.startIndex, to: close) <= 3,
            rest[rest.index(after: rest.startIndex)..<close].allSatisfy({ "一二三四五六七八九十0123456789".contains($0) })
        {
            rest = rest[rest.index(after: close)...]
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty {
            let after = rest.dropFirst(digits.count)
            if let mark = after.first, ".．、".contains(mark) { rest = after.dropFirst() }
        }
        return String(rest).trimmingCharacters(in: .whitespaces)
    }
}
