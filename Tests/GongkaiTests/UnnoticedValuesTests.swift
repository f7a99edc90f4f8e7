import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiWrite
import Testing

@testable import GongkaiExtract

/// Values that used to pass without a word: a negative fee, a list where a figure belongs, `figures` of the wrong
/// shape, and vertical tabs and form feeds that made a report look binary.
@Suite("Values that must not pass unnoticed")
struct UnnoticedValuesTests {
    static let seed000 = "seeds/000_619992dd5b79419f.txt"

    func seedText() throws -> String { try Fixtures.text(Self.seed000) }

    // MARK: Negative fees

    @Test("a negative 行政事业性收费 in a report is an R5 error")
    func negativeFeeInReport() throws {
        let text = try seedText().replacingOccurrences(of: "行政事业性收费\t0", with: "行政事业性收费\t-5")
        let report = try Fixtures.report(text: text)
        #expect(report[FigureID("t2.fees.amount")] == .decimal(-5))
        let finding = try #require(ReportChecker.check(report).first { $0.code == "R5" })
        #expect(finding.severity == .error)
        #expect(finding.figures.map(\.id.rawValue) == ["t2.fees.amount"])
        #expect(finding.message.contains("为负数（-5）"))
    }

    @Test("a negative fee in a data file is an R5 error")
    func negativeFeeInDataFile() throws {
        let report = try ReportDataFile.load(
            "agency: 某某县自然资源局\nyear: 2024\nfigures:\n  t2.fees.amount: -1\n  t2.licensing.decisions: 3\n",
            name: "a.yaml"
        )
        let findings = ReportChecker.check(report).filter {
            $0.code == "R5" && $0.figures.first?.id.rawValue == "t2.fees.amount"
        }
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("为负数（-1）") == true)
    }

    // MARK: Data files of the wrong shape

    @Test(
        "a list or a mapping where a figure belongs is an error naming the figure and its line",
        arguments: ["[1, 2]", "{a: 1}", "\n    - 1\n    - 2"]
    )
    func figureNotAValue(value: String) throws {
        let yaml =
            "agency: 某某县自然资源局\nyear: 2024\nfigures:\n  t2.licensing.decisions: 3\n  t3.received.natural: \(value)\n"
        do {
            _ = try ReportDataFile.load(yaml, name: "a.yaml")
            Issue.record("a list or mapping was read as a figure")
        } catch {
            #expect(error.description.contains("t3.received.natural"), "\(error.description)")
            #expect(error.description.contains("a.yaml:5: "), "\(error.description)")
        }
    }

    @Test("figures written as a list is an error saying so, not a report without tables")
    func figuresAsList() throws {
        let yaml = "agency: 某某县自然资源局\nyear: 2024\nfigures:\n  - t2.licensing.decisions: 3\n"
        do {
            _ = try ReportDataFile.load(yaml, name: "a.yaml")
            Issue.record("figures as a list was read")
        } catch {
            #expect(error.description.contains("figures"), "\(error.description)")
            #expect(error.description.contains("a.yaml:4: "), "\(error.description)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-shape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.yaml")
        try Data(yaml.utf8).write(to: file)
        let check = try CLI.run(["check", file.path])
        #expect(check.status == 2)
        #expect(check.stderr.contains("figures"))
        #expect(!check.stdout.contains("missing-table"))
    }

    // MARK: Vertical tabs and form feeds

    @Test("vertical tabs and form feeds (text from PDF or Word) are line breaks, not signs of a binary file")
    func verticalTabsAndFormFeeds() throws {
        let original = try Fixtures.report(Self.seed000)
        var text = try seedText()
        // Word's manual line breaks inside the introduction, a page break before each part.
        text = text.replacingOccurrences(of: "\n\n## ", with: "\n\u{0C}## ")
        text = text.replacingOccurrences(of: "\n\n#### ", with: "\n\u{0C}#### ")
        text = text.replacingOccurrences(of: "。", with: "。\u{0B}")
        #expect(text.filter { $0 == "\u{0B}" || $0 == "\u{0C}" }.count > 10)
        let report = try Fixtures.report(text: text)
        #expect(report.figures.mapValues(\.value) == original.figures.mapValues(\.value))
        #expect(report.agency == original.agency)
        #expect(report.section(.problems) != nil)
        let check = try CLI.run(["check", "-"], stdin: Data(text.utf8))
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test("vertical tabs and form feeds split lines as a line feed does")
    func splitting() {
        #expect(TextExtractor.splitLines("a\u{0B}b\u{0C}c\nd").map(String.init) == ["a", "b", "c", "d"])
        #expect(TextExtractor.splitLines("a\u{0C}\nb").map(String.init) == ["a", "", "b"])
        #expect(!TextExtractor.containsBinaryControls(String(repeating: "年度报告\u{0B}\u{0C}", count: 10)))
        #expect(SourceFormatSniffer.sniff(Data(String(repeating: "年度报告\u{0B}", count: 10).utf8)) == .text)
        // Real binary data is still binary.
        #expect(TextExtractor.containsBinaryControls(String(repeating: "\u{01}\u{0B}", count: 3) + "年度报告"))
        #expect(SourceFormatSniffer.sniff(Data([0x01, 0x02, 0x03, 0x0B, 0x41, 0x42, 0x05, 0x06])) == .binary)
    }
}
