// swift-tools-version: 6.1

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// libFuzzer targets for Gongkai's readers, kept in their own package so the root package's build and tests never
// build them. Build and run them with `scripts/fuzz` (see Docs/fuzzing.md): every target is built with
// `-sanitize=fuzzer`, and libFuzzer supplies `main`.
let package = Package(
    name: "GongkaiFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, so the products below do not depend on what the checkout's folder is called.
        .package(name: "Gongkai", path: "..")
    ],
    targets: [
        // libFuzzer's driver, declared for Swift.
        .target(name: "CLibFuzzer"),
        // What each target does with one input; Tests/GongkaiTests runs the kept inputs through the same file.
        .target(
            name: "FuzzEntries",
            dependencies: [
                "CLibFuzzer",
                .product(name: "GongkaiModel", package: "Gongkai"),
                .product(name: "GongkaiExtract", package: "Gongkai"),
                .product(name: "GongkaiForm", package: "Gongkai"),
                .product(name: "GongkaiRead", package: "Gongkai"),
                .product(name: "GongkaiCheck", package: "Gongkai"),
                .product(name: "GongkaiOutput", package: "Gongkai"),
                .product(name: "GongkaiWrite", package: "Gongkai"),
                .product(name: "GongkaiScreen", package: "Gongkai"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "FuzzText", dependencies: ["FuzzEntries"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzHTML", dependencies: ["FuzzEntries"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzDOCX", dependencies: ["FuzzEntries"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzPDFLayout", dependencies: ["FuzzEntries"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzData", dependencies: ["FuzzEntries"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzForm", dependencies: ["FuzzEntries"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzScreen", dependencies: ["FuzzEntries"], swiftSettings: swiftSettings),
    ]
)
