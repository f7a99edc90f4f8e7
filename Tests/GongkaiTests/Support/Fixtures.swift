import Foundation
import GongkaiCheck
import GongkaiModel
import GongkaiRead

/// The test fixtures folder, found from this source file so tests run from any working directory.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let seedNames = [
        "000_619992dd5b79419f", "001_2af83e509e4cbaa8", "002_a03528d1c919b0a1", "003_15a2a8efa849601b",
        "004_f1816cae11eb24f4",
    ]

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    static func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }

    /// Reads a fixture file as a report.
    static func report(_ path: String) throws -> AnnualReport {
        try ReportReader.read(try data(path), name: path)
    }

    /// Reads report text written in a test.
    static func report(text: String, name: String = "test.txt") throws -> AnnualReport {
        try ReportReader.read(Data(text.utf8), name: name)
    }

    static func expected(_ name: String) throws -> ExpectedFigures {
        try JSONDecoder().decode(ExpectedFigures.self, from: try data(name))
    }
}

/// An `*.expected.json` file of the shared corpus.
struct ExpectedFigures: Decodable {
    var agency: String?
    var year: Int?
    var template: String
    var figures: [String: Decimal?]
    var unknown: [String]?
}
