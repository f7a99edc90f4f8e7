/// A date as printed at the foot of a report (year, month, day), with no time zone.
public struct CalendarDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// ISO 8601 form, `2024-01-18`.
    public var description: String {
        let month = month < 10 ? "0\(month)" : "\(month)"
        let day = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(month)-\(day)"
    }

    /// The date as a Chinese clerk writes it, `2024年1月18日`.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    /// Encoded as its ISO 8601 text, `"2024-01-18"`; decoded from that text or from the older keyed form
    /// (`{"year": 2024, "month": 1, "day": 18}`), refusing a day that does not exist.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
                let date = CalendarDate(year: year, month: month, day: day)
            else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "not a yyyy-MM-dd day: \(text)")
            }
            self = date
            return
        }
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        let year = try keyed.decode(Int.self, forKey: .year)
        let month = try keyed.decode(Int.self, forKey: .month)
        let day = try keyed.decode(Int.self, forKey: .day)
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw DecodingError.dataCorruptedError(forKey: .day, in: keyed, debugDescription: "no such day")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(description)
    }

    private enum CodingKeys: String, CodingKey {
        case year, month, day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
