import Benchmark
import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead

/// One seed report, read into memory before any measurement starts.
struct Seed: Sendable {
    let name: String
    let data: Data
}

enum SeedError: Error, CustomStringConvertible {
    case missing(directory: String, found: [String])

    var description: String {
        switch self {
        case .missing(let directory, let found):
            "expected the five seed reports (*.txt) in \(directory), found \(found.count): \(found)"
        }
    }
}

/// `Tests/GongkaiTests/Fixtures/seeds`, found from this file's own path
/// (`Benchmarks/Benchmarks/GongkaiBenchmarks/GongkaiBenchmarks.swift`), so the benchmark runs from any directory.
let seedsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // GongkaiBenchmarks
    .deletingLastPathComponent()  // Benchmarks (targets)
    .deletingLastPathComponent()  // Benchmarks (package)
    .deletingLastPathComponent()  // the root package
    .appendingPathComponent("Tests/GongkaiTests/Fixtures/seeds", isDirectory: true)

/// The five seed reports, sorted by file name (000 … 004).
func loadSeeds() throws -> [Seed] {
    let names = try FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)
        .filter { $0.hasSuffix(".txt") }
        .sorted()
    guard names.count == 5 else { throw SeedError.missing(directory: seedsDirectory.path, found: names) }
    return try names.map { name in
        Seed(name: name, data: try Data(contentsOf: seedsDirectory.appendingPathComponent(name)))
    }
}

/// Reads and checks one report; the results go to `blackHole` so the optimizer cannot drop the work.
@inline(__always)
func readAndCheck(_ seed: Seed) throws {
    let report = try ReportReader.read(seed.data, name: seed.name)
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

let benchmarks: @Sendable () -> Void = {
    // Read outside every measured loop. A failure to load is reported by each benchmark as its error.
    let loaded = Result { try loadSeeds() }

    // One scaled iteration is one report, cycling through the five seeds, so with `.kilo` each measured
    // iteration reads and checks every seed 200 times, throughput is in thousands of reports per second, and
    // `--scale` shows wall clock, instructions and mallocs per report.
    Benchmark(
        "parse seeds",
        configuration: .init(metrics: metrics, scalingFactor: .kilo, maxDuration: .seconds(10))
    ) { benchmark in
        let seeds = try loaded.get()
        for index in benchmark.scaledIterations {
            try readAndCheck(seeds[index % seeds.count])
        }
    }

    // The slowest layout: wrapped whitespace. One scaled iteration is one read and check of seed 004.
    Benchmark(
        "parse seed 004",
        configuration: .init(metrics: metrics, scalingFactor: .kilo, maxDuration: .seconds(10))
    ) { benchmark in
        let seeds = try loaded.get()
        guard let seed = seeds.first(where: { $0.name.hasPrefix("004_") }) else {
            throw SeedError.missing(directory: seedsDirectory.path, found: seeds.map(\.name))
        }
        for _ in benchmark.scaledIterations {
            try readAndCheck(seed)
        }
    }
}
