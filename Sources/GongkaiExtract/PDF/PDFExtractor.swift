public import Foundation
import GongkaiModel

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

    /// The document built from the words of each page.
    static func document(_ pages: [PDFPage], name: String) -> ExtractedDocument {
        var builder = DocumentBuilder(name: name, format: .pdf)
        let halfWidth = halfCharacterWidth(pages)
        for (page, rows) in PDFPageLayout.rows(pages) {
            for row in rows {
                let cells = row.words.map { DocumentBuilder.Cell($0.text, page: page, box: $0.box) }
                let columns = row.words.map { Int(($0.box.x0 / halfWidth).rounded()) }
                builder.addWords(cells, columns: columns)
            }
        }
        return builder.build()
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
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("gongkai-pdf-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        let input = folder.appendingPathComponent("in.pdf")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: input)
        } catch {
            throw .unreadable("无法写入临时文件（\(error.localizedDescription)）。")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
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
