// swift-tools-version: 6.1

import PackageDescription

let package = Package(
    name: "GongkaiBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "GongkaiBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GongkaiModel", package: "main"),
                .product(name: "GongkaiExtract", package: "main"),
                .product(name: "GongkaiRead", package: "main"),
                .product(name: "GongkaiCheck", package: "main"),
            ],
            path: "Benchmarks/GongkaiBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        )
    ]
)
