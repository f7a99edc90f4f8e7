import Foundation
import GongkaiTools

/// Runs Tesseract once over many small images (a list file names them; the model is loaded once) and gives back what
/// it read in each, word by word with its confidence.
struct CellRecognizer: Sendable {
    /// How the images are read.
    enum Mode: Sendable {
        /// Chinese text (`chi_sim`), a block of one or more lines.
        case text
        /// One line of digits and a decimal point only (`eng` with a character whitelist).
        case digits

        var arguments: [String] {
            switch self {
            case .text: ["-l", "chi_sim", "--psm", "6"]
            case .digits: ["-l", "eng", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789."]
            }
        }
    }

    /// What Tesseract read in one image.
    struct Reading: Sendable, Hashable {
        struct Word: Sendable, Hashable {
            var text: String
            /// Tesseract's confidence, 0 to 100.
            var confidence: Double
            /// The line the word stands on, counted from 0.
            var line: Int
        }

        var words: [Word]

        /// The text, words of a line run together (a space only between two Latin words), lines joined.
        var text: String {
            var result = ""
            var previous: Word?
            for word in words {
                if let previous, let last = previous.text.unicodeScalars.last,
                    let first = word.text.unicodeScalars.first, isLatin(last), isLatin(first)
                {
                    result += " "
                }
                result += word.text
                previous = word
            }
            return result
        }

        /// The lowest confidence of any word; 0 when nothing was read.
        var confidence: Double { words.map(\.confidence).min() ?? 0 }

        private func isLatin(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
        }
    }

    let tesseract: ExternalTool
    /// One thread for each Tesseract run: on small images its worker threads cost three times the time they save,
    /// and two runs go side by side.
    static let environment = ["OMP_THREAD_LIMIT": "1"]
    /// Seconds allowed for each image, on top of ``baseTime``.
    static let timePerImage = 1.5
    static let baseTime = 20.0

    /// The readings of `images`, in order. Images are written to `folder` (as `prefix-N.pgm`).
    func read(
        _ images: [GrayImage],
        mode: Mode,
        in folder: TemporaryFolder,
        prefix: String
    ) throws(ExtractError)
        -> [Reading]
    {
        guard !images.isEmpty else { return [] }
        let tsv = try runTSV(
            images,
            arguments: mode.arguments,
            in: folder,
            prefix: prefix,
            timeLimit: Self.baseTime + Self.timePerImage * Double(images.count)
        )
        return Self.readings(fromTSV: tsv, count: images.count)
    }

    /// Writes the images to `folder` (as `prefix-N.pgm`) with a list file naming them, runs Tesseract once over the
    /// list and gives back its TSV, page `N` being image `N`.
    func runTSV(
        _ images: [GrayImage],
        arguments: [String],
        in folder: TemporaryFolder,
        prefix: String,
        timeLimit: Double
    ) throws(ExtractError) -> Data {
        var list = ""
        for (index, image) in images.enumerated() {
            let file = folder.file("\(prefix)-\(index + 1).pgm")
            do {
                try image.pgmData.write(to: file)
            } catch {
                throw .unreadable("无法写入临时文件（\(error.localizedDescription)）。")
            }
            list += file.path + "\n"
        }
        let listFile = folder.file("\(prefix).txt")
        do {
            try Data(list.utf8).write(to: listFile)
        } catch {
            throw .unreadable("无法写入临时文件（\(error.localizedDescription)）。")
        }
        let output: ExternalTool.Output
        do {
            output = try tesseract.run(
                [listFile.path, "-"] + arguments + ["tsv"],
                timeout: timeLimit,
                environment: Self.environment
            )
        } catch {
            throw .unreadable("无法运行 \(tesseract.executable.lastPathComponent)。")
        }
        if output.timedOut { throw .timedOut(seconds: Int(timeLimit)) }
        guard output.status == 0 else { throw .unreadable("文字识别（OCR）失败。") }
        return output.stdout
    }

    /// Tesseract's TSV (level, page, block, paragraph, line, word, left, top, width, height, confidence, text) split
    /// by page: one reading per image, words in reading order.
    static func readings(fromTSV data: Data, count: Int) -> [Reading] {
        var result = Array(repeating: Reading(words: []), count: count)
        var lineNumbers: [Int: [String: Int]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 12, fields[0] == "5", let page = Int(fields[1]), page >= 1, page <= count,
                let confidence = Double(fields[10])
            else { continue }
            let text = fields[11...].joined(separator: "\t").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            let key = "\(fields[2]).\(fields[3]).\(fields[4])"
            var numbers = lineNumbers[page, default: [:]]
            let number = numbers[key] ?? numbers.count
            numbers[key] = number
            lineNumbers[page] = numbers
            result[page - 1].words.append(Reading.Word(text: text, confidence: confidence, line: number))
        }
        return result
    }
}

extension CellRecognizer {
    /// Whole pages read as Chinese text (`--psm 6`), one Tesseract run for all: their words in points, page `N` of
    /// the result being image `N`.
    func pages(
        _ images: [GrayImage],
        in folder: TemporaryFolder,
        dotsPerInch: Double
    ) throws(ExtractError)
        -> [PDFPage]
    {
        guard !images.isEmpty else { return [] }
        let stdout = try runTSV(
            images,
            arguments: Mode.text.arguments,
            in: folder,
            prefix: "text",
            timeLimit: Self.baseTime + 40 * Double(images.count)
        )
        // The TSV of each page on its own, under the one header line.
        let lines = String(decoding: stdout, as: UTF8.self).split(whereSeparator: \.isNewline)
        var byPage = Array(repeating: [Substring](), count: images.count)
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            if fields.count >= 2, let page = Int(fields[1]), page >= 1, page <= images.count {
                byPage[page - 1].append(line)
            }
        }
        let header = lines.first.map(String.init) ?? ""
        return byPage.enumerated().map { index, rows in
            let tsv = ([header] + rows.map(String.init)).joined(separator: "\n")
            return OCRExtractor.page(fromTSV: Data(tsv.utf8), number: index + 1, dotsPerInch: dotsPerInch)
        }
    }
}
