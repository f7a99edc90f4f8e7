/// One table cell of a stored report (long form).
public struct FigureRecord: Codable, Hashable, Sendable {
    /// Whether the cell holds a number.
    public enum State: String, Codable, Sendable {
        case value
        /// Printed empty or with a non-number such as 「/」.
        case blank
        /// Present but not determinable (a row with too few values, digits that split several ways).
        case unknown
    }

    public var reportID: Int64
    /// The row of `figure_kind`: the figure id and template.
    public var kindID: Int64
    /// The number exactly as read (`12`, `0.35`); nil unless `state` is `value`.
    public var value: String?
    public var state: State
    /// The printed text, when it differs from `value`.
    public var printed: String?
    public var line: Int?
    public var col: Int?
    public var endCol: Int?
    /// Other parts of the location (table, row, cell, page, box) as JSON, when the source has them.
    public var place: String?
}
