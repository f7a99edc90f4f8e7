import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character set of an HTML page, from the page itself: a byte order mark, `<meta charset>`, `<meta http-equiv
/// … charset=…>` or an XML declaration; bytes that are valid UTF-8 are read as UTF-8 whatever the page declares, so a
/// page saved in UTF-8 under an old `charset=gb2312` still reads right.
enum HTMLCharset {
    /// How far into the page a declaration is looked for.
    static let declarationWindow = 65_536

    static func decode(_ data: Data) throws(ExtractError) -> TextDecoder.Decoded {
        let bytes = [UInt8](data)
        if bytes.isEmpty { throw .empty }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return TextDecoder.Decoded(text: lossyUTF8(bytes[3...]), encoding: "UTF-8 (BOM)")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || TextDecoder.utf16ByteOrderWithoutBOM(bytes.prefix(4096)) != nil
        {
            return try TextDecoder.decode(data)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return TextDecoder.Decoded(text: text, encoding: "UTF-8")
        }
        let declared = declaredCharset(bytes).map(canonicalName)
        if let declared, declared != "UTF-8", declared != "GB18030", let text = convert(bytes, from: declared) {
            return TextDecoder.Decoded(text: text, encoding: declared)
        }
        if let text = convert(bytes, from: "GB18030") {
            return TextDecoder.Decoded(text: text, encoding: "GB18030")
        }
        // Invalid bytes either way (a damaged or cut-off page): keep what the declaration, or the bytes, say it is.
        let looksUTF8 = declared == "UTF-8" || (declared == nil && utf8Share(bytes) >= 0.5)
        if looksUTF8 { return TextDecoder.Decoded(text: lossyUTF8(bytes[...]), encoding: "UTF-8") }
        return TextDecoder.Decoded(text: lossyConvert(bytes, from: "GB18030"), encoding: "GB18030")
    }

    /// The charset label a `<meta>` tag or XML declaration gives in the head of the page, lowercased.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = ArraySlice(bytes.prefix(declarationWindow).map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 })
        var index = head.startIndex
        while let open = firstIndex(of: Array("<".utf8), in: head, from: index) {
            let close = head[open...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            let tag = head[open..<close]
            index = close
            let isMeta = tag.starts(with: Array("<meta".utf8))
            let isDeclaration = tag.starts(with: Array("<?xml".utf8))
            if tag.starts(with: Array("<body".utf8)) { break }
            guard isMeta || isDeclaration else { continue }
            let key = Array((isMeta ? "charset" : "encoding").utf8)
            guard let found = firstIndex(of: key, in: tag, from: tag.startIndex) else { continue }
            var position = found + key.count
            func skip(_ set: Set<UInt8>) {
                while position < tag.endIndex, set.contains(tag[position]) { position += 1 }
            }
            skip([0x20, 0x09, 0x0A, 0x0D])
            guard position < tag.endIndex, tag[position] == UInt8(ascii: "=") else { continue }
            position += 1
            skip([0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "'")])
            let start = position
            while position < tag.endIndex, isLabelByte(tag[position]) { position += 1 }
            if position > start { return String(decoding: tag[start..<position], as: UTF8.self) }
        }
        return nil
    }

    /// The name iconv knows for a declared label; GB2312 and GBK are read as GB18030, which contains them.
    static func canonicalName(_ label: String) -> String {
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8": "UTF-8"
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "chinese",
            "gb_2312-80", "iso-ir-58", "x-euc-cn", "hz-gb-2312":
            "GB18030"
        case "big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5": "BIG5-HKSCS"
        default: label.uppercased()
        }
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var index = start
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The share of non-ASCII bytes that form valid UTF-8 sequences.
    static func utf8Share(_ bytes: [UInt8]) -> Double {
        var valid = 0
        var invalid = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
            if length > 0, index + length <= bytes.count,
                bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
            {
                valid += length
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
        return valid + invalid == 0 ? 1 : Double(valid) / Double(valid + invalid)
    }

    static func lossyUTF8(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Strict conversion with iconv; nil when any byte sequence is invalid.
    static func convert(_ bytes: [UInt8], from encoding: String) -> String? {
        let result = iconvConvert(bytes, from: encoding, lossy: false)
        return result
    }

    /// Conversion with iconv, each invalid or cut-off byte sequence read as U+FFFD.
    static func lossyConvert(_ bytes: [UInt8], from encoding: String) -> String {
        iconvConvert(bytes, from: encoding, lossy: true) ?? lossyUTF8(bytes[...])
    }

    private static func iconvConvert(_ bytes: [UInt8], from encoding: String, lossy: Bool) -> String? {
        let descriptor = iconv_open("UTF-8", encoding)
        if descriptor == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(descriptor) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var chunk = [CChar](repeating: 0, count: 1 << 16)
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuffer in
            var inPointer = inBuffer.baseAddress
            var inLeft = inBuffer.count
            while inLeft > 0 {
                let (result, produced, failure) = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    var outPointer = outBuffer.baseAddress
                    var outLeft = outBuffer.count
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, outBuffer.count - outLeft, errno)
                }
                output.append(contentsOf: chunk[..<produced].map { UInt8(bitPattern: $0) })
                if result != -1 { break }
                if failure == E2BIG { continue }
                guard lossy else { return false }
                output.append(contentsOf: replacement)
                if failure == EINVAL { break }
                inPointer = inPointer.map { $0 + 1 }
                inLeft -= 1
            }
            return true
        }
        guard ok else { return nil }
        return String(decoding: output, as: UTF8.self)
    }
}
