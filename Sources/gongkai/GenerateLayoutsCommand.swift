import ArgumentParser
import Foundation
import GongkaiCorpus

struct GenerateLayoutsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-layouts",
        abstract: "Write generated reports in every layout, each with its expected figures (for scoring the reader).",
        discussion: """
            For each layout, COUNT reports from random valid figure sets (and, with --from, one report for every \
            NAME.expected.json of that folder): OUT/NAME.<ext> beside OUT/NAME.expected.json, ready for \
            score-corpus. Reports on 2018 and earlier, which must be refused, go to OUT/pre2019/. The same seed \
            always gives the same files. Layouts: \(LayoutFamily.allCases.map(\.rawValue).joined(separator: ", ")).
            """,
        shouldDisplay: false
    )

    @Argument(help: "Where to write the files (created if needed).")
    var out: String

    @Option(help: "The seed; the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(help: "Reports per layout from random figure sets.")
    var count: Int = 20

    @Option(help: "Reports on 2018 and earlier per layout (written to OUT/pre2019/).")
    var legacyCount: Int = 2

    @Option(help: "Comma-separated layouts (default: all).")
    var layouts: String?

    @Option(help: "A folder of NAME.expected.json files whose figures are written in every layout too.")
    var from: String?

    func run() throws {
        let families = try selectedFamilies()
        let folder = URL(fileURLWithPath: out)
        let legacyFolder = folder.appendingPathComponent("pre2019")
        try FileManager.default.createDirectory(at: legacyFolder, withIntermediateDirectories: true)
        let sources = try loadSources()
        var written = 0
        for family in families {
            do {
                for index in 0..<count {
                    let seed = LayoutCase.seed(run: seed, family: family, legacy: false, index: index)
                    try write(LayoutCase.make(family: family, seed: seed, index: index), to: folder)
                    written += 1
                }
                for (offset, source) in sources.enumerated() {
                    let seed = LayoutCase.seed(run: seed, family: family, legacy: false, index: 10_000 + offset)
                    var generated = try LayoutCase.make(family: family, seed: seed, index: offset, source: source.1)
                    generated.name = "\(family.rawValue)-from-\(source.0)"
                    try write(generated, to: folder)
                    written += 1
                }
                for index in 0..<legacyCount {
                    let seed = LayoutCase.seed(run: seed, family: family, legacy: true, index: index)
                    try write(LayoutCase.make(family: family, seed: seed, index: index, legacy: true), to: legacyFolder)
                    written += 1
                }
            } catch {
                printError("gongkai: \(family.rawValue): \(error)（此版式已跳过）")
            }
        }
        print("\(written) 份报告写入 \(out)。")
    }

    func selectedFamilies() throws -> [LayoutFamily] {
        guard let layouts else { return LayoutFamily.allCases }
        return try layouts.split(separator: ",").map { name in
            guard let family = LayoutFamily(rawValue: String(name)) else {
                throw ValidationError(
                    "未知版式：\(name)。可用：\(LayoutFamily.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return family
        }
    }

    /// The figure sets of a folder's expected-figures files, by name.
    func loadSources() throws -> [(String, FigureSource)] {
        guard let from else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: from).filter { $0.hasSuffix(".expected.json") }
        return names.sorted().compactMap { name in
            let url = URL(fileURLWithPath: from).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                let source = FigureSource.load(expectedJSON: data)
            else { return nil }
            return (String(name.dropLast(".expected.json".count)), source)
        }
    }

    func write(_ generated: LayoutCase, to folder: URL) throws {
        try generated.bytes.write(to: folder.appendingPathComponent(generated.fileName))
        try Data(generated.expectedJSON.utf8).write(
            to: folder.appendingPathComponent("\(generated.name).expected.json")
        )
    }
}
