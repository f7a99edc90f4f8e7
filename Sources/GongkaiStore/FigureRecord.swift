import Foundation
public import GongkaiModel

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

extension FigureRecord.State {
    /// The value a stored cell holds: its state, and for a number its text read as the column's kind asks (万元
    /// amounts as decimals, counts as integers).
    public func value(_ text: String?, kind: ValueKind) -> CellValue {
        switch self {
        case .value:
            if kind == .amount, let amount = Decimal(string: text ?? "", locale: nil) { return .decimal(amount) }
            if let count = Int(text ?? "") { return .integer(count) }
            if let amount = Decimal(string: text ?? "", locale: nil) { return .decimal(amount) }
            return .unknown
        case .blank: return .blank
        case .unknown: return .unknown
        }
    }
}

extension FigureRecord {
    /// How a figure is stored: its state, the number as text (for a value only), and the printed text only where it
    /// differs from that number.
    public static func stored(_ figure: Figure) -> (state: State, value: String?, printed: String?) {
        let state: State
        switch figure.value {
        case .integer, .decimal: state = .value
        case .blank: state = .blank
        case .unknown: state = .unknown
        }
        let value = state == .value ? figure.value.text : nil
        return (state, value, figure.printed == figure.value.text ? nil : figure.printed)
    }
}
