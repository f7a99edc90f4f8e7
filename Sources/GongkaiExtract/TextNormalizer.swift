import GongkaiModel

/// Normalises text for matching while remembering, for every kept character, its column in the source.
///
/// Full-width ASCII (digits, letters, brackets, punctuation) becomes ASCII; the ideographic space, no-break spaces and
/// other odd spaces become a plain space; zero-width characters and the BOM disappear.
public enum TextNormalizer {
    /// One normalised line as UTF-8 bytes, with the 1-based source column (in scalars) of the character each byte
    /// belongs to. Its storage is reused from line to line, so that normalising allocates only when a line is longer
    /// than any before it.
    struct Line {
        /// The normalised bytes; only the first `count` are the line's.
        private(set) var storage: [UInt8] = []
        /// The column of each byte; only the first `count` are the line's.
        private(set) var columnStorage: [Int32] = []
        private(set) var count = 0
        /// The column just past the end of the line.
        private(set) var endColumn: Int32 = 1
        /// Whether normalising left every character as it was, so that the bytes are the line's own.
        private(set) var isUnchanged = true
        /// What the line's characters are, counted while normalising.
        private(set) var shape = Shape()

        struct Shape {
            /// Nothing but spaces and tabs.
            var isBlank = true
            var tabs = 0
            var pipes = 0
            var spaces = 0
            var hasTab: Bool { tabs > 0 }
            /// Nothing but spaces, tabs, `|`, `-` and `:` (a markdown table's separator row).
            var onlySeparatorMarks = true
            /// The first and last bytes that are not a space (the lead or last byte of a character).
            var firstNonSpace: UInt8?
            var lastNonSpace: UInt8?

            /// How many times the line holds a separator: tab, pipe or space.
            func count(of separator: UInt8) -> Int {
                switch separator {
                case UInt8(ascii: "\t"): tabs
                case UInt8(ascii: "|"): pipes
                case UInt8(ascii: " "): spaces
                default: 0
                }
            }

            /// Counts a character by its first byte (any non-ASCII character counts alike).
            @inline(__always)
            mutating func add(_ byte: UInt8) {
                switch byte {
                case UInt8(ascii: " "):
                    spaces += 1
                    return
                case UInt8(ascii: "\t"): tabs += 1
                case UInt8(ascii: "|"):
                    pipes += 1
                    isBlank = false
                case UInt8(ascii: "-"), UInt8(ascii: ":"): isBlank = false
                default:
                    isBlank = false
                    onlySeparatorMarks = false
                }
                if firstNonSpace == nil { firstNonSpace = byte }
                lastNonSpace = byte
            }
        }

        var bytes: ArraySlice<UInt8> { storage[..<count] }
        var columns: ArraySlice<Int32> { columnStorage[..<count] }

        /// Calls `body` with the line's bytes and their columns.
        func withBuffers<Result>(
            _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int32>) -> Result
        ) -> Result {
            storage.withUnsafeBufferPointer { bytes in
                columnStorage.withUnsafeBufferPointer { columns in
                    body(
                        UnsafeBufferPointer(rebasing: bytes[..<count]),
                        UnsafeBufferPointer(rebasing: columns[..<count])
                    )
                }
            }
        }

        /// Normalises `line`'s UTF-8, which must be valid (the bytes of a `String`).
        mutating func normalize(_ line: UnsafeBufferPointer<UInt8>) {
            // Normalising never makes a line longer, so storage the size of the line is enough.
            if storage.count < line.count {
                storage = [UInt8](repeating: 0, count: line.count)
                columnStorage = [Int32](repeating: 0, count: line.count)
            }
            var column: Int32 = 0
            var changed = false
            var written = 0
            var shape = Shape()
            storage.withUnsafeMutableBufferPointer { bytes in
                columnStorage.withUnsafeMutableBufferPointer { columns in
                    var index = 0
                    let end = line.count
                    while index < end {
                        let lead = line[index]
                        column &+= 1
                        if lead < 0x80 {
                            bytes[written] = lead
                            columns[written] = column
                            written &+= 1
                            index &+= 1
                            shape.add(lead)
                            continue
                        }
                        let (scalar, length) = ScalarText.decode(line, at: index)
                        if let normal = TextNormalizer.normalize(scalar) {
                            if normal == scalar {
                                for offset in 0..<length {
                                    bytes[written &+ offset] = line[index &+ offset]
                                    columns[written &+ offset] = column
                                }
                                written &+= length
                                shape.add(lead)
                            } else {
                                // Every replacement `normalize` makes is ASCII.
                                let byte = UInt8(truncatingIfNeeded: normal.value)
                                bytes[written] = byte
                                columns[written] = column
                                written &+= 1
                                changed = true
                                shape.add(byte)
                            }
                        } else {
                            changed = true
                        }
                        index &+= length
                    }
                }
            }
            count = written
            endColumn = column + 1
            isUnchanged = !changed
            self.shape = shape
        }
    }

    /// The normalised form of a whole string (no column map).
    public static func normalize(_ text: some StringProtocol) -> String {
        ScalarText.map(text, Normal.self)
    }

    enum Normal: ScalarMapping {
        static func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar? { normalize(scalar) }
    }

    /// What one scalar becomes: the scalar itself, an ASCII replacement, or nil to drop it.
    @inline(__always)
    static func normalize(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        // ASCII, and everything from after the ideographic space to before the BOM (Chinese characters among it).
        if value < 0x80 || (value > 0x3000 && value < 0xFEFF) { return scalar }
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
