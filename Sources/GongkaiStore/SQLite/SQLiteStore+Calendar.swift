import GRDB
import GongkaiModel
public import GongkaiRegister

/// The working-calendar years added with `gongkai calendar add`.
extension SQLiteStore {
    public func storedCalendarYears() throws -> [CalendarYear] {
        try guarded {
            try pool.read { db in
                guard try db.tableExists("calendar_year") else { return [] }
                return try Self.calendarYears(db)
            }
        }
    }

    public func storeCalendarYears(_ years: [CalendarYear], replace: Bool) throws -> CalendarUpdate {
        let (added, replaced) = try guarded {
            try pool.write { db in
                let stored = Set(try Int.fetchAll(db, sql: "SELECT year FROM calendar_year"))
                let outcome = try CalendarYearRules.check(years, stored: stored, replace: replace)
                let now = Self.now()
                for year in years {
                    try db.execute(sql: "DELETE FROM calendar_year WHERE year = ?", arguments: [year.year])
                    try db.execute(
                        sql: "INSERT INTO calendar_year (year, notice, stored_at) VALUES (?, ?, ?)",
                        arguments: [year.year, year.notice, now]
                    )
                    for day in year.days {
                        try db.cachedStatement(
                            sql: "INSERT INTO calendar_day (day, year, kind, name) VALUES (?, ?, ?, ?)"
                        ).execute(arguments: [day.date.description, year.year, day.kind.rawValue, day.name])
                    }
                }
                return outcome
            }
        }
        let recomputed = try recomputeOpenDeadlines(with: try workingCalendar())
        return CalendarUpdate(added: added, replaced: replaced, recomputedDeadlines: recomputed)
    }

    static func calendarYears(_ db: Database) throws -> [CalendarYear] {
        var days: [Int: [SpecialDay]] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT day, year, kind, name FROM calendar_day ORDER BY day")
        while let row = try rows.next() {
            let text: String = row["day"]
            let kindText: String = row["kind"]
            guard let date = CalendarDate(isoDay: text), let kind = SpecialDayKind(rawValue: kindText) else {
                throw StoreError.cannotOpen(path: "calendar_day", detail: "无法读取的日期「\(text)」")
            }
            days[row["year"], default: []].append(SpecialDay(date: date, kind: kind, name: row["name"]))
        }
        return try Row.fetchAll(db, sql: "SELECT year, notice FROM calendar_year ORDER BY year").map { row in
            let year: Int = row["year"]
            return CalendarYear(year: year, notice: row["notice"], days: days[year] ?? [])
        }
    }
}
