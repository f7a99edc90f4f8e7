public import GongkaiModel

/// A date the calendar cannot answer for: its year has no holiday data. Never guessed from weekends alone, since a
/// year's notice can move working days onto weekends.
public struct MissingCalendarYear: Error, Sendable, Hashable, CustomStringConvertible {
    public var year: Int

    public init(year: Int) { self.year = year }

    public var description: String {
        "日历中没有\(year)年的节假日安排，无法计算工作日。国务院办公厅每年11月前后发布下一年的部分节假日安排通知，"
            + "请按通知写成日历文件后用 gongkai calendar add 文件 加入\(year)年（文件格式见 gongkai calendar add --help）。"
    }
}

/// China's working days: Monday to Friday, except the statutory holidays, plus the Saturdays and Sundays the State
/// Council's notices make working days (调休上班). Answers only for years it has data for.
public struct WorkingCalendar: Sendable, Hashable {
    /// The years the calendar knows, by year.
    public let years: [Int: CalendarYear]
    private let special: [Int: SpecialDayKind]

    public init(years: [CalendarYear]) {
        var byYear: [Int: CalendarYear] = [:]
        for year in years { byYear[year.year] = year }
        self.years = byYear
        var special: [Int: SpecialDayKind] = [:]
        for year in byYear.values {
            for day in year.days { special[day.date.dayNumber] = day.kind }
        }
        self.special = special
    }

    /// The years built into Gongkai, 2019 to 2026, from `Data/calendar/china-2019-2026.tsv`.
    public static let builtIn: WorkingCalendar = {
        do {
            return WorkingCalendar(years: try CalendarFile.parse(CalendarData.china2019to2026))
        } catch {
            preconditionFailure("the built-in calendar does not read: \(error)")
        }
    }()

    /// The built-in years' data file, as built into the binary.
    public static var builtInText: String { CalendarData.china2019to2026 }

    /// This calendar with `added` years on top: a year in both is the added one's.
    public func adding(_ added: [CalendarYear]) -> WorkingCalendar {
        var merged = years
        for year in added { merged[year.year] = year }
        return WorkingCalendar(years: Array(merged.values))
    }

    /// The years known, oldest first.
    public var knownYears: [Int] { years.keys.sorted() }

    /// Whether the date is a working day.
    public func isWorkingDay(_ date: CalendarDate) throws(MissingCalendarYear) -> Bool {
        guard years[date.year] != nil else { throw MissingCalendarYear(year: date.year) }
        return isWorking(dayNumber: date.dayNumber)
    }

    /// The special day on a date (a holiday, or a weekend working day), if it is one.
    public func specialDay(_ date: CalendarDate) -> SpecialDay? {
        years[date.year]?.days.first { $0.date == date }
    }

    private func isWorking(dayNumber: Int) -> Bool {
        if let kind = special[dayNumber] { return kind == .workday }
        return !CalendarDate(dayNumber: dayNumber).weekday.isWeekend
    }

    /// The `count`th working day after `start`: 「X个工作日内」 counts from the day after the start day, and a deadline
    /// is simply the Xth working day, never moved by hand off a holiday. `count` 0 is `start` itself. Days in
    /// `excluded` (stretches when the period stands still) are passed over without being counted.
    public func workingDay(
        _ count: Int,
        after start: CalendarDate,
        excluding excluded: [DateSpan] = []
    ) throws(MissingCalendarYear) -> CalendarDate {
        precondition(count >= 0, "a count of working days is never negative")
        var day = start.dayNumber
        var counted = 0
        while counted < count {
            day += 1
            let date = CalendarDate(dayNumber: day)
            guard years[date.year] != nil else { throw MissingCalendarYear(year: date.year) }
            if excluded.contains(where: { $0.contains(date) }) { continue }
            if isWorking(dayNumber: day) { counted += 1 }
        }
        return CalendarDate(dayNumber: day)
    }

    /// The last day of a 「within `count` working days」 window from `start` (a due list's horizon): the `count`th
    /// working day after it, or — when the count runs into a year after `start`'s that the calendar does not know —
    /// the last day before that year, with that year: every date the calendar can tell is then inside the window.
    public func window(
        _ count: Int,
        after start: CalendarDate
    ) throws(MissingCalendarYear) -> (last: CalendarDate, unknownYear: Int?) {
        do {
            return (try workingDay(count, after: start), nil)
        } catch {
            guard error.year > start.year, let next = CalendarDate(year: error.year, month: 1, day: 1) else {
                throw error
            }
            return (next.adding(days: -1), error.year)
        }
    }

    /// How many working days there are after `start` up to and including `end` (0 when `end` is not after `start`):
    /// the days of a 「X个工作日」 period that have run by `end`.
    public func workingDays(after start: CalendarDate, through end: CalendarDate) throws(MissingCalendarYear) -> Int {
        guard end > start else { return 0 }
        var count = 0
        for day in (start.dayNumber + 1)...end.dayNumber {
            let date = CalendarDate(dayNumber: day)
            guard years[date.year] != nil else { throw MissingCalendarYear(year: date.year) }
            if isWorking(dayNumber: day) { count += 1 }
        }
        return count
    }
}

/// A stretch of days, both ends included.
public struct DateSpan: Sendable, Hashable {
    public var first: CalendarDate
    public var last: CalendarDate

    public init(first: CalendarDate, last: CalendarDate) {
        self.first = first
        self.last = last
    }

    public func contains(_ date: CalendarDate) -> Bool { first <= date && date <= last }
}
