/// The bounds a Word file must stay within: a real annual report is far below each, and a zip bomb or a hostile file
/// stops at the first one it passes, with bounded memory and time.
public struct DOCXLimits: Sendable, Hashable {
    /// Entries in the zip's central directory (a report has 10 to 50; images add one each).
    public var maxEntries: Int
    /// Bytes one part (`word/document.xml`, `word/numbering.xml`, …) may inflate to, counted while inflating.
    public var maxEntrySize: Int
    /// Bytes all the parts read together may inflate to.
    public var maxTotalSize: Int
    /// Nesting depth of XML elements (a report with tables nested twice stays under 40).
    public var maxDepth: Int
    /// Grid columns of one table; a wider span is cut at this column.
    public var maxColumns: Int
    /// Lines (paragraphs and table rows) of the document: a long report has about 5,000.
    public var maxLines: Int

    public init(
        maxEntries: Int,
        maxEntrySize: Int,
        maxTotalSize: Int,
        maxDepth: Int,
        maxColumns: Int,
        maxLines: Int
    ) {
        self.maxEntries = maxEntries
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxDepth = maxDepth
        self.maxColumns = maxColumns
        self.maxLines = maxLines
    }

    public static let standard = DOCXLimits(
        maxEntries: 4096,
        maxEntrySize: 32 << 20,
        maxTotalSize: 48 << 20,
        maxDepth: 200,
        maxColumns: 100,
        maxLines: 100_000
    )
}
