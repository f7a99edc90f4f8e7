/// Building strings scalar by scalar, through UTF-8 bytes: much cheaper than appending to a `String` or its
/// `UnicodeScalarView` one scalar at a time.
public enum ScalarText {
    /// The scalars as a string.
    @inlinable
    public static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount * 3)
        for scalar in scalars { append(scalar, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Each scalar of `text` replaced by `transform`'s answer; scalars it answers `nil` for are dropped.
    @inlinable
    public static func map(_ text: some StringProtocol, _ transform: (Unicode.Scalar) -> Unicode.Scalar?) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let mapped = transform(scalar) { append(mapped, to: &bytes) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 encoding of `scalar`.
    @inlinable @inline(__always)
    public static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(truncatingIfNeeded: value))
        case 0x80..<0x800:
            bytes.append(UInt8(truncatingIfNeeded: 0xC0 | (value >> 6)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(truncatingIfNeeded: 0xE0 | (value >> 12)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
        default:
            bytes.append(UInt8(truncatingIfNeeded: 0xF0 | (value >> 18)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | ((value >> 12) & 0x3F)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
        }
    }
}
