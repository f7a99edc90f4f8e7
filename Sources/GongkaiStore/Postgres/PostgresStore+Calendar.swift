#if Postgres
import GongkaiModel
public import GongkaiRegister
import PostgresNIO

/// The working-calendar years added with `gongkai calendar add`.
extension PostgresStore {
    public func storedCalendarYears() throws -> [CalendarYear] {
        try guarded {
            try reading { db in
                let exists = try db.one("SELECT to_regclass('calendar_year') IS NOT NULL", as: Bool.self)
                guard exists == true else { return [] }
                return try Self.calendarYears(db)
            }
        }
    }

    public func storeCalendarYears(_ years: [CalendarYear], replace: Bool) throws -> CalendarUpdate {
        let (added, replaced) = try guarded {
            try writer.transaction { db in
                // One writer of the calendar at a time: a second waits, then sees the first one's years.
                try db.execute("LOCK TABLE calendar_year IN SHARE ROW EXCLUSIVE MODE")
                let stored = Set(try db.rows("SELECT year FROM calendar_year").map { try $0.decode(Int.self) })
                let outcome = try CalendarYearRules.check(years, stored: stored, replace: replace)
                let now = Self.now()
                for year in years {
                    try db.execute("DELETE FROM calendar_year WHERE year = \(year.year)")
                    try db.execute(
                        "INSERT INTO calendar_year (year, notice, stored_at) VALUES (\(year.year), \(year.notice), \(now))"
                    )
                    for day in year.days {
                        try db.execute(
                            """
                            INSERT INTO calendar_day (day, year, kind, name)
                            VALUES (\(day.date.description), \(year.year), \(day.kind.rawValue), \(day.name))
                            """
                        )
                    }
                }
                return outcome
            }
        }
        let recomputed = try recomputeOpenDeadlines(with: try workingCalendar())
        return CalendarUpdate(added: added, replaced: replaced, recomputedDeadlines: recomputed)
    }

    static func calendarYears(_ db: PostgresSession.Transaction) throws -> [CalendarYear] {
        var days: [Int: [SpecialDay]] = [:]
        for row in try db.rows("SELECT day, year, kind, name FROM calendar_day ORDER BY day") {
            let (text, year, kindText, name) = try row.decode((String, Int, String, String).self)
            guard let date = CalendarDate(isoDay: text), let kind = SpecialDayKind(rawValue: kindText) else {
                throw StoreError.cannotOpen(path: "calendar_day", detail: "无法读取的日期「\(text)」")
            }
            days[year, default: []].append(SpecialDay(date: date, kind: kind, name: name))
        }
        return try db.rows("SELECT year, notice FROM calendar_year ORDER BY year").map { row in
            let (year, notice) = try row.decode((Int, String).self)
            return CalendarYear(year: year, notice: notice, days: days[year] ?? [])
        }
    }
}
#endif
