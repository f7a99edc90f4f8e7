import Foundation
import GongkaiModel
import GongkaiRead
import Testing

/// The same report in other encodings and with odd characters reads to the same figures.
@Suite("Encodings and normalisation")
struct EncodingTests {
    @Test(
        "encodings",
        arguments: [
            ("encodings/003-gb18030.txt", "003_15a2a8efa849601b", "GB18030"),
            ("encodings/003-utf16le-bom.txt", "003_15a2a8efa849601b", "UTF-16LE"),
            ("encodings/003-utf16be-bom.txt", "003_15a2a8efa849601b", "UTF-16BE"),
            ("encodings/000-utf8-bom-crlf.txt", "000_619992dd5b79419f", "UTF-8 (BOM)"),
            ("encodings/001-fullwidth.txt", "001_2af83e509e4cbaa8", "UTF-8"),
        ]
    )
    func sameFigures(_ file: String, _ seed: String, _ encoding: String) throws {
        let report = try Fixtures.report(file)
        #expect(report.source.encoding == encoding)
        let expected = try Fixtures.expected("seeds/\(seed).expected.json")
        #expect(report.agency == expected.agency)
        #expect(report.year == expected.year)
        try FigureComparison.expectExact(report, expected)
    }

    @Test("GBK bytes decode to the same text as UTF-8")
    func gbkMatchesUTF8() throws {
        let gbk = try Fixtures.report("encodings/003-gb18030.txt")
        let utf8 = try Fixtures.report("seeds/003_15a2a8efa849601b.txt")
        #expect(gbk.sections.map(\.text) == utf8.sections.map(\.text))
        #expect(gbk.publicationDate == utf8.publicationDate)
    }

    @Test("provenance points at the printed digit")
    func provenance() throws {
        let report = try Fixtures.report("seeds/001_2af83e509e4cbaa8.txt")
        let lines = try Fixtures.text("seeds/001_2af83e509e4cbaa8.txt").components(separatedBy: "\n")
        for figure in report.orderedFigures {
            let location = try #require(figure.location)
            let line = Array(lines[try #require(location.line) - 1].unicodeScalars)
            let column = try #require(location.column) - 1
            let end = try #require(location.endColumn) - 1
            #expect(String(String.UnicodeScalarView(line[column..<end])) == figure.printed, "\(figure.id)")
        }
    }
}
