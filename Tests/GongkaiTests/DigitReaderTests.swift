import Foundation
import GongkaiTools
import Testing

@testable import GongkaiExtract

/// The second reader of scanned value cells, on real scans: every number it reads is the one the report prints (the
/// text layer of the PDF the scan was made from says what that is), it reads nearly every one, and a glyph it cannot
/// tell is unread, never guessed.
@Suite("Digits read from scanned cells")
struct DigitReaderTests {
    /// The words of each page of a PDF with their boxes in points (pdftotext's bounding boxes).
    static func words(_ pdf: URL) throws -> [[(text: String, x: Double, y: Double)]] {
        let pdftotext = try #require(ExternalTool.find("pdftotext"))
        let output = try pdftotext.run(["-bbox", pdf.path, "-"], timeout: 60)
        let xhtml = String(decoding: output.stdout, as: UTF8.self)
        let word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/
        return xhtml.components(separatedBy: "<page ").dropFirst().map { page in
            page.matches(of: word).compactMap { match in
                guard let x0 = Double(match.1), let y0 = Double(match.2), let x1 = Double(match.3),
                    let y1 = Double(match.4)
                else { return nil }
                return (String(match.5), (x0 + x1) / 2, (y0 + y1) / 2)
            }
        }
    }

    /// The pages of a scanned PDF rendered at `dotsPerInch` and taken apart as the OCR reader takes them.
    static func scannedPages(_ pdf: URL, dotsPerInch: Double) throws -> [ScannedPage] {
        let pdftoppm = try #require(ExternalTool.find("pdftoppm"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("digits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("page").path
        _ = try pdftoppm.run(["-r", "\(Int(dotsPerInch))", "-gray", pdf.path, prefix], timeout: 120)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pgm") }
            .sorted()
        return try files.enumerated().map { index, name in
            let image = try #require(GrayImage(pgm: try Data(contentsOf: folder.appendingPathComponent(name))))
            return ScannedPage(image, number: index + 1, dotsPerInch: dotsPerInch)
        }
    }

    /// Every table cell of `scan` whose text (the words of `original`'s page `firstPage + n` inside it) is a number:
    /// what that number is, and what the reader read there.
    static func readings(scan: URL, original: URL, firstPage: Int) throws -> [(printed: String, read: String?)] {
        let dotsPerInch = 200.0
        let pages = try scannedPages(scan, dotsPerInch: dotsPerInch)
        let words = try words(original)
        var result: [(String, String?)] = []
        for page in pages {
            let pageWords = words[firstPage - 1 + page.number - 1]
            for table in page.tables {
                for (cell, ink) in zip(table.grid.cells, table.inks) {
                    let box = cell.box
                    let scale = 72 / dotsPerInch
                    let inside = pageWords.filter { word in
                        word.x > Double(box.x0) * scale && word.x < Double(box.x1) * scale
                            && word.y > Double(box.y0) * scale && word.y < Double(box.y1) * scale
                    }
                    let printed = inside.map(\.text).joined()
                    guard !printed.isEmpty, printed.allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
                    result.append((printed, ink.valueImage.flatMap(DigitReader.number(in:))))
                }
            }
        }
        return result
    }

    @Test("a real report's scan: every number read is the one printed, and nearly all are read")
    func realScan() throws {
        guard ExternalTool.find("pdftoppm") != nil, ExternalTool.find("pdftotext") != nil else { return }
        // scripts/make-scan-fixture made it from pages 2-4 of hongze-2024.pdf at 150 dpi (its digits are Times New
        // Roman and 宋体, fonts the templates were not drawn from).
        let cells = try Self.readings(
            scan: Fixtures.url("pdf/scan/hongze-2024-p2-4-150dpi.pdf"),
            original: Fixtures.url("real/hongze-2024.pdf"),
            firstPage: 2
        )
        #expect(cells.count >= 150)
        let wrong = cells.filter { $0.read != nil && $0.read != $0.printed }
        #expect(wrong.isEmpty, "\(wrong)")
        let read = cells.count { $0.read == $0.printed }
        #expect(read * 100 >= cells.count * 97, "\(read) of \(cells.count) read")
    }

    @Test("a real report's noisy, skewed JPEG scan: no number read wrong, most read")
    func committedNoisyScan() throws {
        guard ExternalTool.find("pdftoppm") != nil, ExternalTool.find("pdftotext") != nil else { return }
        // scripts/make-scan-fixture made it from pages 3-5 of huaian-2024.pdf: --dpi 150 --skew 0.8 --noise --jpeg 60.
        let cells = try Self.readings(
            scan: Fixtures.url("pdf/scan/huaian-2024-p3-5-150dpi-skew0.8-noise-jpeg60.pdf"),
            original: Fixtures.url("real/huaian-2024.pdf"),
            firstPage: 3
        )
        #expect(cells.count >= 150)
        let wrong = cells.filter { $0.read != nil && $0.read != $0.printed }
        #expect(wrong.isEmpty, "\(wrong)")
        let read = cells.count { $0.read == $0.printed }
        #expect(
            read * 100 >= cells.count * 85,
            "\(read) of \(cells.count) read; not: \(cells.filter { $0.read == nil }.map(\.printed))"
        )
    }

    @Test(
        "a real report scanned here askew, with specks and JPEG artefacts: no number read wrong, most read",
        arguments: [["--dpi", "200", "--skew", "-0.7", "--noise", "--jpeg", "50"], ["--dpi", "300", "--noise"]]
    )
    func noisyScan(_ options: [String]) throws {
        guard ExternalTool.find("pdftoppm") != nil, ExternalTool.find("pdftotext") != nil,
            ExternalTool.find("python3") != nil
        else { return }
        let original = Fixtures.url("real/hongze-2024.pdf")
        let scan = FileManager.default.temporaryDirectory.appendingPathComponent("noisy-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: scan) }
        let script = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/make-scan-fixture")
        let made = try ExternalTool(executable: script).run(
            [original.path, scan.path, "--pages", "2-4"] + options,
            timeout: 120
        )
        try #require(made.status == 0, "\(String(decoding: made.stderr, as: UTF8.self))")
        let cells = try Self.readings(scan: scan, original: original, firstPage: 2)
        #expect(cells.count >= 150)
        let wrong = cells.filter { $0.read != nil && $0.read != $0.printed }
        #expect(wrong.isEmpty, "\(wrong)")
        let read = cells.count { $0.read == $0.printed }
        #expect(
            read * 100 >= cells.count * 90,
            "\(read) of \(cells.count) read; not: \(cells.filter { $0.read == nil }.map(\.printed))"
        )
    }

    /// A digit drawn as strokes (rectangles) on a cell image.
    static func image(_ strokes: [PixelRect], width: Int = 60, height: Int = 50) -> GrayImage {
        ScanImageTests.page(width: width, height: height, boxes: strokes)
    }

    /// The template of `digit` drawn in `font`, each cell of its grid three pixels square, on paper; with
    /// `blended`, the other digit's template of that font laid over it at half strength each.
    static func templateImage(_ digit: Int, font: String, blended other: Int? = nil) throws -> GrayImage {
        func grid(_ digit: Int) throws -> [Int] {
            let line = try #require(
                DigitTemplates.table.split(separator: "\n").first {
                    $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(digit) ") && $0.hasSuffix(" \(font)")
                }
            )
            let fields = line.split(separator: " ")
            return fields[1].compactMap(\.hexDigitValue)
        }
        let first = try grid(digit)
        let second = try other.map(grid) ?? first
        let (width, height) = (DigitTemplates.width, DigitTemplates.height)
        var image = GrayImage(width: width * 3 + 20, height: height * 3 + 20)
        for row in 0..<height {
            for column in 0..<width {
                let ink = Double(first[row * width + column] + second[row * width + column]) / 30
                for y in 0..<3 {
                    for x in 0..<3 { image[10 + column * 3 + x, 10 + row * 3 + y] = UInt8(255 - 255 * ink) }
                }
            }
        }
        return image
    }

    @Test("each digit of a font is read as itself; two digits laid over each other are unread")
    func blended() throws {
        for font in ["Liberation Serif", "Noto Serif CJK SC", "AR PL UMing CN"] {
            for digit in 0...9 {
                #expect(DigitReader.number(in: try Self.templateImage(digit, font: font)) == String(digit))
            }
        }
        // 「3」 and 「8」, 「5」 and 「6」, 「1」 and 「7」 at half strength each: as like the one as the other.
        for (one, other) in [(3, 8), (5, 6), (1, 7), (0, 8)] {
            let image = try Self.templateImage(one, font: "Liberation Serif", blended: other)
            #expect(DigitReader.number(in: image) == nil, "\(one) over \(other)")
        }
    }

    @Test("a blot, two digits run together, or a mark half as tall beside a digit is unread")
    func unlikeDigits() {
        // A solid blot as tall as a digit.
        #expect(DigitReader.number(in: Self.image([PixelRect(x0: 20, y0: 10, x1: 34, y1: 38)])) == nil)
        // Two rings touching: one glyph as wide as two digits.
        let ring = [
            PixelRect(x0: 10, y0: 10, x1: 24, y1: 13), PixelRect(x0: 10, y0: 35, x1: 24, y1: 38),
            PixelRect(x0: 10, y0: 10, x1: 13, y1: 38), PixelRect(x0: 21, y0: 10, x1: 24, y1: 38),
        ]
        let wide = ring + ring.map { PixelRect(x0: $0.x0 + 13, y0: $0.y0, x1: $0.x1 + 13, y1: $0.y1) }
        #expect(DigitReader.number(in: Self.image(wide)) == nil)
        // A mark half as tall as the digit beside it (a speck, a comma) is no digit: the number is unread.
        let upright = PixelRect(x0: 10, y0: 10, x1: 13, y1: 38)
        let mark = PixelRect(x0: 30, y0: 18, x1: 36, y1: 30)
        #expect(DigitReader.number(in: Self.image([upright, mark])) == nil)
    }
}
