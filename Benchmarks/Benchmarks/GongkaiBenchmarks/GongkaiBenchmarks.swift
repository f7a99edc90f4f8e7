import Benchmark
import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiOutput
import GongkaiRead
import GongkaiScreen

/// One report file, read into memory before any measurement starts.
struct SourceFile: Sendable {
    let name: String
    let data: Data
}

enum FixtureError: Error, CustomStringConvertible {
    case missing(directory: String, expected: [String], found: [String])

    var description: String {
        switch self {
        case .missing(let directory, let expected, let found):
            "expected \(expected) in \(directory), found \(found.count): \(found)"
        }
    }
}

/// `Tests/GongkaiTests/Fixtures`, found from this file's own path
/// (`Benchmarks/Benchmarks/GongkaiBenchmarks/GongkaiBenchmarks.swift`), so the benchmark runs from any directory.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // GongkaiBenchmarks
    .deletingLastPathComponent()  // Benchmarks (targets)
    .deletingLastPathComponent()  // Benchmarks (package)
    .deletingLastPathComponent()  // the root package
    .appendingPathComponent("Tests/GongkaiTests/Fixtures", isDirectory: true)

/// The files of a fixture folder whose names end in `suffix`, sorted by name; there must be `count` of them.
func loadFiles(_ folder: String, suffix: String, count: Int) throws -> [SourceFile] {
    let directory = fixturesDirectory.appendingPathComponent(folder, isDirectory: true)
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(suffix) }
        .sorted()
    guard names.count == count else {
        throw FixtureError.missing(directory: directory.path, expected: ["\(count) × *\(suffix)"], found: names)
    }
    return try names.map { try load(folder, $0) }
}

/// One fixture file.
func load(_ folder: String, _ name: String) throws -> SourceFile {
    let url = fixturesDirectory.appendingPathComponent(folder, isDirectory: true).appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else {
        throw FixtureError.missing(directory: url.deletingLastPathComponent().path, expected: [name], found: [])
    }
    return SourceFile(name: name, data: try Data(contentsOf: url))
}

/// Reads and checks one report; the results go to `blackHole` so the optimizer cannot drop the work.
@inline(__always)
func readAndCheck(_ file: SourceFile) throws {
    let report = try ReportReader.read(file.data, name: file.name)
    let findings = ReportChecker.check(report)
    blackHole(report)
    blackHole(findings)
}

let metrics: [BenchmarkMetric] = [
    .throughput,
    .wallClock,
    .instructions,
    .mallocCountTotal,
    .peakMemoryResident,
]

/// A report takes milliseconds, so one measured iteration is already long enough to time: `scalingFactor: .one`
/// (the factor can only be a power of ten, and `.kilo` would make one sample last seconds). Wall clock in
/// microseconds and exact malloc counts keep the per-report figures readable.
func configuration(maxDuration: Duration = .seconds(5)) -> Benchmark.Configuration {
    .init(
        metrics: metrics,
        timeUnits: .microseconds,
        units: [.mallocCountTotal: .count],
        scalingFactor: .one,
        maxDuration: maxDuration
    )
}

/// A benchmark that reads and checks every file of a group in one iteration. Failing to load the group is reported
/// as the benchmark's error.
func benchmarkGroup(_ name: String, _ files: Result<[SourceFile], any Error>, maxDuration: Duration = .seconds(5)) {
    Benchmark(name, configuration: configuration(maxDuration: maxDuration)) { benchmark in
        let files = try files.get()
        for _ in benchmark.scaledIterations {
            for file in files {
                try readAndCheck(file)
            }
        }
    }
}

/// The outputs `gongkai parse` writes for each report.
enum WrittenFormat: String, CaseIterable {
    case json, jsonl, csv

    /// One report written out; the bytes go to `blackHole`.
    @inline(__always)
    func write(_ report: AnnualReport, findings: [Finding]) {
        switch self {
        case .json: blackHole(ReportJSON.arrayElement(report, findings: findings))
        case .jsonl: blackHole(ReportJSON.objectBytes(report, findings: findings, pretty: false))
        case .csv:
            var bytes = ByteBuffer(capacity: 1 << 16)
            ReportCSV.appendRows(report, to: &bytes)
            blackHole(bytes.count)
        }
    }
}

/// A benchmark that writes the five seeds, read and checked before measuring, in one format per iteration.
func benchmarkWriting(_ format: WrittenFormat, _ seeds: Result<[SourceFile], any Error>) {
    let reports = Result {
        try seeds.get().map { file in
            let report = try ReportReader.read(file.data, name: file.name)
            return (report, ReportChecker.check(report))
        }
    }
    Benchmark("write \(format.rawValue) seeds", configuration: configuration()) { benchmark in
        let reports = try reports.get()
        for _ in benchmark.scaledIterations {
            for (report, findings) in reports { format.write(report, findings: findings) }
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    // Every file is read outside the measured loops.
    let seeds = Result { try loadFiles("seeds", suffix: ".txt", count: 5) }

    // One iteration reads and checks all five seeds: throughput is passes per second (reports per second / 5),
    // wall clock and mallocs are per five reports.
    benchmarkGroup("parse seeds", seeds)

    // The slowest text layout: wrapped whitespace. One iteration is one report: throughput is reports per second.
    let seed004 = Result { () throws -> [SourceFile] in
        let found = try seeds.get().filter { $0.name.hasPrefix("004_") }
        guard found.count == 1 else {
            throw FixtureError.missing(directory: "seeds", expected: ["004_*.txt"], found: found.map(\.name))
        }
        return found
    }
    benchmarkGroup("parse seed 004", seed004)

    // Web pages saved as text by a crawler: the whole article on one line, table cells run together (2 reports per
    // iteration).
    benchmarkGroup(
        "parse crawled",
        Result { try ["pingtan-2020.txt", "pingtan-2023.txt"].map { try load("real", $0) } }
    )

    // The seeds as HTML pages (5 reports per iteration).
    benchmarkGroup("parse html", Result { try loadFiles("rendered", suffix: ".html", count: 5) })

    // The seeds converted to Word by LibreOffice, and the blank national template (6 reports per iteration).
    benchmarkGroup(
        "parse docx",
        Result { try loadFiles("rendered", suffix: ".lo.docx", count: 5) + [load("real", "template-2021-blank.docx")] }
    )

    // Three published PDFs (3 reports per iteration). pdftotext runs as a subprocess, so instructions, mallocs and
    // peak memory count only this process: wall clock is the figure to read.
    benchmarkGroup(
        "parse pdf",
        Result { try ["hongze-2023.pdf", "hongze-2024.pdf", "huaian-2024.pdf"].map { try load("real", $0) } },
        maxDuration: .seconds(10)
    )

    // Writing what `gongkai parse --format json|jsonl|csv` prints for the five seeds, without reading them (5 reports
    // per iteration): the JSON array's element, the JSON Lines object, the long CSV rows.
    for format in WrittenFormat.allCases { benchmarkWriting(format, seeds) }

    // Screening 100 KB of text for personal data and wording (one iteration): the screening test set's 47 documents
    // (decisions, notices, replies dense with planted data, and documents full of numbers), repeated to 100 KB.
    let screeningText = Result { () throws -> String in
        let documents = try loadFiles("screening", suffix: ".txt", count: 47)
        let all = documents.map { String(decoding: $0.data, as: UTF8.self) }.joined(separator: "\n")
        var text = ""
        while text.utf8.count < 100_000 { text += all + "\n" }
        return String(decoding: text.utf8.prefix(100_000), as: UTF8.self)
    }
    Benchmark("screen 100 KB", configuration: configuration()) { benchmark in
        let text = try screeningText.get()
        _ = Screening.screen("")
        for _ in benchmark.scaledIterations { blackHole(Screening.screen(text)) }
    }
}
