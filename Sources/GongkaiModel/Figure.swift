/// One table cell of a report: its value, the text printed for it, and where it came from.
public struct Figure: Hashable, Sendable, Codable {
    public var id: FigureID
    public var value: CellValue
    /// The text printed in the cell (`""` for an empty cell; the digits a split assigned to it).
    public var printed: String
    public var location: SourceLocation?

    public init(id: FigureID, value: CellValue, printed: String, location: SourceLocation? = nil) {
        self.id = id
        self.value = value
        self.printed = printed
        self.location = location
    }
}
