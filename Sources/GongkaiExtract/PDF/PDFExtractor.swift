public import Foundation
import GongkaiModel
import GongkaiTools

/// Reads a PDF's text layer with poppler's `pdftotext -bbox-layout` (a subprocess: one process per file, about 20 ms
/// for a six-page report) and lays its words out as printed lines, each word a cell with its page and box.
public enum PDFExtractor {
    /// Pages read from one file; an annual report has well under a hundred.
    public static let pageLimit = 200
    /// Seconds a file may take before its reading is stopped.
    public static let timeLimit = 60.0

    public static func extract(_ data: Data, name: String) throws(ExtractError) -> ExtractedDocument {
        guard let pdftotext = ExternalTool.find("pdftotext") else {
            throw .missingTool(tool: "pdftotext", package: "poppler-utils")
        }
        let pages = try textLayer(data, with: pdftotext)
        if pages.isEmpty { throw .corrupt("PDF") }
        if pages.allSatisfy({ $0.words.isEmpty }) {
            return try OCRExtractor.extract(data, name: name, pages: pages.count)
        }
        return document(pages, name: name)
    }

    /// The document laid out from the XHTML that `pdftotext -bbox-layout` writes: what ``extract(_:name:)`` does once
    /// poppler has run, without OCR for pages that have no words.
    public static func document(bboxLayout xhtml: Data, name: String) throws(ExtractError) -> ExtractedDocument {
        let pages = BBoxLayoutParser.parse(xhtml)
        if pages.isEmpty { throw .corrupt("PDF") }
        return document(pages, name: name)
    }

    /// The document built from the words of each page: table rows as printed, with each word where it stands
    /// across the page; paragraphs wrapped at the margin joined into one line, words spaced as the text runs.
    static func document(_ pages: [PDFPage], name: String) -> ExtractedDocument {
        var builder = DocumentBuilder(name: name, format: .pdf)
        let halfWidth = halfCharacterWidth(pages)
        addLines(PDFPageLayout.rows(pages), halfWidth: halfWidth, to: &builder)
        return builder.build()
    }

    /// Adds the printed lines of pages laid out by ``PDFPageLayout`` to `builder`: paragraphs joined, table rows as
    /// printed. `halfWidth` is one column of the laid-out lines.
    static func addLines(
        _ rows: [(page: Int, rows: [PDFPageLayout.Row])],
        halfWidth: Double,
        to builder: inout DocumentBuilder
    ) {
        let paragraphs = PDFParagraphs(character: halfWidth * 2)
        for line in paragraphs.lines(rows) {
            var cells: [DocumentBuilder.Cell] = []
            var columns: [Int] = []
            var column = 0
            var previous: PDFWord?
            for (page, row) in line.rows {
                for word in row.words {
                    cells.append(DocumentBuilder.Cell(word.text, page: page, box: word.box))
                    if !line.isProse {
                        let position = (word.box.x0 / halfWidth).rounded()
                        columns.append(position.isFinite ? Int(max(-1e9, min(1e9, position))) : 0)
                    } else {
                        // Running text: a space only where the page shows one, or where a wrapped line joins two
                        // Latin words (Chinese runs on without one).
                        if let previous {
                            let wrapped = word.box.x0 < previous.box.x0
                            let gap = word.box.x0 - previous.box.x1 > halfWidth * 0.5
                            if wrapped
                                ? isLatin(previous.text.unicodeScalars.last) && isLatin(word.text.unicodeScalars.first)
                                : gap
                            {
                                column += 1
                            }
                        }
                        columns.append(column)
                        column += word.text.unicodeScalars.count
                    }
                    previous = word
                }
            }
            builder.addWords(cells, columns: columns, joined: line.isProse)
        }
    }

    private static func isLatin(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }

    /// Half the width of a Chinese character in the body text: one column of the laid-out lines.
    static func halfCharacterWidth(_ pages: [PDFPage]) -> Double {
        var widths: [Double] = []
        for page in pages {
            for word in page.words {
                let count = word.text.unicodeScalars.count
                if count >= 2, word.text.unicodeScalars.allSatisfy({ $0.value >= 0x3000 }) {
                    widths.append(word.width / Double(count))
                }
            }
        }
        guard !widths.isEmpty else { return 5 }
        widths.sort()
        return max(widths[widths.count / 2] / 2, 1)
    }

    /// Runs pdftotext on the bytes (through a temporary file) and parses its XHTML.
    static func textLayer(_ data: Data, with tool: ExternalTool) throws(ExtractError) -> [PDFPage] {
        let folder = try TemporaryFolder.holding(data, as: "in.pdf", purpose: "pdf")
        defer { folder.remove() }
        let input = folder.file("in.pdf")
        let output: ExternalTool.Output
        do {
            output = try tool.run(
                ["-bbox-layout", "-enc", "UTF-8", "-q", "-l", "\(pageLimit)", input.path, "-"],
                timeout: timeLimit
            )
        } catch {
            throw .missingTool(tool: "pdftotext", package: "poppler-utils")
        }
        if output.timedOut { throw .timedOut(seconds: Int(timeLimit)) }
        switch output.status {
        case 0:
            return BBoxLayoutParser.parse(output.stdout)
        case 3:
            throw .encrypted
        default:
            if isEncrypted(data) { throw .encrypted }
            throw .corrupt("PDF")
        }
    }

    /// Whether the file's trailer names an encryption dictionary.
    static func isEncrypted(_ data: Data) -> Bool {
        data.range(of: Data("/Encrypt".utf8)) != nil
    }
}
