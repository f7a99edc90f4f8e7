import Foundation
import GongkaiExtract
import GongkaiModel
import GongkaiRead
import Testing

@testable import GongkaiCorpus

/// Property tests: reports written from random valid figure sets, in each layout real reports arrive in, read back to
/// the figures they were written from.
@Suite("Layout property tests")
struct LayoutPropertyTests {
    typealias Layout = ReportTextWriter.Layout

    static let casesPerLayout = 40
    /// Layouts whose cells are separated, so that every figure must read back exactly.
    static let separatedLayouts: [Layout] = [.tab, .pipe, .markdownTable, .wrapped]
    /// Run-together digits split many ways; longer values make the reader's search (and the test) slow.
    static let flattenedMaxDigits = 2

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
            record(identityProblems(report, generated) + exactProblems(report, generated), generated, dumped: &dumped)
        }
    }

    @Test(
        "Run-together digits never read as a wrong number, and no printed cell is lost",
        arguments: ReportTemplate.allCases
    )
    func flattenedIsSound(template: ReportTemplate) throws {
        var dumped = false
        for index in 0..<Self.casesPerLayout {
            let seed = GeneratedReport.seed(layout: .flattened, template: template, stream: 2, index: index)
            let generated = GeneratedReport(
                template: template,
                layout: .flattened,
                magnitude: .mixed(maxDigits: Self.flattenedMaxDigits),
                seed: seed
            )
            let report = try generated.read()
            let lost = generated.spec.figureIDs.filter { report[$0] == nil }
            let problems =
                identityProblems(report, generated) + soundnessProblems(report, generated)
                + lost.map { "\($0): written, but not read at all" }
            record(problems, generated, dumped: &dumped)
        }
    }

    /// 表三 and 表四 print row totals, which force the split of their digits. 表二 prints none, and text does not print
    /// an empty cell, so 「行政许可28」 may be 2 and 8 or 28 beside an empty cell: those rows are only sound (checked
    /// above), not exact.
    @Test(
        "Run-together single digits read back exactly where row totals force them",
        arguments: ReportTemplate.allCases
    )
    func flattenedSingleDigitsAreExact(template: ReportTemplate) throws {
        var dumped = false
        for index in 0..<Self.casesPerLayout {
            let seed = GeneratedReport.seed(layout: .flattened, template: template, stream: 3, index: index)
            let generated = GeneratedReport(template: template, layout: .flattened, magnitude: .singleDigit, seed: seed)
            let report = try generated.read()
            let problems =
                identityProblems(report, generated) + soundnessProblems(report, generated)
                + exactProblems(report, generated).filter { !$0.hasPrefix("t2.") }
            record(problems, generated, dumped: &dumped)
        }
    }

    /// A 万元 amount glued to its label (「行政事业性收费1.25」) is split off, decimals included.
    @Test("Flattened 表二: a decimal amount glued to its label")
    func flattenedDecimalAmount() throws {
        let text = """
            息县司法局2023年政府信息公开工作年度报告
            二、主动公开政府信息情况
            第二十条第（八）项
            信息内容本年收费金额（单位：万元）
            行政事业性收费1.25

            """
        let report = try ReportReader.read(TextExtractor.extract(text: text, name: "flattened-amount.txt"))
        #expect(report[FigureID("t2.fees.amount")] == .decimal(Decimal(125) / 100))
    }

    /// 2019 format: a count and an amount glued to 「政府集中采购」. A leading 0 makes the split certain; otherwise the
    /// count and amount cannot be told apart, and both are unknown rather than guessed.
    @Test(
        "Flattened 2019 表二: a count and an amount glued to their label",
        arguments: [
            ("政府集中采购0869.6", CellValue.integer(0), CellValue.decimal(Decimal(8696) / 10)),
            ("政府集中采购12869.6", CellValue.unknown, CellValue.unknown),
        ]
    )
    func flattenedCountAndAmount(line: String, count: CellValue, amount: CellValue) throws {
        let text = """
            某县司法局2020年政府信息公开工作年度报告
            二、主动公开政府信息情况
            第二十条第（九）项
            信息内容采购项目数量采购总金额
            \(line)

            """
        let report = try ReportReader.read(TextExtractor.extract(text: text, name: "flattened-purchase.txt"))
        #expect(report[FigureID("t2.procurement.items")] == count)
        #expect(report[FigureID("t2.procurement.amount")] == amount)
    }

    // MARK: Checks

    /// Agency, year and template as written.
    func identityProblems(_ report: AnnualReport, _ generated: GeneratedReport) -> [String] {
        var problems: [String] = []
        let writer = generated.writer
        if report.agency != writer.agency {
            problems.append("agency: wrote \(writer.agency), read \(report.agency ?? "nothing")")
        }
        if report.year != writer.year {
            problems.append("year: wrote \(writer.year), read \(report.year.map(String.init) ?? "nothing")")
        }
        if report.template != writer.template {
            problems.append(
                "template: wrote \(writer.template.rawValue), read \(report.template?.rawValue ?? "nothing")"
            )
        }
        return problems
    }

    /// Every figure id of the template reads back to the value written, and nothing else is read.
    func exactProblems(_ report: AnnualReport, _ generated: GeneratedReport) -> [String] {
        let wrong = generated.spec.figureIDs.compactMap { id in
            let written = generated.figures[id]
            let read = report[id]
            return read == written ? nil : "\(id): wrote \(describe(written)), read \(describe(read))"
        }
        let extra = report.figures.keys.sorted().filter { generated.figures[$0] == nil }.map { id in
            "\(id): read \(describe(report[id])) for a cell that was not written"
        }
        return wrong + extra
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
                problems.append("\(figure.id): unknown, but its row \(cell.row.key) is reported complete or not at all")
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
