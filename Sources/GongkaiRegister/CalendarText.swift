import GongkaiModel

/// A year of the working calendar as text for a terminal, in Chinese: twelve months, Monday first, holidays marked 休
/// and make-up working days 班, then the year's special days with the notice they come from.
public enum CalendarText {
    /// The year's calendar; throws when the calendar has no data for the year.
    public static func year(_ year: Int, in calendar: WorkingCalendar) throws(MissingCalendarYear) -> String {
        guard let data = calendar.years[year] else { throw MissingCalendarYear(year: year) }
        var out = "\(year)年 工作日历（休 = 放假，班 = 周六、周日调休上班）\n"
        for month in 1...12 {
            out += "\n" + self.month(year: year, month: month, in: calendar)
        }
        out += "\n\(year)年的节假日和调休上班日：\n"
        for run in runs(data.days) {
            let dates =
                run.count == 1
                ? run[0].date.chineseWithWeekday
                : "\(run[0].date.chineseWithWeekday)至\(run[run.count - 1].date.chineseWithWeekday)，共\(run.count)天"
            out += "  \(run[0].name)\t\(run[0].kind.chinese)\t\(dates)\n"
        }
        if data.days.isEmpty { out += "  （无）\n" }
        let working = try calendar.workingDays(
            after: CalendarDate(dayNumber: firstDay(of: year).dayNumber - 1),
            through: lastDay(of: year)
        )
        out += "全年工作日 \(working) 天。\n依据：\(data.notice)\n"
        return out
    }

    /// One month as a table: its heading, the days of the week, then a row a week.
    static func month(year: Int, month: Int, in calendar: WorkingCalendar) -> String {
        guard let first = CalendarDate(year: year, month: month, day: 1) else { return "" }
        var out = "\(year)年\(month)月\n"
        out += Weekday.allCases.map { " \($0.short)" }.joined(separator: "  ") + "\n"
        var cells = Array(repeating: "    ", count: first.weekday.rawValue - 1)
        var date = first
        while date.month == month {
            let number = date.day < 10 ? " \(date.day)" : "\(date.day)"
            let mark: String =
                switch calendar.specialDay(date)?.kind {
                case .holiday: "休"
                case .workday: "班"
                case nil: "  "
                }
            cells.append(number + mark)
            date = date.adding(days: 1)
        }
        while !cells.isEmpty {
            let week = cells.prefix(7)
            cells.removeFirst(week.count)
            var line = week.joined(separator: " ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// Special days grouped into runs: consecutive dates of one kind and one holiday.
    static func runs(_ days: [SpecialDay]) -> [[SpecialDay]] {
        var runs: [[SpecialDay]] = []
        for day in days {
            if let last = runs.last?.last, last.kind == day.kind, last.name == day.name,
                last.date.adding(days: 1) == day.date
            {
                runs[runs.count - 1].append(day)
            } else {
                runs.append([day])
            }
        }
        return runs
    }

    static func firstDay(of year: Int) -> CalendarDate {
        CalendarDate(year: year, month: 1, day: 1) ?? CalendarDate(dayNumber: 0)
    }

    static func lastDay(of year: Int) -> CalendarDate {
        CalendarDate(year: year, month: 12, day: 31) ?? CalendarDate(dayNumber: 0)
    }
}
