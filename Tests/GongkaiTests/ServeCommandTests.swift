import Foundation
import GongkaiCorpus
import GongkaiServer
import GongkaiStore
import Testing

/// `gongkai serve`: the demonstration corpus, and the built binary serving it on a real port.
@Suite("gongkai serve")
struct ServeCommandTests {
    @Test("the demonstration corpus: 24 agencies in three cities over five years, three late, two never reported")
    func demoCorpus() throws {
        let folder = try StoreTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = Fixtures.url("seeds/001_2af83e509e4cbaa8.txt").path
        let (store, summary) = try DemoCorpus.make(in: folder, samples: [sample])
        #expect(summary.added == 24 * 5 - 3 + 1)
        #expect(summary.failed == 0)
        let counts = try store.counts()
        #expect(counts.currentReports == 118)
        #expect(counts.regions == 9)
        #expect(counts.crossYearFindings > 0)
        #expect(try store.missing(year: 2024, region: nil).count == 5)
        #expect(try store.missing(year: 2023, region: nil).map(\.name).allSatisfy { $0.hasSuffix("市场监督管理局") })
        #expect(try store.reportPage(ReportQuery(year: 2024, region: "漳州市")).total == 7)
        #expect(try store.reportPage(ReportQuery(year: 2020, template: "2019")).total == 24)
        let withErrors = try store.reportPage(ReportQuery(findings: .errors)).total
        #expect(withErrors > 5 && withErrors < 60, "\(withErrors)")
        // The sample 漳州市司法局 joins its city's region, beside the city's two districts' 司法局 over five years.
        let justice = try store.reportPage(ReportQuery(region: "漳州市", agencyText: "司法局", order: .agency, limit: 20))
        #expect(justice.total == 11)
        #expect(Set(justice.rows.map(\.agencyName)) == ["漳州市清清县司法局", "漳州市清河区司法局", "漳州市司法局"])
    }

    @Test("gongkai serve --demo: listens, serves its pages, and on SIGTERM stops with status 0 and removes its corpus")
    func serveDemo() throws {
        let folder = try StoreTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--demo", "--port", String(port)]
        // Run where there is no Examples folder, as a fresh binary would.
        process.currentDirectoryURL = folder
        let output = folder.appendingPathComponent("out.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var home: LoopbackHTTP.Response?
        let deadline = Date().addingTimeInterval(120)
        while home == nil, Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.25)
            home = LoopbackHTTP.get(port: port, path: "/")
        }
        let page = try #require(home)
        #expect(page.status == 200)
        #expect(page.head.contains("Content-Security-Policy: default-src 'self'"))
        #expect(page.body.contains("<strong>117</strong> 份现行报告"))
        let region = "%E6%BC%B3%E5%B7%9E%E5%B8%82"
        let filtered = try #require(LoopbackHTTP.get(port: port, path: "/reports?year=2024&region=\(region)"))
        #expect(filtered.body.contains("符合条件的现行报告 <strong>7</strong> 份"))
        let missing = try #require(LoopbackHTTP.get(port: port, path: "/missing"))
        #expect(missing.body.contains("2024年度缺少 <strong>5</strong> 个机关的报告。"))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let printed = try String(contentsOf: output, encoding: .utf8)
        #expect(printed.contains("演示报告库：117 份报告。"))
        #expect(printed.contains("Gongkai 网页服务：http://127.0.0.1:\(port)/"))
        // Served as with --public, with an administrator whose generated password is printed.
        let password = try #require(printed.range(of: "演示管理员：用户名 demo，密码 ").map { printed[$0.upperBound...] })
        #expect(password.prefix { $0 != "（" }.count == 16)
        let demo = try #require(printed.range(of: "正在生成演示报告库（").map { printed[$0.upperBound...] })
        let demoFolder = String(demo.prefix { $0 != "）" })
        #expect(demoFolder.contains("gongkai-demo-"))
        #expect(!FileManager.default.fileExists(atPath: demoFolder))
    }

    @Test("gongkai serve: no database, --demo with --db and a port out of range are refused")
    func serveRefuses() throws {
        let folder = try StoreTesting.temporaryFolder()
        let missing = try CLI.run(["serve", "--db", folder.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("gongkai: "))
        let both = try CLI.run(["serve", "--demo", "--db", "x.sqlite"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--demo 使用临时的演示报告库，不能与 --db 同用。"))
        let port = try CLI.run(["serve", "--port", "70000"])
        #expect(port.status == 64)
        #expect(port.stderr.contains("--port 应为 1 至 65535 之间的整数。"))
    }
}
