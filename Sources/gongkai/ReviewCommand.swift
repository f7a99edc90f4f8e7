import ArgumentParser
import Foundation
import GongkaiCorpus
import GongkaiModel
import GongkaiOutput
import GongkaiStore

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a year: agencies ranked by errors and warnings, late and missing reports, and 审核意见.",
        discussion: """
            The current reports on the year (in the region and below it, with --region) ranked by their errors, \
            then their warnings (cross-year ones included), late reports marked; then the agencies of the region \
            tree with no report and the files that could not be read. --opinions DIR writes one 审核意见 per report: \
            its findings in Chinese, numbered under 错误, 需要核实的问题 and 提示, ready to print and send back.

            Exit status: 0, or 2 when the region is not known or the database cannot be used.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv
    }

    @Option(help: "The year.")
    var year: Int

    @Option(help: "Only agencies in this region (code or name) or below it.")
    var region: String?

    @Option(name: .shortAndLong, help: "Output format: text (a ranked table) or csv (one row per report).")
    var format: Format = .text

    @Option(help: "A folder to write each report's 审核意见 into, one text file per agency.")
    var opinions: String?

    @Option(help: "The reviewing office, signed under each 审核意见 (default: a blank to fill in).")
    var reviewer: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.open(readOnly: true)
        if let region {
            guard try storeRequest({ try store.region(region) }) != nil else {
                printError("gongkai: \(StoreError.regionNotFound(region))")
                throw ExitCode(2)
            }
        }
        let review = try storeRequest { try Review.build(store: store, year: year, region: region) }
        switch format {
        case .text: print(review.text, terminator: "")
        case .csv: print(review.csv, terminator: "")
        }
        guard let opinions else { return }
        do {
            try FileManager.default.createDirectory(atPath: opinions, withIntermediateDirectories: true)
            for entry in review.entries {
                let path = (opinions as NSString).appendingPathComponent(Review.opinionFileName(entry))
                try Data(Review.opinion(entry, reviewer: reviewer).utf8).write(
                    to: URL(fileURLWithPath: path),
                    options: .atomic
                )
            }
        } catch {
            printError("gongkai: \(opinions): 无法写入审核意见（\(error.localizedDescription)）。")
            throw ExitCode(2)
        }
        printError("gongkai: 已在 \(opinions) 写入 \(review.entries.count) 份审核意见。")
    }
}
