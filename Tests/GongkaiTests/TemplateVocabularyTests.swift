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

/// Figure ids compare and hash by their number in the process-wide table, or by their text once the table is full.
@Suite("Figure ids")
struct FigureIDTests {
    @Test("ids with the same text are equal, hash alike and keep their text, numbered or not")
    func numberedAndUnnumbered() throws {
        let template = NationalTemplates.spec(.v2021).figureIDs
        let known = FigureID("t3.received.natural")
        #expect(template.contains(known))
        #expect(known.rawValue == "t3.received.natural")
        #expect(FigureID("t3.received.natural") == known)
        #expect(Set(template).count == template.count)
        // Fill the table, so that later ids have no number and are compared by their text.
        var filler = 0
        while FigureIDNumbers.shared.count < FigureIDNumbers.capacity {
            _ = FigureID("test.filler.\(filler)")
            filler += 1
        }
        let first = FigureID("test.beyond.capacity")
        let second = FigureID(String("test.beyond.") + "capacity")
        let other = FigureID("test.beyond.other")
        #expect(first == second)
        #expect(first != other)
        #expect(first != known)
        #expect(first.rawValue == "test.beyond.capacity")
        #expect(first.hashValue == second.hashValue)
        #expect(Set([first, second, other, known]).count == 3)
        var table: [FigureID: Int] = [first: 1, known: 2]
        table[second, default: 0] += 10
        #expect(table[first] == 11)
        #expect(table[FigureID("t3.received.natural")] == 2)
        // A text numbered before the table filled keeps its number.
        #expect(FigureID("t3.received.natural") == known)
        #expect(FigureID("test.filler.0") == FigureID("test.filler.0"))
        #expect(
            [other, first, known].sorted().map(\.rawValue) == [
                "t3.received.natural", "test.beyond.capacity", "test.beyond.other",
            ]
        )
        let decoded = try JSONDecoder().decode([FigureID].self, from: JSONEncoder().encode([first, known]))
        #expect(decoded == [first, known])
    }
}
