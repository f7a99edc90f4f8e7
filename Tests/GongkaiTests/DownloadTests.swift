import Foundation
import GRDB
import GongkaiCheck
import GongkaiModel
import GongkaiRead
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import ZIPFoundation

@testable import GongkaiCorpus
@testable import GongkaiServer
@testable import GongkaiStore
@testable import GongkaiWrite

/// The web application's downloads (data file, Word, PDF, a stored report's source file) and a PDF's pages shown
/// with a finding's cell outlined, over real stores, real worker processes and poppler.
@Suite("web downloads, source files and page images")
struct DownloadTests {
    static let pdfName = "real/hongze-2023.pdf"

    /// A submission of a fixture file with its bytes, read and checked as an ingest does.
    static func submission(_ path: String, source: Bool = true) throws -> ReportSubmission {
        let data = try Fixtures.data(path)
        let report = try ReportReader.read(data, name: path)
        return ReportSubmission(
            contentHash: SHA256.hex(data),
            path: path,
            report: report,
            findings: ReportChecker.check(report),
            source: source ? SourceFile(fileName: URL(fileURLWithPath: path).lastPathComponent, bytes: data) : nil
        )
    }

    static func reportID(_ outcomes: [SubmissionOutcome]) throws -> Int64 {
        guard case .added(let id, _, _) = try #require(outcomes.first) else {
            Issue.record("not added: \(outcomes)")
            return 0
        }
        return id
    }

    /// The first R7 error of the PDF fixture, read and checked here, and the outline its cell should get: its box
    /// in points times 100/72, two pixels wider on every side.
    static func expectedOutline() throws -> (page: Int, rect: String) {
        let report = try Fixtures.report(pdfName)
        let finding = try #require(ReportChecker.check(report).first { $0.code == "R7" })
        let location = try #require(finding.location)
        let page = try #require(location.page)
        let box = try #require(location.box)
        let scale = 100.0 / 72.0
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        let rect =
            "x=\"\(f(box.x0 * scale - 2))\" y=\"\(f(box.y0 * scale - 2))\" "
            + "width=\"\(f((box.x1 - box.x0) * scale + 4))\" height=\"\(f((box.y1 - box.y0) * scale + 4))\""
        return (page, rect)
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ data: Data) throws -> (Int, Int) {
        try #require(data.count > 24)
        #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let bytes = Array(data[16..<24])
        let width = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[4..<8].reduce(0) { $0 << 8 | Int($1) }
        return (width, height)
    }

    /// The figures a data file read back holds are those of the report it was written from: the same numbers, a
    /// blank for a cell printed empty or not read, no cell the report does not print (beyond the blanks a printed
    /// row's missing cells count as).
    static func expectSameFigures(_ loaded: AnnualReport, _ report: AnnualReport) {
        let spec = NationalTemplates.spec(report.template ?? .v2021)
        for (id, figure) in report.figures where spec.cell(id) != nil {
            if let number = figure.value.number {
                #expect(loaded[id]?.number == number, "\(id.rawValue)")
            } else {
                #expect(loaded[id] == .blank, "\(id.rawValue): \(figure.value)")
            }
        }
        for (id, figure) in loaded.figures where report.figures[id] == nil {
            #expect(figure.value == .blank, "\(id.rawValue) was not in the report")
        }
    }

    static func disposition(_ ascii: String, _ name: String) -> String {
        let encoded = name.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
            )
        )
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded ?? "")"
    }

    // MARK: The data file

    @Test(
        "the data file of a report read from a published file reads back to the same figures",
        arguments: Fixtures.seedNames.map { "seeds/\($0).txt" } + [
            pdfName, "real/huaian-2024.pdf", "real/shanghai-office-2019.html", "real/pingtan-2023.txt",
        ]
    )
    func dataFileRoundTrip(_ path: String) throws {
        let report = try Fixtures.report(path)
        let yaml = ReportScaffold.yaml(filledFrom: report)
        let loaded = try ReportDataFile.load(yaml, name: "filled.yaml")
        #expect(loaded.agency == report.agency)
        #expect(loaded.year == report.year)
        #expect(loaded.template == report.template)
        #expect(loaded.publicationDate == report.publicationDate)
        for kind in SectionKind.standard {
            #expect(
                loaded.section(kind)?.text ?? ""
                    == ReportScaffold.blockLines(report.section(kind)?.text ?? "")
                    .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
                    .trimmingCharacters(in: .newlines),
                "\(kind)"
            )
        }
        Self.expectSameFigures(loaded, report)
    }

    // MARK: 检查报告 downloads

    @Test("检查报告: the data file, Word and PDF of an upload, named in Chinese with an ASCII fallback")
    func checkDownloads() async throws {
        let (headers, body) = ServerTests.upload(
            try Fixtures.data("seeds/001_2af83e509e4cbaa8.txt"),
            fileName: "漳州市司法局.txt"
        )
        let original = try Fixtures.report("seeds/001_2af83e509e4cbaa8.txt")
        try await ServerTests.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let checked = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(checked.status == .ok)
            let token = try ServerTests.token(checked.text)
            for path in ["figures.yaml", "report.docx", "report.pdf"] {
                #expect(checked.text.contains("<a href=\"/check/\(token)/\(path)\">"), "\(path)")
            }

            let yaml = try await client.execute(uri: "/check/\(token)/figures.yaml", method: .get)
            #expect(yaml.status == .ok)
            #expect(yaml.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(yaml.headers[.contentDisposition] == Self.disposition("report.yaml", "漳州市司法局2023年度-数据文件.yaml"))
            let loaded = try ReportDataFile.load(yaml.text, name: "figures.yaml")
            #expect(loaded.agency == "漳州市司法局")
            #expect(loaded.figures[FigureID("t3.received.natural")]?.value == .integer(1))
            Self.expectSameFigures(loaded, original)
            // The file checks as the report did.
            #expect(ReportChecker.check(loaded).filter { $0.code == "R2" }.count == 3)

            let word = try await client.execute(uri: "/check/\(token)/report.docx", method: .get)
            #expect(word.status == .ok)
            #expect(
                word.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
            #expect(word.headers[.contentDisposition] == Self.disposition("report.docx", "漳州市司法局2023年度-年度报告.docx"))
            let archive = try Archive(data: Data(word.body.readableBytesView), accessMode: .read)
            let entry = try #require(archive["word/document.xml"])
            var document = Data()
            _ = try archive.extract(entry) { document.append($0) }
            #expect(String(decoding: document, as: UTF8.self).contains("漳州市司法局"))

            let pdf = try await client.execute(uri: "/check/\(token)/report.pdf", method: .get)
            if ReportPDF.libreOffice() == nil {
                #expect(pdf.status == .serviceUnavailable)
                #expect(pdf.text.contains("服务器未安装 LibreOffice"))
                withKnownIssue("LibreOffice is not installed: the PDF download is refused (scripts/install-deps)") {
                    Issue.record("no LibreOffice")
                }
            } else {
                #expect(pdf.status == .ok)
                #expect(pdf.headers[.contentType] == "application/pdf")
                #expect(pdf.headers[.contentDisposition] == Self.disposition("report.pdf", "漳州市司法局2023年度-年度报告.pdf"))
                #expect(Data(pdf.body.readableBytesView).starts(with: Data("%PDF".utf8)))
            }
        }
    }

    @Test("检查报告: an expired result's downloads and pages say so in Chinese")
    func expiredDownloads() async throws {
        var options = ServerTests.options()
        options.resultLifetime = 0
        let (headers, body) = ServerTests.upload(try Fixtures.data(Self.pdfName), fileName: "hongze.pdf")
        try await ServerTests.application(try StoreBackend.sqlite.make(), options: options).test(.router) { client in
            let checked = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(checked.status == .ok)
            let token = try ServerTests.token(checked.text)
            for path in ["figures.yaml", "report.docx", "report.pdf", "page/1.png"] {
                let response = try await client.execute(uri: "/check/\(token)/\(path)", method: .get)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.text.contains("此检查结果已过期或不存在"), "\(path)")
            }
        }
    }

    @Test("检查报告: a PDF's findings show their page with the cell outlined; its pages as PNG, a bad page 404")
    func checkPageImages() async throws {
        let (headers, body) = ServerTests.upload(try Fixtures.data(Self.pdfName), fileName: "hongze.pdf")
        let (page, rect) = try Self.expectedOutline()
        try await ServerTests.application(try StoreBackend.sqlite.make()).test(.router) { client in
            let checked = try await client.execute(uri: "/check", method: .post, headers: headers, body: body)
            #expect(checked.status == .ok)
            let token = try ServerTests.token(checked.text)
            let text = checked.text
            #expect(text.contains("<details class=\"page-view\"><summary>查看原文第\(page)页</summary>"))
            #expect(
                text.contains(
                    "<image href=\"/check/\(token)/page/\(page).png\" x=\"0\" y=\"0\" width=\"827\" height=\"1170\"/>"
                )
            )
            #expect(text.contains("<rect class=\"cell-box\" \(rect)"), "\(rect)")
            #expect(!text.contains("<script"))
            let image = try await client.execute(uri: "/check/\(token)/page/\(page).png", method: .get)
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/png")
            let (width, height) = try Self.pngSize(Data(image.body.readableBytesView))
            #expect(width == 827 && height == 1170)
            for bad in ["0", "6", "99999", "x", "-1", "1.5"] {
                let response = try await client.execute(uri: "/check/\(token)/page/\(bad).png", method: .get)
                #expect(response.status == .notFound, "\(bad)")
            }
        }
    }

    // MARK: Stored sources

    /// A corpus of the PDF and the HTML fixture stored with their files, and seed 001 stored without.
    struct Corpus {
        var store: any ReportStore
        var pdf: Int64
        var html: Int64
        var seed: Int64
    }

    static func corpus(_ backend: StoreBackend) throws -> Corpus {
        let store = try backend.make()
        let pdf = try reportID(try store.add([try submission(pdfName)], failures: []))
        let html = try reportID(try store.add([try submission("real/shanghai-office-2019.html")], failures: []))
        let seed = try reportID(
            try store.add([try submission("seeds/001_2af83e509e4cbaa8.txt", source: false)], failures: [])
        )
        return Corpus(store: store, pdf: pdf, html: html, seed: seed)
    }

    @Test("a stored report's source file: its bytes as ingested, saved never shown", arguments: StoreBackend.all)
    func sourceDownload(_ backend: StoreBackend) async throws {
        let corpus = try Self.corpus(backend)
        try await ServerTests.application(corpus.store).test(.router) { client in
            let pdf = try await client.execute(uri: "/reports/\(corpus.pdf)/source", method: .get)
            #expect(pdf.status == .ok)
            #expect(Data(pdf.body.readableBytesView) == (try Fixtures.data(Self.pdfName)))
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentDisposition] == Self.disposition("report-\(corpus.pdf).pdf", "hongze-2023.pdf"))
            #expect(pdf.headers[.xContentTypeOptions] == "nosniff")
            #expect(pdf.headers[.contentSecurityPolicy] == "sandbox; default-src 'none'")

            let html = try await client.execute(uri: "/reports/\(corpus.html)/source", method: .get)
            #expect(html.status == .ok)
            #expect(Data(html.body.readableBytesView) == (try Fixtures.data("real/shanghai-office-2019.html")))
            #expect(html.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(html.headers[.contentDisposition]?.hasPrefix("attachment; ") == true)
            #expect(html.headers[.xContentTypeOptions] == "nosniff")
            #expect(html.headers[.contentSecurityPolicy] == "sandbox; default-src 'none'")

            // The report page and the agency page link to it.
            let page = try await client.execute(uri: "/reports/\(corpus.pdf)", method: .get)
            #expect(
                page.text.contains("<a href=\"/reports/\(corpus.pdf)/source\">下载原文件「hongze-2023.pdf」（286.6 KB）</a>")
            )
            let agencyID = try #require(try corpus.store.report(id: corpus.pdf)?.record.agencyID)
            let agency = try await client.execute(uri: "/agencies/\(agencyID)", method: .get)
            #expect(agency.text.contains("<a href=\"/reports/\(corpus.pdf)/source\" download>hongze-2023.pdf</a>"))

            // A report stored without its file: said so, no link, and 404 with the reason.
            let seedPage = try await client.execute(uri: "/reports/\(corpus.seed)", method: .get)
            #expect(seedPage.status == .ok)
            #expect(seedPage.text.contains("原文件未存入报告库"))
            #expect(!seedPage.text.contains("/reports/\(corpus.seed)/source"))
            let seedAgency = try #require(try corpus.store.report(id: corpus.seed)?.record.agencyID)
            let seedAgencyPage = try await client.execute(uri: "/agencies/\(seedAgency)", method: .get)
            #expect(seedAgencyPage.text.contains("（未保存原文件）"))
            #expect(!seedAgencyPage.text.contains("/source"))
            let none = try await client.execute(uri: "/reports/\(corpus.seed)/source", method: .get)
            #expect(none.status == .notFound)
            #expect(none.text.contains("报告库没有保存此报告的原文件"))
            let missing = try await client.execute(uri: "/reports/999999/source", method: .get)
            #expect(missing.status == .notFound)

            // A stored report's data file and Word file.
            let yaml = try await client.execute(uri: "/reports/\(corpus.seed)/figures.yaml", method: .get)
            #expect(yaml.status == .ok)
            let loaded = try ReportDataFile.load(yaml.text, name: "figures.yaml")
            #expect(loaded.figures[FigureID("t3.received.natural")]?.value == .integer(1))
            let word = try await client.execute(uri: "/reports/\(corpus.seed)/report.docx", method: .get)
            #expect(word.status == .ok)
            #expect(Data(word.body.readableBytesView).starts(with: Data("PK".utf8)))
        }
    }

    @Test(
        "a stored PDF's findings show their page with the cell outlined, from the stored file",
        arguments: StoreBackend.all
    )
    func storedPageImages(_ backend: StoreBackend) async throws {
        let corpus = try Self.corpus(backend)
        let (page, rect) = try Self.expectedOutline()
        try await ServerTests.application(corpus.store).test(.router) { client in
            let report = try await client.execute(uri: "/reports/\(corpus.pdf)", method: .get)
            #expect(report.status == .ok)
            #expect(report.text.contains("<image href=\"/reports/\(corpus.pdf)/page/\(page).png\""))
            #expect(report.text.contains("<rect class=\"cell-box\" \(rect)"), "\(rect)")
            let image = try await client.execute(uri: "/reports/\(corpus.pdf)/page/\(page).png", method: .get)
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/png")
            let (width, height) = try Self.pngSize(Data(image.body.readableBytesView))
            #expect(width == 827 && height == 1170)
            for bad in ["0", "6", "abc"] {
                let response = try await client.execute(uri: "/reports/\(corpus.pdf)/page/\(bad).png", method: .get)
                #expect(response.status == .notFound, "\(bad)")
            }
            // No page images for a report that is not a PDF, or whose file is not stored.
            let seed = try await client.execute(uri: "/reports/\(corpus.seed)", method: .get)
            #expect(!seed.text.contains("page-view"))
            let seedImage = try await client.execute(uri: "/reports/\(corpus.seed)/page/1.png", method: .get)
            #expect(seedImage.status == .notFound)
        }
    }

    @Test(
        "a stored web page's or Word file's findings link to their cell in its tables, read again from the stored file",
        arguments: StoreBackend.all
    )
    func storedSourceTables(_ backend: StoreBackend) async throws {
        let store = try backend.make()
        let html = try Self.reportID(try store.add([try Self.submission("html/001-word.html")], failures: []))
        let word = try Self.reportID(
            try store.add([try Self.submission("rendered/001_2af83e509e4cbaa8.lo.docx")], failures: [])
        )
        let unstored = try Self.reportID(
            try store.add([try Self.submission("rendered/001_2af83e509e4cbaa8.html", source: false)], failures: [])
        )
        try await ServerTests.application(store).test(.router) { client in
            for id in [html, word] {
                let page = try await client.execute(uri: "/reports/\(id)", method: .get)
                #expect(page.status == .ok)
                let text = page.text
                #expect(
                    text.contains(
                        "<span class=\"place\">（<a class=\"cell-link\" href=\"#src-2-4-10\">表格2 第4行第10列</a>）</span>"
                    ),
                    "\(id)"
                )
                #expect(
                    text.contains(
                        """
                        <td id="src-2-4-10" class="v error found" data-figure="t3.received.total" \
                        title="有错误 · 表格2 第4行第10列">0</td>
                        """
                    ),
                    "\(id)"
                )
                #expect(text.contains("<td id=\"src-2-6-1\" rowspan=\"22\""), "\(id)")
            }
            // A report whose file the corpus does not hold names its places as before, with nothing drawn.
            let bare = try await client.execute(uri: "/reports/\(unstored)", method: .get)
            #expect(bare.status == .ok)
            #expect(!bare.text.contains("source-tables"))
            #expect(!bare.text.contains("cell-link"))
        }
    }

    @Test(
        "a corpus from before source files: served read-only, its reports say they have none; migrated, it keeps them"
    )
    func corpusBeforeSourceFiles() async throws {
        let path = try StoreTesting.temporaryFolder().appendingPathComponent("gongkai.sqlite").path
        let id: Int64
        do {
            let store = try SQLiteStore(path: path)
            id = try Self.reportID(try store.add([try Self.submission("seeds/001_2af83e509e4cbaa8.txt")], failures: []))
            try store.finishWriting()
        }
        // As the schema before "v5 source files" left it.
        do {
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: "DROP TABLE source_file")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5 source files'")
            }
        }

        let readOnly = try SQLiteStore(path: path, readOnly: true)
        #expect(try readOnly.sourceFile(reportID: id) == nil)
        #expect(try readOnly.report(id: id)?.source == nil)
        try await ServerTests.application(readOnly).test(.router) { client in
            let page = try await client.execute(uri: "/reports/\(id)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("原文件未存入报告库"))
            #expect(!page.text.contains("/reports/\(id)/source"))
            let source = try await client.execute(uri: "/reports/\(id)/source", method: .get)
            #expect(source.status == .notFound)
            #expect(source.text.contains("报告库没有保存此报告的原文件"))
        }

        let migrated = try SQLiteStore(path: path)
        #expect(try migrated.sourceFile(reportID: id) == nil)
        let pdf = try Self.reportID(try migrated.add([try Self.submission(Self.pdfName)], failures: []))
        #expect(try migrated.sourceFile(reportID: pdf)?.fileName == "hongze-2023.pdf")
    }

    @Test("conversions: at most the limit at a time, a bounded number waiting, one more turned away with 503")
    func conversionGate() async throws {
        let gate = WorkGate(limit: 1, waitingLimit: 1, busyMessage: "服务器正忙：请稍后再试。")
        // The first holds its place (on a thread of its own) until released.
        let release = DispatchSemaphore(value: 0)
        let running = Mutex(false)
        let first = Task {
            try await gate.run {
                running.withLock { $0 = true }
                release.wait()
                return 1
            }
        }
        for _ in 0..<1000 where !running.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { try await gate.run { 2 } }
        // The second waits for the first; then a third finds the queue full.
        for _ in 0..<1000 where await gate.queued < 1 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await gate.queued == 1)
        await #expect(throws: WebError(.serviceUnavailable, "服务器正忙：请稍后再试。")) {
            try await gate.run { 3 }
        }
        release.signal()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
        #expect(try await gate.run { 4 } == 4)
    }
}
