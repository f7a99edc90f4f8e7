import Foundation
import GongkaiCorpus
import GongkaiModel
import GongkaiRead
import GongkaiWrite
import Testing

/// Reports generated in every layout real reports come in (``LayoutFamily``), each with the damage that layout
/// carries, read back: every printed cell reads back exactly or is unknown (and its row then says it is not
/// complete) — never a different number, never empty for a number or a number for an empty cell, never silently
/// lost. Layouts whose cells keep their places must read back exactly. Reports on 2018 and earlier are refused.
///
/// A fixed seed, a few cases per layout; `gongkai generate-layouts` and `scripts/layout-summary` run the long version.
@Suite("Generated layouts")
struct GeneratedLayoutTests {
    static let runSeed: UInt64 = 0x6C61_796F_7574_7331
    static let casesPerLayout = 10
    static let pdfCases = 2

    /// What the reader cannot do yet, by layout: the soundness test of that layout is a known issue until it can.
    static let unsoundLayouts: [LayoutFamily: String] = [:]

    /// Layouts that force exact figures but do not read back exactly yet (sound: the cells are unknown).
    static let inexactLayouts: [LayoutFamily: String] = [:]

    static let textLayouts = LayoutFamily.allCases.filter { !$0.needsLibreOffice }
    static let exactLayouts = LayoutFamily.allCases.filter { $0.forcesExactness && !$0.needsLibreOffice }
    static let hasLibreOffice = ReportPDF.libreOffice() != nil

    static func cases(_ family: LayoutFamily, count: Int, legacy: Bool = false) throws -> [LayoutCase] {
        try (0..<count).map { index in
            let seed = LayoutCase.seed(run: runSeed, family: family, legacy: legacy, index: index)
            return try LayoutCase.make(family: family, seed: seed, index: index, legacy: legacy)
        }
    }

    @Test("No wrong number, nothing lost silently", arguments: textLayouts)
    func sound(family: LayoutFamily) throws {
        try check(family, count: Self.casesPerLayout, exact: false, knownIssue: Self.unsoundLayouts[family])
    }

    @Test("Every figure reads back exactly where cells keep their places", arguments: exactLayouts)
    func exact(family: LayoutFamily) throws {
        let reason = Self.unsoundLayouts[family] ?? Self.inexactLayouts[family]
        try check(family, count: Self.casesPerLayout, exact: true, knownIssue: reason)
    }

    @Test(
        "PDF from LibreOffice at several page sizes: every figure reads back exactly",
        .enabled(if: hasLibreOffice, "LibreOffice (soffice) is not installed: the PDF layout is not generated")
    )
    func pdf() throws {
        try check(.pdf, count: Self.pdfCases, exact: true, knownIssue: nil)
    }

    @Test("Reports on 2018 and earlier are refused as the old format", arguments: textLayouts)
    func legacyRefused(family: LayoutFamily) throws {
        for generated in try Self.cases(family, count: 2, legacy: true) {
            #expect(throws: ReadError.unsupportedFormat(year: generated.year), "\(generated.name)") {
                try ReportReader.read(generated.bytes, name: generated.fileName)
            }
        }
    }

    @Test(
        "A PDF report on 2018 or earlier is refused as the old format",
        .enabled(if: hasLibreOffice, "LibreOffice (soffice) is not installed: the PDF layout is not generated")
    )
    func legacyPDFRefused() throws {
        for generated in try Self.cases(.pdf, count: 1, legacy: true) {
            #expect(throws: ReadError.unsupportedFormat(year: generated.year), "\(generated.name)") {
                try ReportReader.read(generated.bytes, name: generated.fileName)
            }
        }
    }

    /// The expected-figures file names every printed cell, blanks as null.
    @Test("Expected figures list every printed cell", arguments: [LayoutFamily.tabBlanks, .htmlWord, .crawled])
    func expectedFigures(family: LayoutFamily) throws {
        let generated = try #require(try Self.cases(family, count: 1).first)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(generated.expectedJSON.utf8)) as? [String: Any]
        )
        let figures = try #require(object["figures"] as? [String: Any])
        #expect(figures.count == generated.printed.count)
        for (id, value) in generated.printed {
            let written = figures[id.rawValue]
            if value == .blank {
                #expect(written is NSNull, "\(id)")
            } else {
                #expect((written as? NSNumber)?.stringValue == value.text, "\(id)")
            }
        }
    }

    // MARK: Checking

    func check(
        _ family: LayoutFamily,
        count: Int,
        exact: Bool,
        knownIssue: String?
    ) throws {
        var problems: [String] = []
        for generated in try Self.cases(family, count: count) {
            do {
                let report = try ReportReader.read(generated.bytes, name: generated.fileName)
                let found = Self.problems(report, generated, exact: exact)
                if !found.isEmpty {
                    problems.append(
                        "\(generated.name) (seed 0x\(String(generated.seed, radix: 16))):\n  "
                            + found.prefix(12).joined(separator: "\n  ")
                    )
                }
            } catch {
                problems.append("\(generated.name): not read: \(error)")
            }
        }
        let record = {
            for problem in problems { Issue.record(Comment(rawValue: problem)) }
        }
        if let knownIssue {
            withKnownIssue(Comment(rawValue: knownIssue), record)
        } else {
            record()
        }
    }

    /// Soundness: every printed cell is the value printed or unknown (its row then not complete), no cell is read
    /// that was not printed; with `exact`, no cell is unknown either. Identity: agency, year and template.
    static func problems(_ report: AnnualReport, _ generated: LayoutCase, exact: Bool) -> [String] {
        var problems: [String] = []
        if report.year != generated.year || report.template != generated.template {
            problems.append(
                "read as \(report.template?.rawValue ?? "no template") \(report.year.map(String.init) ?? "no year")"
            )
        }
        if exact, report.agency != generated.agency {
            problems.append("agency: wrote \(generated.agency), read \(report.agency ?? "nothing")")
        }
        let spec = NationalTemplates.spec(generated.template ?? .v2021)
        for id in generated.printed.keys.sorted() {
            guard let written = generated.printed[id] else { continue }
            switch report[id] {
            case nil:
                problems.append("\(id): printed \(describe(written)), not read at all")
            case .unknown:
                if exact { problems.append("\(id): printed \(describe(written)), read unknown") }
                guard let cell = spec.cell(id) else { continue }
                let rows = report.table(cell.row.table)?.rows.filter { $0.key == cell.row.key } ?? []
                if rows.isEmpty || rows.contains(where: { $0.state == .complete }) {
                    problems.append("\(id): unknown, but its row is reported complete or not at all")
                }
            case let read?:
                if read != written { problems.append("\(id): printed \(describe(written)), read \(describe(read))") }
            }
        }
        for id in report.figures.keys.sorted() where generated.printed[id] == nil {
            if let value = report[id], value != .unknown, value != .blank {
                problems.append("\(id): read \(describe(value)) for a cell that is not printed")
            }
        }
        return problems
    }

    static func describe(_ value: CellValue) -> String {
        switch value {
        case .integer(let number): String(number)
        case .decimal(let number): "\(number)"
        case .blank: "empty"
        case .unknown: "unknown"
        }
    }
}
