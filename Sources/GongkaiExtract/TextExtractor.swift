public import Foundation
import GongkaiModel

/// Reads plain text and Markdown: decodes the bytes, splits lines, and splits each line into cells by tabs, by pipes
/// (flattened HTML and Markdown tables) or, failing both, by runs of spaces.
public enum TextExtractor {
    /// The largest text file read. An annual report's text is well under 1 MB.
    public static let defaultSizeLimit = 32 * 1_048_576

    public static func extract(
        _ data: Data,
        name: String,
        sizeLimit: Int = defaultSizeLimit
    ) throws(ExtractError) -> ExtractedDocument {
        if data.isEmpty { throw .empty }
        if data.count > sizeLimit { throw .tooLarge(bytes: data.count, limit: sizeLimit) }
        let kind = SourceFormatSniffer.sniff(data)
        guard kind == .text else {
            if kind == .binary { throw .binary }
            throw .unsupportedFormat(SourceFormatSniffer.displayName(kind))
        }
        let decoded = try TextDecoder.decode(data)
        if containsBinaryControls(decoded.text) { throw .binary }
        return extract(text: decoded.text, name: name, encoding: decoded.encoding)
    }

    /// Builds the document from already-decoded text.
    public static func extract(text: String, name: String, encoding: String? = nil) -> ExtractedDocument {
        var rawLines: [String] = []
        var lines: [ExtractedLine] = []
        var number = 0
        var isMarkdown = false
        var buffer = TextNormalizer.Mapped(scalars: [], columns: [], endColumn: 1)
        for rawLine in splitLines(text) {
            number += 1
            let line = extractLine(rawLine, number: number, buffer: &buffer)
            if line.layout == .separator || rawLine.utf8.first == UInt8(ascii: "#") { isMarkdown = true }
            rawLines.append(line.raw)
            lines.append(line)
        }
        let source = SourceInfo(
            name: name,
            format: isMarkdown ? .markdown : .text,
            encoding: encoding,
            lines: rawLines
        )
        return ExtractedDocument(source: source, lines: lines)
    }

    /// Lines split on LF, CRLF or a lone CR.
    static func splitLines(_ text: String) -> [Substring] {
        // Line breaks found by byte offset in the UTF-8 storage; the lines are then cut at those offsets.
        var breaks: [(start: Int, end: Int)] = []
        let scanned: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else {
                    index += 1
                    continue
                }
                let start = index
                index += 1
                if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
                breaks.append((start, index))
            }
        }
        guard scanned != nil else { return splitLinesByIndex(text) }
        var result: [Substring] = []
        result.reserveCapacity(breaks.count + 1)
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var offset = 0
        for lineBreak in breaks {
            let end = utf8.index(lineStart, offsetBy: lineBreak.start - offset)
            result.append(text[lineStart..<end])
            lineStart = utf8.index(end, offsetBy: lineBreak.end - lineBreak.start)
            offset = lineBreak.end
        }
        if lineStart < utf8.endIndex { result.append(text[lineStart..<utf8.endIndex]) }
        return result
    }

    /// `splitLines` for text whose UTF-8 is not stored contiguously (bridged strings).
    static func splitLinesByIndex(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                result.append(text[start..<index])
                var next = utf8.index(after: index)
                if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                index = next
            } else {
                index = utf8.index(after: index)
            }
        }
        if start < utf8.endIndex { result.append(text[start..<utf8.endIndex]) }
        return result
    }

    static func extractLine(_ raw: Substring, number: Int) -> ExtractedLine {
        var buffer = TextNormalizer.Mapped(scalars: [], columns: [], endColumn: 1)
        return extractLine(raw, number: number, buffer: &buffer)
    }

    /// `extractLine`, normalising into `buffer`: storage reused from line to line.
    static func extractLine(_ raw: Substring, number: Int, buffer mapped: inout TextNormalizer.Mapped) -> ExtractedLine
    {
        let rawText = String(raw)
        TextNormalizer.map(rawText, into: &mapped)
        let text = mapped.isUnchanged ? rawText : mapped.text
        let scalars = mapped.scalars
        var blank = true
        var hasTab = false
        var pipes = 0
        var onlySeparatorMarks = true
        for scalar in scalars {
            switch scalar {
            case " ": break
            case "\t": hasTab = true
            case "|":
                pipes += 1
                blank = false
            case "-", ":": blank = false
            default:
                blank = false
                onlySeparatorMarks = false
            }
        }
        if blank {
            return ExtractedLine(number: number, raw: rawText, text: text, layout: .blank, cells: [])
        }
        if hasTab {
            let cells = split(mapped, number: number) { $0 == "\t" }
            return ExtractedLine(number: number, raw: rawText, text: text, layout: .delimited, cells: cells)
        }
        if pipes >= 2 || (pipes == 1 && (scalars.firstNonSpace == "|" || scalars.lastNonSpace == "|")) {
            if onlySeparatorMarks {
                return ExtractedLine(number: number, raw: rawText, text: text, layout: .separator, cells: [])
            }
            var cells = split(mapped, number: number) { $0 == "|" }
            if isPipe(scalars.firstNonSpace), cells.first?.text.isEmpty == true { cells.removeFirst() }
            if isPipe(scalars.lastNonSpace), cells.last?.text.isEmpty == true { cells.removeLast() }
            return ExtractedLine(number: number, raw: rawText, text: text, layout: .delimited, cells: cells)
        }
        let words = split(mapped, number: number) { $0 == " " }.filter { !$0.text.isEmpty }
        return ExtractedLine(number: number, raw: rawText, text: text, layout: .spaced, cells: words)
    }

    private static func isPipe(_ scalar: Unicode.Scalar?) -> Bool { scalar == "|" }

    /// Splits on separator scalars, trimming spaces inside each cell and keeping each cell's source columns.
    static func split(
        _ mapped: TextNormalizer.Mapped,
        number: Int,
        isSeparator: (Unicode.Scalar) -> Bool
    ) -> [ExtractedCell] {
        let scalars = mapped.scalars
        var cells: [ExtractedCell] = []
        cells.reserveCapacity(scalars.reduce(1) { isSeparator($1) ? $0 + 1 : $0 })
        var start = 0
        func emit(_ lower: Int, _ upper: Int) {
            var low = lower
            var high = upper
            while low < high, scalars[low] == " " || scalars[low] == "\t" { low += 1 }
            while high > low, scalars[high - 1] == " " || scalars[high - 1] == "\t" { high -= 1 }
            let column = low < scalars.count ? mapped.columns[low] : mapped.endColumn
            let endColumn = high > low ? mapped.columns[high - 1] + 1 : column
            cells.append(
                ExtractedCell(
                    text: ScalarText.string(scalars[low..<high]),
                    location: .text(line: number, column: column, endColumn: endColumn)
                )
            )
        }
        for index in scalars.indices where isSeparator(scalars[index]) {
            emit(start, index)
            start = index + 1
        }
        emit(start, scalars.count)
        return cells
    }

    /// Control characters other than tab, form feed and escape, beyond one in a thousand, mean a binary file.
    static func containsBinaryControls(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(containsBinaryControls)
            ?? Array(text.utf8).withUnsafeBufferPointer(containsBinaryControls)
    }

    /// `containsBinaryControls` on UTF-8 bytes: every scalar has one byte that is not a continuation byte, and
    /// control characters are single bytes.
    static func containsBinaryControls(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var controls = 0
        var total = 0
        for byte in utf8 {
            if byte & 0xC0 != 0x80 { total += 1 }
            if byte == 0 { return true }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C, byte != 0x1B {
                controls += 1
            }
        }
        return controls * 1000 > max(total, 1)
    }
}

extension Array where Element == Unicode.Scalar {
    fileprivate var firstNonSpace: Unicode.Scalar? { first { $0 != " " } }
    fileprivate var lastNonSpace: Unicode.Scalar? { last { $0 != " " } }
}
