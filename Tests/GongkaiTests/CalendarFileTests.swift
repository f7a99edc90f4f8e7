import Foundation
import GongkaiModel
import GongkaiRegister
import GongkaiStore
import Testing

/// Calendar files (`gongkai calendar add`) and the `gongkai calendar` commands through the real binary.
@Suite("calendar files and gongkai calendar")
struct CalendarFileTests {
    func refusal(_ text: String) -> CalendarFileError? {
        #expect(throws: CalendarFileError.self) { try CalendarFile.parse(text) }
    }

    @Test("a calendar file reads into years, and writes back the same")
    func parses() throws {
        let years = try CalendarFile.parse(StoreContractTests.year2027)
        #expect(years.count == 1)
        #expect(years[0].year == 2027)
        #expect(years[0].notice == "国办发明电〔2026〕99号《测试用通知》")
        #expect(years[0].days.count == 5)
        #expect(
            years[0].days[3]
                == SpecialDay(date: try #require(CalendarDate(isoDay: "2027-02-07")), kind: .workday, name: "春节")
        )
        #expect(try CalendarFile.parse(CalendarFile.text(years)) == years)
        // Windows line ends and a byte-order mark read the same.
        let windows = "\u{FEFF}" + StoreContractTests.year2027.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try CalendarFile.parse(windows) == years)
        // The built-in file writes back to the same years.
        let builtIn = try CalendarFile.parse(WorkingCalendar.builtInText)
        #expect(try CalendarFile.parse(CalendarFile.text(builtIn)) == builtIn)
        #expect(builtIn.count == 8)
    }

    @Test("malformed files are refused with the line and the reason")
    func refusesMalformed() {
        let head = "year\t2027\t测试用通知\n"
        let cases: [(String, Int, String)] = [
            (head + "2027-01-01 holiday 元旦\n", 2, "三栏"),
            (head + "2027-13-01\tholiday\t元旦\n", 2, "不是日期"),
            (head + "2027-01-01\tday-off\t元旦\n", 2, "holiday"),
            (head + "2027-01-01\tholiday\t\n", 2, "没有节日名称"),
            ("2027-01-01\tholiday\t元旦\n", 1, "年份行"),
            (head + "2026-12-31\tholiday\t元旦\n", 2, "不在2027年内"),
            (head + "2027-02-08\tworkday\t春节\n", 2, "星期一，本来就上班"),
            (head + "2027-01-01\tholiday\t元旦\n2027-01-01\tholiday\t元旦\n", 3, "重复"),
            (head + head, 2, "出现了两次"),
            ("year\t2027\t\n", 1, "没有写明依据的通知"),
            ("year\tMMXXVII\t通知\n", 1, "年份行"),
            ("# 只有注释\n", 0, "没有年份行"),
        ]
        for (text, line, reason) in cases {
            let error = refusal(text)
            #expect(error?.line == line, "\(text)")
            #expect(error?.description.contains(reason) == true, "\(error?.description ?? "accepted"): \(text)")
        }
    }

    @Test("calendar show prints the months and the special days with the notice")
    func show() throws {
        let result = try CLI.run(["calendar", "show", "2024"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let february = try #require(lines.firstIndex(of: "2024年2月"))
        #expect(lines[february + 1] == " 一   二   三   四   五   六   日")
        #expect(lines[february + 2] == "                1    2    3    4班")
        #expect(lines[february + 3] == " 5    6    7    8    9   10休 11休")
        #expect(lines[february + 4] == "12休 13休 14休 15休 16休 17休 18班")
        #expect(result.stdout.contains("  春节\t放假\t2024年2月10日（星期六）至2024年2月17日（星期六），共8天\n"))
        #expect(result.stdout.contains("  春节\t上班\t2024年2月18日（星期日）\n"))
        #expect(result.stdout.contains("全年工作日 251 天。"))
        #expect(result.stdout.contains("依据：国办发明电〔2023〕7号《国务院办公厅关于2024年部分节假日安排的通知》"))
        #expect(lines.filter { $0.hasPrefix("2024年") && $0.hasSuffix("月") }.count == 12)

        let missing = try CLI.run(["calendar", "show", "2027"])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("没有2027年的节假日安排"))
        #expect(missing.stderr.contains("gongkai calendar add"))
    }

    @Test("calendar deadline prints the Nth working day and its day of the week")
    func deadline() throws {
        let result = try CLI.run(["calendar", "deadline", "--from", "2025-09-26", "--days", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2025年9月26日（星期五）起第20个工作日：2025年10月30日（星期四）\n2025-10-30\n")
        let chinese = try CLI.run(["calendar", "deadline", "--from", "2025年10月10日", "--days", "1"])
        #expect(chinese.stdout.hasPrefix("2025年10月10日（星期五）起第1个工作日：2025年10月11日（星期六）\n"))

        let past = try CLI.run(["calendar", "deadline", "--from", "2026-12-20", "--days", "20"])
        #expect(past.status == 2)
        #expect(past.stderr.contains("没有2027年的节假日安排"))
        let wrongDate = try CLI.run(["calendar", "deadline", "--from", "2025-02-30", "--days", "20"])
        #expect(wrongDate.status == 64)
        #expect(wrongDate.stderr.contains("无法识别"))
        let noDays = try CLI.run(["calendar", "deadline", "--from", "2025-02-03", "--days", "0"])
        #expect(noDays.status == 64)
    }

    @Test("calendar add stores a year, refuses bad files and years already there", arguments: CorpusDatabase.all)
    func add(_ database: CorpusDatabase) throws {
        let folder = try StoreTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try database.make(folder)
        func gongkai(_ arguments: [String]) throws -> CLI.Result { try CLI.run(arguments + ["--db", db]) }
        func file(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }

        let good = try file("2027.tsv", StoreContractTests.year2027)
        let added = try gongkai(["calendar", "add", good])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(
            added.stdout == """
                已加入2027年的节假日安排：放假4天，调休上班1天（依据：国办发明电〔2026〕99号《测试用通知》）。
                登记簿中没有未办结的申请，没有期限需要重新计算。

                """
        )
        let shown = try gongkai(["calendar", "show", "2027"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains(" 1休  2    3"))
        #expect(shown.stdout.contains("  春节\t上班\t2027年2月7日（星期日）\n"))
        #expect(shown.stdout.contains("由 gongkai calendar add 加入"))
        let across = try gongkai(["calendar", "deadline", "--from", "2026-12-28", "--days", "4"])
        #expect(across.stdout.hasSuffix("2027-01-04\n"), "\(across.stderr)")

        let again = try gongkai(["calendar", "add", good])
        #expect(again.status == 2)
        #expect(again.stderr.contains("2027年的节假日安排已加入过"))
        #expect(try gongkai(["calendar", "add", good, "--replace"]).stdout.hasPrefix("已替换2027年"))

        let builtIn = try file("2025.tsv", "year\t2025\t测试用通知\n2025-01-01\tholiday\t元旦\n")
        let refused = try gongkai(["calendar", "add", builtIn])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("2025年的节假日安排已内置"))

        let weekday = try file("bad.tsv", "year\t2028\t测试用通知\n2028-01-03\tworkday\t元旦\n")
        let bad = try gongkai(["calendar", "add", weekday])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.tsv：第2行：2028年1月3日是星期一"))
        #expect(bad.stderr.contains("未加入任何年份"))
        let outside = try file("outside.tsv", "year\t2028\t测试用通知\n2029-01-01\tholiday\t元旦\n")
        #expect(try gongkai(["calendar", "add", outside]).stderr.contains("不在2028年内"))
        let twice = try file("twice.tsv", "year\t2028\t通知\n2028-01-01\tholiday\t元旦\n2028-01-01\tholiday\t元旦\n")
        #expect(try gongkai(["calendar", "add", twice]).stderr.contains("重复出现"))
        let missing = try gongkai(["calendar", "add", folder.appendingPathComponent("none.tsv").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("文件不存在"))

        // Nothing of the refused files was stored.
        let stored = try database.open(db).storedCalendarYears()
        #expect(stored.map(\.year) == [2027])
    }
}
