import ArgumentParser
import Foundation
import GongkaiModel
import GongkaiOutput
import GongkaiRegister
import GongkaiStore

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "China's working-day calendar: holidays, 调休 make-up working days, deadlines in working days.",
        discussion: """
            The years 2019 to 2026 are built in, each from the State Council's notice (国务院办公厅关于部分节假日安排的\
            通知). A later year is added from a file with `gongkai calendar add` once its notice is out (each \
            November); the corpus database keeps it. 「X个工作日内」 counts from the day after the start day, and a \
            deadline is simply the Xth working day, never moved off a holiday by hand.

            Exit status: 0 success; 2 a year without calendar data, or a calendar file that cannot be used; 64 the \
            command line itself is wrong.
            """,
        subcommands: [Show.self, Add.self, Deadline.self]
    )

    /// The calendar in effect: the built-in years and, from the database named with --db (or gongkai.sqlite here when
    /// it exists), the years added to it; and those added years.
    static func calendar(_ store: StoreOptions) throws -> (calendar: WorkingCalendar, added: Set<Int>) {
        guard store.databaseOption != nil || FileManager.default.fileExists(atPath: store.database) else {
            return (.builtIn, [])
        }
        return try storeRequest {
            let opened = try store.open(readOnly: true)
            let added = try opened.storedCalendarYears()
            return (WorkingCalendar.builtIn.adding(added), Set(added.map(\.year)))
        }
    }

    /// The calendar's answer; when a year has no data, prints which year is missing and how to add it, and ends the
    /// command with status 2.
    static func answer<T>(_ body: () throws(MissingCalendarYear) -> T) throws -> T {
        do {
            return try body()
        } catch {
            printError("gongkai: \(error)")
            throw ExitCode(2)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a year's calendar month by month, with its holidays and make-up working days."
        )

        @Argument(help: "The year, e.g. 2026.")
        var year: Int

        @OptionGroup var store: StoreOptions

        func run() throws {
            let (calendar, added) = try CalendarCommand.calendar(store)
            var text = try CalendarCommand.answer { () throws(MissingCalendarYear) in
                try CalendarText.year(year, in: calendar)
            }
            if added.contains(year) { text += "（本年安排由 gongkai calendar add 加入数据库，不是内置数据。）\n" }
            print(TerminalText.text(text), terminator: "")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a year's holidays and make-up working days from a file (the year's notice).",
            discussion: """
                The file is UTF-8 text, one entry a line, fields separated by tabs; lines starting with # are \
                comments. First the year and its notice, then each special day: the date, holiday (放假) or workday \
                (a Saturday or Sunday that is a working day), and the holiday's name:

                  year\t2027\t国办发明电〔2026〕N号《国务院办公厅关于2027年部分节假日安排的通知》
                  2027-01-01\tholiday\t元旦
                  2027-02-06\tholiday\t春节
                  …

                A year built in or added before is refused unless --replace. Every open deadline is counted again \
                on the changed calendar.
                """
        )

        @Argument(help: "The calendar file.")
        var file: String

        @Flag(help: "Put the file's days in place of a year already built in or added.")
        var replace = false

        @OptionGroup var store: StoreOptions

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("gongkai: \(file)：文件不存在或无法读取。")
                throw ExitCode(2)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                printError("gongkai: \(file)：不是 UTF-8 文本；请以 UTF-8 编码保存日历文件。")
                throw ExitCode(2)
            }
            let years: [CalendarYear]
            do {
                years = try CalendarFile.parse(text)
            } catch {
                printError("gongkai: \(file)：\(error)未加入任何年份。")
                throw ExitCode(2)
            }
            let update = try storeRequest { try store.open().storeCalendarYears(years, replace: replace) }
            for year in years {
                let holidays = year.days.filter { $0.kind == .holiday }.count
                let verb = update.replaced.contains(year.year) ? "替换" : "加入"
                print(
                    TerminalText.line(
                        "已\(verb)\(year.year)年的节假日安排：放假\(holidays)天，调休上班\(year.days.count - holidays)天"
                            + "（依据：\(year.notice)）。"
                    )
                )
            }
            print(
                update.recomputedDeadlines == 0
                    ? "登记簿中没有未办结的申请，没有期限需要重新计算。"
                    : "已按新的日历重新计算 \(update.recomputedDeadlines) 件未办结申请的期限。"
            )
        }
    }

    struct Deadline: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The date N working days after a start day (counting from the next day).",
            discussion: """
                For 「自收到申请之日起20个工作日内」: --from the day the application was received, --days 20. The \
                answer is the Nth working day after the start day, with its day of the week.
                """
        )

        @Option(help: "The start day: 2026-03-02 or 2026年3月2日.")
        var from: String

        @Option(help: "How many working days (1 to 1000).")
        var days: Int

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard CalendarCommand.date(from) != nil else {
                throw ValidationError("--from 的日期「\(from)」无法识别，应写作 2026-03-02 或 2026年3月2日。")
            }
            guard (1...1000).contains(days) else { throw ValidationError("--days 应在 1 到 1000 之间。") }
        }

        func run() throws {
            guard let start = CalendarCommand.date(from) else { throw ExitCode(64) }
            let (calendar, _) = try CalendarCommand.calendar(store)
            let due = try CalendarCommand.answer { () throws(MissingCalendarYear) in
                try calendar.workingDay(days, after: start)
            }
            print("\(start.chineseWithWeekday)起第\(days)个工作日：\(due.chineseWithWeekday)")
            print(due.description)
        }
    }

    /// A date as `2026-03-02` or `2026年3月2日`.
    static func date(_ text: String) -> CalendarDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = CalendarDate(isoText: trimmed) { return date }
        let parts = trimmed.split(whereSeparator: { "年月日".contains($0) }).map { Int($0) }
        guard trimmed.hasSuffix("日"), parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2]
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}
