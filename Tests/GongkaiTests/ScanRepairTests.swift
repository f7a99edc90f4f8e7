import Foundation
import GongkaiModel
import GongkaiTools
import Testing

@testable import GongkaiExtract
@testable import GongkaiRead

/// What a scan loses and is now kept: a rule that steps aside where it meets another still closes its cells, a bold
/// heading is no table, two close digits of a narrow font are two digits, a digit the second reader is unsure of is
/// taken only when it is among what the glyph may be, a column whose zeros read as nothing is still a column of
/// numbers, a row marker's bracket read as another bracket is made plain, and a row label run on after the column
/// headers names its row.
@Suite("Scanned tables: losses repaired")
struct ScanRepairTests {
    @Test("a rule that steps a pixel aside just before the rule it meets still closes its cells")
    func steppedRule() throws {
        let rows = [50, 110, 170]
        let columns = [40, 200, 360]
        // Every rule but the vertical one at column 1 between rows 1 and 2.
        var boxes = ScanImageTests.table(rows: rows, columns: columns, open: [[1, 1]])
        // That rule, one pixel wide: 24 pixels (too short to be a line alone) down from the rule above, a gap of
        // three pixels, then a pixel to the right down to the rule below.
        boxes.append(PixelRect(x0: 199, y0: 110, x1: 200, y1: 134))
        boxes.append(PixelRect(x0: 200, y0: 137, x1: 201, y1: 172))
        let image = ScanImageTests.page(width: 400, height: 220, boxes: boxes)
        let grid = try #require(TableGrid.tables(RulingLines(InkImage(image), dotsPerInch: 200), tolerance: 6).first)
        #expect(grid.cells.count == 4)
        #expect(grid.cells.allSatisfy { $0.rowSpan == 1 && $0.columnSpan == 1 })
        // A short stroke in line with no rule is no rule: the cell it stands in stays one cell.
        var open = ScanImageTests.table(rows: rows, columns: columns, open: [[1, 1]])
        open.append(PixelRect(x0: 200, y0: 130, x1: 201, y1: 150))
        let merged = try #require(
            TableGrid.tables(
                RulingLines(InkImage(ScanImageTests.page(width: 400, height: 220, boxes: open)), dotsPerInch: 200),
                tolerance: 6
            ).first
        )
        #expect(merged.cells.count == 3)
        #expect(merged.cells.contains { $0.row == 1 && $0.columnSpan == 2 })
    }

    @Test("strokes of a bold heading that meet as a grid lower than a line of text are no table")
    func headingIsNoTable() {
        // Two long strokes 12 pixels apart, crossed by three uprights 40 pixels tall: a grid of two cells.
        var boxes = [PixelRect(x0: 100, y0: 100, x1: 300, y1: 102), PixelRect(x0: 100, y0: 112, x1: 300, y1: 114)]
        boxes += [100, 199, 298].map { PixelRect(x0: $0, y0: 90, x1: $0 + 2, y1: 130) }
        let image = ScanImageTests.page(width: 400, height: 300, boxes: boxes)
        #expect(!TableGrid.tables(RulingLines(InkImage(image), dotsPerInch: 200), tolerance: 6).isEmpty)
        #expect(ScannedPage(image, number: 1, dotsPerInch: 200).tables.isEmpty)
    }

    /// `first` and `second` (template images of one size) side by side, the second's ink `shift` pixels to the right.
    static func sideBySide(_ first: GrayImage, _ second: GrayImage, shift: Int) -> GrayImage {
        var image = GrayImage(width: first.width + shift + 10, height: first.height)
        for y in 0..<first.height {
            for x in 0..<first.width {
                image[x, y] = min(image[x, y], first[x, y])
                image[x + shift, y] = min(image[x + shift, y], second[x, y])
            }
        }
        return image
    }

    @Test("two whole digits standing close in a blurred scan are two digits, not one broken digit")
    func closeDigits() throws {
        guard ExternalTool.find("pdftoppm") != nil, ExternalTool.find("pdftotext") != nil else { return }
        // At 150 dpi, 「88283」's 「8」 and 「3」 stand 0.59 of their height apart, centre to centre, two pixels of
        // paper between them: they were taken for the two halves of one broken digit.
        let cells = try DigitReaderTests.readings(
            scan: Fixtures.url("pdf/scan/huaian-2024-p3-5-150dpi-skew0.8-noise-jpeg60.pdf"),
            original: Fixtures.url("real/huaian-2024.pdf"),
            firstPage: 3
        )
        let cell = try #require(cells.first { $0.printed == "88283" })
        #expect(cell.read == "88283")
    }

    @Test("a digit the second reader is unsure of is allowed only when it resembles it as much as any other")
    func allowedDigits() throws {
        let eight = try DigitReaderTests.templateImage(8, font: "Liberation Serif")
        #expect(DigitReader.allows("8", in: eight))
        #expect(!DigitReader.allows("3", in: eight))
        #expect(!DigitReader.allows("88", in: eight))
        // 「5」 and 「6」 at half strength each: read as neither for certain, either may be it; never 「8」.
        let blend = try DigitReaderTests.templateImage(5, font: "Liberation Serif", blended: 6)
        #expect(DigitReader.number(in: blend) == nil)
        #expect(DigitReader.allows("5", in: blend) || DigitReader.allows("6", in: blend))
        #expect(!DigitReader.allows("1", in: blend))
    }

    static func reading(_ text: String, _ confidence: Double) -> CellRecognizer.Reading {
        CellRecognizer.Reading(
            words: text.isEmpty ? [] : [CellRecognizer.Reading.Word(text: text, confidence: confidence, line: 0)]
        )
    }

    @Test("a number Tesseract settles on is taken over an unsure second reader only when that reader allows it")
    func unsureSecondReader() {
        let text = Self.reading("454", 87)
        let digits = Self.reading("454", 86)
        let enlarged = Self.reading("454", 65)
        let allowed = ScannedCellText.agreed(
            text: text,
            digits: digits,
            enlarged: enlarged,
            own: nil,
            ownAllows: { $0 == "454" }
        )
        #expect(allowed == "454")
        let ruledOut = ScannedCellText.agreed(text: text, digits: digits, enlarged: enlarged, own: nil)
        #expect(ruledOut == ScannedCellText.unreadable)
        // Readings that do not settle leave the cell unknown whatever the second reader allows.
        let unsettled = ScannedCellText.agreed(
            text: Self.reading("", 0),
            digits: Self.reading("", 0),
            enlarged: Self.reading("9", 81),
            own: nil,
            ownAllows: { _ in true }
        )
        #expect(unsettled == ScannedCellText.unreadable)
    }

    @Test("a column whose zeros the Chinese reading reads as nothing is still a column of numbers")
    func zerosReadAsNothing() throws {
        let image = ScanImageTests.page(
            width: 400,
            height: 400,
            boxes: ScanImageTests.table(rows: [20, 80, 140, 200, 260, 320], columns: [20, 200, 380])
        )
        let grid = try #require(TableGrid.tables(RulingLines(InkImage(image), dotsPerInch: 200), tolerance: 6).first)
        #expect(grid.cells.count == 10)
        let texts = grid.cells.map { cell -> CellRecognizer.Reading? in
            if cell.column == 0 { return Self.reading("行政许可", 90) }
            switch cell.row {
            case 0: return Self.reading("总计", 90)
            case 1: return Self.reading("3", 90)
            default: return Self.reading("", 0)
            }
        }
        #expect(ScannedTables.valueColumns(grid, texts: texts) == [1])
    }

    @Test("a row marker's bracket read as another bracket is made plain; other labels are kept as read")
    func markerBrackets() {
        #expect(ScannedCellText.label("《二)部分公开") == "（二）部分公开")
        #expect(ScannedCellText.label("〈十一〉其他") == "（十一）其他")
        #expect(ScannedCellText.label("(一)予以公开") == "（一）予以公开")
        #expect(ScannedCellText.label("《条例》规定") == "《条例》规定")
        #expect(ScannedCellText.label("本年新收") == "本年新收")
    }

    @Test("a row's name run on after the column headers, its marker not read, names its row")
    func unmarkedFirstRow() throws {
        let text = try String(contentsOf: Fixtures.url("real/shanghai-office-2025.md"), encoding: .utf8)
        #expect(text.contains("一、本年新收"))
        let report = try ReportReader.read(
            Data(text.replacingOccurrences(of: "一、本年新收", with: "本年新收").utf8),
            name: "scan.md"
        )
        #expect(report[FigureID("t3.received.natural")] == .integer(1259))
        #expect(report[FigureID("t3.received.total")] == .integer(1295))
        #expect(report[FigureID("t3.carried_over.natural")] == .integer(170))
    }
}
