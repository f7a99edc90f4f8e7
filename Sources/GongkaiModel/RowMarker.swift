/// The numbering printed before a row label: 「一、」, 「（一）」 or 「1.」.
public enum RowMarker: Hashable, Sendable {
    /// 「一、」「二、」…
    case numeral(Int)
    /// 「（一）」「（二）」…
    case parenthesized(Int)
    /// 「1.」「2.」…
    case item(Int)

    /// The marker as the national format prints it.
    public var printed: String {
        switch self {
        case .numeral(let n): "\(ChineseNumeral.string(n))、"
        case .parenthesized(let n): "（\(ChineseNumeral.string(n))）"
        case .item(let n): "\(n)."
        }
    }
}

/// Chinese numerals one to ninety-nine, as used in section and row numbering.
public enum ChineseNumeral {
    static let digits: [Character] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 1 → 「一」, 12 → 「十二」, 20 → 「二十」.
    public static func string(_ n: Int) -> String {
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return String(digits[n]) }
        let tens = n / 10
        let ones = n % 10
        return (tens == 1 ? "" : String(digits[tens])) + "十" + (ones == 0 ? "" : String(digits[ones]))
    }

    /// 「一」 → 1, 「十二」 → 12; nil for anything else.
    public static func value(_ text: Substring) -> Int? {
        value(scalars: text.unicodeScalars)
    }

    /// `value` of the text's scalars.
    @inlinable
    public static func value<Scalars: Collection<Unicode.Scalar>>(scalars text: Scalars) -> Int? {
        if text.isEmpty { return nil }
        func single(_ part: Scalars.SubSequence) -> Int? {
            guard let first = part.first, part.index(after: part.startIndex) == part.endIndex else { return nil }
            return digitValue(first)
        }
        if let ten = text.firstIndex(of: "十") {
            let before = text[text.startIndex..<ten]
            let after = text[text.index(after: ten)...]
            let tens = before.isEmpty ? 1 : single(before)
            let ones = after.isEmpty ? 0 : single(after)
            guard let tens, let ones, tens > 0 else { return nil }
            return tens * 10 + ones
        }
        return single(text[...])
    }

    /// The value of one Chinese digit 一…九; nil for anything else (零 included).
    @inlinable
    public static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "一": 1
        case "二": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }
}
