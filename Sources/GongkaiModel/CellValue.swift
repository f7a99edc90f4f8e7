public import Foundation

/// What a table cell holds.
public enum CellValue: Hashable, Sendable, Codable {
    /// A count (applications, documents, decisions, cases).
    case integer(Int)
    /// An amount in 万元, printed with decimals.
    case decimal(Decimal)
    /// The cell is printed but holds no number: empty, 「/」, 「-」 and the like.
    case blank
    /// The cell exists but its value cannot be determined from the source, e.g. a row printed with six values for
    /// seven columns, or digits run together that split more than one way.
    case unknown

    /// The value as a decimal, when it is a number.
    public var number: Decimal? {
        switch self {
        case .integer(let value): Decimal(value)
        case .decimal(let value): value
        case .blank, .unknown: nil
        }
    }

    /// The value as an integer, when it is a whole number.
    public var integer: Int? {
        switch self {
        case .integer(let value):
            return value
        case .decimal(let value):
            // Beyond this an integer would not hold it (and NSDecimalNumber would wrap it silently).
            guard value > -Self.integerRange, value < Self.integerRange else { return nil }
            var rounded = Decimal()
            var source = value
            NSDecimalRound(&rounded, &source, 0, .plain)
            return rounded == value ? NSDecimalNumber(decimal: value).intValue : nil
        case .blank, .unknown:
            return nil
        }
    }

    /// Whole decimals within ±10¹⁸ convert to an integer exactly.
    static let integerRange = Decimal(1_000_000_000_000_000_000)

    /// The least magnitude no count and no 万元 amount of one agency's report can have: a thousand million is more
    /// than the applications, documents or cases of any agency, and than its fees in 万元. Below it, the sum of a
    /// report's cells never overflows an integer.
    public static let implausibleMagnitude = 1_000_000_000

    /// Whether the value is a number of at least ``implausibleMagnitude``, positive or negative.
    @inlinable
    public var isImplausiblyLarge: Bool {
        switch self {
        case .integer(let value): value >= Self.implausibleMagnitude || value <= -Self.implausibleMagnitude
        case .decimal(let value):
            value >= Decimal(Self.implausibleMagnitude) || value <= -Decimal(Self.implausibleMagnitude)
        case .blank, .unknown: false
        }
    }

    /// Cell texts that stand for an empty value: 「/」, 「-」, 「—」, 「无」, 「空」. A report printing one has a blank
    /// cell (R5), and so has a data file holding one.
    public static let placeholders = [
        "/", "\\", "-", "—", "——", "–", "－", "―", "─", "--", "无", "空", "×", "x", "X", "*",
    ]

    /// Whether a cell's text (normalised: full-width forms already ASCII) is one of the ``placeholders``.
    public static func isPlaceholder(_ text: String) -> Bool {
        // No placeholder starts with a digit, and most cells tried do.
        guard let first = text.utf8.first, first < 0x30 || first > 0x39, text.utf8.count <= 6 else { return false }
        return placeholders.contains { $0.isSame(as: text) }
    }

    /// The value written the way reports print it (`12`, `0.35`), or an empty string.
    public var text: String {
        switch self {
        case .integer(let value): String(value)
        case .decimal(let value): value.description
        case .blank, .unknown: ""
        }
    }
}
