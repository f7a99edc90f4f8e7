import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiOutput
import GongkaiRead

// Reads and checks files in a loop, for profilers that count instructions (`valgrind --tool=callgrind`): no
// benchmark harness around the work, so every instruction counted is Gongkai's. See Benchmarks/README.md.
//
//   GongkaiProfile [--write json|jsonl|csv] [ITERATIONS] [FILE…]    default: 100 iterations over the five seeds
//
// With --write, each report is also written out as `gongkai parse --format …` writes it.

/// `Tests/GongkaiTests/Fixtures/seeds`, found from this file's path (`Benchmarks/Tools/GongkaiProfile/main.swift`).
let seedsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // GongkaiProfile
    .deletingLastPathComponent()  // Tools
    .deletingLastPathComponent()  // Benchmarks (package)
    .deletingLastPathComponent()  // the root package
    .appendingPathComponent("Tests/GongkaiTests/Fixtures/seeds", isDirectory: true)

var arguments = CommandLine.arguments.dropFirst()
var format: String?
if arguments.first == "--write", arguments.count >= 2 {
    format = arguments.dropFirst().first
    arguments = arguments.dropFirst(2)
    guard let format, ["json", "jsonl", "csv"].contains(format) else {
        FileHandle.standardError.write(Data("--write takes json, jsonl or csv\n".utf8))
        exit(2)
    }
}
var iterations = 100
if let first = arguments.first, let count = Int(first) {
    iterations = count
    arguments = arguments.dropFirst()
}
var paths = Array(arguments)
if paths.isEmpty {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)) ?? []
    paths = names.filter { $0.hasSuffix(".txt") }.sorted().map { seedsDirectory.appendingPathComponent($0).path }
}

var files: [(name: String, data: Data)] = []
for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(2)
    }
    files.append((URL(fileURLWithPath: path).lastPathComponent, data))
}

var findings = 0
var written = 0
for _ in 0..<iterations {
    for file in files {
        do {
            let report = try ReportReader.read(file.data, name: file.name)
            let checked = ReportChecker.check(report)
            findings += checked.count
            switch format {
            case "json": written += ReportJSON.arrayElement(report, findings: checked).count
            case "jsonl": written += ReportJSON.objectBytes(report, findings: checked, pretty: false).count
            case "csv":
                var bytes = ByteBuffer(capacity: 1 << 16)
                ReportCSV.appendRows(report, to: &bytes)
                written += bytes.count
            default: break
            }
        } catch {
            FileHandle.standardError.write(Data("\(file.name): \(error)\n".utf8))
            exit(2)
        }
    }
}
print("\(iterations * files.count) reports, \(findings) findings, \(written) bytes written")
