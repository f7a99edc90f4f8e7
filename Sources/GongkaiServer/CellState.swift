import Foundation
import GongkaiModel

/// How a table cell stands, shown by its class (`ok`, `error`, `blank`, `unknown`), its sign and its title.
enum CellState: String, CaseIterable {
    /// A number no error names.
    case ok
    /// A cell an error names, whatever it holds.
    case error
    /// Printed empty, or 「/」 and the like.
    case blank
    /// Printed but not determinable, or not printed at all.
    case unknown

    init(_ figure: Figure?, namedByError: Bool) {
        if namedByError {
            self = .error
            return
        }
        switch figure?.value {
        case .integer, .decimal: self = .ok
        case .blank: self = .blank
        case .unknown, nil: self = .unknown
        }
    }

    var chinese: String {
        switch self {
        case .ok: "无误"
        case .error: "有错误"
        case .blank: "空白"
        case .unknown: "无法确定"
        }
    }

    /// What the cell shows: its number, the placeholder it prints (「/」) or 「空」, 「?」 when it cannot be known.
    static func shown(_ figure: Figure?) -> String {
        guard let figure else { return "?" }
        switch figure.value {
        case .integer, .decimal: return figure.value.text
        case .blank:
            let printed = figure.printed.trimmingCharacters(in: .whitespaces)
            return printed.isEmpty ? "空" : printed
        case .unknown: return "?"
        }
    }
}
