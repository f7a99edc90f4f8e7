import Foundation
import GongkaiModel
import GongkaiTools

/// Reads a scanned PDF (no text layer). poppler's `pdftoppm` renders each page to a grey image; the page is turned
/// straight and its ruled tables are found (``ScannedPage``); each table cell is read on its own (``ScannedTables``),
/// and the text outside the tables is read by Tesseract (`chi_sim`) over the whole page, its words laid out as the
/// text layer's words are.
enum OCRExtractor {
    /// Pages recognised from one scan: OCR takes seconds a page.
    static let pageLimit = 30
    /// Rendering resolution; boxes are converted back to points.
    static let dotsPerInch = 200.0
    static let timeLimit = 60.0

    static func extract(_ data: Data, name: String, pages: Int) throws(ExtractError) -> ExtractedDocument {
        guard let pdftoppm = ExternalTool.find("pdftoppm") else {
            throw .missingTool(tool: "pdftoppm", package: "poppler-utils")
        }
        guard let tesseract = ExternalTool.find("tesseract"), hasChineseModel(tesseract) else {
            throw .noTextLayer(missing: "tesseract-ocr tesseract-ocr-chi-sim")
        }
        let folder = try TemporaryFolder.holding(data, as: "in.pdf", purpose: "ocr")
        defer { folder.remove() }
        let input = folder.file("in.pdf")
        var scanned: [ScannedPage] = []
        // The text outside the tables: each page's bands between its tables, with the page and row each starts at.
        var outside: [GrayImage] = []
        var bandPlaces: [(page: Int, top: Int)] = []
        var pageSizes: [(width: Int, height: Int)] = []
        for number in 1...min(pages, pageLimit) {
            let prefix = folder.file("page-\(number)")
            let rendered = try run(
                pdftoppm,
                ["-r", "\(Int(dotsPerInch))", "-gray", "-singlefile", "-f", "\(number)", "-l", "\(number)"]
                    + [input.path, prefix.path]
            )
            guard rendered.status == 0,
                let image = GrayImage(pgm: (try? Data(contentsOf: prefix.appendingPathExtension("pgm"))) ?? Data())
            else { throw .corrupt("PDF") }
            try? FileManager.default.removeItem(at: prefix.appendingPathExtension("pgm"))
            var page = ScannedPage(image, number: number, dotsPerInch: dotsPerInch)
            for band in page.bands {
                outside.append(band.image)
                bandPlaces.append((scanned.count, band.top))
            }
            pageSizes.append((page.outside.width, page.outside.height))
            // Only the cells' small images are kept.
            page.outside = GrayImage(width: 1, height: 1)
            scanned.append(page)
        }
        let recognizer = CellRecognizer(tesseract: tesseract)
        let written = ScannedTables.WrittenCells(scanned)
        let pageImages = outside
        outside = []
        // The two longest runs, side by side: the text outside the tables, and every cell as Chinese text.
        let (bandText, readings) = try Parallel.both(
            { () throws(ExtractError) in
                try recognizer.pages(pageImages, in: folder, dotsPerInch: dotsPerInch)
            },
            { () throws(ExtractError) in
                try recognizer.read(written.images, mode: .text, in: folder, prefix: "cell")
            }
        )
        let text = Self.pages(bandText, places: bandPlaces, sizes: pageSizes)
        let tables = try ScannedTables.read(
            scanned,
            written: written,
            readings: readings,
            with: recognizer,
            in: folder
        )
        var result = document(scanned, text: text, tables: tables, name: name)
        // Tables read from page images keep only what their arithmetic confirms.
        result.isRecognised = true
        return result
    }

    /// The words of each page from the words of its bands (`places`: the page and pixel row each band starts at),
    /// moved to where the band stands on the page; the lines of one band never run on into another's.
    static func pages(
        _ bands: [PDFPage],
        places: [(page: Int, top: Int)],
        sizes: [(width: Int, height: Int)]
    ) -> [PDFPage] {
        let scale = 72 / dotsPerInch
        var words = Array(repeating: [PDFWord](), count: sizes.count)
        for (index, (band, place)) in zip(bands, places).enumerated() {
            let shift = Double(place.top) * scale
            for word in band.words {
                let box = SourceLocation.Box(
                    x0: word.box.x0,
                    y0: word.box.y0 + shift,
                    x1: word.box.x1,
                    y1: word.box.y1 + shift
                )
                words[place.page].append(
                    PDFWord(text: word.text, box: box, flowLine: index * 100_000_000 + word.flowLine)
                )
            }
        }
        return sizes.enumerated().map { index, size in
            PDFPage(
                number: index + 1,
                width: Double(size.width) * scale,
                height: Double(size.height) * scale,
                words: words[index]
            )
        }
    }

    /// The document: on each page, the text above, between and below its tables as laid-out lines, each table as
    /// rows of cells.
    static func document(
        _ pages: [ScannedPage],
        text: [PDFPage],
        tables: [[ScannedTables.Table]],
        name: String
    ) -> ExtractedDocument {
        enum Block {
            case text(Int)
            case table(ScannedTables.Table)
        }
        var pieces: [PDFPage] = []
        var blocks: [Block] = []
        let scale = 72 / dotsPerInch
        for (index, page) in text.enumerated() {
            let pageTables = index < tables.count ? tables[index] : []
            // The text of a band ends where the next table starts.
            var remaining = page.words
            for table in pageTables {
                let top = Double(table.grid.box.y0) * scale
                let above = remaining.filter { $0.centerY < top }
                remaining.removeAll { $0.centerY < top }
                if !above.isEmpty {
                    blocks.append(.text(pieces.count))
                    pieces.append(PDFPage(number: page.number, width: page.width, height: page.height, words: above))
                }
                blocks.append(.table(table))
            }
            if !remaining.isEmpty {
                blocks.append(.text(pieces.count))
                pieces.append(PDFPage(number: page.number, width: page.width, height: page.height, words: remaining))
            }
        }
        let laidOut = PDFPageLayout.rows(pieces)
        let halfWidth = PDFExtractor.halfCharacterWidth(pieces)
        var builder = DocumentBuilder(name: name, format: .pdf)
        var tableNumber = 0
        for block in blocks {
            switch block {
            case .text(let index):
                PDFExtractor.addLines([laidOut[index]], halfWidth: halfWidth, to: &builder)
            case .table(let table):
                tableNumber += 1
                for (row, cells) in table.rows(scale: scale).enumerated() {
                    builder.addRow(cells, table: tableNumber, row: row + 1)
                }
            }
        }
        return builder.build()
    }

    static func run(_ tool: ExternalTool, _ arguments: [String]) throws(ExtractError) -> ExternalTool.Output {
        let output: ExternalTool.Output
        do {
            output = try tool.run(arguments, timeout: timeLimit)
        } catch {
            throw .unreadable("无法运行 \(tool.executable.lastPathComponent)。")
        }
        if output.timedOut { throw .timedOut(seconds: Int(timeLimit)) }
        return output
    }

    static func hasChineseModel(_ tesseract: ExternalTool) -> Bool {
        guard let output = try? tesseract.run(["--list-langs"], timeout: 10) else { return false }
        let text = String(decoding: output.stdout + output.stderr, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).contains { $0.trimmingCharacters(in: .whitespaces) == "chi_sim" }
    }

    /// Tesseract's TSV (level, page, block, paragraph, line, word, left, top, width, height, confidence, text) of
    /// one page: word rows become words in points; characters Tesseract split apart on one line are joined again
    /// when less than 0.6 of a character apart (Chinese runs on without gaps; table cells stand further apart).
    static func page(fromTSV data: Data, number: Int, dotsPerInch: Double = dotsPerInch) -> PDFPage {
        let scale = 72 / dotsPerInch
        var words: [PDFWord] = []
        var width = 0.0
        var height = 0.0
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 12, let level = Int(fields[0]), let left = Double(fields[6]),
                let top = Double(fields[7]), let w = Double(fields[8]), let h = Double(fields[9])
            else { continue }
            if level == 1 {
                width = w * scale
                height = h * scale
                continue
            }
            let text = fields[11...].joined(separator: "\t").trimmingCharacters(in: .whitespaces)
            guard level == 5, !text.isEmpty, let lineNumber = Int(fields[4]), let block = Int(fields[2]) else {
                continue
            }
            let box = SourceLocation.Box(
                x0: left * scale,
                y0: top * scale,
                x1: (left + w) * scale,
                y1: (top + h) * scale
            )
            let word = PDFWord(text: text, box: box, flowLine: block * 10_000 + lineNumber)
            if let last = words.last, last.flowLine == word.flowLine,
                word.box.x0 - last.box.x1 < max(last.height, word.height) * 0.6
            {
                words[words.count - 1] = PDFWord(
                    text: last.text + text,
                    box: SourceLocation.Box(
                        x0: last.box.x0,
                        y0: min(last.box.y0, box.y0),
                        x1: box.x1,
                        y1: max(last.box.y1, box.y1)
                    ),
                    flowLine: last.flowLine
                )
            } else {
                words.append(word)
            }
        }
        return PDFPage(number: number, width: width > 0 ? width : 595, height: height > 0 ? height : 842, words: words)
    }
}
