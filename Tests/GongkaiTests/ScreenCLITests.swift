import Foundation
import Testing

/// `gongkai screen` and the reminder `gongkai render` prints, on the built binary.
@Suite("gongkai screen")
struct ScreenCLITests {
    /// A scratch folder with the given files written into it.
    func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gongkai-screen-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder
    }

    @Test("exit 1 with one line per hit, 0 for a clean file or notices only, 2 for a file that cannot be read")
    func exitStatus() throws {
        let dir = try folder([
            "decision.txt": "行政处罚决定书\n当事人：张三，身份证号码：11010519491231002X\n联系电话：138 1234 5678\n",
            "clean.txt": "本机关全年主动公开信息120条，咨询电话：025-83456789。\n",
            "company.txt": "当事人：南京恒达贸易有限公司，统一社会信用代码：91350100M000100Y43\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let decision = dir.appendingPathComponent("decision.txt").path
        let found = try CLI.run(["screen", decision])
        #expect(found.status == 1)
        let lines = found.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("\(decision):2:5: 错误 [自然人姓名] 「张三」"))
        #expect(lines[1].hasPrefix("\(decision):2:14: 错误 [身份证号码] 「11010519491231002X」"))
        #expect(lines[1].hasSuffix("→ 遮盖为 1101**********002X"))
        #expect(lines[2].hasPrefix("\(decision):3:6: 错误 [手机号码] 「138 1234 5678」"))
        #expect(found.stderr.contains("错误 3 处，提示 0 处"))

        let clean = try CLI.run(["screen", dir.appendingPathComponent("clean.txt").path])
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)

        let company = try CLI.run(["screen", dir.appendingPathComponent("company.txt").path])
        #expect(company.status == 0)
        #expect(company.stdout.contains("提示 [统一社会信用代码] 「91350100M000100Y43」"))

        let missing = try CLI.run(["screen", dir.appendingPathComponent("none.txt").path, decision])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("文件不存在"))
        #expect(missing.stdout.contains("[身份证号码]"))
    }

    @Test("--format json writes each file's hits with kind, severity, place and suggestion")
    func json() throws {
        let dir = try folder(["notice.txt": "联系人：王伟，手机：13912345678。\n其它事项另行通知。\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("notice.txt").path
        let result = try CLI.run(["screen", "--format", "json", path])
        #expect(result.status == 1)
        let files = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files[0]["file"] as? String == path)
        let hits = try #require(files[0]["hits"] as? [[String: Any]])
        #expect(hits.map { $0["kind"] as? String } == ["mobile", "wording"])
        #expect(hits[0]["suggestion"] as? String == "139****5678")
        #expect(hits[0]["line"] as? Int == 1)
        #expect(hits[0]["column"] as? Int == 11)
        #expect(hits[1]["severity"] as? String == "error")
        #expect(hits[1]["suggestion"] as? String == "其他")
        #expect((hits[1]["basis"] as? String)?.isEmpty == false)
    }

    @Test("--words adds to and waives the built-in list; a malformed list stops with status 2")
    func words() throws {
        let dir = try folder([
            "text.txt": "其它事项由大数据局办理。\n",
            "waive.tsv": "其它\t-\n",
            "add.tsv": "大数据局\t数据局\t机构名称\t本市机构改革方案\n",
            "bad.tsv": "大数据局\t数据局\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("text.txt").path
        #expect(try CLI.run(["screen", text]).status == 1)
        #expect(try CLI.run(["screen", text, "--words", dir.appendingPathComponent("waive.tsv").path]).status == 0)
        let added = try CLI.run(["screen", text, "--words", dir.appendingPathComponent("add.tsv").path])
        #expect(added.status == 1)
        #expect(added.stdout.contains("[错敏词] 「大数据局」"))
        #expect(added.stdout.contains("（依据：本市机构改革方案）"))
        let bad = try CLI.run(["screen", text, "--words", dir.appendingPathComponent("bad.tsv").path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("第1行"))
    }

    @Test("HTML is screened through the extractor, with the extracted line's number")
    func html() throws {
        let dir = try folder([
            "page.html": "<html><body><p>行政许可决定书</p><p>申请人：李四</p><p>住址：南京市鼓楼区中山北路8号2栋301室</p></body></html>"
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("page.html").path
        let result = try CLI.run(["screen", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("[自然人姓名] 「李四」"))
        #expect(result.stdout.contains("[详细住址] 「南京市鼓楼区中山北路8号2栋301室」"))
        #expect(result.stdout.contains("遮盖为 南京市鼓楼区中山北路****"))
    }

    @Test("render lists the report's own hits on standard error and writes the report all the same")
    func render() throws {
        var text = try Fixtures.text("seeds/000_619992dd5b79419f.txt")
        let marker = "一、总体情况"
        let range = try #require(text.range(of: marker))
        text.replaceSubrange(range, with: marker + "\n如有疑问请联系经办人，手机13812345678，截止2023年底办结。")
        let dir = try folder(["report.txt": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("report.txt").path
        let result = try CLI.run(["render", path, "--to", "md"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("提醒：报告文字中有 2 处可能的个人信息或错敏词"))
        #expect(result.stderr.contains("[手机号码] 「13812345678」"))
        #expect(result.stderr.contains("[错敏词] 「截止」"))
        #expect(result.stdout.contains("13812345678"))
        let clean = try CLI.run(["render", Fixtures.url("seeds/000_619992dd5b79419f.txt").path, "--to", "md"])
        #expect(!clean.stderr.contains("提醒"))
    }

    @Test("render of a data file names the data file's own line and column")
    func renderDataFile() throws {
        let dir = try folder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("report.yaml").path
        #expect(try CLI.run(["new", "--year", "2025", "--agency", "某某市司法局", "-o", data]).status == 0)
        var yaml = try String(contentsOfFile: data, encoding: .utf8)
        let overview = "  overview: |\n"
        let range = try #require(yaml.range(of: overview))
        yaml.replaceSubrange(range, with: overview + "    如有疑问请联系经办人王伟，手机13812345678。\n")
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: data))
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("13812345678") }.map { $0 + 1 }
        let result = try CLI.run(["render", data, "--to", "md"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("\(data):\(line ?? 0):20: 错误 [手机号码] 「13812345678」"))
        #expect(result.stdout.contains("13812345678"))
    }
}
