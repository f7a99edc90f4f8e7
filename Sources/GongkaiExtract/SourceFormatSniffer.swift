import Foundation
public import GongkaiModel

/// Tells the kind of a file from its bytes, never from its name.
public enum SourceFormatSniffer {
    /// What the first bytes of a file say it is.
    public enum Kind: Sendable, Equatable {
        case text
        case html
        case pdf
        /// A zip container: Word (DOCX) when it holds `word/document.xml`.
        case zip
        /// An OLE compound file: old binary Word (.doc), WPS or Excel.
        case oleCompound
        case binary
    }

    public static func sniff<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Kind {
        let head = Array(bytes.prefix(1024))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .oleCompound }
        if looksLikeHTML(head) || looksLikeHTML(asciiOfUTF16(head)) { return .html }
        if looksBinary(head) { return .binary }
        let window = bytes.prefix(markupWindow)
        let isFragment =
            window.withContiguousStorageIfAvailable { isMarkupFragment($0) }
            ?? Array(window).withUnsafeBufferPointer { isMarkupFragment($0) }
        return isFragment ? .html : .text
    }

    /// How much of a file is searched for markup when it does not start as a page does.
    static let markupWindow = 256 * 1024

    /// Elements whose tags make a fragment HTML: an article's blocks and a table's grid.
    static let fragmentElements: Set<String> = [
        "p", "div", "table", "tbody", "thead", "tr", "td", "th", "span", "br", "font", "strong", "b", "section",
        "article", "center", "h1", "h2", "h3", "h4", "ul", "ol", "li", "a", "img", "colgroup", "col",
    ]

    /// Markup that is not a whole page: an article's `<div class=TRS_Editor>…`, or a `<p>…<table>…` string taken from
    /// a page's script, wherever its first tag is. It is HTML when the first thing after white space is a tag of an
    /// article or table element, or when it holds a table's grid (`<table`, `<tr`, `<td`), or when its tags are many:
    /// at least 16 tags of such elements, closing tags among them. Text that merely mentions a tag is none of these.
    static func isMarkupFragment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most text holds no 「<」 at all: found (or not) with memchr before any byte is looked at one by one.
        guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: "<")), bytes.count) != nil else {
            return false
        }
        return isMarkupFragment(bytes[...])
    }

    static func isMarkupFragment(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var tags = 0
        var closing = 0
        var seen: Set<String> = []
        var firstTagAtStart = false
        var sawText = false
        var iterator = bytes.makeIterator()
        var pending: UInt8? = iterator.next()
        while let byte = pending {
            pending = iterator.next()
            guard byte == UInt8(ascii: "<") else {
                if !sawText, byte > 0x20 { sawText = true }
                continue
            }
            // Read the tag's name: `<name`, `</name`, then a space, `>` or `/`.
            var name: [UInt8] = []
            var isClosing = false
            if pending == UInt8(ascii: "/") {
                isClosing = true
                pending = iterator.next()
            }
            while let next = pending, name.count <= 10,
                (0x41...0x5A).contains(next) || (0x61...0x7A).contains(next) || (0x30...0x39).contains(next)
            {
                name.append((0x41...0x5A).contains(next) ? next + 0x20 : next)
                pending = iterator.next()
            }
            guard let after = pending,
                after == UInt8(ascii: ">") || after == UInt8(ascii: " ") || after == UInt8(ascii: "/")
                    || after == UInt8(ascii: "\t") || after == UInt8(ascii: "\n") || after == UInt8(ascii: "\r"),
                case let element = String(decoding: name, as: UTF8.self), fragmentElements.contains(element)
            else {
                sawText = true
                continue
            }
            if tags == 0 && !sawText { firstTagAtStart = true }
            tags += 1
            if isClosing { closing += 1 }
            seen.insert(element)
            if firstTagAtStart && (closing > 0 || tags >= 2) { return true }
            if seen.contains("table") && seen.contains("tr") && (seen.contains("td") || seen.contains("th")) {
                return true
            }
            if tags >= 16 && closing >= 4 { return true }
        }
        return false
    }

    static func looksLikeHTML(_ head: [UInt8]) -> Bool {
        // Lowercased ASCII view of the first bytes, ignoring a BOM and leading white space.
        var start = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if !mayStartWithMarkup(head[start...]) { return false }
        let ascii = head[start...].prefix(512).map { byte -> UInt8 in
            (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
        }
        let text = String(decoding: ascii, as: UTF8.self).trimmingPrefix { $0.isWhitespace }
        return text.hasPrefix("<!doctype html") || text.hasPrefix("<html")
            || text.hasPrefix("<?xml")
                && text.includes("<html")
            || (text.hasPrefix("<") && (text.includes("<head") || text.includes("<body")))
    }

    /// False when the first character after white space is plainly not `<` (most text starts with a Chinese
    /// character): the cheap answer before the full test. A character that could join the white space before it into
    /// one grapheme is left to the full test, which trims by character.
    static func mayStartWithMarkup(_ bytes: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: bytes.prefix(64), as: UTF8.self)
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace { continue }
            if scalar == "<" { return true }
            if scalar.isASCII { return false }
            let properties = scalar.properties
            return properties.isGraphemeExtend || properties.generalCategory == .spacingMark || scalar == "\u{200D}"
                || scalar == "\u{FFFD}"
        }
        return true
    }

    /// The ASCII characters of UTF-16 text (with a BOM or its zero-byte pattern), one byte each, so markup can be
    /// recognised; empty for anything else.
    static func asciiOfUTF16(_ head: [UInt8]) -> [UInt8] {
        var body = head[...]
        let littleEndian: Bool
        if head.starts(with: [0xFF, 0xFE]) {
            littleEndian = true
            body = head.dropFirst(2)
        } else if head.starts(with: [0xFE, 0xFF]) {
            littleEndian = false
            body = head.dropFirst(2)
        } else if let order = TextDecoder.utf16ByteOrderWithoutBOM(head) {
            littleEndian = order
        } else {
            return []
        }
        var result: [UInt8] = []
        var index = body.startIndex
        while index + 1 < body.endIndex {
            let (low, high) = littleEndian ? (body[index], body[index + 1]) : (body[index + 1], body[index])
            if high == 0, low < 0x80 { result.append(low) }
            index += 2
        }
        return result
    }

    /// NUL bytes outside a UTF-16 pattern, or many control bytes, mean binary data.
    static func looksBinary(_ head: [UInt8]) -> Bool {
        if head.isEmpty { return false }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return false }
        if TextDecoder.utf16ByteOrderWithoutBOM(head) != nil { return false }
        var controls = 0
        for byte in head {
            if byte == 0 { return true }
            if TextExtractor.isBinaryControl(byte) { controls += 1 }
        }
        return controls * 20 > head.count
    }

    /// A name for the kind, as a clerk would call it.
    public static func displayName(_ kind: Kind) -> String {
        switch kind {
        case .text: "文本"
        case .html: " HTML "
        case .pdf: " PDF "
        case .zip: " Word（DOCX）或其他压缩包"
        case .oleCompound: "旧版 Word（.doc）或 WPS "
        case .binary: "二进制"
        }
    }

    public static func sourceFormat(_ kind: Kind) -> SourceFormat? {
        switch kind {
        case .text: .text
        case .html: .html
        case .pdf: .pdf
        case .zip: .docx
        case .oleCompound, .binary: nil
        }
    }
}
