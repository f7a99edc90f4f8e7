import Foundation
import GongkaiCheck
import GongkaiExtract
import GongkaiModel
import Testing

@testable import GongkaiRead

/// Markdown made from a PDF by a converter: tables cut into pipe pieces, cells and labels pulled out of their rows,
/// rows left without labels. Each test damages a clean synthetic report one way and checks the figures the damage
/// leaves certain, and that the cells it makes undeterminable are unknown.
@Suite("Converter Markdown layouts")
struct ConverterLayoutTests {
    /// The 表三 rows of the 2021 format in order, with the label each prints.
    static let applicationRows = NationalTemplates.v2021.table(.three).rows

    /// The values of 表三 row `index`: its position plus one for 自然人 and 总计, 0 elsewhere.
    static func values(_ index: Int) -> [Int] { [index + 1, 0, 0, 0, 0, 0, index + 1] }

    static func pipe(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

    static func row(_ index: Int, label: String? = nil) -> String {
        let spec = applicationRows[index]
        return pipe([label ?? spec.label] + values(index).map(String.init))
    }

    static func index(_ key: String) -> Int { applicationRows.firstIndex { $0.key == key } ?? -1 }

    /// A clean report: every table a pipe table, 表三 rows given by `applicationLines` (each row's line by default).
    static func report(
        proactive: [String]? = nil,
        applicationLines: [String]? = nil
    ) -> String {
        let proactiveLines =
            proactive ?? [
                pipe(["规章", "1", "2", "3"]), pipe(["行政规范性文件", "4", "5", "6"]),
            ]
        let applications = applicationLines ?? applicationRows.indices.map { row($0) }
        return
            ([
                "# 2025年某市某局政府信息公开工作年度报告",
                "",
                "一、总体情况",
                "本年度依法做好政府信息公开工作。",
                "",
                "二、主动公开政府信息情况",
                pipe(["第二十条第（一）项"]),
                "|---|",
                pipe(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
            ] + proactiveLines + [
                pipe(["第二十条第（五）项"]),
                pipe(["信息内容", "本年处理决定数量"]),
                pipe(["行政许可", "7"]),
                pipe(["第二十条第（六）项"]),
                pipe(["信息内容", "本年处理决定数量"]),
                pipe(["行政处罚", "8"]),
                pipe(["行政强制", "9"]),
                pipe(["第二十条第（八）项"]),
                pipe(["信息内容", "本年收费金额（单位：万元）"]),
                pipe(["行政事业性收费", "10"]),
                "",
                "三、收到和处理政府信息公开申请情况",
                pipe(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
                pipe(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]),
                "|---|---|---|---|---|---|---|",
            ] + applications + [
                "",
                "四、政府信息公开行政复议、行政诉讼情况",
                pipe(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]),
                pipe((1...15).map { String($0 % 5) }),
                "",
                "五、存在的主要问题及改进情况",
                "（一）2024年工作中存在问题的改进情况",
                "加强培训。",
                "（二）2025年工作中存在的主要问题",
                "依申请公开办理质量有待提高。",
                "",
                "六、其他需要报告的事项",
                "本年度未收取信息处理费。",
            ]).joined(separator: "\n") + "\n"
    }

    static func read(_ text: String) throws -> AnnualReport {
        try ReportReader.read(Data(text.utf8), name: "converted.md")
    }

    /// Every 表三 cell of the rows at `indices` holds its clean value.
    static func expectApplications(
        _ report: AnnualReport,
        _ indices: some Sequence<Int>,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        for index in indices {
            let spec = applicationRows[index]
            for (id, value) in zip(spec.figureIDs, values(index)) {
                #expect(report[id] == .integer(value), "\(id.rawValue)", sourceLocation: sourceLocation)
            }
        }
    }

    static func expectUnknown(
        _ report: AnnualReport,
        rowKey: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let spec = applicationRows[index(rowKey)]
        for id in spec.figureIDs {
            #expect(report[id] == .unknown, "\(id.rawValue) should be unknown", sourceLocation: sourceLocation)
        }
    }

    @Test("the clean synthetic report reads exactly")
    func clean() throws {
        let report = try Self.read(Self.report())
        Self.expectApplications(report, Self.applicationRows.indices)
        #expect(report[FigureID("t2.normative.repealed")] == .integer(5))
        #expect(report[FigureID("t2.fees.amount")] == .decimal(10))
        #expect(report.table(.three)?.rows.allSatisfy { $0.state == .complete } == true)
    }

    @Test("a table continues after a page number, a repeated title and a new pipe block with its own header row")
    func piecesAfterPageBreaks() throws {
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        lines.insert(
            contentsOf: ["", "— 5 —", "## 表三：收到和处理政府信息公开申请情况", Self.pipe(["自然人", "商业企业", "总计"]), "|---|---|---|"],
            at: 12
        )
        lines.insert(contentsOf: ["— 6 —", ""], at: 5)
        var proactive = [Self.pipe(["规章", "1", "2", "3"]), "- 4 -", Self.pipe(["行政规范性文件", "4", "5", "6"])]
        proactive.append("第 4 页")
        let report = try Self.read(Self.report(proactive: proactive, applicationLines: lines))
        Self.expectApplications(report, Self.applicationRows.indices)
        #expect(report[FigureID("t2.normative.in_force")] == .integer(6))
        #expect(report[FigureID("t2.rules.in_force")] == .integer(3))
        #expect(report.table(.two)?.rows.allSatisfy { $0.state == .complete } == true)
    }

    @Test("labels split across lines and cells: （三）不 / 予公开 beside the first rows of the group")
    func labelsSplitAcrossCells() throws {
        let thirdParty = Self.index("denied.third_party")
        let notHeld = Self.index("unable.not_held")
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        lines[thirdParty] = Self.pipe(["（三）不", "4.保护第三方合法权益"] + Self.values(thirdParty).map(String.init))
        lines[thirdParty + 1] = Self.pipe(["予公开", "5.属于三类内部事务信息"] + Self.values(thirdParty + 1).map(String.init))
        lines.insert(contentsOf: ["", "（四）无"], at: notHeld + 1)
        lines.insert("法提供", at: notHeld + 4)
        let report = try Self.read(Self.report(applicationLines: lines))
        Self.expectApplications(report, Self.applicationRows.indices)
    }

    @Test("labels a converter left as loose text before another row do not take that row's values")
    func looseLabelsElsewhere() throws {
        let unclear = Self.index("unable.unclear")
        let reconfirm = Self.index("not_processed.reconfirm")
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        // 「5.要求…」 and 「1.申请人…」 printed above 「3.补正后…」, their rows left without labels.
        lines[reconfirm] = Self.pipe(Self.values(reconfirm).map(String.init))
        lines.insert(contentsOf: ["", "三、本", "5.要求行政机关确认或重新出具", "已获取信息", "1.申请人无正当理由逾期不补正、"], at: unclear)
        let report = try Self.read(Self.report(applicationLines: lines))
        Self.expectApplications(report, Self.applicationRows.indices)
        let table = try #require(report.table(.three))
        #expect(table.rows.allSatisfy { $0.state == .complete })
        #expect(ReportChecker.check(report).contains { $0.code == "unlabeled-row" })
    }

    @Test("a heading repeating the part's number inside 表三 does not end the table")
    func repeatedPartNumber() throws {
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        lines.insert(contentsOf: ["", "三、本法提供", "年度办"], at: Self.index("unable.unclear"))
        let report = try Self.read(Self.report(applicationLines: lines))
        Self.expectApplications(report, Self.applicationRows.indices)
    }

    @Test("an unlabeled row is placed only where it is forced: exactly one row left between its neighbours")
    func unlabeledRowForced() throws {
        let excessive = Self.index("not_processed.excessive")
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        lines[excessive + 1] = Self.pipe(Self.values(excessive + 1).map(String.init))
        let report = try Self.read(Self.report(applicationLines: lines))
        Self.expectApplications(report, Self.applicationRows.indices)
    }

    @Test("an unlabeled row with two rows left between its neighbours: both rows unknown, the others exact")
    func unlabeledRowNotForced() throws {
        let repeatRow = Self.index("not_processed.repeat")
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        // 「3.要求提供公开出版物」 printed with no label, 「4.无正当理由…」 not printed at all.
        lines[repeatRow + 1] = Self.pipe(Self.values(repeatRow + 1).map(String.init))
        lines.remove(at: repeatRow + 2)
        let report = try Self.read(Self.report(applicationLines: lines))
        Self.expectUnknown(report, rowKey: "not_processed.publication")
        Self.expectUnknown(report, rowKey: "not_processed.excessive")
        let others = Self.applicationRows.indices.filter { $0 != repeatRow + 1 && $0 != repeatRow + 2 }
        Self.expectApplications(report, others)
        let table = try #require(report.table(.three))
        #expect(table.rows.filter { $0.state == .unlabeledValues(rows: 2) }.count == 2)
        #expect(ReportChecker.check(report).contains { $0.code == "unlabeled-values" })
    }

    @Test("a row labelled by the middle of a name two rows share is settled by the next row")
    func sharedMiddlePieceSettled() throws {
        let noAmendment = Self.index("other.no_amendment")
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        lines[noAmendment] = Self.row(noAmendment, label: "行政机关不再处理其政府信息公")
        lines.insert(contentsOf: ["", "（六）其", "1.申请人无正当理由逾期不补正、", "开申请"], at: noAmendment)
        let report = try Self.read(Self.report(applicationLines: lines))
        Self.expectApplications(report, Self.applicationRows.indices)
    }

    @Test("a row labelled by the middle of a name two rows share, with nothing after to settle it, is unknown")
    func sharedMiddlePieceUnsettled() throws {
        let noAmendment = Self.index("other.no_amendment")
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        lines[noAmendment] = Self.row(noAmendment, label: "行政机关不再处理其政府信息公")
        // 「2.申请人逾期未按收费通知要求…」 not printed: the piece may name either row.
        lines.remove(at: noAmendment + 1)
        let report = try Self.read(Self.report(applicationLines: lines))
        Self.expectUnknown(report, rowKey: "other.no_amendment")
        Self.expectUnknown(report, rowKey: "other.unpaid_fee")
        let others = Self.applicationRows.indices.filter { $0 != noAmendment && $0 != noAmendment + 1 }
        Self.expectApplications(report, others)
    }

    @Test("「（六）其他处理」 on the line of its first row, that row's label pulled above: the values are the row's")
    func groupHeadingOnFirstRow() throws {
        let noAmendment = Self.index("other.no_amendment")
        let unpaidFee = Self.index("other.unpaid_fee")
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        lines[unpaidFee] = Self.pipe(Self.values(unpaidFee).map(String.init))
        lines[noAmendment] = Self.row(noAmendment, label: "（六）其他处理")
        lines.insert(contentsOf: ["", "2.申请人逾期未按收费通知要", "求缴纳费用、行政机关不再处理", "其政府信息公开申请"], at: unpaidFee)
        lines.insert(contentsOf: ["", "1.申请人无正当理由逾期不补", "正、行政机关不再处理其政府信", "息公开申请"], at: noAmendment)
        let report = try Self.read(Self.report(applicationLines: lines))
        Self.expectApplications(report, Self.applicationRows.indices)
        for column in NationalTemplates.applicantColumns {
            #expect(report[FigureID("t3.other.\(column.key)")] == nil, "t3.other.\(column.key)")
        }
        let table = try #require(report.table(.three))
        #expect(!table.rows.contains { $0.key == "other" })
        #expect(table.rows.allSatisfy { $0.state == .complete })
        #expect(!ReportChecker.check(report).contains { $0.code == "row-variant" })
    }

    @Test("「（六）其他处理」 on its first row's line, the labels of the first two rows both pulled above it")
    func groupHeadingAfterTwoLabels() throws {
        let noAmendment = Self.index("other.no_amendment")
        let unpaidFee = Self.index("other.unpaid_fee")
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        lines[unpaidFee] = Self.pipe(Self.values(unpaidFee).map(String.init))
        lines[noAmendment] = Self.row(noAmendment, label: "（六）其他处理")
        lines.insert(contentsOf: ["", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "2.申请人逾期未按收费通知要求缴纳费用"], at: noAmendment)
        let report = try Self.read(Self.report(applicationLines: lines))
        Self.expectApplications(report, Self.applicationRows.indices)
        #expect(report.table(.three)?.rows.contains { $0.key == "other" } == false)
    }

    @Test("「（六）其他处理」 printed alone with values is the single-row variant")
    func groupHeadingAlone() throws {
        let noAmendment = Self.index("other.no_amendment")
        var lines = Self.applicationRows.indices.map { Self.row($0) }
        lines.replaceSubrange(
            noAmendment...(noAmendment + 2),
            with: [Self.pipe(["（六）其他处理", "3", "0", "0", "0", "0", "0", "3"])]
        )
        let report = try Self.read(Self.report(applicationLines: lines))
        #expect(report[FigureID("t3.other.natural")] == .integer(3))
        #expect(report[FigureID("t3.other.total")] == .integer(3))
        #expect(report[FigureID("t3.other.no_amendment.natural")] == nil)
        #expect(report.table(.three)?.rows.contains { $0.key == "other" } == true)
    }

    @Test("a header naming columns 数据1…数据N counts columns: its numbers are not values, also across a page break")
    func numberedColumnHeader() throws {
        let header = Self.pipe(["项目"] + (1...15).map { "数据\($0)" })
        let separator = "|" + String(repeating: "---|", count: 16)
        let values = Self.pipe([""] + (1...15).map { String($0 % 5) })
        var text = Self.report().replacingOccurrences(
            of: Self.pipe(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]) + "\n" + Self.pipe((1...15).map { String($0 % 5) }),
            with: [header, "— 3 —", separator, values].joined(separator: "\n")
        )
        text = text.replacingOccurrences(
            of: Self.pipe(["行政规范性文件", "4", "5", "6"]),
            with: [
                Self.pipe(["项目", "数据1", "数据2", "数据3"]), "|---|---|---|---|", Self.pipe(["行政规范性文件", "4", "5", "6"]),
            ]
            .joined(separator: "\n")
        )
        let report = try Self.read(text)
        for (index, id) in NationalTemplates.v2021.table(.four).rows.flatMap(\.figureIDs).enumerated() {
            #expect(report[id] == .integer((index + 1) % 5), "\(id.rawValue)")
        }
        #expect(report[FigureID("t2.normative.issued")] == .integer(4))
        #expect(report[FigureID("t2.rules.in_force")] == .integer(3))
        #expect(report.table(.four)?.rows.allSatisfy { $0.state == .complete } == true)
    }

    @Test("a header row of values, or of names with numbers out of order, is read as it stands")
    func numberedHeaderLookalikes() throws {
        let text = Self.report().replacingOccurrences(
            of: Self.pipe(["规章", "1", "2", "3"]),
            with: [Self.pipe(["规章", "1", "2", "3"]), "|---|---|---|---|"].joined(separator: "\n")
        )
        let report = try Self.read(text)
        #expect(report[FigureID("t2.rules.issued")] == .integer(1))
        #expect(report[FigureID("t2.rules.in_force")] == .integer(3))
        for cells in [["规章", "1", "2", "3"], ["项目", "数据2", "数据1"], ["项目", "数据1", "列2"], ["规章1", "数据1", "数据2"]] {
            let line = ExtractedLine(
                number: 1,
                raw: "",
                text: "",
                layout: .delimited,
                cells: cells.map { ExtractedCell(text: $0, location: .text(line: 1, column: 1)) }
            )
            #expect(!NumberedHeader.isNumberedHeader(line), "\(cells)")
        }
    }

    @Test("表二 cells pulled out as loose text: a remark naming the column places the value")
    func detachedCellsPlaced() throws {
        let report = try Self.read(
            Self.report(proactive: [
                "2", "（含自然失效 1 件）", "5", "（含自然失效 2 件）",
                Self.pipe(["规章", "1", "3"]), Self.pipe(["行政规范性文件", "4", "6"]),
            ])
        )
        for (id, value) in [
            "t2.rules.issued": 1, "t2.rules.repealed": 2, "t2.rules.in_force": 3,
            "t2.normative.issued": 4, "t2.normative.repealed": 5, "t2.normative.in_force": 6,
        ] {
            #expect(report[FigureID(id)] == .integer(value), "\(id)")
        }
        #expect(report[FigureID("t2.licensing.decisions")] == .integer(7))
    }

    @Test("表二 cell pulled out with a remark naming no column: cells its placements disagree on are unknown")
    func detachedCellUnplaced() throws {
        let report = try Self.read(
            Self.report(proactive: [
                "22（其中修订 16 件）", Self.pipe(["规章", "22", "235"]), Self.pipe(["行政规范性文件", "4", "5", "6"]),
            ])
        )
        // 22 before, between or after 22 and 235: only the first column is 22 every way.
        #expect(report[FigureID("t2.rules.issued")] == .integer(22))
        #expect(report[FigureID("t2.rules.repealed")] == .unknown)
        #expect(report[FigureID("t2.rules.in_force")] == .unknown)
        #expect(report[FigureID("t2.normative.repealed")] == .integer(5))
        let rules = try #require(report.table(.two)?.rows.first { $0.key == "rules" })
        #expect(rules.state == .detachedValue(printed: "22（其中修订 16 件）", columns: 3))
        #expect(ReportChecker.check(report).contains { $0.code == "detached-value" })
    }

    @Test("表二 with fewer loose cells than rows one value short: no cell is given to a row")
    func detachedCellsUnpaired() throws {
        let report = try Self.read(
            Self.report(proactive: [
                "2", "（含自然失效 1 件）", Self.pipe(["规章", "1", "3"]), Self.pipe(["行政规范性文件", "4", "6"]),
            ])
        )
        for id in ["t2.rules.issued", "t2.rules.repealed", "t2.normative.issued", "t2.normative.in_force"] {
            #expect(report[FigureID(id)] == .unknown, "\(id)")
        }
        let rules = try #require(report.table(.two)?.rows.first { $0.key == "rules" })
        #expect(rules.state == .fewerValues(printed: 2, expected: 3))
    }

    @Test("a value over a bracketed line with no row one value short is read where it stands")
    func detachedLookalike() throws {
        let text = Self.report().replacingOccurrences(
            of: Self.pipe(["行政事业性收费", "10"]),
            with: "行政事业性收费\n10\n（单位：万元）"
        )
        let report = try Self.read(text)
        #expect(report[FigureID("t2.fees.amount")] == .decimal(10))
        #expect(report[FigureID("t2.rules.repealed")] == .integer(2))
    }
}
