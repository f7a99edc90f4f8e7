import Foundation
import GongkaiModel
import Testing

@testable import GongkaiRead

/// Pipe text written from an HTML table by a converter that prints each row's cells from its label on (the cells a
/// label spans are dropped) and pads short rows with empty cells up to the widest row: rows are shifted against each
/// other, and an empty cell may be a blank or padding. The row's own cells are the ones right after its label.
@Suite("Padded pipe tables")
struct PaddedPipeTableTests {
    static let rows = NationalTemplates.v2021.table(.three).rows
    /// A row as the converter writes it: its cells, then one empty cell per missing column, each closed by a pipe.
    static func line(_ cells: [String], width: Int = 11) -> String {
        let text = cells.map { "\($0) | " }.joined() + String(repeating: "|", count: max(0, width - cells.count))
        return String(text.reversed().drop { $0 == " " }.reversed())
    }

    /// 表三 row `index`'s values; nil is a cell printed empty.
    static func values(_ index: Int) -> [Int?] {
        switch index {
        case 0: [3, 1, 0, 0, 0, 0, 4]
        // The last column (总计) empty: the row's cells end where the padding starts.
        case 1: [0, 0, 0, 0, 0, 0, nil]
        // The first column empty, right after the label.
        case 2: [nil, 1, 0, 0, 0, 0, 1]
        default: [0, 0, 0, 0, nil, 0, 0]
        }
    }

    static func report() -> String {
        var lines = [
            "某市某局2025年政府信息公开工作年度报告",
            "一、总体情况",
            "本年度依法做好政府信息公开工作。",
            "二、主动公开政府信息情况",
            line(["第二十条第（一）项"]),
            line(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
            line(["规章", "1", "", "3"]),
            line(["行政规范性文件", "4", "5", ""]),
            "三、收到和处理政府信息公开申请情况",
            line(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
            line(["自然人", "法人或其他组织", "总计"]),
            line(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]),
        ]
        for (index, row) in rows.enumerated() {
            // A group's first row prints the group's label in a cell of its own.
            var labels = [row.label]
            if let group = row.group, index == 0 || rows[index - 1].group != group { labels.insert(group.label, at: 0) }
            if index == 2 { labels.insert("三、本年度办理结果", at: 0) }
            lines.append(line(labels + values(index).map { $0.map(String.init) ?? "" }))
        }
        lines += [
            "四、政府信息公开行政复议、行政诉讼情况",
            line(["行政复议", "行政诉讼"], width: 15),
            line(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"], width: 15),
            line(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], width: 15),
            // The first cell empty: the line opens with the pipe that closes it.
            line(["", "1", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", ""], width: 15),
            "五、存在的主要问题及改进情况",
            "加强培训。",
            "六、其他需要报告的事项",
            "无。",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("each row's cells are the ones after its label: blanks at either end of a row, padding dropped")
    func rowsAfterTheirLabels() throws {
        let text = Self.report()
        let report = try ReportReader.read(Data(text.utf8), name: "padded.txt")
        for (index, row) in Self.rows.enumerated() {
            for (id, value) in zip(row.figureIDs, Self.values(index)) {
                let expected: CellValue = value.map { .integer($0) } ?? .blank
                #expect(report[id] == expected, "\(id.rawValue): \(String(describing: report[id]))")
            }
        }
        #expect(report[FigureID("t2.rules.repealed")] == .blank)
        #expect(report[FigureID("t2.normative.in_force")] == .blank)
        #expect(report[FigureID("t4.review.upheld")] == .blank)
        #expect(report[FigureID("t4.review.corrected")] == .integer(1))
        #expect(report[FigureID("t4.suit_after_review.total")] == .blank)
        let unknown = report.figures.filter { $0.value.value == .unknown }.map(\.key.rawValue)
        #expect(unknown.isEmpty, "\(unknown.sorted())")
    }

    /// 表四 as a converter writes it: header lines of text, a pipe header row, and its one row of values after an
    /// empty cell under the label column.
    static func litigation(header: String) -> String {
        [
            "某市某局2025年政府信息公开工作年度报告",
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议行政诉讼",
            header,
            "|" + String(repeating: "---|", count: header.count { $0 == "|" } - 1),
            "|  | " + litigationValues.joined(separator: " | ") + " |",
            "五、存在的主要问题及改进情况",
        ].joined(separator: "\n")
    }

    static let litigationValues = ["", "1", "0", "2", "3", "3", "4", "", "1430", "1437", "2", "4", "5", "1", ""]

    @Test(
        "表四's row after an empty cell under the label column is read from the cell after it, empty cells in place",
        arguments: [
            "| 项目 | " + (1...15).map { "数据\($0)" }.joined(separator: " | ") + " |",
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
        ]
    )
    func litigationRowAfterLabelColumn(header: String) throws {
        let report = try ReportReader.read(Data(Self.litigation(header: header).utf8), name: "converted.md")
        let ids = NationalTemplates.v2021.table(.four).rows.flatMap(\.figureIDs)
        for (id, printed) in zip(ids, Self.litigationValues) {
            let expected: CellValue = Int(printed).map { .integer($0) } ?? .blank
            #expect(
                report[id] == expected,
                "\(id.rawValue): printed \(printed), read \(String(describing: report[id]))"
            )
        }
    }

    @Test("表四's row of values one cell short, with empty cells, is never read shifted")
    func litigationRowShortStaysUnknown() throws {
        let values = ["1", "0", "2", "3", "", "4", "", "1430", "1437", "2", "4", "5", "1", ""]
        let text = [
            "某市某局2025年政府信息公开工作年度报告",
            "四、政府信息公开行政复议、行政诉讼情况",
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
            "|---|---|---|---|---|",
            "| " + values.joined(separator: " | ") + " |",
            "五、存在的主要问题及改进情况",
        ].joined(separator: "\n")
        let report = try ReportReader.read(Data(text.utf8), name: "converted.md")
        for id in NationalTemplates.v2021.table(.four).rows.flatMap(\.figureIDs) {
            #expect(report[id] == .unknown, "\(id.rawValue): \(String(describing: report[id]))")
        }
    }

    /// 表三 as a converter writes it from a PDF: a header row of its own width, rows of a label and seven cells, some
    /// with a trailing empty cell, one row's label printed as text above its cells.
    static func converterTable(_ rows: [(label: String?, cells: [String])]) -> String {
        var lines = [
            "某市某局2025年政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |",
            "|---|---|---|---|---|",
        ]
        for row in rows {
            let cells = (row.label.map { [$0] } ?? []) + row.cells
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("四、政府信息公开行政复议、行政诉讼情况")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("a converter's pipe table whose rows agree on their width from their labels reads its empty cells")
    func labelAnchoredRows() throws {
        let text = Self.converterTable([
            ("一、本年新收政府信息公开申请数量", ["691", "", "", "", "", "", "691"]),
            ("二、上年结转政府信息公开申请数量", ["3", "1", "", "", "", "", "4", ""]),
            ("三、本年度办理结果 | （一）予以公开", ["0", "", "", "", "", "", "0"]),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["", "2", "0", "0", "0", "0", "2", ""]),
        ])
        let report = try ReportReader.read(Data(text.utf8), name: "converted.md")
        let expected: [String: CellValue] = [
            "t3.received.natural": .integer(691), "t3.received.commercial": .blank, "t3.received.total": .integer(691),
            "t3.carried_over.commercial": .integer(1), "t3.carried_over.research": .blank,
            "t3.carried_over.total": .integer(4), "t3.granted.natural": .integer(0), "t3.granted.other": .blank,
            "t3.partial.natural": .blank, "t3.partial.commercial": .integer(2), "t3.partial.total": .integer(2),
        ]
        for (id, value) in expected {
            #expect(report[FigureID(id)] == value, "\(id): \(String(describing: report[FigureID(id)]))")
        }
    }

    @Test("rows that disagree on their width (six cells in a table of seven) give no columns: a short row is unknown")
    func disagreeingRowsStayUnknown() throws {
        let text = Self.converterTable([
            ("一、本年新收政府信息公开申请数量", ["691", "", "", "", "", "", "691"]),
            ("二、上年结转政府信息公开申请数量", ["3", "1", "", "", "", "4"]),
            ("三、本年度办理结果 | （一）予以公开", ["0", "", "", "", "", "", "0"]),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["2", "0", "0", "0", "0", "2"]),
        ])
        let report = try ReportReader.read(Data(text.utf8), name: "converted.md")
        for id in NationalTemplates.v2021.table(.three).rows[1].figureIDs {
            #expect(report[id] == .unknown, "\(id.rawValue): \(String(describing: report[id]))")
        }
    }
}
