import Foundation
import GongkaiModel
import GongkaiRead

@testable import GongkaiCorpus

/// One case of a property test: the seed it was generated from, the figures, and the report text written for them.
struct GeneratedReport {
    static let agencies = [
        "灵宝市司法局", "漳州市司法局", "青山区司法局", "息县司法局", "淮安市自然资源和规划局", "洪泽区市场监督管理局",
        "鼓楼区人民政府办公室", "苏州市生态环境局",
    ]

    var seed: UInt64
    var writer: ReportTextWriter
    var figures: [FigureID: CellValue]
    var text: String

    /// Generates the figures, the agency, the year and the wrap widths from `seed` alone.
    init(
        template: ReportTemplate,
        layout: ReportTextWriter.Layout,
        magnitude: FigureSetGenerator.Magnitude,
        seed: UInt64
    ) {
        var rng = SplitMix64(seed: seed)
        let figures = FigureSetGenerator(template: template, magnitude: magnitude).generate(using: &rng)
        let years = template == .v2021 ? 2021...2024 : 2019...2020
        var writer = ReportTextWriter(
            template: template,
            agency: rng.pick(Self.agencies),
            year: rng.int(in: years),
            layout: layout
        )
        writer.wrapWidth = rng.int(in: 16...20)
        writer.stubWidth = rng.int(in: 3...5)
        self.seed = seed
        self.writer = writer
        self.figures = figures
        self.text = writer.write(figures)
    }

    /// A seed for case `index` of one layout, template and magnitude, spread so that neighbouring cases differ.
    static func seed(layout: ReportTextWriter.Layout, template: ReportTemplate, stream: UInt64, index: Int) -> UInt64 {
        let layoutIndex = UInt64(ReportTextWriter.Layout.allCases.firstIndex(of: layout) ?? 0)
        let templateIndex = UInt64(ReportTemplate.allCases.firstIndex(of: template) ?? 0)
        return 0x6A09_E667_F3BC_C908 ^ (layoutIndex << 56) ^ (templateIndex << 48) ^ (stream << 40) ^ UInt64(index)
    }

    var spec: TemplateSpec { writer.spec }

    func read() throws(ReadError) -> AnnualReport {
        try ReportReader.read(Data(text.utf8), name: "generated-\(writer.layout.rawValue).txt")
    }

    /// What a failure message shows: how to replay the case, and the whole text.
    var replay: String {
        "layout \(writer.layout.rawValue), template \(writer.template.rawValue), seed 0x\(String(seed, radix: 16))"
    }

    var dump: String { "\(replay)\n----- generated report -----\n\(text)----- end -----" }
}
