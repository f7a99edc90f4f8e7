public import GongkaiRegister

/// What `gongkai calendar add` did.
public struct CalendarUpdate: Sendable, Hashable {
    /// Years new to the calendar.
    public var added: [Int]
    /// Years that replaced a built-in or stored year (`--replace`).
    public var replaced: [Int]
    /// Open applications whose deadlines were counted again on the changed calendar.
    public var recomputedDeadlines: Int

    public init(added: [Int], replaced: [Int], recomputedDeadlines: Int) {
        self.added = added
        self.replaced = replaced
        self.recomputedDeadlines = recomputedDeadlines
    }
}

extension ReportStore {
    /// The calendar in effect: the built-in years (2019–2026) with the years stored by `gongkai calendar add` on top;
    /// a stored year replaces a built-in one.
    public func workingCalendar() throws -> WorkingCalendar {
        WorkingCalendar.builtIn.adding(try storedCalendarYears())
    }
}

/// The checks both backends make before storing calendar years.
enum CalendarYearRules {
    /// Throws unless each year may be stored: with `replace` any year may; without it, a year built in or stored
    /// already is refused. Returns the years that are new and those that replace another.
    static func check(
        _ years: [CalendarYear],
        stored: Set<Int>,
        replace: Bool
    ) throws(StoreError) -> (added: [Int], replaced: [Int]) {
        var added: [Int] = []
        var replaced: [Int] = []
        for year in years.map(\.year).sorted() {
            let builtIn = WorkingCalendar.builtIn.years[year] != nil
            if !replace {
                if builtIn { throw StoreError.calendarYearBuiltIn(year) }
                if stored.contains(year) { throw StoreError.calendarYearStored(year) }
            }
            if builtIn || stored.contains(year) { replaced.append(year) } else { added.append(year) }
        }
        return (added, replaced)
    }
}
