#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes.
    ///
    /// All text reaching the readers and rules is normalised first, so byte equality is the comparison wanted; it is
    /// also far cheaper than the standard library's `contains`, which compares by grapheme cluster.
    @inlinable
    public func includes(_ needle: some StringProtocol) -> Bool {
        utf8Offset(of: needle) != nil
    }
}

/// Byte search behind `includes`, `begins` and `ends`.
public enum TextSearch {
    /// Whether the two buffers hold the same bytes.
    public static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let start = a.baseAddress, let other = b.baseAddress else { return true }
        return memcmp(start, other, a.count) == 0
    }

    /// The byte offset of the first occurrence of `pattern` in `haystack`.
    public static func offset(
        of pattern: UnsafeBufferPointer<UInt8>,
        in haystack: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        guard let patternStart = pattern.baseAddress, !pattern.isEmpty else { return 0 }
        guard let haystackStart = haystack.baseAddress, haystack.count >= pattern.count else { return nil }
        // Candidates are found by the pattern's last byte: in Chinese text a first byte (0xE4…0xE9) starts nearly
        // every character, while a given continuation byte is rare.
        let lastByte = Int32(pattern[pattern.count - 1])
        let rest = pattern.count - 1
        var offset = rest
        while offset < haystack.count {
            guard let hit = memchr(haystackStart + offset, lastByte, haystack.count - offset) else { return nil }
            let end = haystackStart.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if rest == 0 || memcmp(haystackStart + end - rest, patternStart, rest) == 0 { return end - rest }
            offset = end + 1
        }
        return nil
    }
}

extension StringProtocol {
    /// Whether any of `needles` occurs in the text (see ``includes(_:)``).
    @inlinable
    public func includesAny(of needles: [String]) -> Bool {
        for needle in needles where includes(needle) { return true }
        return false
    }

    /// How many of `needles` occur in the text (see ``includes(_:)``).
    @inlinable
    public func countIncluded(of needles: [String]) -> Int {
        var count = 0
        for needle in needles where includes(needle) { count += 1 }
        return count
    }
}

extension StringProtocol {
    /// Whether the text begins with `prefix`, compared as UTF-8 bytes (see ``includes(_:)``).
    @inlinable
    public func begins(with prefix: some StringProtocol) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { text in
            prefix.utf8.withContiguousStorageIfAvailable { prefix in
                TextSearch.same(prefix, UnsafeBufferPointer(rebasing: text.prefix(prefix.count)))
            }
        }
        if let found, let found { return found }
        return utf8.starts(with: prefix.utf8)
    }

    /// Whether the text ends with `suffix`, compared as UTF-8 bytes (see ``includes(_:)``).
    @inlinable
    public func ends(with suffix: some StringProtocol) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { text in
            suffix.utf8.withContiguousStorageIfAvailable { suffix in
                TextSearch.same(suffix, UnsafeBufferPointer(rebasing: text.suffix(suffix.count)))
            }
        }
        if let found, let found { return found }
        let count = suffix.utf8.count
        return utf8.count >= count && utf8.suffix(count).elementsEqual(suffix.utf8)
    }
}

extension StringProtocol {
    /// The number of Unicode scalars, counted from the UTF-8 (every scalar has one byte that is not a continuation
    /// byte): the length the readers' limits are stated in, far cheaper than counting characters.
    @inlinable
    public var scalarCount: Int {
        let counted = utf8.withContiguousStorageIfAvailable { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count &+= 1 }
            return count
        }
        return counted ?? unicodeScalars.count
    }

    /// The byte offset in the UTF-8 where `needle` first occurs at or after the byte offset `start`.
    @inlinable
    public func utf8Offset(of needle: some StringProtocol, from start: Int = 0) -> Int? {
        func search(_ haystack: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Int? {
            guard start <= haystack.count else { return nil }
            return TextSearch.offset(of: pattern, in: UnsafeBufferPointer(rebasing: haystack[start...])).map {
                $0 + start
            }
        }
        let found = utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { pattern in search(haystack, pattern) }
        }
        if let found, let found { return found }
        let haystack = Array(utf8)
        let pattern = Array(needle.utf8)
        return haystack.withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { pattern in search(haystack, pattern) }
        }
    }

    /// Whether the two texts are the same UTF-8 bytes: the equality wanted for normalised text, without the standard
    /// library's canonical-equivalence work.
    @inlinable
    public func isSame(as other: some StringProtocol) -> Bool {
        utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8)
    }

    /// The text without leading and trailing tabs and spaces of any width (as Foundation's `.whitespaces`).
    @inlinable
    public var trimmingSpacesAndTabs: Substring {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t"
                || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard isSpace(scalars[before]) else { break }
            end = before
        }
        return Substring(self[start..<end])
    }
}
