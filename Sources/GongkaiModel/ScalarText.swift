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

    /// Each scalar of `text` replaced by `Mapping`'s answer; scalars it answers `nil` for are dropped.
    ///
    /// Reads the text's UTF-8 and writes the result straight into the new string's storage, the size of `text`
    /// (the mappings used never make a scalar longer; one that does falls back to collecting the scalars first).
    /// Text the mapping leaves as it was is returned as it is, without a copy, when it is a `String`.
    @inlinable
    public static func map<Mapping: ScalarMapping>(_ text: some StringProtocol, _: Mapping.Type) -> String {
        if let mapped = text.utf8.withContiguousStorageIfAvailable({ bytes in
            map(bytes, Mapping.self) ?? (text as? String)
        }) {
            return mapped ?? String(text)
        }
        var copy = String(text)
        return copy.withUTF8 { map($0, Mapping.self) } ?? copy
    }

    /// `map` of valid UTF-8; nil when the mapping leaves every scalar as it was.
    @inlinable
    static func map<Mapping: ScalarMapping>(_ bytes: UnsafeBufferPointer<UInt8>, _: Mapping.Type) -> String? {
        var changed = false
        var fits = true
        let result = String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            var index = 0
            while index < bytes.count {
                let (scalar, length) = decode(bytes, at: index)
                guard let mapped = Mapping.map(scalar) else {
                    changed = true
                    index &+= length
                    continue
                }
                let same = mapped == scalar
                guard count &+ (same ? length : UTF8.width(mapped)) <= bytes.count else {
                    fits = false
                    changed = true
                    return 0
                }
                if same {
                    for offset in 0..<length { buffer[count &+ offset] = bytes[index &+ offset] }
                    count &+= length
                } else {
                    changed = true
                    write(mapped, to: buffer, at: &count)
                }
                index &+= length
            }
            return changed ? count : 0
        }
        if !changed { return nil }
        if fits { return result }
        var scalars: [Unicode.Scalar] = []
        var index = 0
        while index < bytes.count {
            let (scalar, length) = decode(bytes, at: index)
            if let mapped = Mapping.map(scalar) { scalars.append(mapped) }
            index += length
        }
        return string(scalars)
    }

    /// The scalar whose valid UTF-8 starts at `index`, and its length in bytes.
    @inlinable @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(truncatingIfNeeded: lead)), 1) }
        if lead < 0xE0 {
            let value = (lead & 0x1F) << 6 | UInt32(bytes[index &+ 1] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 2)
        }
        if lead < 0xF0 {
            let value =
                (lead & 0x0F) << 12 | UInt32(bytes[index &+ 1] & 0x3F) << 6 | UInt32(bytes[index &+ 2] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 3)
        }
        let value =
            (lead & 0x07) << 18 | UInt32(bytes[index &+ 1] & 0x3F) << 12 | UInt32(bytes[index &+ 2] & 0x3F) << 6
            | UInt32(bytes[index &+ 3] & 0x3F)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", 4)
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

/// A scalar-by-scalar rewriting of text for ``ScalarText/map(_:_:)``: a type, so that the rewriting is compiled into
/// the loop over the text rather than called through a closure for every scalar.
public protocol ScalarMapping {
    /// What `scalar` becomes, or nil to drop it. Never longer in UTF-8 than `scalar`.
    static func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar?
}
