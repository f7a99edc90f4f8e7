import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead
import Testing

/// Every seed report parses to exactly the figures in its expected-figures file, and to its recorded findings.
@Suite("Seed reports")
struct GoldenSeedTests {
    @Test("figures, agency, year and template", arguments: Fixtures.seedNames)
    func figures(_ name: String) throws {
        let report = try Fixtures.report("seeds/\(name).txt")
        let expected = try Fixtures.expected("seeds/\(name).expected.json")
        #expect(report.agency == expected.agency)
        #expect(report.year == expected.year)
        #expect(report.template?.rawValue == expected.template)
        try FigureComparison.expectExact(report, expected)
    }

    @Test("findings match the recorded golden file", arguments: Fixtures.seedNames)
    func findings(_ name: String) throws {
        let report = try Fixtures.report("seeds/\(name).txt")
        let actual = FindingGolden.lines(ReportChecker.check(report))
        try FindingGolden.compare(actual, file: "seeds/\(name).findings")
    }

    @Test("the findings the format specification names for the seeds")
    func specifiedFindings() throws {
        let seed001 = ReportChecker.check(try Fixtures.report("seeds/001_2af83e509e4cbaa8.txt"))
        let r2 = seed001.filter { $0.code == "R2" }
        #expect(r2.count == 3)
        #expect(
            Set(r2.compactMap { $0.figures.last?.id.rawValue })
                == ["t3.received.total", "t3.denied.internal.total", "t3.total.total"]
        )

        let seed002 = ReportChecker.check(try Fixtures.report("seeds/002_a03528d1c919b0a1.txt"))
        #expect(seed002.filter { $0.code == "R5" && $0.message.contains("整行空白") }.count == 2)
        #expect(seed002.filter { $0.code == "missing-cells" }.count == 11)

        let seed004 = ReportChecker.check(try Fixtures.report("seeds/004_f1816cae11eb24f4.txt"))
        #expect(seed004.contains { $0.code == "duplicate-numeral" })
    }
}

/// Compares a report's figures with an expected-figures file.
enum FigureComparison {
    static func expectExact(
        _ report: AnnualReport,
        _ expected: ExpectedFigures,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let unknown = Set(expected.unknown ?? [])
        let findings = ReportChecker.check(report)
        for (id, value) in expected.figures {
            let actual = report[FigureID(id)]
            if let value {
                #expect(
                    actual?.number == value,
                    "\(id): expected \(value), read \(String(describing: actual))",
                    sourceLocation: sourceLocation
                )
            } else {
                #expect(
                    actual == .blank,
                    "\(id): expected an empty cell, read \(String(describing: actual))",
                    sourceLocation: sourceLocation
                )
            }
        }
        for id in unknown {
            #expect(report[FigureID(id)] == .unknown, "\(id) should be unknown", sourceLocation: sourceLocation)
            #expect(
                findings.contains { $0.figures.contains { $0.id.rawValue == id } },
                "\(id) is unknown without a finding",
                sourceLocation: sourceLocation
            )
        }
        let extra = report.figures.keys.map(\.rawValue).filter { expected.figures[$0] == nil && !unknown.contains($0) }
        #expect(extra.isEmpty, "figures the report does not print: \(extra.sorted())", sourceLocation: sourceLocation)
    }

    /// A seed rendered in the national layout and read back: every figure the seed prints (its unknown cells aside)
    /// has its value; a row the seed lacks may come back only blank, because the national layout prints every row.
    static func expectRendered(
        _ report: AnnualReport,
        _ expected: ExpectedFigures,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(report.agency == expected.agency, sourceLocation: sourceLocation)
        #expect(report.year == expected.year, sourceLocation: sourceLocation)
        #expect(report.template?.rawValue == expected.template, sourceLocation: sourceLocation)
        let unknown = Set(expected.unknown ?? [])
        for (id, value) in expected.figures where !unknown.contains(id) {
            let actual = report[FigureID(id)]
            if let value {
                #expect(
                    actual?.number == value,
                    "\(id): expected \(value), read \(String(describing: actual))",
                    sourceLocation: sourceLocation
                )
            } else {
                #expect(
                    actual == .blank,
                    "\(id): expected an empty cell, read \(String(describing: actual))",
                    sourceLocation: sourceLocation
                )
            }
        }
        let extra = report.figures.keys.map(\.rawValue).filter { id in
            expected.figures[id] == nil && !unknown.contains(id) && report[FigureID(id)] != .blank
        }
        #expect(extra.isEmpty, "figures the seed does not print: \(extra.sorted())", sourceLocation: sourceLocation)
    }
}

/// Findings as stable text lines (`R2 error 27:44 t3.received.total`), compared with a golden file; run with
/// `GONGKAI_RECORD=1` to write the golden files anew.
enum FindingGolden {
    static func lines(_ findings: [Finding]) -> [String] {
        findings.map { finding in
            let place = finding.location.map { "\($0.line ?? 0):\($0.column ?? 0)" } ?? "-"
            let ids = finding.figures.map(\.id.rawValue).joined(separator: ",")
            return "\(finding.code) \(finding.severity.rawValue) \(place) \(ids.isEmpty ? "-" : ids) \(finding.message)"
        }
    }

    static func compare(
        _ actual: [String],
        file: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let url = Fixtures.url(file)
        let text = actual.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["GONGKAI_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(
            text == golden,
            "findings differ from \(file); rerun with GONGKAI_RECORD=1 to record",
            sourceLocation: sourceLocation
        )
    }
}
