// swift-tools-version: 6.1

import PackageDescription

// Benchmarks for Gongkai, kept in their own package so the root package's build and tests never fetch or build
// ordo-one/benchmark. Run with `swift package --disable-sandbox benchmark` from this folder (see README.md).
let package = Package(
    name: "GongkaiBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, so the products below do not depend on what the checkout's folder is called.
        .package(name: "Gongkai", path: ".."),
        // Only "MallocInterposer": naming the traits replaces the default set, which also holds "RuntimeInterposer".
        // On Linux with Swift 6.3 that trait pulls in ordo-one/swift-runtime-interposer, which this machine's
        // package mirror does not have; it only serves the ARC metrics (retain/release counts), unused here.
        // Pinned exactly because the trait names and what they pull in are specific to this release.
        .package(url: "https://github.com/ordo-one/benchmark.git", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "GongkaiBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GongkaiModel", package: "Gongkai"),
                .product(name: "GongkaiExtract", package: "Gongkai"),
                .product(name: "GongkaiRead", package: "Gongkai"),
                .product(name: "GongkaiCheck", package: "Gongkai"),
                .product(name: "GongkaiOutput", package: "Gongkai"),
                .product(name: "GongkaiScreen", package: "Gongkai"),
            ],
            path: "Benchmarks/GongkaiBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // The same work without the harness, for `valgrind --tool=callgrind` (see README.md). Not in a folder directly
        // under Benchmarks/, where the benchmark plugin would take it for a benchmark.
        .executableTarget(
            name: "GongkaiProfile",
            dependencies: [
                .product(name: "GongkaiModel", package: "Gongkai"),
                .product(name: "GongkaiRead", package: "Gongkai"),
                .product(name: "GongkaiCheck", package: "Gongkai"),
                .product(name: "GongkaiOutput", package: "Gongkai"),
            ],
            path: "Tools/GongkaiProfile"
        ),
    ]
)
