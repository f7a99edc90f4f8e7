import Foundation
public import GongkaiModel

/// What a special day is: a day off on a weekday (or a weekend day within a holiday), or a Saturday or Sunday that is a
/// working day (调休上班).
public enum SpecialDayKind: String, Sendable, Hashable, Codable {
    case holiday
    case workday

    /// 「放假」 or 「上班」.
    public var chinese: String { self == .holiday ? "放假" : "上班" }
}

/// A day the State Council's notice makes different from an ordinary week: a holiday, or a weekend working day.
public struct SpecialDay: Sendable, Hashable, Codable {
    public var date: CalendarDate
    public var kind: SpecialDayKind
    /// The holiday it belongs to (元旦, 春节…); for a working day, the holiday it makes up for.
    public var name: String

    public init(date: CalendarDate, kind: SpecialDayKind, name: String) {
        self.date = date
        self.kind = kind
        self.name = name
    }
}

/// One year's holidays and make-up working days, with the notice they come from.
public struct CalendarYear: Sendable, Hashable, Codable {
    public var year: Int
    /// The State Council notice (文号 and title) that sets the year's days.
    public var notice: String
    /// The year's special days in date order.
    public var days: [SpecialDay]

    public init(year: Int, notice: String, days: [SpecialDay]) {
        self.year = year
        self.notice = notice
        self.days = days.sorted { $0.date < $1.date }
    }
}

/// Why a calendar file cannot be read, as a sentence in Chinese naming the line.
public struct CalendarFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line (1-based) at fault; 0 for the file as a whole.
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { line > 0 ? "第\(line)行：\(reason)。" : "\(reason)。" }
}

/// The calendar's data file: `Data/calendar/china-2019-2026.tsv`, and the files `gongkai calendar add` reads.
///
/// Tab-separated, UTF-8. Lines starting with `#` and empty lines are comments. Each year starts with a line
/// `year<TAB>2027<TAB>the notice`, followed by one line per special day: `2027-01-01<TAB>holiday<TAB>元旦`. A
/// `workday` must be a Saturday or Sunday; every date must be in the year of the `year` line above it, and given once.
public enum CalendarFile {
    public static func parse(_ text: String) throws(CalendarFileError) -> [CalendarYear] {
        var years: [CalendarYear] = []
        var seenDates: Set<CalendarDate> = []
        let body = (text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
            .replacingOccurrences(of: "\r\n", with: "\n")
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if fields.first == "year" {
                guard fields.count == 3, let year = Int(fields[1]), (1949...9999).contains(year) else {
                    throw CalendarFileError(line: number, reason: "年份行应为「year<Tab>年份<Tab>通知文号和标题」")
                }
                guard !fields[2].isEmpty else {
                    throw CalendarFileError(line: number, reason: "\(year)年没有写明依据的通知（文号和标题）")
                }
                guard !years.contains(where: { $0.year == year }) else {
                    throw CalendarFileError(line: number, reason: "\(year)年出现了两次")
                }
                years.append(CalendarYear(year: year, notice: fields[2], days: []))
                continue
            }
            guard fields.count == 3 else {
                throw CalendarFileError(
                    line: number,
                    reason: "应为「日期<Tab>holiday或workday<Tab>节日名称」三栏，以制表符分隔"
                )
            }
            guard let date = CalendarDate(isoDay: fields[0]) else {
                throw CalendarFileError(line: number, reason: "「\(fields[0])」不是日期（应写作 2027-01-01）")
            }
            guard let kind = SpecialDayKind(rawValue: fields[1]) else {
                throw CalendarFileError(line: number, reason: "「\(fields[1])」应为 holiday（放假）或 workday（上班）")
            }
            guard !fields[2].isEmpty else {
                throw CalendarFileError(line: number, reason: "\(date.chinese)没有节日名称")
            }
            guard var current = years.popLast() else {
                throw CalendarFileError(line: number, reason: "日期之前应先有年份行「year<Tab>年份<Tab>通知」")
            }
            guard date.year == current.year else {
                throw CalendarFileError(
                    line: number,
                    reason: "\(date.chinese)不在\(current.year)年内；每个日期应写在它所在年份的年份行之下"
                )
            }
            guard kind == .holiday || date.weekday.isWeekend else {
                throw CalendarFileError(
                    line: number,
                    reason: "\(date.chinese)是\(date.weekday.chinese)，本来就上班，不能标为调休上班日（workday 只用于周六、周日）"
                )
            }
            guard seenDates.insert(date).inserted else {
                throw CalendarFileError(line: number, reason: "\(date.chinese)重复出现")
            }
            current.days.append(SpecialDay(date: date, kind: kind, name: fields[2]))
            years.append(current)
        }
        guard !years.isEmpty else {
            throw CalendarFileError(line: 0, reason: "文件中没有年份行「year<Tab>年份<Tab>通知」，没有可加入的年份")
        }
        return years.map { CalendarYear(year: $0.year, notice: $0.notice, days: $0.days) }
    }

    /// The years in the file's own form, oldest first.
    public static func text(_ years: [CalendarYear]) -> String {
        var out = ""
        for year in years.sorted(by: { $0.year < $1.year }) {
            out += "year\t\(year.year)\t\(year.notice)\n"
            for day in year.days { out += "\(day.date)\t\(day.kind.rawValue)\t\(day.name)\n" }
        }
        return out
    }
}

extension CalendarDate {
    /// `2024-02-18`, with two-digit month and day.
    public init?(isoDay text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}
