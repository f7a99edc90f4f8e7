import Foundation
import GongkaiModel
import Testing

/// The templates in the code name exactly the cells of the shared vocabulary (`figures.tsv`), with its labels.
@Suite("Template vocabulary")
struct TemplateVocabularyTests {
    struct Entry {
        var id: String
        var template: String
        var row: String
        var column: String
    }

    func entries() throws -> [Entry] {
        try Fixtures.text("figures.tsv").split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Entry(id: fields[0], template: fields[1], row: fields[3], column: fields[4])
        }
    }

    @Test("figure ids per template", arguments: ReportTemplate.allCases)
    func ids(_ template: ReportTemplate) throws {
        let expected = try entries().filter { $0.template == template.rawValue || $0.template == "both" }.map(\.id)
        #expect(NationalTemplates.spec(template).figureIDs.map(\.rawValue) == expected)
    }

    @Test("column labels and row names match the vocabulary")
    func labels() throws {
        for entry in try entries() {
            let template: ReportTemplate = entry.template == "2019" ? .v2019 : .v2021
            let (row, column) = try #require(NationalTemplates.spec(template).cell(FigureID(entry.id)))
            #expect(column.label == entry.column, "\(entry.id)")
            let printed = entry.row.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
            #expect(printed.contains(row.name), "\(entry.id): \(row.name) not in \(entry.row)")
        }
    }
}
