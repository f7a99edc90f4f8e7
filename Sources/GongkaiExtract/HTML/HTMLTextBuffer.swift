/// Collects the text of a run of HTML as a browser shows it: white space collapsed to one space, a source line break
/// next to a Chinese character dropped (Word wraps its source anywhere in Chinese text), `<br>` kept as a line break, and block boundaries inside a table cell
/// joined without a space between Chinese text (so a label wrapped over two `<p>` reads as one label).
struct HTMLTextBuffer {
    /// The text so far, as UTF-8.
    private var bytes: [UInt8] = []
    /// The last character appended (a line break after `lineBreak()`), nil when empty.
    private var last: Unicode.Scalar?
    private(set) var count = 0
    /// White space seen since the last character.
    private var pendingSpace = false
    /// The pending white space holds a line break.
    private var pendingSegmentBreak = false
    /// A block boundary inside a cell since the last character.
    private var pendingJoin = false
    /// Inside `<pre>`: white space is kept as printed.
    var preservesSpace = false

    var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ text: String) {
        for scalar in text.unicodeScalars {
            if preservesSpace {
                add(scalar == "\r" ? "\n" : scalar)
                continue
            }
            switch scalar {
            case " ", "\t", "\u{0C}":
                pendingSpace = true
            case "\n", "\r":
                pendingSpace = true
                pendingSegmentBreak = true
            default:
                appendVisible(scalar)
            }
        }
    }

    /// `<br>` in a paragraph: a new line.
    mutating func lineBreak() {
        add("\n")
        clearPending()
    }

    /// A block boundary or `<br>` inside a table cell: the pieces join without a space where either side is Chinese,
    /// with one space otherwise.
    mutating func join() {
        if !bytes.isEmpty { pendingJoin = true }
        pendingSpace = false
        pendingSegmentBreak = false
    }

    /// A boundary between two cells of a table flattened into one cell: always one space.
    mutating func separate() {
        if !bytes.isEmpty { pendingSpace = true }
        pendingSegmentBreak = false
        pendingJoin = false
    }

    private mutating func appendVisible(_ scalar: Unicode.Scalar) {
        if let last, last != "\n" {
            if pendingJoin {
                if !(Self.isWide(last) || Self.isWide(scalar)) { add(" ") }
            } else if pendingSpace {
                if !(pendingSegmentBreak && (Self.isWide(last) || Self.isWide(scalar))) { add(" ") }
            }
        }
        clearPending()
        add(scalar)
    }

    private mutating func add(_ scalar: Unicode.Scalar) {
        if scalar.isASCII {
            bytes.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            UTF8.encode(scalar) { bytes.append($0) }
        }
        last = scalar
        count += 1
    }

    private mutating func clearPending() {
        pendingSpace = false
        pendingSegmentBreak = false
        pendingJoin = false
    }

    private mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        last = nil
        count = 0
        clearPending()
    }

    /// The collected text; each line trimmed of spaces, blank lines dropped.
    mutating func take() -> String {
        let text = Self.lines(bytes).joined(separator: "\n")
        reset()
        return text
    }

    /// The collected text as one trimmed line (for a table cell).
    mutating func takeLine() -> String {
        let text = Self.lines(bytes).joined(separator: " ")
        reset()
        return text
    }

    static func lines(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        for piece in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let line = String(decoding: piece, as: UTF8.self)
            let scalars = line.unicodeScalars
            guard let first = scalars.firstIndex(where: { !isSpace($0) }),
                let last = scalars.lastIndex(where: { !isSpace($0) })
            else { continue }
            result.append(String(scalars[first...last]))
        }
        return result
    }

    /// Spaces trimmed from the ends of a line or cell: ASCII, no-break, ideographic and zero-width spaces.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\u{0C}", "\r", "\u{A0}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{2002}", "\u{2003}",
            "\u{2009}":
            true
        default: false
        }
    }

    /// Chinese characters and full-width punctuation, next to which a line break in the source is no space.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x2018...0x201F, 0x20000...0x3FFFF:
            true
        default: false
        }
    }
}
