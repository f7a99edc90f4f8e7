import Foundation
import GongkaiCheck
import GongkaiExtract
import GongkaiModel
import GongkaiRead
import GongkaiTools
import Testing

/// PDF reports: the real published PDFs parse to their hand-checked figures, every figure points at its page and box,
/// and files that are not readable reports get a clear error.
@Suite("PDF reader")
struct PDFReaderTests {
    static let realPDFs = ["hongze-2023", "hongze-2024", "huaian-2024"]

    @Test("real PDFs parse to exactly their expected figures", arguments: realPDFs)
    func realFigures(_ name: String) throws {
        let report = try Fixtures.report("real/\(name).pdf")
        let expected = try Fixtures.expected("real/\(name).expected.json")
        #expect(report.source.format == .pdf)
        // hongze-2024's title prints the city before the district (淮安市洪泽区人民政府); the expected file names
        // the district government without it.
        let agency = try #require(report.agency)
        let expectedAgency = try #require(expected.agency)
        #expect(agency == expectedAgency || agency.hasSuffix(expectedAgency), "agency \(agency)")
        #expect(report.year == expected.year)
        #expect(report.template?.rawValue == expected.template)
        try FigureComparison.expectExact(report, expected)
    }

    @Test("real PDFs raise exactly their recorded findings", arguments: realPDFs)
    func realFindings(_ name: String) throws {
        let report = try Fixtures.report("real/\(name).pdf")
        try FindingGolden.compare(FindingGolden.lines(ReportChecker.check(report)), file: "real/\(name).findings")
    }

    @Test("hongze-2023 prints 表四 totals of 0: R7 on 行政复议 and on 复议后起诉, on page 4")
    func hongzeTotals() throws {
        let findings = ReportChecker.check(try Fixtures.report("real/hongze-2023.pdf"))
        let r7 = findings.filter { $0.code == "R7" }
        #expect(
            Set(r7.compactMap { $0.figures.last?.id.rawValue }) == ["t4.review.total", "t4.suit_after_review.total"]
        )
        #expect(r7.allSatisfy { $0.location?.page == 4 })
        #expect(!findings.contains { $0.severity == .error && $0.code != "R7" })
    }

    @Test("Seeds converted from HTML to PDF by LibreOffice read to the seed's figures", arguments: Fixtures.seedNames)
    func libreOfficeSeeds(name: String) throws {
        let report = try Fixtures.report("rendered/\(name).lo.pdf")
        #expect(report.source.format == .pdf)
        FigureComparison.expectRendered(report, try Fixtures.expected("seeds/\(name).expected.json"))
    }

    @Test("check names the page a finding is printed on, and exits 1 for hongze-2023's errors")
    func checkCommand() throws {
        let path = Fixtures.url("real/hongze-2023.pdf").path
        let result = try CLI.run(["check", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("洪泽区人民政府 2023年度 2021年格式 — 2 个错误"))
        #expect(result.stdout.contains("错误 [R7] 表四「行政复议」：总计为0，但结果维持10、结果纠正1、其他结果0、尚未审结0合计为11。（第4页）"))
        let extract = try CLI.run(["extract", "--cells", path])
        #expect(extract.status == 0)
        #expect(extract.stdout.contains("[三、本年度办理结果]"))
        #expect(extract.stdout.contains(" p4 "))
    }

    @Test("every figure carries its page and a box inside the page", arguments: realPDFs)
    func provenance(_ name: String) throws {
        let report = try Fixtures.report("real/\(name).pdf")
        #expect(!report.figures.isEmpty)
        for figure in report.figures.values where figure.value != .blank {
            let location = try #require(figure.location, "\(figure.id)")
            let page = try #require(location.page, "\(figure.id) has no page")
            let box = try #require(location.box, "\(figure.id) has no box")
            #expect((1...6).contains(page))
            #expect(box.x0 < box.x1 && box.y0 < box.y1 && box.x1 <= 595 && box.y1 <= 842, "\(figure.id): \(box)")
        }
        if name == "huaian-2024" {
            // 表三 runs over two pages: its first rows on page 4, its last on page 5.
            #expect(report.figures[FigureID("t3.received.total")]?.location?.page == 4)
            #expect(report.figures[FigureID("t3.carried_forward.total")]?.location?.page == 5)
        }
    }

    @Test("page numbers (-1-, -2-) are not read as lines")
    func pageNumbers() throws {
        let document = try DocumentExtractor.extract(try Fixtures.data("real/hongze-2023.pdf"), name: "hongze-2023.pdf")
        let texts = document.lines.map { $0.text.filter { $0 != " " } }
        #expect(!texts.contains { ["-1-", "-2-", "-3-", "-4-", "-5-"].contains($0) })
        #expect(texts.contains { $0.hasPrefix("四、结转下年度继续办理") })
    }

    @Test("a label printed one character per line down the stub becomes one word")
    func verticalLabel() throws {
        let document = try DocumentExtractor.extract(try Fixtures.data("real/hongze-2023.pdf"), name: "hongze-2023.pdf")
        #expect(document.lines.contains { $0.cells.contains { $0.text == "三、本年度办理结果" } })
    }

    // MARK: - Files that are not readable reports

    @Test("a PDF with a user password gets a clear error")
    func encrypted() throws {
        #expect(throws: ReadError.extraction(.encrypted)) {
            try Fixtures.report("pdf/encrypted-user-password.pdf")
        }
        #expect(ExtractError.encrypted.description.contains("加密"))
    }

    @Test("a PDF that only forbids copying (owner password, no user password) is read")
    func permissionsOnly() throws {
        let report = try Fixtures.report("pdf/encrypted-no-copy.pdf")
        let expected = try Fixtures.expected("real/hongze-2024.expected.json")
        try FigureComparison.expectExact(report, expected)
    }

    @Test("a truncated PDF gets a clear error", arguments: [0.3, 0.6, 0.9])
    func truncated(_ fraction: Double) throws {
        let data = try Fixtures.data("real/hongze-2023.pdf")
        let cut = data.prefix(Int(Double(data.count) * fraction))
        #expect(throws: ReadError.extraction(.corrupt("PDF"))) {
            try ReportReader.read(Data(cut), name: "truncated.pdf")
        }
    }

    @Test("a PDF that is not an annual report is refused")
    func notAReport() throws {
        let pdf = MinimalPDF.make(pages: [["Quarterly newsletter", "Nothing to report here."]])
        #expect(throws: ReadError.notAReport) { try ReportReader.read(pdf, name: "newsletter.pdf") }
    }

    @Test("a 500-page PDF is read in bounded time: the first pages only, then refused as not a report")
    func manyPages() throws {
        let pages: [[String]?] = (1...500).map { ["Page \($0) of an appendix", "Table of figures continues."] }
        let pdf = MinimalPDF.make(pages: pages)
        let document = try DocumentExtractor.extract(pdf, name: "appendix.pdf")
        let lastPage = document.lines.flatMap(\.cells).compactMap(\.location.page).max()
        #expect(lastPage == PDFExtractor.pageLimit)
        #expect(throws: ReadError.notAReport) { try ReportReader.read(document) }
    }

    @Test("a scan without a text layer: OCR when Tesseract is installed, otherwise a message naming the packages")
    func scan() throws {
        let pdf = MinimalPDF.make(pages: [nil, nil])
        let tesseract = ExternalTool.find("tesseract")
        let error = readError { () throws(ReadError) in try ReportReader.read(pdf, name: "scan.pdf") }
        switch error {
        case .extraction(.noTextLayer(let missing)):
            #expect(missing.contains("tesseract-ocr-chi-sim"))
            #expect(ExtractError.noTextLayer(missing: missing).description.contains("扫描"))
        case .notAReport:
            // Tesseract ran and found no report on the grey pages.
            #expect(tesseract != nil)
        default:
            Issue.record("unexpected outcome: \(String(describing: error))")
        }
    }

    @Test("a scanned page (no text layer) is read by OCR: the title's agency and year come out")
    func scannedPage() throws {
        // scripts/make-scan-fixture made it from page 1 of hongze-2023.pdf at 150 dpi: an image and no text.
        let data = try Fixtures.data("pdf/scan-hongze-2023-p1.pdf")
        guard ExternalTool.find("tesseract") != nil else {
            #expect(throws: ReadError.extraction(.noTextLayer(missing: "tesseract-ocr tesseract-ocr-chi-sim"))) {
                try ReportReader.read(data, name: "scan.pdf")
            }
            return
        }
        let report = try ReportReader.read(data, name: "scan.pdf")
        #expect(report.source.format == .pdf)
        #expect(report.agency == "洪泽区人民政府")
        #expect(report.year == 2023)
        #expect(report.figures.values.allSatisfy { $0.location?.page == 1 })
    }

    /// The error a read throws, or nil when it succeeds.
    func readError(_ body: () throws(ReadError) -> AnnualReport) -> ReadError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }
}
