import Synchronization

/// The stable ASCII id of one table cell, such as `t3.received.natural`.
///
/// Ids never change; the Chinese labels they name are data in ``NationalTemplates``.
///
/// Every id carries a number from a table of the ids this process has seen, so that equal ids have equal numbers:
/// hashing and equality use the number alone, not the text, and an id holds no reference of its own (its text stays in
/// the table), so copying one costs no reference counting. Checking a report looks up and copies figures by the
/// thousand.
public struct FigureID: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The id's number in ``FigureIDNumbers``, or -1 for an id made after the table filled up.
    @usableFromInline let number: Int32
    /// The text of an id without a number; nil for every id that has one.
    @usableFromInline let unnumbered: String?

    public init(rawValue: String) {
        let number = FigureIDNumbers.shared.number(of: rawValue)
        self.number = number
        self.unnumbered = number >= 0 ? nil : rawValue
    }
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public var rawValue: String { unnumbered ?? FigureIDNumbers.shared.text(of: number) }

    public var description: String { rawValue }

    public static func < (lhs: FigureID, rhs: FigureID) -> Bool { lhs.rawValue < rhs.rawValue }

    @inlinable
    public static func == (lhs: FigureID, rhs: FigureID) -> Bool {
        if lhs.number >= 0 || rhs.number >= 0 { return lhs.number == rhs.number }
        return lhs.unnumbered == rhs.unnumbered
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        if let unnumbered {
            hasher.combine(unnumbered)
        } else {
            hasher.combine(number)
        }
    }

    /// The hash dictionaries and sets use. Without it, `RawRepresentable`'s default would hash the text; the number is
    /// mixed with the table's seed instead (a multiply–xor-shift finaliser), far cheaper than a full `Hasher` for a
    /// key looked up several hundred times per report. Numbers are handed out in order, never chosen from outside.
    @inlinable
    public func _rawHashValue(seed: Int) -> Int {
        if let unnumbered { return unnumbered._rawHashValue(seed: seed) }
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
/// in a full table gets -1 and keeps its text itself, and two such ids compare by their text. Either way, equal texts
/// compare equal and hash alike: a text that has a number always gets that number, and a text without one never gets
/// one later.
///
/// The texts are kept in slots written once, under the lock, before their number is handed out, and never changed or
/// freed: whoever holds a number can read its slot without the lock.
public final class FigureIDNumbers: @unchecked Sendable {
    public static let shared = FigureIDNumbers()
    public static let capacity = 4_096

    private let numbers = Mutex<[String: Int32]>([:])
    private let texts: UnsafeMutablePointer<String>

    private init() {
        texts = .allocate(capacity: Self.capacity)
    }

    func number(of text: String) -> Int32 {
        numbers.withLock { numbers in
            if let number = numbers[text] { return number }
            guard numbers.count < Self.capacity else { return -1 }
            let number = Int32(numbers.count)
            (texts + Int(number)).initialize(to: text)
            numbers[text] = number
            return number
        }
    }

    @usableFromInline
    func text(of number: Int32) -> String { texts[Int(number)] }

    /// How many ids have a number.
    public var count: Int { numbers.withLock { $0.count } }
}
