public import Foundation
public import GongkaiModel

/// A figure set to write reports from: generated, or taken from an expected-figures file (`NAME.expected.json`, format
/// in the corpus's spec README) so that real reports' figures are written in every layout too.
public struct FigureSource: Sendable {
    public var agency: String
    public var year: Int
    public var template: ReportTemplate
    /// What the report prints; `.blank` for an empty cell. A cell absent here is printed empty.
    public var figures: [FigureID: CellValue]

    public init(agency: String, year: Int, template: ReportTemplate, figures: [FigureID: CellValue]) {
        self.agency = agency
        self.year = year
        self.template = template
        self.figures = figures
    }

    /// The figures of an expected-figures file; nil when it is not one (or is for a report before 2019). Cells the
    /// file lists as unknown are left out, so they are printed empty.
    public static func load(expectedJSON data: Data) -> FigureSource? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let template = (object["template"] as? String).flatMap(ReportTemplate.init(rawValue:)),
            let year = object["year"] as? Int,
            let figures = object["figures"] as? [String: Any]
        else { return nil }
        let unknown = Set(object["unknown"] as? [String] ?? [])
        var values: [FigureID: CellValue] = [:]
        for (key, value) in figures where !unknown.contains(key) {
            if let number = value as? NSNumber {
                let text = number.stringValue
                if let integer = Int(text) {
                    values[FigureID(key)] = .integer(integer)
                } else if let decimal = Decimal(string: text) {
                    values[FigureID(key)] = .decimal(decimal)
                }
            } else {
                values[FigureID(key)] = .blank
            }
        }
        let agency = (object["agency"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? "某县人民政府"
        return FigureSource(agency: agency, year: year, template: template, figures: values)
    }
}
