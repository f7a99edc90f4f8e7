import Foundation
import GongkaiExtract
import GongkaiServer
import GongkaiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation

/// 上传入库: files and zip archives stored through the web application by the corpus's own ingest, each read in a
/// worker process of the built binary, over real stores.
@Suite("web application: 上传入库")
struct UploadTests {
    static func seed(_ name: String) throws -> Data { try Fixtures.data("seeds/\(name).txt") }

    /// A zip whose entry inflates to `size` zero bytes from a few kilobytes: a small zip bomb.
    static func bomb(size: Int) throws -> Data {
        let archive = try Archive(accessMode: .create)
        try archive.addEntry(
            with: "报告.txt",
            type: .file,
            uncompressedSize: Int64(size),
            compressionMethod: .deflate,
            provider: { _, length in Data(count: length) }
        )
        return try #require(archive.data)
    }

    /// The rows of the result page: file name → the result's words.
    static func results(_ page: String) -> [String: String] {
        var rows: [String: String] = [:]
        for row in page.components(separatedBy: "<tr><td>").dropFirst() {
            let cells = row.components(separatedBy: "</td><td>")
            guard cells.count >= 2 else { continue }
            let result = cells[1].replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            rows[cells[0]] = result
        }
        return rows
    }

    @Test(
        "several files at once: stored with links to their reports, a file that is no report and one unreadable listed; again, each is already stored",
        arguments: StoreBackend.all
    )
    func severalFiles(_ backend: StoreBackend) async throws {
        let store = try backend.make()
        try AuthTests.addUsers(store)
        try await ServerTests.application(store, options: AuthTests.options()).test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("上传员", AuthTests.password("上传员"))
            let form = try await browser.get("/upload")
            #expect(form.status == .ok)
            #expect(form.text.contains("<input type=\"file\" name=\"files\" multiple required"))
            #expect(form.text.contains("<script src=\"/static/upload.js\" defer></script>"))
            #expect(!form.text.contains("<script>"))
            let files: [(name: String, bytes: Data)] = [
                ("漳州市司法局.txt", try Self.seed("001_2af83e509e4cbaa8")),
                ("灵宝市司法局.txt", try Self.seed("000_619992dd5b79419f")),
                ("统计表.xlsx", Data("PK not a report".utf8)),
                ("损坏.pdf", Data("%PDF-1.4 broken".utf8)),
            ]
            let first = try await browser.upload("/upload", files: files)
            #expect(first.status == .ok)
            let rows = Self.results(first.text)
            #expect(rows["漳州市司法局.txt"] == "已入库")
            #expect(rows["灵宝市司法局.txt"] == "已入库")
            #expect(rows["统计表.xlsx"] == "不是报告")
            #expect(rows["损坏.pdf"] == "无法读取")
            let zhangzhou = try #require(try store.agency(named: "漳州市司法局")?.id)
            let stored = try #require(try store.reports(agencyID: zhangzhou, year: 2023, allVersions: false).first)
            #expect(first.text.contains("<a href=\"/reports/\(try #require(stored.record.id))\">查看报告</a>"))
            #expect(stored.record.sourcePath == "上传/上传员/漳州市司法局.txt")
            #expect(try store.counts().reports == 2)
            #expect(try store.counts().failures == 1)

            let again = try await browser.upload("/upload", files: Array(files.prefix(2)))
            #expect(Self.results(again.text).values.allSatisfy { $0 == "已在库中" })
            #expect(again.text.contains("相同的文件此前已入库"))
            #expect(try store.counts().reports == 2)
            let report = try await browser.get("/reports/\(try #require(stored.record.id))")
            #expect(report.status == .ok)

            let audit = try AuthTests.audit(store).filter { $0.action == "上传入库" }
            #expect(audit.count == 2)
            #expect(audit.last?.actor == "上传员")
            #expect(audit.last?.detail.hasPrefix("4 个文件：新增 2 份，已在库中 0 份，无法读取 1 个，不是报告 1 个；") == true)
            #expect(audit.first?.detail.hasPrefix("2 个文件：新增 0 份，已在库中 2 份") == true)
        }
    }

    @Test("a zip archive: its reports stored, folders and other systems' hidden files left out; again, already stored")
    func zipArchive() async throws {
        let store = try StoreBackend.sqlite.make()
        try AuthTests.addUsers(store)
        let archive = StoredZip.archive([
            (path: "报告/", data: Data()),
            (path: "报告/a.txt", data: try Self.seed("002_a03528d1c919b0a1")),
            (path: "报告/b.txt", data: try Self.seed("003_15a2a8efa849601b")),
            (path: "__MACOSX/报告/._a.txt", data: Data("junk".utf8)),
            (path: "报告/.DS_Store", data: Data("junk".utf8)),
            (path: "报告/说明.png", data: Data("png".utf8)),
        ])
        try await ServerTests.application(store, options: AuthTests.options()).test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("管理员", AuthTests.password("管理员"))
            let first = try await browser.upload("/upload", files: [(name: "报告.zip", bytes: archive)])
            #expect(first.status == .ok)
            let rows = Self.results(first.text)
            #expect(rows == ["报告.zip/报告/a.txt": "已入库", "报告.zip/报告/b.txt": "已入库", "报告.zip/报告/说明.png": "不是报告"])
            #expect(try store.counts().reports == 2)
            let again = try await browser.upload("/upload", files: [(name: "又一次.zip", bytes: archive)])
            #expect(Self.results(again.text)["又一次.zip/报告/a.txt"] == "已在库中")
            #expect(Self.results(again.text)["又一次.zip/报告/b.txt"] == "已在库中")
            #expect(try store.counts().reports == 2)
        }
    }

    @Test("a zip bomb is refused with a Chinese message and nothing of it read; other files of the upload are stored")
    func zipBomb() async throws {
        let store = try StoreBackend.sqlite.make()
        try AuthTests.addUsers(store)
        let bomb = try Self.bomb(size: 20 << 20)
        #expect(bomb.count < 100_000)
        try await ServerTests.application(store, options: AuthTests.options()).test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("上传员", AuthTests.password("上传员"))
            let response = try await browser.upload(
                "/upload",
                files: [("bomb.zip", bomb), ("漳州市司法局.txt", try Self.seed("001_2af83e509e4cbaa8"))]
            )
            #expect(response.status == .ok)
            let rows = Self.results(response.text)
            #expect(rows["bomb.zip"] == "无法读取")
            #expect(response.text.contains("压缩比异常（超过 200 倍），可能是恶意的“压缩炸弹”，未读取整个压缩包。"))
            #expect(rows["漳州市司法局.txt"] == "已入库")
            #expect(try store.counts().reports == 1)
        }
    }

    @Test("上传入库 asks for an uploader, and for the form's token")
    func uploadRefused() async throws {
        let store = try StoreBackend.sqlite.make()
        try AuthTests.addUsers(store)
        try await ServerTests.application(store, options: AuthTests.options()).test(.router) { client in
            let viewer = Browser(client)
            try await viewer.signIn("查看员", AuthTests.password("查看员"))
            let refused = try await viewer.upload("/upload", files: [("a.txt", try Self.seed("001_2af83e509e4cbaa8"))])
            #expect(refused.status == .forbidden)
            let uploader = Browser(client)
            try await uploader.signIn("上传员", AuthTests.password("上传员"))
            let noToken = try await uploader.upload(
                "/upload",
                files: [("a.txt", try Self.seed("001_2af83e509e4cbaa8"))],
                token: ""
            )
            #expect(noToken.status == .forbidden)
            let empty = try await uploader.upload("/upload", files: [])
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("请选择至少一个报告文件或 zip 压缩包。"))
            #expect(try store.counts().reports == 0)
            let script = try await uploader.get("/static/upload.js")
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("request.upload.addEventListener(\"progress\""))
        }
    }

    @Test("zip limits: too many entries, too much in all, an entry over 32 MB, a bomb; each refused in Chinese")
    func zipLimits() throws {
        let small = ZipFiles.Limits(maxEntries: 2, maxEntrySize: 1000, maxTotalSize: 1500, maxRatio: 10)
        let three = StoredZip.archive((1...3).map { (path: "\($0).txt", data: Data("x".utf8)) })
        #expect(throws: ZipFiles.Refusal.self) { try ZipFiles.files(in: three, limits: small) }
        do {
            _ = try ZipFiles.files(in: three, limits: small)
        } catch {
            #expect(error.message == "压缩包中有 3 个条目，超过 2 个的上限，未读取。")
        }
        let total = StoredZip.archive([
            (path: "a.txt", data: Data(count: 900)), (path: "b.txt", data: Data(count: 900)),
        ])
        do {
            _ = try ZipFiles.files(in: total, limits: small)
            Issue.record("not refused")
        } catch {
            #expect(error.message.contains("解压后超过 0 MB 的上限") || error.message.contains("压缩包解压后超过"))
        }
        let large = StoredZip.archive([(path: "a.txt", data: Data(count: 1200))])
        do {
            _ = try ZipFiles.files(in: large, limits: small)
            Issue.record("not refused")
        } catch {
            #expect(error.message.contains("「a.txt」解压后超过"))
        }
        let bomb = try Self.bomb(size: 4 << 20)
        do {
            _ = try ZipFiles.files(in: bomb)
            Issue.record("not refused")
        } catch {
            #expect(error.message.contains("压缩炸弹"))
        }
        let fine = try ZipFiles.files(in: StoredZip.archive([(path: "a/b.txt", data: Data("报告".utf8))]))
        #expect(fine == [ZipFiles.File(path: "a/b.txt", bytes: Data("报告".utf8))])
        // 「报告.txt」 in GBK, as zips made on Chinese Windows name their files; and in UTF-8.
        let gbk = StoredZip.archive(names: [
            (name: Data([0xB1, 0xA8, 0xB8, 0xE6]) + Data(".txt".utf8), data: Data("x".utf8)),
            (name: Data("目录/说明.txt".utf8), data: Data("y".utf8)),
        ])
        #expect(try ZipFiles.files(in: gbk).map(\.path) == ["报告.txt", "目录/说明.txt"])
    }
}
