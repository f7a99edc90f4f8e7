import ArgumentParser
import Foundation
import GongkaiCorpus

struct GenerateCorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-corpus",
        abstract: "Write a synthetic corpus of text reports (for tests and benchmarks).",
        discussion: """
            AGENCIES agencies, each with a report for every year of --years, in every text layout, with figures \
            that agree from year to year and --errors percent of reports given an error (R2 or R6).
            """,
        shouldDisplay: false
    )

    @Option(help: "Where to write the files (created if needed).")
    var out: String

    @Option(help: "How many agencies.")
    var agencies: Int = 100

    @Option(help: "First and last year, as 2019-2024.")
    var years: String = "2021-2024"

    @Option(help: "Percent of reports with an error.")
    var errors: Int = 10

    @Option(help: "The seed; the same seed gives the same files.")
    var seed: UInt64 = 1

    func run() throws {
        let parts = years.split(separator: "-").compactMap { Int($0) }
        guard let first = parts.first, let last = parts.last, first <= last, first >= 2019 else {
            throw ValidationError("--years 应写成 2019-2024 这样的年份范围（2019 年或以后）。")
        }
        let corpus = SyntheticCorpus(agencies: agencies, years: first...last, errorPercent: errors, seed: seed)
        let count = try corpus.write(to: URL(fileURLWithPath: out))
        print("\(count) 份报告写入 \(out)。")
    }
}
