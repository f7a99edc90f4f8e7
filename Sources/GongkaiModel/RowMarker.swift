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
        if text.isEmpty { return nil }
        if text == "十" { return 10 }
        if let ten = text.firstIndex(of: "十") {
            let before = text[text.startIndex..<ten]
            let after = text[text.index(after: ten)...]
            let tens = before.isEmpty ? 1 : (before.count == 1 ? digitValue(before.first) : nil)
            let ones = after.isEmpty ? 0 : (after.count == 1 ? digitValue(after.first) : nil)
            guard let tens, let ones, tens > 0 else { return nil }
            return tens * 10 + ones
        }
        guard text.count == 1, let value = digitValue(text.first), value > 0 else { return nil }
        return value
    }

    /// The value of one Chinese digit character 一…九.
    public static func digitValue(_ character: Character?) -> Int? {
        guard let character, let index = digits.firstIndex(of: character), index > 0 else { return nil }
        return index
    }
}
