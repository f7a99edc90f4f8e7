public import GongkaiModel

/// A source as lines of cells with locations: the common shape every reader (text, HTML, Word, PDF) produces and the
/// interpretation stage consumes.
public struct ExtractedDocument: Sendable {
    public var source: SourceInfo
    public var lines: [ExtractedLine]
    /// The text was recognised by OCR from page images (a scan): what was read is not what was printed for certain.
    public var isRecognised = false

    public init(source: SourceInfo, lines: [ExtractedLine]) {
        self.source = source
        self.lines = lines
    }
}

/// One line of the source: a paragraph, or one row of a table.
public struct ExtractedLine: Sendable, Hashable {
    /// How the cells of the line were found.
    public enum Layout: Sendable, Hashable {
        /// Cells separated by tabs, pipes or table markup: empty cells are real.
        case delimited
        /// Words separated by spaces: a label may span several cells.
        case spaced
        /// A markdown table separator row (`|---|---|`).
        case separator
        /// Nothing but white space.
        case blank
    }

    /// 1-based line number in the source (for table sources, the order of the line in the document).
    public var number: Int
    /// The text as printed.
    public var raw: String
    /// The text after normalisation (full-width digits and ASCII, odd spaces, zero-width characters).
    public var text: String
    public var layout: Layout
    public var cells: [ExtractedCell]
    /// A piece of a line that held a whole article (text saved from a web page): its table cells may run together
    /// with no separator, and a space, where there is one, may stand between any two of them — a number standing alone
    /// may still be several values.
    public var runsTogether = false

    public init(number: Int, raw: String, text: String, layout: Layout, cells: [ExtractedCell]) {
        self.number = number
        self.raw = raw
        self.text = text
        self.layout = layout
        self.cells = cells
    }

    public var isBlank: Bool { layout == .blank }
}

/// One cell (or, for spaced lines, one word) with its normalised text and location.
public struct ExtractedCell: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }

    /// The text of a cell that holds writing no reader could make out for certain (a scanned value the recogniser
    /// was not sure of): the replacement character alone. Its value is unknown, neither a number nor empty.
    public static let unreadableText = "\u{FFFD}"

    /// Whether the cell holds writing that could not be read.
    public var isUnreadable: Bool { text == Self.unreadableText }
}
