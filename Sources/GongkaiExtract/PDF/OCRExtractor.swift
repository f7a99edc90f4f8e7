import Foundation
import GongkaiModel
import GongkaiTools

/// Reads a scanned PDF (no text layer): poppler's `pdftoppm` renders each page, Tesseract (`chi_sim`) finds the words
/// and their boxes, and the words are laid out as the text layer's words are.
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
        var result: [PDFPage] = []
        for number in 1...min(pages, pageLimit) {
            let prefix = folder.file("page-\(number)")
            let rendered = try run(
                pdftoppm,
                ["-r", "\(Int(dotsPerInch))", "-gray", "-png", "-singlefile", "-f", "\(number)", "-l", "\(number)"]
                    + [input.path, prefix.path]
            )
            guard rendered.status == 0 else { throw .corrupt("PDF") }
            let image = prefix.appendingPathExtension("png")
            let recognised = try run(tesseract, [image.path, "-", "-l", "chi_sim", "--psm", "6", "tsv"])
            guard recognised.status == 0 else { throw .unreadable("文字识别（OCR）失败。") }
            result.append(page(fromTSV: recognised.stdout, number: number))
        }
        var document = PDFExtractor.document(result, name: name)
        document.isRecognised = true
        return document
    }

    private static func run(_ tool: ExternalTool, _ arguments: [String]) throws(ExtractError) -> ExternalTool.Output {
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

    /// Tesseract's TSV (level, page, block, paragraph, line, word, left, top, width, height, confidence, text):
    /// word rows become words in points; characters Tesseract split apart on one line are joined again when less
    /// than 0.6 of a character apart (Chinese runs on without gaps; table cells stand further apart).
    static func page(fromTSV data: Data, number: Int) -> PDFPage {
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
