import Foundation
import GongkaiModel

/// Reads the XHTML that `pdftotext -bbox-layout` writes: pages, and on each page the words with their boxes.
///
/// The format is regular and machine-written (`<page width=… height=…>`, `<line …>`, `<word xMin=… yMin=… xMax=…
/// yMax=…>text</word>`), so a byte scanner reads it in one pass without building a tree.
enum BBoxLayoutParser {
    static func parse(_ data: Data) -> [PDFPage] {
        data.withUnsafeBytes { raw in
            parse(bytes: raw.bindMemory(to: UInt8.self))
        }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> [PDFPage] {
        var pages: [PDFPage] = []
        var flowLine = 0
        var index = 0
        let count = bytes.count
        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            let tagStart = index + 1
            var tagEnd = tagStart
            while tagEnd < count, bytes[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
            if tagEnd >= count { break }
            let tag = UnsafeBufferPointer(rebasing: bytes[tagStart..<tagEnd])
            if starts(tag, with: "word ") {
                let textStart = tagEnd + 1
                var textEnd = textStart
                while textEnd < count, bytes[textEnd] != UInt8(ascii: "<") { textEnd += 1 }
                let text = unescape(UnsafeBufferPointer(rebasing: bytes[textStart..<textEnd]))
                if !pages.isEmpty, let box = box(tag), !text.isEmpty {
                    pages[pages.count - 1].words.append(PDFWord(text: text, box: box, flowLine: flowLine))
                }
                index = textEnd
                continue
            } else if starts(tag, with: "line ") || starts(tag, with: "line>") {
                flowLine += 1
            } else if starts(tag, with: "page ") {
                let width = attribute(tag, "width") ?? 595
                let height = attribute(tag, "height") ?? 842
                pages.append(PDFPage(number: pages.count + 1, width: width, height: height, words: []))
            }
            index = tagEnd + 1
        }
        return pages
    }

    private static func box(_ tag: UnsafeBufferPointer<UInt8>) -> SourceLocation.Box? {
        guard let x0 = attribute(tag, "xMin"), let y0 = attribute(tag, "yMin"), let x1 = attribute(tag, "xMax"),
            let y1 = attribute(tag, "yMax")
        else { return nil }
        return SourceLocation.Box(x0: x0, y0: y0, x1: x1, y1: y1)
    }

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, with prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard bytes.count >= length else { return false }
        let start = prefix.utf8Start
        for offset in 0..<length where bytes[offset] != start[offset] { return false }
        return true
    }

    /// The number in `name="…"` inside a tag.
    private static func attribute(_ tag: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Double? {
        let length = name.utf8CodeUnitCount
        let start = name.utf8Start
        var index = 0
        while index + length + 2 < tag.count {
            var matches = index == 0 || tag[index - 1] == UInt8(ascii: " ")
            if matches {
                for offset in 0..<length where tag[index + offset] != start[offset] {
                    matches = false
                    break
                }
            }
            if matches, tag[index + length] == UInt8(ascii: "="), tag[index + length + 1] == UInt8(ascii: "\"") {
                return number(tag, from: index + length + 2)
            }
            index += 1
        }
        return nil
    }

    /// The largest coordinate taken as one: far beyond any page.
    static let largestCoordinate = 1_000_000.0

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Double? {
        var index = start
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var value = 0.0
        var digits = 0
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
            value = value * 10 + Double(bytes[index] - 0x30)
            index += 1
            digits += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                value += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
                digits += 1
            }
        }
        // No page is larger than 14,400 points (the PDF format's limit): a coordinate far past it is damage.
        guard digits > 0, value.isFinite, value <= Self.largestCoordinate else { return nil }
        return negative ? -value : value
    }

    /// Text content with the five XML entities (and numeric references) resolved.
    private static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let text = String(decoding: bytes, as: UTF8.self)
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = rest[rest.index(after: amp)..<semi]
            switch name {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                if name.hasPrefix("#x"), let value = UInt32(name.dropFirst(2), radix: 16),
                    let scalar = Unicode.Scalar(value)
                {
                    result.unicodeScalars.append(scalar)
                } else if name.hasPrefix("#"), let value = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(value)
                {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += rest[amp...semi]
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        result += rest
        return result
    }
}
