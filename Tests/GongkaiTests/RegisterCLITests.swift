import Foundation
import GongkaiModel
import GongkaiRegister
import GongkaiStore
import Testing

/// The disclosure register through the real binary: a clerk's year, the supervisor's due list, the calendar's recount.
@Suite("register command line")
struct RegisterCLITests {
    static let agency = "测试市测试区司法局"

    /// A new folder for a test's files, removed when the test ends.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-registercli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `gongkai register …` on the database as the clerk 王五, on the given day.
    static func register(_ arguments: [String], db: String, today: String = "2026-01-05") throws -> CLI.Result {
        try CLI.run(["register"] + arguments + ["--db", db, "--by", "王五", "--today", today])
    }

    /// Runs a register command that must succeed.
    @discardableResult
    static func ok(_ arguments: [String], db: String, today: String = "2026-01-05") throws -> String {
        let result = try register(arguments, db: db, today: today)
        #expect(result.status == 0, "\(arguments): \(result.stdout)\(result.stderr)")
        return result.stdout
    }

    static func add(
        _ received: String,
        type: String,
        name: String,
        db: String,
        agency: String = agency,
        extra: [String] = []
    ) throws -> String {
        let out = try ok(
            [
                "add", "--agency", agency, "--received", received, "--channel", "网络", "--applicant-type", type,
                "--applicant", name, "--id-number", "ID-\(name)", "--contact", "TEL-\(name)", "--request",
                "\(name)申请的信息",
            ] + extra,
            db: db
        )
        let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("已登记：登记号 ") })
        return String(line.dropFirst("已登记：登记号 ".count).prefix { $0 != "（" })
    }

    /// The version of an application, from the JSON list.
    static func version(_ key: String, db: String) throws -> Int? {
        let json = try ok(["list", "--agency", agency, "--format", "json"], db: db)
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        return rows.first { $0["key"] as? String == key }?["version"] as? Int
    }

    @Test(
        "a clerk's year: applications and their steps, a case, documents, counts, compiled and checked",
        arguments: CorpusDatabase.all
    )
    func wholeYear(_ database: CorpusDatabase) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try database.make(folder)

        // An agency not in the corpus yet: refused, then created on purpose.
        let missing = try Self.register(
            [
                "add", "--agency", Self.agency, "--received", "2025-03-03", "--channel", "网络", "--applicant-type",
                "自然人",
                "--applicant", "赵一", "--request", "某信息",
            ],
            db: db
        )
        #expect(missing.status == 1 && missing.stderr.contains("未找到机关"), "\(missing.stderr)")
        let first = try Self.add("2025-03-03", type: "自然人", name: "赵一", db: db, extra: ["--create-agency"])
        #expect(first == "2025-0001")
        try Self.ok(["step", first, "答复", "--agency", Self.agency, "--on", "2025-03-20", "--outcome", "予以公开"], db: db)

        let second = try Self.add("2025-04-01", type: "商业企业", name: "钱二", db: db)
        #expect(second == "2025-0002")
        let notice = try Self.ok(
            ["step", second, "补正告知", "--agency", Self.agency, "--on", "2025-04-03", "--respond-by", "2025-04-18"],
            db: db
        )
        #expect(notice.contains("等待申请人补正"), "\(notice)")
        let amended = try Self.ok(["step", second, "收到补正", "--agency", Self.agency, "--on", "2025-04-15"], db: db)
        #expect(amended.contains("答复期限："), "\(amended)")
        try Self.ok(
            [
                "step", second, "答复", "--agency", Self.agency, "--on", "2025-05-09", "--outcome",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            ],
            db: db
        )

        let third = try Self.add("2025-06-03", type: "科研机构", name: "孙三", db: db)
        let extended = try Self.ok(
            ["step", third, "延期", "--agency", Self.agency, "--on", "2025-06-20", "--days", "20", "--approver", "李主任"],
            db: db
        )
        #expect(extended.contains("延长答复期限20个工作日"), "\(extended)")
        try Self.ok(
            ["step", third, "答复", "--agency", Self.agency, "--on", "2025-07-15", "--outcome", "denied.state_secret"],
            db: db
        )

        let fourth = try Self.add("2025-08-04", type: "法律服务机构", name: "李四", db: db)
        let fee = try Self.ok(
            [
                "step", fourth, "收费通知", "--agency", Self.agency, "--on", "2025-08-11", "--basis", "按量", "--quantity",
                "50",
            ],
            db: db
        )
        #expect(fee.contains("200元") && fee.contains("等待申请人缴费"), "\(fee)")
        try Self.ok(["step", fourth, "缴费", "--agency", Self.agency, "--on", "2025-08-15"], db: db)
        try Self.ok(
            ["step", fourth, "答复", "--agency", Self.agency, "--on", "2025-08-25", "--outcome", "1.属于国家秘密"],
            db: db
        )

        let fifth = try Self.add("2025-12-22", type: "自然人", name: "周五", db: db)
        #expect(fifth == "2025-0005")
        let consulting = try Self.ok(
            ["step", fifth, "征求意见", "--agency", Self.agency, "--on", "2025-12-23", "--party", "第三方"],
            db: db
        )
        #expect(consulting.contains("征求第三方意见中（答复期限中止计算）"), "\(consulting)")
        let views = try Self.ok(["step", fifth, "征求意见结束", "--agency", Self.agency, "--on", "2025-12-30"], db: db)
        #expect(views.contains("状态：办理中"), "\(views)")

        // A step the 条例 refuses: its reason, exit 1, the record and its version as they were.
        let before = try Self.version(first, db: db)
        #expect(before == 2)
        let refused = try Self.register(
            ["step", first, "延期", "--agency", Self.agency, "--on", "2025-03-25", "--days", "5", "--approver", "李主任"],
            db: db
        )
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("已于2025年3月20日"), "\(refused.stderr)")
        #expect(try Self.version(first, db: db) == before)
        // A wrong outcome is a usage error, before anything is opened.
        let wrongOutcome = try Self.register(
            ["step", fifth, "答复", "--agency", Self.agency, "--outcome", "大概公开"],
            db: db
        )
        #expect(wrongOutcome.status == 64, "\(wrongOutcome.stderr)")

        // Reviews and suits, documents, the year's counts.
        let review = try Self.ok(
            [
                "case", "add", "--agency", Self.agency, "--kind", "行政复议", "--filed", "2025-09-01", "--application",
                third,
            ],
            db: db
        )
        #expect(review.contains("编号 2025-0001"), "\(review)")
        try Self.ok(
            ["case", "decide", "2025-0001", "--agency", Self.agency, "--on", "2025-11-01", "--result", "维持"],
            db: db
        )
        try Self.ok(["case", "add", "--agency", Self.agency, "--kind", "直接起诉", "--filed", "2025-10-10"], db: db)
        try Self.ok(
            [
                "document", "add", "--agency", Self.agency, "--kind", "规范性文件", "--number", "测司规〔2025〕1号", "--title",
                "某某管理办法", "--issued", "2025-02-01",
            ],
            db: db
        )
        try Self.ok(
            [
                "document", "add", "--agency", Self.agency, "--kind", "规章", "--number", "测政令第1号", "--title", "某某规定",
                "--issued", "2025-05-01",
            ],
            db: db
        )
        try Self.ok(["document", "repeal", "测司规〔2025〕1号", "--agency", Self.agency, "--on", "2025-12-01"], db: db)
        let badRepeal = try Self.register(
            ["document", "repeal", "测政令第1号", "--agency", Self.agency, "--on", "2024-12-01"],
            db: db
        )
        #expect(badRepeal.status == 1 && badRepeal.stderr.contains("早于制发日期"), "\(badRepeal.stderr)")
        try Self.ok(
            [
                "counts", "set", "--agency", Self.agency, "--year", "2025", "--licensing", "120", "--penalty", "30",
                "--coercion", "2", "--fees", "1.5",
            ],
            db: db
        )

        // The year compiled: every figure counted from the register, and gongkai check finds no error.
        let data = folder.appendingPathComponent("2025.yaml")
        let compile = try Self.register(
            ["compile", "--agency", Self.agency, "--year", "2025", "-o", data.path],
            db: db
        )
        #expect(compile.status == 0, "\(compile.stdout)\(compile.stderr)")
        #expect(compile.stdout.contains("新收申请5件") && compile.stdout.contains("结转下年度1件"), "\(compile.stdout)")
        let yaml = try String(contentsOf: data, encoding: .utf8)
        let expected: [String: String] = [
            "t3.received.total": "5", "t3.received.natural": "2", "t3.received.commercial": "1",
            "t3.received.research": "1", "t3.received.legal": "1", "t3.granted.total": "1", "t3.partial.total": "1",
            "t3.denied.state_secret.total": "2", "t3.total.total": "4", "t3.carried_forward.total": "1",
            "t4.review.upheld": "1", "t4.review.total": "1", "t4.suit_direct.pending": "1", "t2.normative.issued": "1",
            "t2.normative.repealed": "1", "t2.normative.in_force": "0", "t2.rules.issued": "1",
            "t2.rules.in_force": "1",
            "t2.licensing.decisions": "120", "t2.penalty.decisions": "30", "t2.coercion.decisions": "2",
            "t2.fees.amount": "1.5",
        ]
        for (id, value) in expected {
            #expect(yaml.contains("\n  \(id): \(value)  #"), "\(id) should be \(value)")
        }
        #expect(yaml.contains("\(Self.agency)2025年政府信息公开工作年度报告"))
        let check = try CLI.run(["check", data.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let rendered = try CLI.run(["render", data.path, "--to", "md"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        // Personal data never reaches the report.
        #expect(!yaml.contains("赵一") && !yaml.contains("ID-") && !yaml.contains("TEL-"))

        // The clerk's view of one application: its steps, its deadlines, and who changed what.
        let shown = try Self.ok(["show", second, "--agency", Self.agency], db: db)
        for text in [
            "钱二", "ID-钱二", "TEL-钱二", "发出补正通知，补正期限至2025年4月18日", "收到补正后的申请", "答复办结：（二）部分公开",
            "修改记录：", "王五  新建（第1版）", "王五  修改（第4版）",
        ] {
            #expect(shown.contains(text), "show lacks \(text): \(shown)")
        }
        // Each change with what it was before and after: the reply added to the steps.
        #expect(shown.contains("第4步 答复办结 办理结果：（无） → （二）部分公开"), "\(shown)")
        #expect(shown.contains("第4步 答复办结 日期：（无） → 2025-05-09"), "\(shown)")
        #expect(shown.contains("申请人 姓名或名称：（无） → 钱二"), "\(shown)")
        let open = try Self.ok(["show", fifth, "--agency", Self.agency], db: db)
        #expect(open.contains("答复期限：") && open.contains("可以进行的下一步："), "\(open)")
        #expect(open.contains("延期") && open.contains("答复"), "\(open)")
    }

    @Test("lists leave out the applicant's name, number and contact unless asked")
    func personalData() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try CorpusDatabase.sqlite.make(folder)
        _ = try Self.add("2025-03-03", type: "自然人", name: "赵一", db: db, extra: ["--create-agency"])
        for format in ["text", "csv", "json"] {
            let plain = try Self.ok(["list", "--agency", Self.agency, "--format", format], db: db)
            #expect(plain.contains("2025-0001") && plain.contains("赵一申请的信息"), "\(format): \(plain)")
            let personal = plain.replacingOccurrences(of: "赵一申请的信息", with: "")
            #expect(!personal.contains("赵一") && !personal.contains("ID-") && !personal.contains("TEL-"), "\(plain)")
            let shown = try Self.ok(
                ["list", "--agency", Self.agency, "--format", format, "--with-personal-data"],
                db: db
            )
            #expect(shown.contains("ID-赵一") && shown.contains("TEL-赵一"), "\(format): \(shown)")
        }
        let csv = try Self.ok(["list", "--format", "csv"], db: db)
        #expect(csv.hasPrefix("机关,登记号,收到日期"), "\(csv)")
    }

    @Test("the due list: overdue first, then due soon, across agencies unless one is named")
    func dueList() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try CorpusDatabase.sqlite.make(folder)
        let other = "测试市测试区教育局"
        let late = try Self.add("2025-03-03", type: "自然人", name: "赵一", db: db, extra: ["--create-agency"])
        let soon = try Self.add(
            "2025-03-20",
            type: "自然人",
            name: "钱二",
            db: db,
            agency: other,
            extra: ["--create-agency"]
        )
        let later = try Self.add("2025-04-08", type: "自然人", name: "孙三", db: db)
        let done = try Self.add("2025-03-04", type: "自然人", name: "李四", db: db, agency: other)
        try Self.ok(["step", done, "答复", "--agency", other, "--on", "2025-03-10", "--outcome", "予以公开"], db: db)

        let calendar = WorkingCalendar.builtIn
        let today = try #require(CalendarDate(isoDay: "2025-04-10"))
        let lateDue = try calendar.workingDay(20, after: #require(CalendarDate(isoDay: "2025-03-03")))
        let soonDue = try calendar.workingDay(20, after: #require(CalendarDate(isoDay: "2025-03-20")))
        #expect(lateDue < today && soonDue > today)

        let all = try Self.ok(["due", "--within", "10"], db: db, today: "2025-04-10")
        let lines = all.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(all)")
        #expect(
            lines.first?.hasPrefix("逾期\(today.dayNumber - lateDue.dayNumber)天\t\(Self.agency)\t\(late)\t\(lateDue)")
                == true,
            "\(all)"
        )
        #expect(lines.last?.hasPrefix("即将到期\t\(other)\t\(soon)\t\(soonDue)") == true, "\(all)")
        #expect(!all.contains(later))
        #expect(!all.contains("赵一") && !all.contains("钱二"))

        let overdue = try Self.ok(["due", "--overdue"], db: db, today: "2025-04-10")
        #expect(overdue.split(separator: "\n").count == 1 && overdue.contains(late), "\(overdue)")
        let one = try Self.ok(["due", "--within", "10", "--agency", other], db: db, today: "2025-04-10")
        #expect(one.split(separator: "\n").count == 1 && one.contains("即将到期\t\(other)\t\(soon)"), "\(one)")
        let none = try Self.ok(["due", "--within", "1", "--agency", other], db: db, today: "2025-04-10")
        #expect(none.contains("没有逾期或1个工作日内到期的申请"), "\(none)")
    }

    @Test("calendar add of a year an open application's deadline needs, and of a changed year, recounts it")
    func calendarRecount() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try CorpusDatabase.sqlite.make(folder)
        let added = try Self.register(
            [
                "add", "--agency", Self.agency, "--create-agency", "--received", "2026-12-28", "--channel", "当面",
                "--applicant-type", "自然人", "--applicant", "赵一", "--request", "某信息",
            ],
            db: db,
            today: "2026-12-28"
        )
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("日历中没有2027年的节假日安排"), "\(added.stdout)")
        let key = "2026-0001"

        let year = folder.appendingPathComponent("2027.tsv")
        try Data(StoreContractTests.year2027.utf8).write(to: year)
        let first = try CLI.run(["calendar", "add", year.path, "--db", db])
        #expect(first.status == 0 && first.stdout.contains("已按新的日历重新计算 1 件未办结申请的期限"), "\(first.stdout)")
        let counted = try Self.ok(["show", key, "--agency", Self.agency], db: db, today: "2026-12-28")
        #expect(counted.contains("答复期限：2027年1月26日"), "\(counted)")

        // The year's notice changed: 4 January a holiday moves the reply a working day on.
        let moved = StoreContractTests.year2027 + "2027-01-04\tholiday\t测试调整\n"
        try Data(moved.utf8).write(to: year)
        let second = try CLI.run(["calendar", "add", year.path, "--replace", "--db", db])
        #expect(second.status == 0 && second.stdout.contains("已按新的日历重新计算 1 件未办结申请的期限"), "\(second.stdout)")
        let recounted = try Self.ok(["show", key, "--agency", Self.agency], db: db, today: "2026-12-28")
        #expect(recounted.contains("答复期限：2027年1月27日"), "\(recounted)")
        #expect(recounted.contains("calendar  修改（第3版）"), "\(recounted)")
        #expect(recounted.contains("内容未变：按新的日历重新计算状态和期限"), "\(recounted)")
    }

    @Test("register import: a ledger's applications, all or none; the same ledger twice adds nothing")
    func importLedger() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("gongkai.sqlite").path
        let ledger = Fixtures.url("ledger/ledger.xlsx").path

        let imported = try Self.ok(["import", ledger, "--agency", Self.agency, "--create-agency"], db: db)
        #expect(imported.contains("已导入 30 件申请"), "\(imported)")
        let listed = try Self.ok(["list", "--agency", Self.agency, "--format", "json"], db: db)
        let rows = try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 30)
        #expect(rows.contains { $0["key"] as? String == "GK2025-001" })
        // The audit log names the importer.
        let shown = try Self.ok(["show", "GK2025-001", "--agency", Self.agency], db: db)
        #expect(shown.contains("王五"), "\(shown)")

        // Again: every 登记号 is taken, so nothing is added and the versions stay.
        let again = try Self.register(["import", ledger, "--agency", Self.agency], db: db)
        #expect(again.status == 1, "\(again.stdout)\(again.stderr)")
        #expect(again.stderr.contains("GK2025-0"), "\(again.stderr)")
        #expect(try Self.version("GK2025-001", db: db) == 1)

        // A ledger with a bad row: its row and column are named, and nothing of it is imported.
        var text = try Fixtures.text("ledger/ledger.csv")
        text = text.replacingOccurrences(of: "GK2025-00", with: "NEW-00")
            .replacingOccurrences(of: "2025/3/3,当面", with: "2025/3/3,飞鸽传书")
        let bad = folder.appendingPathComponent("bad.csv")
        try Data(text.utf8).write(to: bad)
        let refused = try Self.register(["import", bad.path, "--agency", Self.agency], db: db)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("第4行"), "\(refused.stderr)")
        #expect(refused.stderr.contains("飞鸽传书"), "\(refused.stderr)")
        let after =
            try JSONSerialization.jsonObject(
                with: Data(try Self.ok(["list", "--agency", Self.agency, "--format", "json"], db: db).utf8)
            ) as? [[String: Any]] ?? []
        #expect(after.count == 30)
    }
}
