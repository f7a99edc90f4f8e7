import GongkaiModel

/// Normalises one line of text for matching while remembering, for every kept character, its column in the source.
///
/// Full-width ASCII (digits, letters, brackets, punctuation) becomes ASCII; the ideographic space, no-break spaces and
/// other odd spaces become a plain space; zero-width characters and the BOM disappear.
public enum TextNormalizer {
    /// Normalised scalars of a line with the 1-based source column of each.
    public struct Mapped: Sendable {
        public var scalars: [Unicode.Scalar]
        public var columns: [Int]
        /// The column just past the end of the line.
        public var endColumn: Int
        /// Whether normalising left every scalar as it was, so that `text` is the line itself.
        public var isUnchanged = true

        public var text: String { ScalarText.string(scalars) }
    }

    public static func map(_ line: some StringProtocol) -> Mapped {
        var mapped = Mapped(scalars: [], columns: [], endColumn: 1)
        map(line, into: &mapped)
        return mapped
    }

    /// `map` into the storage of an earlier line's result, so that mapping line after line allocates only when a
    /// line is longer than any before it.
    public static func map(_ line: some StringProtocol, into mapped: inout Mapped) {
        mapped.scalars.removeAll(keepingCapacity: true)
        mapped.columns.removeAll(keepingCapacity: true)
        mapped.scalars.reserveCapacity(line.utf8.count)
        mapped.columns.reserveCapacity(line.utf8.count)
        var column = 0
        var isUnchanged = true
        for scalar in line.unicodeScalars {
            column += 1
            if let normal = normalize(scalar) {
                mapped.scalars.append(normal)
                mapped.columns.append(column)
                if normal != scalar { isUnchanged = false }
            } else {
                isUnchanged = false
            }
        }
        mapped.endColumn = column + 1
        mapped.isUnchanged = isUnchanged
    }

    /// The normalised form of a whole string (no column map).
    public static func normalize(_ text: some StringProtocol) -> String {
        ScalarText.map(text, normalize)
    }

    @inline(__always)
    static func normalize(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        if value < 0x80 { return scalar }
        switch value {
        case 0xFF01...0xFF5E:
            return Unicode.Scalar(value - 0xFEE0)
        case 0x3000, 0x00A0, 0x2002...0x200A, 0x202F, 0x205F, 0x1680:
            return " "
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD:
            return nil
        default:
            return scalar
        }
    }
}
