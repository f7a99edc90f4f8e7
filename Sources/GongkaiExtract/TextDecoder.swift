public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of a text file into a string, detecting its encoding: UTF-8 (with or without BOM), UTF-16 (BOM,
/// or a clear pattern of zero bytes), or GB18030, which covers GBK and GB2312 — the usual encoding of a Chinese
/// government text file.
public enum TextDecoder {
    public struct Decoded: Sendable {
        public var text: String
        /// `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
        public var encoding: String
    }

    public static func decode(_ data: Data) throws(ExtractError) -> Decoded {
        let bytes = [UInt8](data)
        if bytes.isEmpty { throw .empty }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes[3...], as: UTF8.self) else { throw .invalidEncoding }
            return Decoded(text: text, encoding: "UTF-8 (BOM)")
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return try utf16(bytes[2...], littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try utf16(bytes[2...], littleEndian: false) }
        if let littleEndian = utf16ByteOrderWithoutBOM(bytes.prefix(4096)) {
            return try utf16(bytes[...], littleEndian: littleEndian)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, encoding: "UTF-8")
        }
        if let text = iconvDecode(bytes, from: "GB18030") {
            return Decoded(text: text, encoding: "GB18030")
        }
        throw .invalidEncoding
    }

    /// Little-endian (true) or big-endian (false) when BOM-less bytes show UTF-16's zero-byte pattern.
    static func utf16ByteOrderWithoutBOM<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool? {
        let head = Array(bytes)
        let pairs = head.count / 2
        guard pairs >= 4 else { return nil }
        // Text in any 8-bit encoding has no zero byte at all: the usual case, found with one memchr.
        let hasZero = head.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { memchr($0, 0, 2 * pairs) != nil } ?? false
        }
        guard hasZero else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for index in 0..<pairs {
            if head[2 * index] == 0 { evenZeros += 1 }
            if head[2 * index + 1] == 0 { oddZeros += 1 }
        }
        if oddZeros * 10 >= pairs, evenZeros == 0 { return true }
        if evenZeros * 10 >= pairs, oddZeros == 0 { return false }
        return nil
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) throws(ExtractError) -> Decoded {
        guard bytes.count % 2 == 0 else { throw .invalidEncoding }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else { throw .invalidEncoding }
        return Decoded(text: text, encoding: littleEndian ? "UTF-16LE" : "UTF-16BE")
    }

    /// Converts with the C library's iconv; nil when a byte sequence is invalid in `encoding`.
    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        let descriptor = iconv_open("UTF-8", encoding)
        if descriptor == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(descriptor) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft != 0 { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let converted else { return nil }
        return String(validating: output[..<converted].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
