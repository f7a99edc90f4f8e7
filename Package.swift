// swift-tools-version: 6.1

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Gongkai",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gongkai", targets: ["gongkai"]),
        .library(name: "GongkaiModel", targets: ["GongkaiModel"]),
        .library(name: "GongkaiScreen", targets: ["GongkaiScreen"]),
        .library(name: "GongkaiExtract", targets: ["GongkaiExtract"]),
        .library(name: "GongkaiRead", targets: ["GongkaiRead"]),
        .library(name: "GongkaiCheck", targets: ["GongkaiCheck"]),
        .library(name: "GongkaiOutput", targets: ["GongkaiOutput"]),
        .library(name: "GongkaiWrite", targets: ["GongkaiWrite"]),
        .library(name: "GongkaiTools", targets: ["GongkaiTools"]),
        .library(name: "GongkaiStore", targets: ["GongkaiStore"]),
        .library(name: "GongkaiCorpus", targets: ["GongkaiCorpus"]),
        .library(name: "GongkaiIsolation", targets: ["GongkaiIsolation"]),
        .library(name: "GongkaiForm", targets: ["GongkaiForm"]),
        .library(name: "GongkaiServer", targets: ["GongkaiServer"]),
        .library(name: "GongkaiRegister", targets: ["GongkaiRegister"]),
        .library(name: "GongkaiLedger", targets: ["GongkaiLedger"]),
        .library(name: "GongkaiPublish", targets: ["GongkaiPublish"]),
        .library(name: "GongkaiMail", targets: ["GongkaiMail"]),
    ],
    traits: [
        .trait(name: "Postgres", description: "The PostgreSQL corpus backend (PostgresNIO): --db postgres://…")
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", exact: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.14.0"),
    ],
    targets: [
        // Stage 0: the vocabulary — templates, figure ids, the annual report, findings. Foundation only.
        .target(name: "GongkaiModel", swiftSettings: swiftSettings),
        // Screening text before it is published: personal data (identity, phone, card and passport numbers with their
        // check digits, e-mail, home addresses, names in decisions) and wrong or sensitive wording (错敏词, the
        // built-in list Data/screening/words.tsv). Standard library only.
        .target(name: "GongkaiScreen", swiftSettings: swiftSettings),
        // The disclosure register: China's working days (holidays and 调休 make-up days, 2019–2026 built in), the
        // statute's deadlines counted in them, applications and their steps, fees, reviews and suits, documents, and
        // the year-end compile into a report's figures and data file; applications filed on the public page (checked
        // with GongkaiScreen's check digits) and the letters (告知书) sent to applicants. Foundation, GongkaiModel and
        // GongkaiScreen only.
        .target(
            name: "GongkaiRegister",
            dependencies: ["GongkaiModel", "GongkaiScreen"],
            swiftSettings: swiftSettings
        ),
        // Letters to applicants by e-mail: MIME messages (UTF-8 headers per RFC 2047, a Word attachment) sent to a local
        // SMTP relay without TLS. Foundation only.
        .target(name: "GongkaiMail", swiftSettings: swiftSettings),
        // Publishing proactive items (主动公开) through 三审: drafts, three levels of review by three different people,
        // screening before each step, publication dates that feed 表二. GongkaiRegister and GongkaiScreen only.
        .target(
            name: "GongkaiPublish",
            dependencies: ["GongkaiModel", "GongkaiRegister", "GongkaiScreen"],
            swiftSettings: swiftSettings
        ),
        // Starting programs without handing them this process's other open files (glibc's closefrom for posix_spawn).
        .target(name: "CSpawn"),
        // Programs of other packages run as subprocesses: poppler, Tesseract, LibreOffice. Foundation and CSpawn only.
        .target(name: "GongkaiTools", dependencies: ["CSpawn"], swiftSettings: swiftSettings),
        // libxml2's HTML and XML parsers (Debian libxml2-dev).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Stage 1: source bytes → extracted document (lines and cells with locations): text, HTML, Word (DOCX), PDF.
        .target(
            name: "GongkaiExtract",
            dependencies: [
                "GongkaiModel",
                "GongkaiTools",
                "CLibXML2",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // Stage 2: extracted document → annual report (typed figures with provenance).
        .target(name: "GongkaiRead", dependencies: ["GongkaiModel", "GongkaiExtract"], swiftSettings: swiftSettings),
        // Stage 3: annual report → findings; a report against last year's (cross-year rules).
        .target(name: "GongkaiCheck", dependencies: ["GongkaiModel"], swiftSettings: swiftSettings),
        // Stage 4: report and findings → JSON, CSV, terminal tables, diagnostics.
        .target(name: "GongkaiOutput", dependencies: ["GongkaiModel"], swiftSettings: swiftSettings),
        // Writing reports: a data file (YAML/JSON) or a parsed report → the national layout as HTML, Markdown, DOCX, PDF;
        // the register's letters to applicants (告知书) as DOCX.
        .target(
            name: "GongkaiWrite",
            dependencies: [
                "GongkaiModel",
                "GongkaiTools",
                "GongkaiExtract",
                "GongkaiRegister",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // Reading hostile files in worker processes: a crash or a runaway read costs that file only.
        .target(
            name: "GongkaiIsolation",
            dependencies: [
                "GongkaiModel", "GongkaiTools", "GongkaiExtract", "GongkaiRead", "GongkaiCheck", "GongkaiWrite",
                "GongkaiOutput",
            ],
            swiftSettings: swiftSettings
        ),
        // The corpus: reports, agencies, figures and findings in SQLite (GRDB) or, with the Postgres trait, in
        // PostgreSQL (PostgresNIO); runs the cross-year rules (GongkaiCheck) on each agency's consecutive years.
        .target(
            name: "GongkaiStore",
            dependencies: [
                "GongkaiModel",
                "GongkaiCheck",
                "GongkaiRegister",
                "GongkaiPublish",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
            ],
            swiftSettings: swiftSettings
        ),
        // The ledgers clerks already keep (登记台账, CSV or Excel) imported as the register's applications, every row
        // checked, nothing imported while any row is wrong.
        .target(
            name: "GongkaiLedger",
            dependencies: ["GongkaiModel", "GongkaiRegister", "GongkaiExtract"],
            swiftSettings: swiftSettings
        ),
        // Working with the corpus: ingest (parallel read and check, one writer), export, the year's review and 审核意见,
        // synthetic corpora and generated reports in every layout (written with GongkaiWrite).
        .target(
            name: "GongkaiCorpus",
            dependencies: [
                "GongkaiModel", "GongkaiExtract", "GongkaiRead", "GongkaiCheck", "GongkaiOutput", "GongkaiStore",
                "GongkaiIsolation", "GongkaiWrite", "GongkaiRegister",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // The forms browsers send (multipart/form-data), parsed from bytes the sender chose. Foundation only.
        .target(name: "GongkaiForm", swiftSettings: swiftSettings),
        // The web application: pages in Chinese and a JSON API over the corpus, reports checked in worker processes.
        .target(
            name: "GongkaiServer",
            dependencies: [
                "GongkaiForm", "GongkaiModel", "GongkaiExtract", "GongkaiOutput", "GongkaiWrite", "GongkaiStore",
                "GongkaiCorpus", "GongkaiPublish", "GongkaiScreen", "GongkaiRegister", "GongkaiCheck", "GongkaiMail",
                "GongkaiIsolation", "GongkaiTools", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "gongkai",
            dependencies: [
                "GongkaiModel", "GongkaiExtract", "GongkaiRead", "GongkaiCheck", "GongkaiOutput", "GongkaiWrite",
                "GongkaiStore", "GongkaiCorpus", "GongkaiIsolation", "GongkaiServer", "GongkaiRegister",
                "GongkaiScreen", "GongkaiLedger", "GongkaiPublish", "GongkaiMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GongkaiTests",
            dependencies: [
                "GongkaiModel", "GongkaiExtract", "GongkaiRead", "GongkaiCheck", "GongkaiOutput", "GongkaiWrite",
                "GongkaiStore", "GongkaiCorpus", "GongkaiTools", "GongkaiIsolation", "GongkaiServer", "GongkaiForm",
                "GongkaiRegister", "GongkaiLedger", "GongkaiScreen", "GongkaiPublish", "GongkaiMail",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
    ]
)
