import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead

// Reads and checks files in a loop, for profilers that count instructions (`valgrind --tool=callgrind`): no
// benchmark harness around the work, so every instruction counted is Gongkai's. See Benchmarks/README.md.
//
//   GongkaiProfile [ITERATIONS] [FILE…]    default: 100 iterations over the five seed reports

/// `Tests/GongkaiTests/Fixtures/seeds`, found from this file's path (`Benchmarks/Tools/GongkaiProfile/main.swift`).
let seedsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // GongkaiProfile
    .deletingLastPathComponent()  // Tools
    .deletingLastPathComponent()  // Benchmarks (package)
    .deletingLastPathComponent()  // the root package
    .appendingPathComponent("Tests/GongkaiTests/Fixtures/seeds", isDirectory: true)

var arguments = CommandLine.arguments.dropFirst()
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
for _ in 0..<iterations {
    for file in files {
        do {
            let report = try ReportReader.read(file.data, name: file.name)
            findings += ReportChecker.check(report).count
        } catch {
            FileHandle.standardError.write(Data("\(file.name): \(error)\n".utf8))
            exit(2)
        }
    }
}
print("\(iterations * files.count) reports, \(findings) findings")
