/// What the reader found of one table: where it is, the labels it printed, and each row's state.
public struct PrintedTable: Hashable, Sendable, Codable {
    public var kind: TableKind
    public var location: SourceLocation?
    /// Column header labels as printed (normalised), for comparison with the format's labels.
    public var headerLabels: [String]
    public var rows: [PrintedRow]

    public init(kind: TableKind, location: SourceLocation?, headerLabels: [String] = [], rows: [PrintedRow] = []) {
        self.kind = kind
        self.location = location
        self.headerLabels = headerLabels
        self.rows = rows
    }
}

/// One printed table row matched to a row of the format.
public struct PrintedRow: Hashable, Sendable, Codable {
    /// The matched row's key (`received`, `denied.state_secret`, `review`).
    public var key: String
    /// The label as printed, after joining wrapped lines.
    public var printedLabel: String
    public var location: SourceLocation?
    public var state: State

    public enum State: Hashable, Sendable, Codable {
        /// One value for every column.
        case complete
        /// The row prints no values at all.
        case blank
        /// The row prints fewer values than it has columns; which are missing cannot be known.
        case fewerValues(printed: Int, expected: Int)
        /// The row prints more values than it has columns; the surplus was not used.
        case moreValues(printed: Int, expected: Int)
        /// Digits ran together (`124130`) and the table's arithmetic allows more than one split, or none.
        case ambiguousDigits(digits: String, solutions: Int)
        /// A value was printed apart from the row (`printed`, a two-line cell a converter pulled out of the table) and
        /// the row one value short: it fits `columns` of the row's columns; cells that differ between them are unknown.
        case detachedValue(printed: String, columns: Int)
        /// A row of values was printed without a label where the table's order leaves `rows` rows it could be,
        /// this one among them: which holds the values cannot be known.
        case unlabeledValues(rows: Int)
        /// The row was read by OCR from a page image and the table's arithmetic does not confirm what was read (or the
        /// table has no arithmetic to confirm it): its values are not taken.
        case unconfirmedRecognition
    }

    public init(key: String, printedLabel: String, location: SourceLocation?, state: State) {
        self.key = key
        self.printedLabel = printedLabel
        self.location = location
        self.state = state
    }
}
