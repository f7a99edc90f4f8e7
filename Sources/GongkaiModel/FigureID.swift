import Synchronization

/// The stable ASCII id of one table cell, such as `t3.received.natural`.
///
/// Ids never change; the Chinese labels they name are data in ``NationalTemplates``.
///
/// Every id carries a number from a table of the ids this process has seen, so that equal ids have equal numbers:
/// hashing and equality use the number alone, not the text. Checking a report looks up several hundred figures in a
/// dictionary keyed by id.
public struct FigureID: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    /// The id's number in ``FigureIDNumbers``, or -1 for an id made after the table filled up (compared by text).
    @usableFromInline let number: Int32

    public init(rawValue: String) {
        self.rawValue = rawValue
        self.number = FigureIDNumbers.shared.number(of: rawValue)
    }
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public var description: String { rawValue }

    public static func < (lhs: FigureID, rhs: FigureID) -> Bool { lhs.rawValue < rhs.rawValue }

    @inlinable
    public static func == (lhs: FigureID, rhs: FigureID) -> Bool {
        if lhs.number >= 0 || rhs.number >= 0 { return lhs.number == rhs.number }
        return lhs.rawValue == rhs.rawValue
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        if number >= 0 {
            hasher.combine(number)
        } else {
            hasher.combine(rawValue)
        }
    }

    /// The hash dictionaries and sets use. Without it, `RawRepresentable`'s default would hash the text; the number is
    /// mixed with the table's seed instead (a multiply–xor-shift finaliser), far cheaper than a full `Hasher` for a
    /// key looked up several hundred times per report. Numbers are handed out in order, never chosen from outside.
    @inlinable
    public func _rawHashValue(seed: Int) -> Int {
        guard number >= 0 else { return rawValue._rawHashValue(seed: seed) }
        var mixed = UInt64(UInt32(bitPattern: number)) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: Int64(seed))
        mixed ^= mixed >> 31
        mixed &*= 0xD6E8_FEB8_6659_FD93
        mixed ^= mixed >> 32
        return Int(truncatingIfNeeded: mixed)
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The process-wide numbering of figure ids behind ``FigureID``'s hashing and equality.
///
/// An id's text gets the next number the first time it is seen. The table holds at most ``capacity`` ids (the national
/// formats have about 400), so that text from outside — a data file, a query — cannot grow it without bound; an id not
/// in a full table gets -1, and two such ids compare by their text. Either way, equal texts compare equal and hash
/// alike: a text that has a number always gets that number, and a text without one never gets one later.
public final class FigureIDNumbers: Sendable {
    public static let shared = FigureIDNumbers()
    public static let capacity = 65_536

    private let numbers = Mutex<[String: Int32]>([:])

    func number(of text: String) -> Int32 {
        numbers.withLock { numbers in
            if let number = numbers[text] { return number }
            guard numbers.count < Self.capacity else { return -1 }
            let number = Int32(numbers.count)
            numbers[text] = number
            return number
        }
    }

    /// How many ids have a number.
    public var count: Int { numbers.withLock { $0.count } }
}
