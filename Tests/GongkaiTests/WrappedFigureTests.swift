import Foundation
import GongkaiModel
import Testing

@testable import GongkaiExtract
@testable import GongkaiRead

/// Figures wrapped inside a column too narrow for them: in laid-out text the rest of the digits carries on the next
/// line at the figure's column; in a PDF the pieces stand one under the other in their cell. Both are joined back
/// into one figure; digits that only happen to stand under a figure are not.
@Suite("Figures wrapped in a narrow column")
struct WrappedFigureTests {
    func tableLines(_ text: String) -> [ExtractedLine] {
        let lines = TextExtractor.extract(text: text, name: "t.txt").lines
        return Array(WrappedFigures.joined(ArraySlice(lines)))
    }

    func cellTexts(_ lines: [ExtractedLine]) -> [[String]] {
        lines.filter { !$0.isBlank }.map { $0.cells.map(\.text) }
    }

    @Test("the last digit of 12071, wrapped to the next line at the figure's column, joins the figure")
    func textFigure() {
        let lines = tableLines("申请数量  12    1207  18\n                1\n")
        #expect(cellTexts(lines) == [["申请数量", "12", "12071", "18"]])
    }

    @Test("a label wrapped with the rest of a figure: the label's rest joins the label, the digits the figure")
    func textFigureAfterLabel() {
        let lines = tableLines("要求确认或重新  0     7968  3\n出具信息              1\n")
        #expect(cellTexts(lines) == [["要求确认或重新", "出具信息", "0", "79681", "3"]])
    }

    @Test("a row's figures on two lines: the label's first line prints only the wrapped figures")
    func textSplitRow() {
        let lines = tableLines("保护第三        7717\n方权益    0     0\n")
        #expect(cellTexts(lines) == [["保护第三", "方权益", "0", "77170"]])
    }

    @Test("text wrapped at a width carries on at the start of the line: not a figure's rest")
    func textWrappedAtWidth() {
        let lines = tableLines("1457 0 1 0 0 0\n1458\n")
        #expect(cellTexts(lines) == [["1457", "0", "1", "0", "0", "0"], ["1458"]])
    }

    @Test("the next row's label and a value standing under a figure: a row of its own")
    func textNextRow() {
        let lines = tableLines("规章      226   75063\n规范性文件      4\n")
        #expect(cellTexts(lines) == [["规章", "226", "75063"], ["规范性文件", "4"]])
    }

    @Test("one-digit figures wrap nothing: a line of values under them is a line of its own")
    func textOneDigit() {
        let lines = tableLines("甲  0  0  0\n    1  2  3\n")
        #expect(cellTexts(lines) == [["甲", "0", "0", "0"], ["1", "2", "3"]])
    }

    func word(_ text: String, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> PDFWord {
        PDFWord(text: text, box: SourceLocation.Box(x0: x0, y0: y0, x1: x1, y1: y1), flowLine: 0)
    }

    @Test("a PDF figure wrapped in its cell, centred on its row: one word where the row stands")
    func pdfCentred() throws {
        let words = [
            word("本机关不掌握", 170, 639.8, 287, 651.5),
            word("97", 317.2, 639, 328.6, 650.8),
            word("4724", 374.3, 633.3, 397.2, 645),
            word("8", 382.8, 644.6, 388.5, 656.3),
            word("51483", 489, 639, 517.6, 650.8),
        ]
        let joined = PDFWrappedFigures.joined(words)
        #expect(joined.map(\.text) == ["本机关不掌握", "97", "47248", "51483"])
        let figure = try #require(joined.first { $0.text == "47248" })
        #expect(abs(figure.centerY - 644.8) < 0.5)
        let rows = PDFPageLayout.rows(of: PDFPage(number: 1, width: 600, height: 800, words: words))
        #expect(rows.count == 1)
    }

    @Test("figures of two rows standing close one above the other stay apart")
    func pdfTwoRows() {
        let words = [
            word("12", 300, 100, 311, 111),
            word("30", 340, 100, 351, 111),
            word("12", 300, 111.5, 311, 122.5),
            word("4", 342, 111.5, 348, 122.5),
        ]
        #expect(PDFWrappedFigures.joined(words).map(\.text) == ["12", "30", "12", "4"])
    }

    @Test("a numbered label cut short where it wraps (「1.申请人无正」 beside the values) names its row")
    func shortNumberedLabel() throws {
        let full = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t"
        var text = try Fixtures.text("seeds/000_619992dd5b79419f.txt")
        let line = try #require(text.range(of: full))
        let lineEnd = try #require(text[line.upperBound...].firstIndex(of: "\n"))
        text.insert(contentsOf: "\n\t\t当理由逾期不补正、行政机关不再处理其政府信息公开申请", at: lineEnd)
        text = text.replacingOccurrences(of: full, with: "1.申请人无正\t")
        let report = try Fixtures.report(text: text)
        #expect(report[FigureID("t3.other.no_amendment.natural")] == .integer(0))
        #expect(report[FigureID("t3.other.natural")] == nil)
        let row = try #require(report.table(.three)?.rows.first { $0.key == "other.no_amendment" })
        #expect(row.state == .complete)
    }
}
