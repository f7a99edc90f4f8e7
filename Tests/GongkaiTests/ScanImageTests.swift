import Foundation
import Testing

@testable import GongkaiExtract

/// The image side of reading scans, on small synthetic pages: the skew is found and corrected, ruled tables come out
/// as grids with their merged cells, specks are not writing, and a value cell is a number only when both readings
/// agree.
@Suite("Scanned page images")
struct ScanImageTests {
    /// A white page with black rectangles.
    static func page(width: Int, height: Int, boxes: [PixelRect]) -> GrayImage {
        var image = GrayImage(width: width, height: height)
        for box in boxes {
            for y in max(0, box.y0)..<min(height, box.y1) {
                for x in max(0, box.x0)..<min(width, box.x1) { image[x, y] = 0 }
            }
        }
        return image
    }

    /// A ruled table: rules 3 pixels thick at `rows` and `columns`; `open` lists the vertical rule pieces left out
    /// (column index, row index), and `openAcross` the horizontal ones (row index, column index), to merge cells.
    static func table(
        rows: [Int],
        columns: [Int],
        open: Set<[Int]> = [],
        openAcross: Set<[Int]> = []
    ) -> [PixelRect] {
        var boxes: [PixelRect] = []
        for (r, y) in rows.enumerated() {
            for c in 0..<(columns.count - 1) where !openAcross.contains([r, c]) {
                boxes.append(PixelRect(x0: columns[c] - 1, y0: y - 1, x1: columns[c + 1] + 2, y1: y + 2))
            }
        }
        for (c, x) in columns.enumerated() {
            for r in 0..<(rows.count - 1) where !open.contains([c, r]) {
                boxes.append(PixelRect(x0: x - 1, y0: rows[r] - 1, x1: x + 2, y1: rows[r + 1] + 2))
            }
        }
        return boxes
    }

    /// `image` turned by `degrees` (a printed horizontal line falling to the right when positive).
    static func turned(_ image: GrayImage, by degrees: Double) -> GrayImage {
        SkewCorrection.rotated(image, by: -degrees)
    }

    @Test("the skew of a page is found to a few hundredths of a degree, either way", arguments: [0.0, 0.4, -0.7, 1.0])
    func skewAngle(_ degrees: Double) {
        let straight = Self.page(
            width: 800,
            height: 600,
            boxes: Self.table(rows: [100, 160, 220, 280, 340], columns: [100, 300, 500, 700])
                + (0..<6).map { PixelRect(x0: 120 + $0 * 90, y0: 400, x1: 180 + $0 * 90, y1: 420) }
        )
        let skewed = Self.turned(straight, by: degrees)
        let angle = SkewCorrection.angle(of: InkImage(skewed))
        #expect(abs(angle - degrees) <= 0.05, "found \(angle)° for \(degrees)°")
    }

    @Test("a page turned back is straight: its rules are thin horizontal and vertical lines again")
    func deskewedRules() {
        let rows = [100, 160, 220, 280]
        let columns = [100, 300, 500, 700]
        let straight = Self.page(width: 800, height: 400, boxes: Self.table(rows: rows, columns: columns))
        let skewed = Self.turned(straight, by: 0.9)
        // Skewed, a rule 600 pixels long drifts by more than 9 pixels: it is no thin line.
        let before = RulingLines(InkImage(skewed), dotsPerInch: 200)
        #expect(before.horizontal.allSatisfy { $0.length < 500 })
        let corrected = SkewCorrection.rotated(skewed, by: SkewCorrection.angle(of: InkImage(skewed)))
        let lines = RulingLines(InkImage(corrected), dotsPerInch: 200)
        let long = lines.horizontal.filter { $0.length >= 550 }
        #expect(long.count == rows.count)
        for (line, row) in zip(long, rows) {
            #expect(abs(line.position - Double(row)) <= 3, "rule at \(line.position), printed at \(row)")
            #expect(line.thickness <= 6)
        }
        #expect(lines.vertical.filter { $0.length >= 150 }.count == columns.count)
    }

    @Test("rules make a grid; a missing rule merges cells across columns and down rows")
    func gridWithMergedCells() throws {
        let rows = [50, 110, 170, 230]
        let columns = [40, 200, 320, 440]
        // Row 0: the first two columns merged (no vertical rule at column 1 on row 0). Column 2: rows 1 and 2 merged.
        let boxes = Self.table(rows: rows, columns: columns, open: [[1, 0]], openAcross: [[2, 2]])
        let image = Self.page(width: 600, height: 300, boxes: boxes)
        let tables = TableGrid.tables(RulingLines(InkImage(image), dotsPerInch: 200), tolerance: 6)
        let grid = try #require(tables.first)
        #expect(tables.count == 1)
        #expect(grid.rows.count == 4)
        #expect(grid.columns.count == 4)
        #expect(grid.cells.count == 7)
        let merged = try #require(grid.cells.first)
        #expect(merged.row == 0 && merged.column == 0 && merged.columnSpan == 2 && merged.rowSpan == 1)
        let tall = try #require(grid.cells.first { $0.row == 1 && $0.column == 2 })
        #expect(tall.rowSpan == 2 && tall.columnSpan == 1)
        #expect(abs(tall.box.y1 - 230) <= 2)
    }

    @Test("text strokes and a lone box are no table; two tables apart stay two")
    func separateTables() {
        let first = Self.table(rows: [40, 100, 160], columns: [40, 200, 360])
        let second = Self.table(rows: [260, 320], columns: [40, 200, 360])
        // Short strokes the size of characters.
        let strokes = (0..<5).map { PixelRect(x0: 420 + $0 * 30, y0: 60, x1: 440 + $0 * 30, y1: 63) }
        let image = Self.page(width: 600, height: 400, boxes: first + second + strokes)
        let tables = TableGrid.tables(RulingLines(InkImage(image), dotsPerInch: 200), tolerance: 6)
        #expect(tables.count == 2)
        #expect(tables.map(\.cells.count) == [4, 2])
    }

    @Test("a cell holding only specks and the edges of its rules is empty; writing in it is kept whole")
    func cellInk() throws {
        let cell = PixelRect(x0: 0, y0: 0, x1: 200, y1: 80)
        var boxes = Self.table(rows: [0, 80], columns: [0, 200])
        // Specks of one and two pixels.
        boxes += [PixelRect(x0: 30, y0: 30, x1: 31, y1: 31), PixelRect(x0: 150, y0: 50, x1: 152, y1: 52)]
        let empty = CellInk(
            InkImage(Self.page(width: 201, height: 81, boxes: boxes)),
            of: Self.page(width: 201, height: 81, boxes: boxes),
            cell: cell,
            dotsPerInch: 200
        )
        #expect(empty.isEmpty)
        // A digit-sized stroke and a full stop beside it.
        let written = boxes + [PixelRect(x0: 90, y0: 25, x1: 96, y1: 55), PixelRect(x0: 100, y0: 51, x1: 103, y1: 54)]
        let image = Self.page(width: 201, height: 81, boxes: written)
        let ink = CellInk(InkImage(image), of: image, cell: cell, dotsPerInch: 200)
        let box = try #require(ink.box)
        #expect(box == PixelRect(x0: 90, y0: 25, x1: 103, y1: 55))
        #expect(ink.pieces.count == 1)
    }

    @Test("a stroke a pale scan broke into small pieces and crumbs is kept whole; dust away from it is not")
    func brokenStroke() throws {
        let cell = PixelRect(x0: 0, y0: 0, x1: 200, y1: 80)
        let boxes =
            Self.table(rows: [0, 80], columns: [0, 200]) + [
                // A digit-sized stroke; a small piece beside it, and another beside that one only.
                PixelRect(x0: 90, y0: 25, x1: 96, y1: 55),
                PixelRect(x0: 100, y0: 30, x1: 103, y1: 33),
                PixelRect(x0: 110, y0: 30, x1: 113, y1: 33),
                // A crumb of one pixel between them, and dust far off.
                PixelRect(x0: 106, y0: 40, x1: 107, y1: 41),
                PixelRect(x0: 160, y0: 60, x1: 161, y1: 61),
            ]
        let image = Self.page(width: 201, height: 81, boxes: boxes)
        let ink = CellInk(InkImage(image), of: image, cell: cell, dotsPerInch: 200)
        #expect(try #require(ink.box) == PixelRect(x0: 90, y0: 25, x1: 113, y1: 55))
        let written = try #require(ink.image)
        let darkPixels = written.pixels.count { $0 < 128 }
        // The stroke (180 pixels), the two small pieces (9 each) and the crumb.
        #expect(darkPixels == 180 + 9 + 9 + 1)
    }

    @Test(
        "specks before or after a number are left out of the image its digits are read from; a point between digits is not"
    )
    func specksBeside() throws {
        let cell = PixelRect(x0: 0, y0: 0, x1: 200, y1: 80)
        let rules = Self.table(rows: [0, 80], columns: [0, 200])
        // Two digit-sized strokes with a decimal point between them, a speck before and a speck after.
        let digits = [PixelRect(x0: 80, y0: 25, x1: 86, y1: 55), PixelRect(x0: 100, y0: 25, x1: 106, y1: 55)]
        let point = PixelRect(x0: 91, y0: 51, x1: 94, y1: 54)
        let specks = [PixelRect(x0: 70, y0: 40, x1: 73, y1: 43), PixelRect(x0: 112, y0: 51, x1: 115, y1: 54)]
        let image = Self.page(width: 201, height: 81, boxes: rules + digits + [point] + specks)
        let ink = CellInk(InkImage(image), of: image, cell: cell, dotsPerInch: 200)
        #expect(ink.hasSpecksBeside)
        #expect(try #require(ink.image).pixels.count { $0 < 128 } == 2 * 180 + 3 * 9)
        #expect(try #require(ink.valueImage).pixels.count { $0 < 128 } == 2 * 180 + 9)

        // A pale digit broken into small pieces before a whole one stands as tall as it: writing, kept.
        let broken = [
            PixelRect(x0: 60, y0: 25, x1: 63, y1: 28), PixelRect(x0: 66, y0: 25, x1: 69, y1: 28),
            PixelRect(x0: 66, y0: 33, x1: 69, y1: 36), PixelRect(x0: 64, y0: 41, x1: 67, y1: 44),
            PixelRect(x0: 62, y0: 49, x1: 65, y1: 52),
        ]
        let pale = Self.page(width: 201, height: 81, boxes: rules + [digits[0]] + broken)
        let whole = CellInk(InkImage(pale), of: pale, cell: cell, dotsPerInch: 200)
        #expect(!whole.hasSpecksBeside)
        #expect(try #require(whole.valueImage).pixels.count { $0 < 128 } == 180 + 5 * 9)

        // A small piece close against the writing (the pale slant of a 「4」 broken off its upright) is part of it.
        let slant = PixelRect(x0: 76, y0: 35, x1: 79, y1: 38)
        let close = Self.page(width: 201, height: 81, boxes: rules + [digits[0], slant])
        let four = CellInk(InkImage(close), of: close, cell: cell, dotsPerInch: 200)
        #expect(!four.hasSpecksBeside)
        #expect(try #require(four.valueImage).pixels.count { $0 < 128 } == 180 + 9)
    }

    static func reading(_ words: [(String, Double)]) -> CellRecognizer.Reading {
        CellRecognizer.Reading(words: words.map { .init(text: $0.0, confidence: $0.1, line: 0) })
    }

    @Test("a value cell is a number only when two of its three readings agree, sure, and none says otherwise")
    func valueDecisions() {
        let value = { (text: [(String, Double)], digits: [(String, Double)], enlarged: [(String, Double)]) in
            ScannedCellText.value(
                text: Self.reading(text),
                digits: Self.reading(digits),
                enlarged: Self.reading(enlarged)
            )
        }
        #expect(value([("95", 96)], [("95", 95)], [("95", 93)]) == "95")
        // A lone 「1」 read by the Chinese model as 「]」, with the digit model agreeing.
        #expect(value([("]", 70)], [("1", 55)], []) == "1")
        #expect(value([("2770", 90)], [("2776", 96)], []) == ScannedCellText.unreadable)
        #expect(value([("1", 20)], [("1", 60)], [("1", 60)]) == ScannedCellText.unreadable)
        // Specks read as marks at the ends of the Chinese reading count only when the digits were read without them.
        #expect(
            ScannedCellText.value(
                text: Self.reading([(".0.", 86)]),
                digits: Self.reading([("0", 95)]),
                enlarged: Self.reading([("0", 90)]),
                specksBeside: true
            ) == "0"
        )
        #expect(value([(".0.", 86)], [("0", 95)], [("0", 60)]) == ScannedCellText.unreadable)
        #expect(value([("0.35", 90)], [("0.35", 90)], []) == "0.35")
        #expect(value([("9", 90)], [("9", 90), ("5", 90)], []) == ScannedCellText.unreadable)
        #expect(value([("/", 80)], [], []) == "/")
        #expect(value([("/", 80)], [("1", 95)], []) == ScannedCellText.unreadable)
        #expect(value([], [], []) == ScannedCellText.unreadable)
        // The Chinese model misreads 「26」 as 「20」; both digit readings, very sure, agree.
        #expect(value([("20", 91)], [("26", 96)], [("26", 96)]) == "26")
        // ... but not when either is less than very sure: a pale 「4」 read as 「1」 twice.
        #expect(value([("454", 62)], [("154", 94)], [("154", 85)]) == ScannedCellText.unreadable)
        // ... nor over a sure Chinese reading that holds Chinese, nor over an unsure one of another length.
        #expect(value([("二六", 80)], [("26", 96)], [("26", 96)]) == ScannedCellText.unreadable)
        #expect(value([("和", 12)], [("46", 96)], [("46", 96)]) == ScannedCellText.unreadable)
        // A 「4」 the Chinese model, unsure, reads as 「和」.
        #expect(value([("和", 43)], [("4", 96)], [("4", 96)]) == "4")
        // The cell as cut read as nothing; the Chinese reading and the enlarged one agree.
        #expect(value([("21", 88)], [], [("21", 90)]) == "21")
        // One digit reading agrees with the Chinese one, the other says another number with confidence.
        #expect(value([("95", 96)], [("95", 95)], [("96", 90)]) == ScannedCellText.unreadable)
        #expect(value([("95", 96)], [("96", 90)], [("95", 95)]) == ScannedCellText.unreadable)
    }

    @Test("a PGM image parses, and writes back the same bytes")
    func pgm() throws {
        let data = Data("P5\n# made by hand\n3 2\n255\n".utf8) + Data([0, 128, 255, 1, 2, 3])
        let image = try #require(GrayImage(pgm: data))
        #expect(image.width == 3 && image.height == 2)
        #expect(image[1, 0] == 128 && image[2, 1] == 3)
        #expect(GrayImage(pgm: image.pgmData) == image)
        #expect(GrayImage(pgm: Data("P6\n1 1\n255\n".utf8) + Data([0, 0, 0])) == nil)
        #expect(GrayImage(pgm: Data("P5\n4 4\n255\n".utf8) + Data([0])) == nil)
    }
}
