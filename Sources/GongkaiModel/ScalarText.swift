/// Building strings scalar by scalar, written as UTF-8 straight into the new string's storage: much cheaper than
/// appending to a `String` or its `UnicodeScalarView` one scalar at a time, and than collecting bytes in an array.
public enum ScalarText {
    /// The scalars as a string.
    @inlinable
    public static func string(_ scalars: some Collection<Unicode.Scalar>) -> String {
        var length = 0
        for scalar in scalars { length += UTF8.width(scalar) }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var count = 0
            for scalar in scalars { write(scalar, to: buffer, at: &count) }
            return count
        }
    }

    /// Each scalar of `text` replaced by `transform`'s answer; scalars it answers `nil` for are dropped.
    ///
    /// The transforms used for normalising never make a scalar longer, so the result is written into storage the size
    /// of `text`; a transform that does falls back to collecting the scalars first.
    @inlinable
    public static func map(_ text: some StringProtocol, _ transform: (Unicode.Scalar) -> Unicode.Scalar?) -> String {
        let capacity = text.utf8.count
        var fits = true
        let result = String(unsafeUninitializedCapacity: capacity) { buffer in
            var count = 0
            for scalar in text.unicodeScalars {
                guard let mapped = transform(scalar) else { continue }
                guard count + UTF8.width(mapped) <= capacity else {
                    fits = false
                    return 0
                }
                write(mapped, to: buffer, at: &count)
            }
            return count
        }
        if fits { return result }
        return string(text.unicodeScalars.compactMap(transform))
    }

    /// Writes the UTF-8 encoding of `scalar` at `offset` and moves `offset` past it.
    @inlinable @inline(__always)
    public static func write(
        _ scalar: Unicode.Scalar,
        to buffer: UnsafeMutableBufferPointer<UInt8>,
        at offset: inout Int
    ) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            buffer[offset] = UInt8(truncatingIfNeeded: value)
            offset += 1
        case 0x80..<0x800:
            buffer[offset] = UInt8(truncatingIfNeeded: 0xC0 | (value >> 6))
            buffer[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            offset += 2
        case 0x800..<0x10000:
            buffer[offset] = UInt8(truncatingIfNeeded: 0xE0 | (value >> 12))
            buffer[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
            buffer[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            offset += 3
        default:
            buffer[offset] = UInt8(truncatingIfNeeded: 0xF0 | (value >> 18))
            buffer[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 12) & 0x3F))
            buffer[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
            buffer[offset + 3] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            offset += 4
        }
    }
}
