/// What a screening hit is: a kind of personal data, or wording from a list of wrong or sensitive expressions.
public enum ScreeningKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 居民身份证号码: 18 digits with the GB 11643 check digit, or an old 15-digit number.
    case idNumber
    /// 手机号码.
    case mobile
    /// 固定电话 of a person (an office's published numbers are not hits).
    case landline
    /// 银行卡号 (Luhn check).
    case bankCard
    /// 护照号码.
    case passport
    /// 统一社会信用代码 (GB 32100 check character): an organisation's code, reported as a notice only.
    case creditCode
    /// 电子邮箱 of a person (an office's address on a gov.cn domain is not a hit).
    case email
    /// 详细住址: a labelled home address, or a flat number after a road and 号.
    case address
    /// 自然人姓名 in the labelled fields of penalty and licensing decisions.
    case personName
    /// 错敏词: a wrong or sensitive expression from the built-in or the administrator's list.
    case wording

    /// The kind as a clerk reads it.
    public var chineseName: String {
        switch self {
        case .idNumber: "身份证号码"
        case .mobile: "手机号码"
        case .landline: "固定电话"
        case .bankCard: "银行卡号"
        case .passport: "护照号码"
        case .creditCode: "统一社会信用代码"
        case .email: "电子邮箱"
        case .address: "详细住址"
        case .personName: "自然人姓名"
        case .wording: "错敏词"
        }
    }

    /// Whether the kind is personal data (masked by ``Screening/mask(_:_:)``); wording and organisations' codes are not.
    public var isPersonalData: Bool {
        switch self {
        case .creditCode, .wording: false
        default: true
        }
    }
}

/// How much a hit weighs: an error must be fixed or waived with a reason before publishing; a notice is shown only.
public enum ScreeningSeverity: String, Sendable, Hashable, Codable, Comparable {
    case notice
    case error

    public var chineseName: String {
        switch self {
        case .error: "错误"
        case .notice: "提示"
        }
    }

    public static func < (lhs: ScreeningSeverity, rhs: ScreeningSeverity) -> Bool {
        lhs == .notice && rhs == .error
    }
}

/// One place in a text that leaks personal data or carries wrong or sensitive wording, with what to put instead.
public struct ScreeningHit: Sendable, Hashable, Codable {
    public var kind: ScreeningKind
    public var severity: ScreeningSeverity
    /// Where the matched text starts and ends in the screened text, as UTF-8 byte offsets (end exclusive).
    public var utf8Start: Int
    public var utf8End: Int
    /// The 1-based line and column (in characters) where the matched text starts.
    public var line: Int
    public var column: Int
    /// The matched text as it stands in the screened text.
    public var text: String
    /// What is wrong, in Chinese.
    public var message: String
    /// What to write instead: the masked form of personal data, or the correct wording.
    public var suggestion: String
    /// For wording: the list's category (机构名称, 规范用语 …) and the basis the list gives for the entry.
    public var category: String?
    public var basis: String?

    public init(
        kind: ScreeningKind,
        severity: ScreeningSeverity,
        utf8Start: Int,
        utf8End: Int,
        line: Int,
        column: Int,
        text: String,
        message: String,
        suggestion: String,
        category: String? = nil,
        basis: String? = nil
    ) {
        self.kind = kind
        self.severity = severity
        self.utf8Start = utf8Start
        self.utf8End = utf8End
        self.line = line
        self.column = column
        self.text = text
        self.message = message
        self.suggestion = suggestion
        self.category = category
        self.basis = basis
    }

    /// The matched text's range as UTF-8 offsets.
    public var utf8Range: Range<Int> { utf8Start..<utf8End }
}
