import Foundation
import GongkaiExtract
import GongkaiLedger
import GongkaiModel
import GongkaiRegister
import Testing
import ZIPFoundation

@testable import GongkaiCorpus

/// Importing a clerk's 登记台账: the fixture ledger (CSV in UTF-8 with BOM, CSV in GBK, the workbook LibreOffice made
/// from it; `scripts/make-ledger-fixtures`) gives the applications written out below; bad rows are each reported
/// where the clerk finds them and nothing is imported.
@Suite("ledger import")
struct LedgerImportTests {
    let calendar = WorkingCalendar.builtIn

    func d(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        guard let date = CalendarDate(year: year, month: month, day: day) else { preconditionFailure("date") }
        return date
    }

    /// The 补正期限 the import gives when the ledger has none: the 15th working day after the notice.
    func fifteen(after date: CalendarDate) -> CalendarDate {
        (try? calendar.workingDay(15, after: date)) ?? date
    }

    func row(
        _ id: String,
        _ received: CalendarDate,
        _ channel: ReceiptChannel,
        _ name: String,
        _ type: ApplicantType,
        _ identification: String,
        _ contact: String,
        _ request: String,
        _ events: [ApplicationEvent]
    ) throws -> Application {
        try Application(
            id: id,
            applicant: Applicant(name: name, identification: identification, contact: contact),
            applicantType: type,
            request: request,
            events: [.received(channel: channel, on: received)] + events,
            calendar: calendar
        )
    }

    /// The fixture ledger's 30 applications, written out from its rows by hand.
    func expected() throws -> [Application] {
        try [
            row(
                "GK2025-001",
                d(2025, 3, 3),
                .inPerson,
                "张伟",
                .natural,
                "110101198001010011",
                "13800000001",
                "某路段拓宽工程征收补偿方案",
                [.replied(on: d(2025, 3, 14), outcome: .granted)]
            ),
            row(
                "GK2025-002",
                d(2025, 3, 4),
                .post,
                "北京某某科技有限公司",
                .commercial,
                "91110000MA00000001",
                "010-80000002",
                "2024年度政府采购合同",
                [.replied(on: d(2025, 3, 20), outcome: .partial)]
            ),
            row(
                "GK2025-003",
                d(2025, 3, 5),
                .ordinaryLetter,
                "李娜",
                .natural,
                "",
                "13800000003",
                "小区规划许可证及附图",
                [.replied(on: d(2025, 3, 28), outcome: .unableNotHeld)]
            ),
            row(
                "GK2025-004",
                d(2025, 3, 6),
                .online,
                "王芳",
                .natural,
                "110101198502020022",
                "wangfang@example.cn",
                "行政处罚决定书（2024）第12号",
                [.replied(on: d(2025, 3, 25), outcome: .deniedStateSecret)]
            ),
            row(
                "GK2025-005",
                d(2025, 3, 7),
                .fax,
                "某某市环境科学研究院",
                .research,
                "12110000400000005X",
                "010-80000005",
                "重点排污单位监测数据",
                [.replied(on: d(2025, 3, 21), outcome: .granted)]
            ),
            row(
                "GK2025-006",
                d(2025, 3, 10),
                .online,
                "某某公益基金会",
                .nonprofit,
                "53110000500000006Y",
                "info@example.org",
                "专项资金使用情况",
                [.replied(on: d(2025, 3, 31), outcome: .partial)]
            ),
            row(
                "GK2025-007",
                d(2025, 3, 11),
                .inPerson,
                "某某律师事务所",
                .legal,
                "31110000E00000007Z",
                "010-80000007",
                "某案件行政复议决定书",
                [.replied(on: d(2025, 3, 26), outcome: .deniedEnforcementFile)]
            ),
            row(
                "GK2025-008",
                d(2025, 3, 12),
                .online,
                "某某村民委员会",
                .other,
                "",
                "13800000008",
                "土地征收批复文件",
                [.replied(on: d(2025, 4, 1), outcome: .unableNotHeld)]
            ),
            row(
                "GK2025-009",
                d(2025, 3, 13),
                .inPerson,
                "刘洋",
                .natural,
                "",
                "13800000009",
                "我的信息",
                [
                    .amendmentRequested(on: d(2025, 3, 17), respondBy: d(2025, 4, 1)),
                    .amendmentReceived(on: d(2025, 3, 24)), .replied(on: d(2025, 4, 10), outcome: .granted),
                ]
            ),
            row(
                "GK2025-010",
                d(2025, 3, 14),
                .post,
                "陈静",
                .natural,
                "",
                "13800000010",
                "有关文件",
                [
                    .amendmentRequested(on: d(2025, 3, 18), respondBy: fifteen(after: d(2025, 3, 18))),
                    .replied(on: d(2025, 4, 25), outcome: .noAmendment),
                ]
            ),
            row(
                "GK2025-011",
                d(2025, 3, 17),
                .online,
                "杨帆",
                .natural,
                "",
                "13800000011",
                "相关材料",
                [
                    .amendmentRequested(on: d(2025, 3, 19), respondBy: d(2025, 4, 3)),
                    .amendmentReceived(on: d(2025, 3, 28)), .replied(on: d(2025, 4, 18), outcome: .unableUnclear),
                ]
            ),
            row(
                "GK2025-012",
                d(2025, 3, 18),
                .inPerson,
                "赵磊",
                .natural,
                "",
                "13800000012",
                "旧城改造项目全部审批文件",
                [
                    .extended(days: 20, approver: "孙主任", approvedOn: d(2025, 4, 8), applicantToldOn: d(2025, 4, 8)),
                    .replied(on: d(2025, 5, 9), outcome: .partial),
                ]
            ),
            row(
                "GK2025-013",
                d(2025, 3, 19),
                .post,
                "上海某某贸易有限公司",
                .commercial,
                "91310000MA00000013",
                "021-80000013",
                "进口货物检验记录",
                [
                    .extended(days: 15, approver: "孙主任", approvedOn: d(2025, 4, 10), applicantToldOn: d(2025, 4, 10)),
                    .replied(on: d(2025, 5, 6), outcome: .deniedThirdParty),
                ]
            ),
            row(
                "GK2025-014",
                d(2025, 3, 20),
                .online,
                "周杰",
                .natural,
                "",
                "13800000014",
                "信访事项处理结果",
                [.replied(on: d(2025, 3, 27), outcome: .complaint)]
            ),
            row(
                "GK2025-015",
                d(2025, 3, 21),
                .online,
                "周杰",
                .natural,
                "",
                "13800000014",
                "信访事项处理结果",
                [.replied(on: d(2025, 3, 28), outcome: .repeated)]
            ),
            row(
                "GK2025-016",
                d(2025, 3, 24),
                .inPerson,
                "吴敏",
                .natural,
                "",
                "13800000016",
                "政府公报2024年合订本",
                [.replied(on: d(2025, 3, 28), outcome: .publication)]
            ),
            row(
                "GK2025-017",
                d(2025, 3, 25),
                .online,
                "郑强",
                .natural,
                "",
                "13800000017",
                "全市所有道路的养护记录",
                [.replied(on: d(2025, 4, 15), outcome: .unableNeedsCreation)]
            ),
            row(
                "GK2025-018",
                d(2025, 3, 26),
                .ordinaryLetter,
                "某某研究所",
                .research,
                "12110000400000018X",
                "010-80000018",
                "内部会议纪要",
                [.replied(on: d(2025, 4, 9), outcome: .deniedInternal)]
            ),
            row(
                "GK2025-019",
                d(2025, 3, 27),
                .fax,
                "某某物业管理有限公司",
                .commercial,
                "91110000MA00000019",
                "010-80000019",
                "专家论证意见",
                [.replied(on: d(2025, 4, 11), outcome: .deniedProcess)]
            ),
            row(
                "GK2025-020",
                d(2025, 3, 28),
                .inPerson,
                "孙丽",
                .natural,
                "",
                "13800000020",
                "本人社保缴费记录",
                [.replied(on: d(2025, 4, 3), outcome: .deniedQuery)]
            ),
            row(
                "GK2025-021",
                d(2025, 6, 3),
                .online,
                "马超",
                .natural,
                "",
                "13800000021",
                "2024年财政预算执行情况",
                [.replied(on: d(2025, 6, 16), outcome: .granted)]
            ),
            row(
                "GK2025-022",
                d(2025, 6, 4),
                .post,
                "某某环保协会",
                .nonprofit,
                "51110000500000022Y",
                "010-80000022",
                "环评报告全本",
                [
                    .extended(days: 15, approver: "李科长", approvedOn: d(2025, 6, 25), applicantToldOn: d(2025, 6, 25)),
                    .replied(on: d(2025, 7, 18), outcome: .partial),
                ]
            ),
            row(
                "GK2025-023",
                d(2025, 6, 5),
                .inPerson,
                "胡军",
                .natural,
                "",
                "13800000023",
                "拆迁补偿协议",
                [.replied(on: d(2025, 6, 20), outcome: .deniedProhibited)]
            ),
            row(
                "GK2025-024",
                d(2025, 6, 9),
                .online,
                "林峰",
                .natural,
                "",
                "13800000024",
                "要求确认已获取的批复真实性",
                [.replied(on: d(2025, 6, 13), outcome: .reconfirm)]
            ),
            row(
                "GK2025-025",
                d(2025, 6, 10),
                .online,
                "何平",
                .natural,
                "",
                "13800000025",
                "各类统计数据",
                [.replied(on: d(2025, 6, 20), outcome: .excessive)]
            ),
            row(
                "GK2025-026",
                d(2025, 6, 11),
                .inPerson,
                "某某律师事务所",
                .legal,
                "31110000E00000007Z",
                "010-80000007",
                "执法人员资格证",
                [.replied(on: d(2025, 6, 24), outcome: .granted)]
            ),
            row(
                "GK2025-027",
                d(2025, 6, 12),
                .fax,
                "某某行业协会",
                .other,
                "",
                "010-80000027",
                "会员单位名单",
                [.replied(on: d(2025, 6, 26), outcome: .deniedSafetyStability)]
            ),
            row(
                "GK2025-028",
                d(2025, 6, 13),
                .post,
                "高远",
                .natural,
                "",
                "13800000028",
                "某审批事项办理情况",
                [.replied(on: d(2025, 6, 27), outcome: .otherHandling)]
            ),
            row("GK2025-029", d(2025, 7, 1), .online, "罗成", .natural, "", "13800000029", "道路规划图纸\n（含附图二张）", []),
            row(
                "GK2025-030",
                d(2025, 7, 2),
                .inPerson,
                "梁红",
                .natural,
                "",
                "13800000030",
                "拆除公告，送达回证",
                [.amendmentRequested(on: d(2025, 7, 4), respondBy: d(2025, 7, 25))]
            ),
        ]
    }

    func imported(_ path: String, mapping: LedgerMapping = LedgerMapping()) throws -> [Application] {
        let bytes = try Fixtures.data(path)
        switch LedgerImport.read(fileBytes: bytes, name: path, mapping: mapping, calendar: calendar) {
        case .success(let applications): return applications
        case .failure(let errors):
            Issue.record("\(errors)")
            return []
        }
    }

    func problems(_ text: String, mapping: LedgerMapping = LedgerMapping()) -> [LedgerProblem] {
        switch LedgerImport.read(fileBytes: Data(text.utf8), name: "台账.csv", mapping: mapping, calendar: calendar) {
        case .success(let applications):
            Issue.record("imported \(applications.count) applications from a ledger with problems")
            return []
        case .failure(let errors): return errors.problems
        }
    }

    @Test("The CSV ledger (UTF-8 with BOM, two title rows, a note under the table) gives its 30 applications")
    func csvLedger() throws {
        let applications = try imported("ledger/ledger.csv")
        let expected = try expected()
        #expect(applications.count == 30)
        for (got, want) in zip(applications, expected) { #expect(got == want) }
        // Every channel, every applicant type, 补正, extension and closed and open applications are covered.
        #expect(
            Set(
                applications.map { $0.events[0] }.compactMap { event -> ReceiptChannel? in
                    if case .received(let channel, _) = event { return channel }
                    return nil
                }
            ) == Set(ReceiptChannel.allCases)
        )
        #expect(Set(applications.map(\.applicantType)) == Set(ApplicantType.allCases))
        #expect(applications.filter { $0.events.contains { $0.step == .extended } }.count == 3)
        #expect(applications.filter { $0.events.contains { $0.step == .amendmentRequested } }.count == 4)
        #expect(applications.filter { $0.reply == nil }.map(\.id) == ["GK2025-029", "GK2025-030"])
        // Every outcome but 逾期未缴费, which needs a fee the ledger does not import.
        #expect(
            Set(applications.compactMap { $0.reply?.outcome }) == Set(ReplyOutcome.allCases).subtracting([.unpaidFee])
        )
    }

    @Test("The same ledger saved as GBK CSV, and as a workbook with serial-number dates, gives the same applications")
    func gbkAndWorkbook() throws {
        let expected = try expected()
        #expect(try imported("ledger/ledger-gbk.csv") == expected)
        let workbook = try Fixtures.data("ledger/ledger.xlsx")
        let sheet = try XLSXReader.read(workbook)
        // LibreOffice stored the receipt dates as numbers: the import reads them as Excel's serial dates.
        #expect(sheet.rows[3][2] == "45719")
        #expect(try imported("ledger/ledger.xlsx") == expected)
    }

    @Test("The header row is found below the title rows; row numbers count them, as Excel shows them")
    func titleRows() throws {
        let table = try LedgerTable.read(fileBytes: Fixtures.data("ledger/ledger.csv"), name: "ledger.csv")
        #expect(table.headerIndex() == 2)
        #expect(table.rows[0].cells == ["某某市某某局2025年政府信息公开申请登记台账"])
        #expect(table.rows[2].number == 3)
        // The request with a line break inside quotes is one row: row 32 of Excel is 登记号 GK2025-029.
        let row = try #require(table.rows.first { $0.cells.count > 1 && $0.cells[1] == "GK2025-029" })
        #expect(row.number == 32)
        #expect(row.cells[8] == "道路规划图纸\n（含附图二张）")
    }

    @Test("CSV: quotes, doubled quotes, commas and line breaks inside quotes, CR LF or LF, BOM")
    func csvSyntax() throws {
        let text = "\u{FEFF}a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n\"\"\n" + "last,row"
        let table = try LedgerTable.csv(text: text)
        #expect(
            table.rows.map(\.cells) == [["a", "b,1", "say \"hi\""], ["two\nlines", "", "x"], [""], ["last", "row"]]
        )
        #expect(table.rows.map(\.number) == [1, 2, 3, 4])
        #expect(throws: LedgerErrors.self) { try LedgerTable.csv(text: "a,\"never closed\nb,c") }
        // Tab-separated text (Excel's 「文本文件（制表符分隔）」) is read too.
        #expect(try LedgerTable.csv(text: "登记号\t申请人\n1\t张三").rows[1].cells == ["1", "张三"])
    }

    static let header = "登记号,收到日期,申请方式,申请人,申请人类型,申请内容,补正告知日期,收到补正日期,延期日期,答复日期,答复结果"

    @Test("Every bad row is reported with its row number and column, and nothing is imported")
    func badRows() throws {
        let ledger = [
            "2025年依申请公开登记台账",
            Self.header,
            "A1,2025-03-03,当面,张三,自然人,文件甲,,,,2025-03-10,予以公开",
            "A2,2025-13-01,微信,李四,事业单位,文件乙,,,,,",
            "A3,2025-03-04,邮寄,王五,自然人,\"多行\n内容\",,,,2025-03-12,不予公开",
            "A4,2025/3/5,网上,赵六,个人,文件丁,2025/3/20,,,2025/4/1,予以公开",
            "A1,2025-03-06,传真,钱七,自然人,文件戊,,,,2025-03-12,同意公开",
            "A6,2025-03-10,当面,孙八,法人,文件己,,,,2025-03-07,部分公开",
            "A7,2025-03-10,当面,周九,自然人,文件庚,,,,2025-03-17,已答复",
            "A8,2025-03-10,当面,吴十,自然人,文件辛,,,,,逾期不补正",
        ].joined(separator: "\r\n")
        let found = problems(ledger)
        let places = found.map { "\($0.row ?? 0) \($0.column ?? "")" }
        #expect(
            places == [
                "4 收到日期", "4 申请方式", "4 申请人类型", "5 答复结果", "6 补正告知日期", "7 登记号", "8 申请人类型",
                "9 答复结果", "10 答复日期",
            ]
        )
        #expect(found[0].message.contains("无法识别日期「2025-13-01」"))
        #expect(found[1].message.contains("无法识别申请方式「微信」"))
        #expect(found[2].message.contains("可填：自然人、商业企业"))
        // 「不予公开」 alone names a group: the clerk is told its rows.
        #expect(found[3].message.contains("须写明是哪一种情形") && found[3].message.contains("属于国家秘密"))
        // The 补正 notice 11 working days after receipt: the statute's 7 days are past.
        #expect(found[4].message.contains("7个工作日"))
        #expect(found[5].message.contains("与第3行重复"))
        #expect(found[7].message.contains("无法识别答复结果「已答复」"))
        #expect(found[8].message.contains("答复日期为空"))
        #expect(found[0].description.hasPrefix("第4行「收到日期」："))
    }

    @Test("Two header rows, columns grouped under merged headings: each column read by its heading and its group's")
    func groupedHeader() throws {
        let ledger = [
            "序号,登记号,收到日期,申请方式,申请人,申请人类型,补正情况,,延期情况,,答复情况,",
            ",,,,,,告知日期,收到补正日期,延期日期,延长期限,日期,结果",
            "1,G1,2025-03-13,当面,张三,自然人,2025-03-17,2025-03-24,,,2025-04-10,予以公开",
            "2,G2,2025-03-18,邮寄,李四,自然人,,,2025-04-08,10,2025-04-25,部分公开",
            "3,G3,2025-03-18,邮寄,王五,自然人,,,,,2025/3/32,部分公开",
        ].joined(separator: "\n")
        let table = try LedgerTable.csv(text: ledger)
        let header = try #require(table.header())
        #expect(header.number == 2 && header.firstData == 2)
        #expect(Array(header.cells[6...]) == ["补正告知日期", "收到补正日期", "延期日期", "延长期限", "答复日期", "答复结果"])
        let found = problems(ledger)
        #expect(found.map { "\($0.row ?? 0) \($0.column ?? "")" } == ["5 答复日期"])
        let fixed = ledger.replacingOccurrences(of: "2025/3/32", with: "2025/3/31")
        let applications = try LedgerImport.read(fileBytes: Data(fixed.utf8), name: "台账.csv", calendar: calendar).get()
        #expect(applications.count == 3)
        #expect(applications[0].events.map(\.step) == [.received, .amendmentRequested, .amendmentReceived, .replied])
        #expect(
            applications[1].events.dropFirst().first
                == .extended(
                    days: 10,
                    approver: LedgerImport.unrecordedApprover,
                    approvedOn: d(2025, 4, 8),
                    applicantToldOn: d(2025, 4, 8)
                )
        )
    }

    @Test("补正期限 as working days after the notice, or as a date; none gives 15 working days")
    func amendmentPeriod() throws {
        let ledger = [
            "登记号,收到日期,申请方式,申请人,申请人类型,补正告知日期,补正期限",
            "P1,2025-03-13,当面,张三,自然人,2025-03-17,10个工作日",
            "P2,2025-03-13,当面,张三,自然人,2025-03-17,2025-04-30",
            "P3,2025-03-13,当面,张三,自然人,2025-03-17,",
        ].joined(separator: "\n")
        let applications = try LedgerImport.read(fileBytes: Data(ledger.utf8), name: "台账.csv", calendar: calendar).get()
        let due = applications.map { application -> CalendarDate? in
            guard case .amendmentRequested(_, let respondBy)? = application.events.dropFirst().first else { return nil }
            return respondBy
        }
        #expect(due == [d(2025, 3, 31), d(2025, 4, 30), d(2025, 4, 8)])
        let unfinished = problems(Self.header + ",补正期限\nP4,2025-03-13,当面,张三,自然人,文件,,,,,,7")
        #expect(unfinished.map(\.message) == ["填写了补正期限，但补正告知日期为空。"])
    }

    @Test("A reply dated before the receipt is refused by the model's check, in its own words")
    func stepBeforeReceipt() {
        let found = problems(Self.header + "\nB1,2025-03-10,当面,孙八,自然人,文件,,,,2025-03-07,部分公开")
        #expect(found.count == 1)
        #expect(found.first?.row == 2)
        #expect(found.first?.message.contains("早于收到申请之日") == true)
    }

    @Test("Nearest allowed values are suggested for a mistyped channel, type or outcome")
    func suggestions() {
        #expect(LedgerValues.nearest("网上申清", among: ["当面", "邮寄", "网上申请", "传真"]).first == "网上申请")
        #expect(LedgerValues.nearest("商业企", among: ApplicantType.allCases.map(\.chinese)).first == "商业企业")
        let found = problems(Self.header + "\nC1,2025-03-10,当面,甲,自然人,文件,,,,2025-03-17,部分公")
        #expect(found.first?.message.contains("最接近的是：部分公开") == true)
    }

    @Test("Headers not recognised: one error naming the headers found; a mapping file names the columns")
    func mappingFile() throws {
        let ledger = "编号,收文时间,来源,申请人,身份,申请内容,办结时间,处理结果\nM1,2025-03-03,窗口,张三,个人,文件,2025-03-10,公开\n"
        let found = problems(ledger)
        #expect(found.count == 1)
        let message = try #require(found.first?.message)
        #expect(message.contains("「收到申请日期」") && message.contains("「申请方式」") && message.contains("「申请人类型」"))
        #expect(message.contains("「编号」「收文时间」「来源」「申请人」「身份」「申请内容」「办结时间」「处理结果」"))
        let mapping = try LedgerMapping(
            fileBytes: Data("# 本局台账的表头\nreceived=收文时间\nchannel = 来源\n申请人类型=身份\n".utf8)
        )
        let result = LedgerImport.read(
            fileBytes: Data(ledger.utf8),
            name: "台账.csv",
            mapping: mapping,
            calendar: calendar
        )
        let applications = try result.get()
        #expect(applications.count == 1)
        #expect(applications.first?.reply?.outcome == .granted)
        #expect(applications.first?.applicantType == .natural)
        #expect(applications.first?.channel == .inPerson(handedIn: d(2025, 3, 3)))
        // A mapping naming a header the ledger lacks, and a mapping file with a wrong line, are reported.
        let wrong = problems(ledger, mapping: LedgerMapping(headers: [.received: "收到日期"]))
        #expect(wrong.contains { $0.message.contains("没有这一列") })
        #expect(throws: LedgerErrors.self) { try LedgerMapping(fileText: "收到=收文时间\n只有一句话") }
        do {
            _ = try LedgerMapping(fileText: "receivd=收文时间\n")
        } catch {
            #expect(error.problems.first?.message.contains("第1行的字段「receivd」无法识别") == true)
        }
    }

    @Test("Dates as clerks write them, and Excel serial numbers")
    func dates() {
        let march4 = d(2025, 3, 4)
        for text in [
            "2025-03-04", "2025/3/4", "2025.3.4", "2025年3月4日", "20250304", "2025-03-04 00:00:00", "45720",
            "45720.5", "２０２５年３月４日", "2025-03-04T00:00:00",
        ] {
            #expect(LedgerValues.date(text) == march4, "\(text)")
        }
        #expect(LedgerValues.date("44258", uses1904Dates: true) == march4)
        for text in ["2025-02-30", "三月四日", "2025-3", "12", "2025/03-04", "abc"] {
            #expect(LedgerValues.date(text) == nil, "\(text)")
        }
    }

    @Test("Every outcome's label, with and without group and number, and the short forms, map to the outcome")
    func outcomes() {
        for outcome in ReplyOutcome.allCases {
            #expect(LedgerValues.outcome(outcome.label) == outcome)
            #expect(LedgerValues.outcome(outcome.fullLabel) == outcome)
        }
        #expect(LedgerValues.outcome("信息不存在") == .unableNotHeld)
        #expect(LedgerValues.outcome("不属于本机关") == .unableNotHeld)
        #expect(LedgerValues.outcome("不予公开（国家秘密）") == .deniedStateSecret)
        #expect(LedgerValues.outcome("无法提供-本机关不掌握相关政府信息") == .unableNotHeld)
        #expect(LedgerValues.outcome("同意公开") == .granted)
        #expect(LedgerValues.outcome("不予公开") == nil)
        #expect(LedgerValues.channel("电子邮件") == .online)
        #expect(LedgerValues.channel("EMS") == .post)
        #expect(LedgerValues.applicantType("律师事务所") == .legal)
    }

    @Test("A workbook made by hand: inline strings, cells without references, empty rows, a named sheet, 1904 dates")
    func handmadeWorkbook() throws {
        let sheet1 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c t="inlineStr"><is><t>说明</t></is></c></row>
            <row r="2"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><r><t>申请</t></r><r><t>方式</t></r></is></c><c t="inlineStr"><is><t>申请人</t></is></c><c t="inlineStr"><is><t>申请人类型</t></is></c><c t="inlineStr"><is><t>答复日期</t></is></c><c t="inlineStr"><is><t>答复结果</t></is></c></row>
            <row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4"><v>44258</v></c><c t="inlineStr"><is><t>传真</t></is></c><c r="E4" t="inlineStr"><is><t>其他</t></is></c><c r="D4" t="inlineStr"><is><t>某协会</t></is></c><c r="F4"><v>44265</v></c><c r="G4" t="str"><f>"予以公开"</f><v>予以公开</v></c></row>
            </sheetData></worksheet>
            """
        let shared = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>登记号</t></si><si><r><t>收到</t></r><r><t>日期</t></r><rPh><t>しゅうとく</t></rPh></si><si><t>X-1</t></si></sst>
            """
        let workbook = """
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="封面" sheetId="1" r:id="rId1"/><sheet name="登记台账" sheetId="2" r:id="rId2"/></sheets></workbook>
            """
        let relationships = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/cover.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/ledger.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
            """
        let cover = """
            <?xml version="1.0" encoding="UTF-8"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>封面</t></is></c></row></sheetData></worksheet>
            """
        let bytes = StoredZip.archive([
            ("xl/workbook.xml", Data(workbook.utf8)), ("xl/_rels/workbook.xml.rels", Data(relationships.utf8)),
            ("xl/sharedStrings.xml", Data(shared.utf8)), ("xl/worksheets/cover.xml", Data(cover.utf8)),
            ("xl/worksheets/ledger.xml", Data(sheet1.utf8)),
        ])
        #expect(try XLSXReader.sheetNames(bytes) == ["封面", "登记台账"])
        let read = try XLSXReader.read(bytes, sheet: "登记台账")
        #expect(read.uses1904Dates)
        #expect(read.rows.count == 4)
        #expect(read.rows[1] == ["登记号", "收到日期", "申请方式", "申请人", "申请人类型", "答复日期", "答复结果"])
        #expect(read.rows[2] == [])
        #expect(read.rows[3] == ["X-1", "44258", "传真", "某协会", "其他", "44265", "予以公开"])
        #expect(try XLSXReader.read(bytes).rows == [["封面"]])
        let result = LedgerImport.read(
            fileBytes: bytes,
            name: "台账.xlsx",
            mapping: LedgerMapping(sheet: "登记台账"),
            calendar: calendar
        )
        let application = try #require(try result.get().first)
        #expect(application.received == d(2025, 3, 4))
        #expect(application.reply?.date == d(2025, 3, 11))
        #expect(application.applicantType == .other)
        switch LedgerImport.read(fileBytes: bytes, name: "台账.xlsx", mapping: LedgerMapping(sheet: "汇总")) {
        case .success: Issue.record("a sheet the workbook lacks was read")
        case .failure(let errors): #expect(errors.problems.first?.message.contains("现有工作表：「封面」、「登记台账」") == true)
        }
    }

    func failure(_ bytes: Data, name: String) -> String {
        switch LedgerImport.read(fileBytes: bytes, name: name, calendar: calendar) {
        case .success: "imported"
        case .failure(let errors): errors.problems.map(\.message).joined(separator: "\n")
        }
    }

    @Test("A zip bomb, a file that is no workbook, an old .xls, a Word file renamed: each a clear error")
    func hostileFiles() throws {
        let head = Data(
            #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.utf8
        )
        let inflated = 64 << 20
        let archive = try Archive(data: Data(), accessMode: .create)
        let workbook =
            #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="a" sheetId="1"/></sheets></workbook>"#
        try archive.addEntry(
            with: "xl/workbook.xml",
            type: .file,
            uncompressedSize: Int64(workbook.utf8.count),
            compressionMethod: .deflate
        ) { position, size in
            Data(workbook.utf8).subdata(in: Int(position)..<Int(position) + size)
        }
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml",
            type: .file,
            uncompressedSize: Int64(inflated),
            compressionMethod: .deflate
        ) { position, size in
            var chunk = Data()
            var offset = Int(position)
            while chunk.count < size {
                if offset < head.count {
                    chunk.append(head.subdata(in: offset..<min(head.count, offset + size - chunk.count)))
                } else {
                    chunk.append(Data(repeating: 0x20, count: size - chunk.count))
                }
                offset = Int(position) + chunk.count
            }
            return chunk
        }
        let bomb = try #require(archive.data)
        #expect(bomb.count < 200_000)
        #expect(failure(bomb, name: "台账.xlsx").contains("压缩炸弹"))
        #expect(failure(Data("登记号,申请人\n".utf8), name: "台账.xlsx").contains("不是 Excel 工作簿"))
        #expect(
            failure(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), name: "台账.xls").contains("旧版 Excel")
        )
        let word = StoredZip.archive([("word/document.xml", Data("<w:document/>".utf8))])
        #expect(failure(word, name: "台账.xlsx").contains("Word 文档"))
        #expect(failure(Data(), name: "台账.csv").contains("空"))
        var limits = XLSXLimits.standard
        limits.maxCells = 100
        #expect(throws: XLSXError.tooManyCells(limit: 100)) {
            try XLSXReader.read(try Fixtures.data("ledger/ledger.xlsx"), limits: limits)
        }
    }

    @Test("Workbooks with their XML damaged at random (seeded): each read or refused with a message, never a crash")
    func damagedWorkbooks() throws {
        let parts = try ZipFiles.files(in: Fixtures.data("ledger/ledger.xlsx"))
        #expect(parts.contains { $0.path == "xl/worksheets/sheet1.xml" })
        var rng = SplitMix64(seed: 16)
        var refused = 0
        var read = 0
        for _ in 0..<300 {
            let entries = parts.map { part -> (path: String, data: Data) in
                guard part.path.hasPrefix("xl/"), rng.chance(50) else { return (part.path, part.bytes) }
                var bytes = [UInt8](part.bytes)
                for _ in 0..<rng.int(in: 1...4) where !bytes.isEmpty {
                    let at = rng.int(in: 0...(bytes.count - 1))
                    switch rng.int(in: 0...2) {
                    case 0: bytes[at] = rng.pick(Array("<>\"/=0123456789AZrs".utf8))
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(contentsOf: Array("<c r=\"ZZZ99999999\" t=\"s\"><v>-5</v></c>".utf8), at: at)
                    }
                }
                return (part.path, Data(bytes))
            }
            switch LedgerImport.read(fileBytes: StoredZip.archive(entries), name: "台账.xlsx", calendar: calendar) {
            case .success: read += 1
            case .failure(let errors):
                refused += 1
                #expect(!errors.problems.isEmpty && errors.problems.allSatisfy { !$0.message.isEmpty })
            }
        }
        #expect(refused > 0 && read > 0)
    }
}
