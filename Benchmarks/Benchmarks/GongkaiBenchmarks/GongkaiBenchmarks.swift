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

/// A report takes milliseconds, so one measured iteration is already long enough to time: `scalingFactor: .one`
/// (the factor can only be a power of ten, and `.kilo` would make one sample last seconds). Wall clock in
/// microseconds and exact malloc counts keep the per-report figures readable.
func configuration() -> Benchmark.Configuration {
    .init(
        metrics: metrics,
        timeUnits: .microseconds,
        units: [.mallocCountTotal: .count],
        scalingFactor: .one,
        maxDuration: .seconds(5)
    )
}

let benchmarks: @Sendable () -> Void = {
    // Read outside every measured loop. A failure to load is reported by each benchmark as its error.
    let loaded = Result { try loadSeeds() }

    // One iteration reads and checks all five seeds: throughput is passes per second (reports per second / 5),
    // wall clock and mallocs are per five reports.
    Benchmark("parse seeds", configuration: configuration()) { benchmark in
        let seeds = try loaded.get()
        for _ in benchmark.scaledIterations {
            for seed in seeds {
                try readAndCheck(seed)
            }
        }
    }

    // The slowest layout: wrapped whitespace. One iteration is one report: throughput is reports per second.
    Benchmark("parse seed 004", configuration: configuration()) { benchmark in
        let seeds = try loaded.get()
        guard let seed = seeds.first(where: { $0.name.hasPrefix("004_") }) else {
            throw SeedError.missing(directory: seedsDirectory.path, found: seeds.map(\.name))
        }
        for _ in benchmark.scaledIterations {
            try readAndCheck(seed)
        }
    }
}
