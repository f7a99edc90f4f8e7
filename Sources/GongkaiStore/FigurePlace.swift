import Foundation
import GongkaiModel

/// A figure's `place` column read back: the parts of its location beyond line and column, as
/// `SQLiteStore.place(_:)` writes them (`{"table":2,"row":4,"cell":3}`, `{"page":3,"box":[x0,y0,x1,y1]}`).
enum FigurePlace {
    /// The location the JSON describes; nil when it holds none of the parts.
    static func location(_ json: String) -> SourceLocation? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return nil
        }
        func number(_ key: String) -> Int? { (object[key] as? NSNumber)?.intValue }
        var location = SourceLocation(
            endLine: number("endLine"),
            table: number("table"),
            row: number("row"),
            cell: number("cell"),
            page: number("page")
        )
        if let corners = object["box"] as? [NSNumber], corners.count == 4 {
            location.box = SourceLocation.Box(
                x0: corners[0].doubleValue,
                y0: corners[1].doubleValue,
                x1: corners[2].doubleValue,
                y1: corners[3].doubleValue
            )
        }
        return location == SourceLocation() ? nil : location
    }
}
