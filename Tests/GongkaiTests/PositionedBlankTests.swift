import Foundation
import GongkaiModel
import GongkaiWrite
import Testing

@testable import GongkaiRead

/// Tables laid out on a page (PDF text, text in whitespace columns): an empty cell prints nothing, and where each
/// value stands says which column it is in. See ``PositionedBlanks``.
@Suite("Empty cells placed by position")
struct PositionedBlankTests {
    /// Seed 000's figures with 表三's 法人或其他组织 columns empty in some rows (`rows`), or in every row.
    static func report(emptyIn rows: Set<String>? = nil) throws -> AnnualReport {
        var report = try Fixtures.report("seeds/000_619992dd5b79419f.txt")
        let emptied = ["commercial", "research", "nonprofit", "legal", "other"]
        for id in report.figures.keys where id.rawValue.hasPrefix("t3.") {
            let parts = id.rawValue.split(separator: ".")
            let row = parts.dropFirst().dropLast().joined(separator: ".")
            guard emptied.contains(String(parts.last ?? "")), rows?.contains(row) ?? true else { continue }
            blank(id, in: &report)
        }
        return report
    }

    /// Seed 000's figures with the cells `ids` printed empty.
    static func report(emptying ids: [String]) throws -> AnnualReport {
        var report = try Fixtures.report("seeds/000_619992dd5b79419f.txt")
        for id in ids { blank(FigureID(id), in: &report) }
        return report
    }

    static func blank(_ id: FigureID, in report: inout AnnualReport) {
        report.figures[id]?.value = .blank
        report.figures[id]?.printed = ""
    }

    /// Every cell of `table` (「t3」) reads back as written.
    static func expectTable(
        _ table: String,
        _ read: AnnualReport,
        _ written: AnnualReport,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        for (id, figure) in written.figures where id.rawValue.hasPrefix(table + ".") {
            #expect(
                read[id] == figure.value,
                "\(id.rawValue): written \(figure.value), read \(String(describing: read[id]))",
                sourceLocation: sourceLocation
            )
        }
    }

    @Test(
        "PDF: a 表三 whose 法人或其他组织 columns are empty in every row is read by where its values stand under the header",
        .enabled(if: ReportPDF.libreOffice() != nil, "LibreOffice (soffice) is not installed")
    )
    func pdfEmptyColumns() throws {
        let written = try Self.report()
        let read = try ReportReader.read(try ReportPDF.render(written), name: "empty-columns.pdf")
        Self.expectTable("t3", read, written)
    }

    @Test(
        "PDF: rows with empty cells among rows printing every value are read by the columns those rows show",
        .enabled(if: ReportPDF.libreOffice() != nil, "LibreOffice (soffice) is not installed")
    )
    func pdfSomeEmptyRows() throws {
        let written = try Self.report(emptyIn: ["received", "denied.third_party", "other"])
        let read = try ReportReader.read(try ReportPDF.render(written), name: "some-empty.pdf")
        Self.expectTable("t3", read, written)
    }

    @Test(
        "PDF: 表四's one row with empty cells is read by where its values stand under the header's column names",
        .enabled(if: ReportPDF.libreOffice() != nil, "LibreOffice (soffice) is not installed")
    )
    func pdfLitigationRow() throws {
        let written = try Self.report(emptying: [
            "t4.review.other", "t4.suit_direct.upheld", "t4.suit_after_review.total",
        ])
        let read = try ReportReader.read(try ReportPDF.render(written), name: "litigation.pdf")
        Self.expectTable("t4", read, written)
    }

    @Test("text in columns: 表四's names stacked in two lines, a row with an empty cell under its name")
    func textLitigationRow() throws {
        let text = """
            某市某局2025年政府信息公开工作年度报告
            四、政府信息公开行政复议、行政诉讼情况
            行政复议                      行政诉讼
            结果  结果  其他  尚未  总计  未经复议直接起诉              复议后起诉
            维持  纠正  结果  审结        结果  结果  其他  尚未  总计  结果  结果  其他  尚未  总计
                                          维持  纠正  结果  审结        维持  纠正  结果  审结
            2     4     5     0     11    0           0     4     7     2     0     0     0     2
            五、存在的主要问题及改进情况
            """
        let read = try ReportReader.read(Data(text.utf8), name: "columns.txt")
        let printed: [Int?] = [2, 4, 5, 0, 11, 0, nil, 0, 4, 7, 2, 0, 0, 0, 2]
        let ids = NationalTemplates.v2021.table(.four).rows.flatMap(\.figureIDs)
        for (id, value) in zip(ids, printed) {
            #expect(
                read[id] == (value.map { .integer($0) } ?? .blank),
                "\(id.rawValue): \(String(describing: read[id]))"
            )
        }
    }

    @Test(
        "PDF: a 表二 row with empty cells is read by where its values stand under its block's column names",
        .enabled(if: ReportPDF.libreOffice() != nil, "LibreOffice (soffice) is not installed")
    )
    func pdfProactiveRows() throws {
        let written = try Self.report(emptying: ["t2.rules.repealed", "t2.normative.issued"])
        let read = try ReportReader.read(try ReportPDF.render(written), name: "proactive.pdf")
        Self.expectTable("t2", read, written)
    }

    /// 表三 in whitespace columns aligned by width (a wide character two columns), as a text layout prints it.
    static func columnsText(_ rows: [(label: String, values: [String?])]) -> String {
        func width(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } }
        func padded(_ text: String, to target: Int) -> String {
            text + String(repeating: " ", count: max(1, target - width(text)))
        }
        let header = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
        var lines = [
            "某市某局2025年政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            padded("", to: 40) + header.map { padded($0, to: 14) }.joined(),
        ]
        for row in rows {
            lines.append(padded(row.label, to: 40) + row.values.map { padded($0 ?? "", to: 14) }.joined())
        }
        lines.append("四、政府信息公开行政复议、行政诉讼情况")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("text in columns aligned by width: a row's empty cells are the columns none of its values stands in")
    func textColumns() throws {
        let rows: [(label: String, values: [String?])] = [
            ("一、本年新收政府信息公开申请数量", ["5", "1", "0", "0", "0", "0", "6"]),
            ("二、上年结转政府信息公开申请数量", ["0", nil, nil, nil, nil, nil, "0"]),
            ("三、本年度办理结果 （一）予以公开", ["3", "1", "0", "0", "0", "0", "4"]),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["1", "0", "0", "0", "0", "0", "1"]),
            ("（三）不予公开 1.属于国家秘密", [nil, "0", "0", "0", "0", nil, "0"]),
        ]
        let read = try ReportReader.read(Data(Self.columnsText(rows).utf8), name: "columns.txt")
        let specs = NationalTemplates.v2021.table(.three).rows
        for (spec, row) in zip(specs.prefix(rows.count), rows) {
            for (id, value) in zip(spec.figureIDs, row.values) {
                let expected: CellValue = value.flatMap { Int($0) }.map { .integer($0) } ?? .blank
                #expect(read[id] == expected, "\(id.rawValue): \(String(describing: read[id]))")
            }
        }
    }

    @Test("text whose rows disagree on where the columns are: a row with fewer values stays unknown")
    func misalignedColumnsStayUnknown() throws {
        // Each row's values start right after its label: no column is where the others put it.
        let lines = [
            "某市某局2025年政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计",
            "一、本年新收政府信息公开申请数量 5 1 0 0 0 0 6",
            "二、上年结转政府信息公开申请数量 0 0",
            "三、本年度办理结果 （一）予以公开 3 1 0 0 0 0 4",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1",
            "四、政府信息公开行政复议、行政诉讼情况",
        ]
        let read = try ReportReader.read(Data(lines.joined(separator: "\n").utf8), name: "misaligned.txt")
        for id in NationalTemplates.v2021.table(.three).rows[1].figureIDs {
            #expect(read[id] == .unknown, "\(id.rawValue): \(String(describing: read[id]))")
        }
    }
}
