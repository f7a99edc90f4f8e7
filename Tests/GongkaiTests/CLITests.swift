import Foundation
import Testing

/// The built `gongkai` binary end to end: output and exit status.
@Suite("gongkai command line")
struct CLITests {
    let seed000 = Fixtures.url("seeds/000_619992dd5b79419f.txt").path
    let seed001 = Fixtures.url("seeds/001_2af83e509e4cbaa8.txt").path

    @Test("check exits 0 for a clean report and 1 when it finds errors")
    func checkStatus() throws {
        let clean = try CLI.run(["check", seed000])
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("灵宝市司法局 2023年度 2021年格式 — 0 个错误，0 个警告，0 个提示"))

        let faulty = try CLI.run(["check", seed001])
        #expect(faulty.status == 1)
        #expect(faulty.stdout.contains("\(seed001):27:44: 错误 [R2] 表三「一、本年新收政府信息公开申请数量」行：总计为0，但自然人至其他六类申请人合计为1（自然人1）。"))
        #expect(faulty.stdout.contains("表三 收到和处理政府信息公开申请情况"))
        // The source line and a caret under the 总计 cell.
        let lines = faulty.stdout.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains(":27:44:") })
        #expect(lines[index + 1].hasPrefix(" 27 | "))
        let caretLine = lines[index + 2]
        let caret = try #require(caretLine.firstIndex(of: "^"))
        #expect(character(in: lines[index + 1], atDisplayColumn: width(caretLine[..<caret])) == "0")
    }

    /// Terminal columns of a string (CJK characters take two).
    func width(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            let wide = (0x2E80...0x9FFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
            return sum + (wide ? 2 : 1)
        }
    }

    func character(in line: String, atDisplayColumn column: Int) -> Character? {
        var position = 0
        for character in line {
            if position == column { return character }
            position += width(Substring(String(character)))
        }
        return nil
    }

    @Test("check --level error shows only errors")
    func checkLevel() throws {
        let result = try CLI.run(["check", "--level", "error", seed001])
        #expect(!result.stdout.contains("提示 [label-variant]"))
        #expect(result.stdout.contains("错误 [R2]"))
    }

    @Test("parse --format json prints the figures in the shared JSON conventions")
    func parseJSON() throws {
        let result = try CLI.run(["parse", "--format", "json", seed001])
        #expect(result.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let object = try #require(array.first)
        #expect(object["schemaVersion"] as? Int == 2)
        #expect(object["agency"] as? String == "漳州市司法局")
        #expect(object["year"] as? Int == 2023)
        #expect(object["template"] as? String == "2021")
        let figures = try #require(object["figures"] as? [String: Any])
        #expect(figures.count == 197)
        #expect(figures["t2.licensing.decisions"] as? Int == 262)
        #expect(figures["t3.received.total"] as? Int == 0)
        #expect(figures["t2.rules.issued"] == nil)
        let provenance = try #require(object["provenance"] as? [String: [String: Any]])
        #expect(provenance["t2.licensing.decisions"]?["line"] as? Int == 15)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["code"] as? String == "R2" }.count == 3)
        #expect(findings.allSatisfy { $0["message"] is String && $0["severity"] is String && $0["figures"] is [Any] })
    }

    @Test("parse --format jsonl prints one object per line, csv one figure per row")
    func parseOtherFormats() throws {
        let jsonl = try CLI.run(["parse", "--format", "jsonl", seed000, seed001])
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }

        let csv = try CLI.run(["parse", "--format", "csv", seed000])
        let rows = csv.stdout.split(separator: "\n")
        #expect(
            rows.first
                == """
                report_id,agency_id,agency,region_code,region,year,version,report_status,template,file,figure_id,\
                table_name,row_label,column_label,value,state,printed,source_line,source_column
                """
        )
        #expect(rows.count == 1 + 200)
        #expect(rows.contains { $0.contains(",t2.licensing.decisions,表二,行政许可,本年处理决定数量,28,value,28,") })

        let text = try CLI.run(["parse", "--format", "text", seed000])
        #expect(text.stdout.contains("表三 收到和处理政府信息公开申请情况"))
        #expect(text.stdout.contains("行政许可"))
    }

    @Test(
        "bad input gets one clear sentence and exit 2",
        arguments: [
            ("bad/empty.txt", "文件为空"),
            ("bad/binary.bin", "二进制"),
            ("bad/invalid-bytes.txt", "无法按 UTF-8、UTF-16 或 GB18030"),
            ("bad/not-a-report.txt", "未识别为政府信息公开工作年度报告"),
            ("bad/pre-2019.txt", "2019年以前的旧格式"),
            ("does-not-exist.txt", "文件不存在"),
        ]
    )
    func badInput(_ file: String, _ phrase: String) throws {
        for command in ["check", "parse"] {
            let result = try CLI.run([command, Fixtures.url(file).path])
            #expect(result.status == 2, "\(command) \(file)")
            #expect(result.stderr.contains(phrase), "\(command) \(file): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("a 200 MB file is refused before it is read")
    func hugeFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-huge-\(UUID().uuidString).txt")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("某某局2023年政府信息公开工作年度报告\n".utf8)))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 200 * 1_048_576)
        try handle.close()
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try CLI.run(["check", url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("文件过大（200 MB）"))
    }

    @Test("a PDF is recognised by its bytes, whatever its name")
    func pdfByContent() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-\(UUID().uuidString).txt")
        try Fixtures.data("real/hongze-2024.pdf").write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try CLI.run(["parse", url.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"format\": \"pdf\""), "\(result.stdout.prefix(400))")
        #expect(result.stdout.contains("洪泽区人民政府"))
    }

    @Test("check FOLDER checks every report in it, as ingest finds them, and ends with a total line")
    func checkFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gongkai-folder-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("sub"),
            withIntermediateDirectories: true
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: seed000, toPath: folder.appendingPathComponent("a.txt").path)
        try FileManager.default.copyItem(atPath: seed001, toPath: folder.appendingPathComponent("sub/b.txt").path)
        try Data("not a report at all".utf8).write(to: folder.appendingPathComponent("c.txt"))
        try Data("ignored".utf8).write(to: folder.appendingPathComponent("notes.rtf"))
        let result = try CLI.run(["check", folder.path])
        #expect(result.status == 2)
        // Each report by the folder's name as given, in order; the unreadable one on standard error.
        let a = try #require(result.stdout.range(of: "\(folder.path)/a.txt: 灵宝市司法局"))
        let b = try #require(result.stdout.range(of: "\(folder.path)/sub/b.txt: "))
        #expect(a.lowerBound < b.lowerBound)
        #expect(result.stderr.contains("\(folder.path)/c.txt: "))
        #expect(!result.stdout.contains("notes.rtf") && !result.stderr.contains("notes.rtf"))
        // The total line adds up the files' own summary lines.
        var errors = 0
        var warnings = 0
        for line in result.stdout.split(separator: "\n") where line.contains(" 个错误，") && line.contains(" — ") {
            let counts = line.split(separator: "— ").last?.split(separator: "，").compactMap {
                Int($0.prefix { $0.isNumber })
            }
            errors += counts?.first ?? 0
            warnings += counts?.dropFirst().first ?? 0
        }
        #expect(errors > 0)
        #expect(
            result.stdout.hasSuffix(
                "\n共 3 个文件：1 个有错误，0 个只有警告，1 个没有错误和警告，1 个无法读取；共 \(errors) 个错误，\(warnings) 个警告。\n"
            ),
            "\(result.stdout)"
        )
        // parse reads a folder the same way.
        let parsed = try CLI.run(["parse", folder.path, "--format", "jsonl"])
        #expect(parsed.status == 2)
        #expect(parsed.stdout.split(separator: "\n").count == 2)

        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try CLI.run(["check", empty.path])
        #expect(none.status == 2)
        #expect(none.stderr.contains("文件夹中没有报告文件"))
    }

    @Test("standard input is read with -")
    func standardInput() throws {
        let result = try CLI.run(["check", "-"], stdin: try Fixtures.data("seeds/003_15a2a8efa849601b.txt"))
        #expect(result.status == 0)
        #expect(result.stdout.contains("<stdin>: 青山区司法局 2023年度"))
    }

    @Test(
        "a wrong command line gets its message in Chinese and exit status 64",
        arguments: [
            (["check", "--bogus", "x"], "错误：没有选项 --bogus"),
            (["check", "--level", "foo", "x"], "错误：--level <level> 的值「foo」无效，应为 error、warning、notice 之一。"),
            (["parse"], "错误：缺少参数"),
            (["chek"], "错误：多余的参数「chek」"),
            (["check", "x", "--jobs", "0"], "错误：--jobs 至少为 1。"),
            (["new", "--agency", "甲"], "错误：请用 --year 指定年度"),
        ]
    )
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("用法：gongkai"))
        #expect(!result.stderr.contains("Error:") && !result.stderr.contains("Usage:"))
    }

    @Test("--help describes the commands")
    func help() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("parse"))
        #expect(result.stdout.contains("check"))
        let check = try CLI.run(["check", "--help"])
        #expect(check.stdout.contains("Exit status: 0 when no file has errors, 1 when errors were found, 2 when"))
        #expect(result.stdout.replacingOccurrences(of: "\n", with: " ").contains("64 the command line itself is wrong"))
        // Every format is read, and no default is printed twice.
        for command in ["check", "parse", "ingest", "export", "render", "new", "show", "review"] {
            let help = try CLI.run([command, "--help"]).stdout
            #expect(!help.contains("plain text or Markdown"), "\(command)")
            #expect(help.components(separatedBy: "(default").count <= help.components(separatedBy: "--").count)
            #expect(
                !help.contains(")\n                          (default:") && !help.contains("). (default:"),
                "\(command)"
            )
        }
    }
}
