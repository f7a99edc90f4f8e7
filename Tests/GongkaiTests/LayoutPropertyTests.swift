import Foundation
import GongkaiModel
import GongkaiRead
import Testing

/// Property tests: reports written from random valid figure sets, in each layout real reports arrive in, read back to
/// the figures they were written from.
@Suite("Layout property tests")
struct LayoutPropertyTests {
    typealias Layout = ReportTextWriter.Layout

    static let casesPerLayout = 40
    /// Layouts whose cells are separated, so that every figure must read back exactly.
    static let separatedLayouts: [Layout] = [.tab, .pipe, .markdownTable, .wrapped]

    @Test(
        "Every figure reads back exactly from separated layouts",
        arguments: separatedLayouts,
        ReportTemplate.allCases
    )
    func separatedLayoutsReadBackExactly(layout: Layout, template: ReportTemplate) throws {
        var dumped = false
        for index in 0..<Self.casesPerLayout {
            let seed = GeneratedReport.seed(layout: layout, template: template, stream: 1, index: index)
            let generated = GeneratedReport(
                template: template,
                layout: layout,
                magnitude: .mixed(maxDigits: 5),
                seed: seed
            )
            let report = try generated.read()
            let problems = identityProblems(report, generated) + exactProblems(report, generated)
            record(problems, generated, dumped: &dumped)
        }
    }

    @Test("Run-together digits never read as a wrong number", arguments: ReportTemplate.allCases)
    func flattenedIsSound(template: ReportTemplate) throws {
        var dumped = false
        for index in 0..<Self.casesPerLayout {
            let seed = GeneratedReport.seed(layout: .flattened, template: template, stream: 2, index: index)
            let generated = GeneratedReport(
                template: template,
                layout: .flattened,
                magnitude: .mixed(maxDigits: 3),
                seed: seed
            )
            let report = try generated.read()
            let problems = identityProblems(report, generated) + soundnessProblems(report, generated)
            record(problems, generated, dumped: &dumped)
        }
    }

    @Test("Run-together single digits read back exactly", arguments: ReportTemplate.allCases)
    func flattenedSingleDigitsAreExact(template: ReportTemplate) throws {
        var dumped = false
        for index in 0..<Self.casesPerLayout {
            let seed = GeneratedReport.seed(layout: .flattened, template: template, stream: 3, index: index)
            let generated = GeneratedReport(template: template, layout: .flattened, magnitude: .singleDigit, seed: seed)
            let report = try generated.read()
            let problems =
                identityProblems(report, generated) + soundnessProblems(report, generated)
                + exactProblems(report, generated)
            record(problems, generated, dumped: &dumped)
        }
    }

    // MARK: Checks

    /// Agency, year and template as written.
    func identityProblems(_ report: AnnualReport, _ generated: GeneratedReport) -> [String] {
        var problems: [String] = []
        let writer = generated.writer
        if report.agency != writer.agency {
            problems.append("agency: wrote \(writer.agency), read \(report.agency ?? "nil")")
        }
        if report.year != writer.year {
            problems.append("year: wrote \(writer.year), read \(report.year.map(String.init) ?? "nil")")
        }
        if report.template != writer.template {
            problems.append("template: wrote \(writer.template.rawValue), read \(report.template?.rawValue ?? "nil")")
        }
        return problems
    }

    /// Every figure id of the template reads back to the value written.
    func exactProblems(_ report: AnnualReport, _ generated: GeneratedReport) -> [String] {
        generated.spec.figureIDs.compactMap { id in
            let written = generated.figures[id]
            let read = report[id]
            return read == written ? nil : "\(id): wrote \(describe(written)), read \(describe(read))"
        }
    }

    /// Every figure read is the value written or `.unknown`, and a row holding an unknown cell is not `.complete`.
    func soundnessProblems(_ report: AnnualReport, _ generated: GeneratedReport) -> [String] {
        var problems: [String] = []
        for figure in report.figures.values.sorted(by: { $0.id < $1.id }) {
            guard let written = generated.figures[figure.id], let cell = generated.spec.cell(figure.id) else {
                problems.append("\(figure.id): read \(describe(figure.value)) for a cell that was not written")
                continue
            }
            if figure.value != .unknown {
                if figure.value != written {
                    problems.append("\(figure.id): wrote \(describe(written)), read \(describe(figure.value))")
                }
                continue
            }
            let rows = report.table(cell.row.table)?.rows.filter { $0.key == cell.row.key } ?? []
            if rows.isEmpty || rows.contains(where: { $0.state == .complete }) {
                problems.append("\(figure.id): unknown, but its row \(cell.row.key) is reported complete or missing")
            }
        }
        return problems
    }

    func describe(_ value: CellValue?) -> String {
        switch value {
        case .none: "nothing"
        case .integer(let number): String(number)
        case .decimal(let number): "\(number) (decimal)"
        case .blank: "blank"
        case .unknown: "unknown"
        }
    }

    /// Records one issue per failing case; the first failing case of a test also shows the whole generated text.
    func record(_ problems: [String], _ generated: GeneratedReport, dumped: inout Bool) {
        guard !problems.isEmpty else { return }
        let list = problems.joined(separator: "\n")
        if dumped {
            Issue.record("\(generated.replay): \(problems.count) problem(s)\n\(list)")
        } else {
            dumped = true
            Issue.record("\(problems.count) problem(s)\n\(list)\n\(generated.dump)")
        }
    }
}
