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
        return try extract(sniffedText: data, name: name)
    }

    /// `extract` of bytes already sniffed as text (by ``DocumentExtractor``), within the size limit.
    static func extract(sniffedText data: Data, name: String) throws(ExtractError) -> ExtractedDocument {
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
        var buffer = TextNormalizer.Line()
        let split = splitLines(text)
        rawLines.reserveCapacity(split.count)
        lines.reserveCapacity(split.count)
        for rawLine in split {
            number += 1
            let line = extractLine(rawLine, number: number, buffer: &buffer)
            if line.layout == .separator || rawLine.utf8.first == UInt8(ascii: "#") { isMarkdown = true }
            rawLines.append(line.raw)
            if let pieces = pieces(of: line, raw: rawLine, buffer: &buffer) {
                lines += pieces
            } else {
                lines.append(line)
            }
        }
        let source = SourceInfo(
            name: name,
            format: isMarkdown ? .markdown : .text,
            encoding: encoding,
            lines: rawLines
        )
        return ExtractedDocument(source: source, lines: lines)
    }

    /// The pieces a line of text is read as when it holds a whole article (see ``FlatTextSegmenter``); nil for a line
    /// read as it stands.
    static func pieces(of line: ExtractedLine, raw: Substring, buffer: inout TextNormalizer.Line) -> [ExtractedLine]? {
        guard line.layout == .spaced else { return nil }
        let cuts = FlatTextSegmenter.cuts(raw)
        return cuts.isEmpty ? nil : segments(raw, cuts: cuts, number: line.number, buffer: &buffer)
    }

    /// The logical lines of one long line cut at `cuts` (scalar offsets): each piece is read as a line of its own,
    /// its cells keeping their columns in the source line.
    static func segments(
        _ raw: Substring,
        cuts: [Int],
        number: Int,
        buffer: inout TextNormalizer.Line
    ) -> [ExtractedLine] {
        var result: [ExtractedLine] = []
        result.reserveCapacity(cuts.count + 1)
        let scalars = raw.unicodeScalars
        var start = scalars.startIndex
        var startOffset = 0
        for boundary in cuts + [scalars.count] where boundary > startOffset {
            let end = scalars.index(start, offsetBy: boundary - startOffset)
            var piece = extractLine(Substring(scalars[start..<end]), number: number, buffer: &buffer)
            piece.runsTogether = true
            if !piece.isBlank {
                for index in piece.cells.indices {
                    piece.cells[index].location.column = piece.cells[index].location.column.map { $0 + startOffset }
                    piece.cells[index].location.endColumn =
                        piece.cells[index].location.endColumn.map { $0 + startOffset }
                }
                result.append(piece)
            }
            start = end
            startOffset = boundary
        }
        return result
    }

    /// Lines split on LF, CRLF, a lone CR, a vertical tab (Word's manual line break) or a form feed (a page break).
    static func splitLines(_ text: String) -> [Substring] {
        // Line breaks found by byte offset in the UTF-8 storage; the lines are then cut at those offsets.
        var breaks: [(start: Int, end: Int)] = []
        let scanned: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return }
            if memchr(base, 0x0D, bytes.count) == nil, memchr(base, 0x0B, bytes.count) == nil,
                memchr(base, 0x0C, bytes.count) == nil
            {
                // No carriage return, vertical tab or form feed (the usual case): every break is one LF, found with
                // memchr.
                var index = 0
                while index < bytes.count, let hit = memchr(base + index, 0x0A, bytes.count - index) {
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    breaks.append((offset, offset + 1))
                    index = offset + 1
                }
                return
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard isLineBreak(byte) else {
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
            if isLineBreak(byte) {
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

    /// LF, CR, vertical tab and form feed.
    static func isLineBreak(_ byte: UInt8) -> Bool { byte >= 0x0A && byte <= 0x0D }

    static func extractLine(_ raw: Substring, number: Int) -> ExtractedLine {
        var buffer = TextNormalizer.Line()
        return extractLine(raw, number: number, buffer: &buffer)
    }

    /// `extractLine`, normalising into `buffer`: storage reused from line to line.
    ///
    /// Works on the line's UTF-8 bytes: the separators (tab, pipe, space) and the marks of a separator row are ASCII,
    /// so every cut falls between characters.
    static func extractLine(_ raw: Substring, number: Int, buffer line: inout TextNormalizer.Line) -> ExtractedLine {
        var rawText = String(raw)
        rawText.withUTF8 { line.normalize($0) }
        let text = line.isUnchanged ? rawText : String(decoding: line.bytes, as: UTF8.self)
        let shape = line.shape
        if shape.isBlank {
            return ExtractedLine(number: number, raw: rawText, text: text, layout: .blank, cells: [])
        }
        if shape.hasTab {
            let cells = split(text, line, number: number, separator: UInt8(ascii: "\t"))
            return ExtractedLine(number: number, raw: rawText, text: text, layout: .delimited, cells: cells)
        }
        let firstNonSpace = shape.firstNonSpace
        let lastNonSpace = shape.lastNonSpace
        let pipe = UInt8(ascii: "|")
        if shape.pipes >= 2 || (shape.pipes == 1 && (firstNonSpace == pipe || lastNonSpace == pipe)) {
            if shape.onlySeparatorMarks {
                return ExtractedLine(number: number, raw: rawText, text: text, layout: .separator, cells: [])
            }
            var cells = split(text, line, number: number, separator: pipe)
            if firstNonSpace == pipe, cells.first?.text.isEmpty == true { cells.removeFirst() }
            if lastNonSpace == pipe, cells.last?.text.isEmpty == true { cells.removeLast() }
            return ExtractedLine(number: number, raw: rawText, text: text, layout: .delimited, cells: cells)
        }
        let words = split(
            text,
            line,
            number: number,
            separator: UInt8(ascii: " "),
            keepEmpty: false
        )
        return ExtractedLine(number: number, raw: rawText, text: text, layout: .spaced, cells: words)
    }

    /// Splits the normalised line `text` (whose UTF-8 is `line`'s bytes) at an ASCII separator, trimming spaces and
    /// tabs inside each cell and keeping each cell's source columns. Cells are cut from `text`, which is valid UTF-8
    /// already; a cell of one ASCII character (most often a 「0」) is taken from a table.
    static func split(
        _ text: String,
        _ line: TextNormalizer.Line,
        number: Int,
        separator: UInt8,
        keepEmpty: Bool = true
    ) -> [ExtractedCell] {
        line.withBuffers { bytes, columns in
            var cells: [ExtractedCell] = []
            cells.reserveCapacity(line.shape.count(of: separator) + 1)
            let utf8 = text.utf8
            func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
            func emit(_ lower: Int, _ upper: Int) {
                var low = lower
                var high = upper
                while low < high, isSpace(bytes[low]) { low &+= 1 }
                while high > low, isSpace(bytes[high &- 1]) { high &-= 1 }
                guard keepEmpty || high > low else { return }
                let column = low < bytes.count ? Int(columns[low]) : Int(line.endColumn)
                let endColumn = high > low ? Int(columns[high &- 1]) + 1 : column
                let cellText: String
                if high == low + 1, bytes[low] < 0x80 {
                    cellText = asciiCharacters[Int(bytes[low])]
                } else {
                    let start = utf8.index(utf8.startIndex, offsetBy: low)
                    cellText = String(text[start..<utf8.index(start, offsetBy: high - low)])
                }
                cells.append(
                    ExtractedCell(text: cellText, location: .text(line: number, column: column, endColumn: endColumn))
                )
            }
            var start = 0
            if let base = bytes.baseAddress {
                while start < bytes.count, let hit = memchr(base + start, Int32(separator), bytes.count - start) {
                    let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    emit(start, index)
                    start = index + 1
                }
            }
            emit(start, bytes.count)
            return cells
        }
    }

    /// Each ASCII character as a string.
    static let asciiCharacters: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// Control characters other than tab, line breaks (vertical tab and form feed too) and escape, beyond one in a
    /// thousand, mean a binary file.
    static func containsBinaryControls(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(containsBinaryControls)
            ?? Array(text.utf8).withUnsafeBufferPointer(containsBinaryControls)
    }

    /// `containsBinaryControls` on UTF-8 bytes: every scalar has one byte that is not a continuation byte, and
    /// control characters are single bytes.
    static func containsBinaryControls(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        if !hasControls(utf8) { return false }
        var controls = 0
        var total = 0
        for byte in utf8 {
            if byte & 0xC0 != 0x80 { total += 1 }
            if byte == 0 { return true }
            if isBinaryControl(byte) { controls += 1 }
        }
        return controls * 1000 > max(total, 1)
    }

    /// A control character text does not hold: any but tab, the line breaks (LF, VT, FF, CR) and escape.
    static func isBinaryControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && (byte < 0x09 || byte > 0x0D) && byte != 0x1B
    }

    /// Whether any byte is a control character other than tab, the line breaks and escape (or NUL): eight bytes at a
    /// time, as nearly every text has none.
    static func hasControls(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        func isControl(_ byte: UInt8) -> Bool { isBinaryControl(byte) }
        guard let base = UnsafeRawPointer(utf8.baseAddress) else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        var index = 0
        while index + 8 <= utf8.count {
            // Non-zero when some byte of the word is below 0x20 (the classic "has less" bit trick).
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if (word &- ones &* 0x20) & ~word & (ones &* 0x80) != 0 {
                for offset in 0..<8 where isControl(utf8[index + offset]) { return true }
            }
            index += 8
        }
        while index < utf8.count {
            if isControl(utf8[index]) { return true }
            index += 1
        }
        return false
    }
}
