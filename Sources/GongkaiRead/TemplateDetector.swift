import GongkaiExtract
import GongkaiModel

/// Tells which national format a report follows from what it prints: 表二's column headers first, then 表三's
/// （六） rows, then the format's document number; failing all, the format required for the year.
enum TemplateDetector {
    static let markers2021 = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"]
    static let markers2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量", "本年增/减"]
    static let rows2021 = ["逾期不补正", "逾期未按收费通知"]
    /// Every marker above contains one of these: a line without any is not counted against each marker.
    static let markerParts = ["数", "金额", "增/减", "逾期"]

    /// `keys` are the lines' label keys where already made (``TableAnchors/lineKeys``).
    static func detect(
        lines: [ExtractedLine],
        keys: [String?],
        regions: [TableKind: Range<Int>],
        year: Int?
    ) -> ReportTemplate {
        func key(_ index: Int) -> String { keys[index] ?? LabelKey.make(lines[index].text) }
        var votes2021 = 0
        var votes2019 = 0
        for kind in [TableKind.two, .three] {
            guard let region = regions[kind] else { continue }
            for index in region {
                let key = key(index)
                guard key.includesAny(of: markerParts) else { continue }
                votes2021 += key.countIncluded(of: markers2021)
                votes2019 += key.countIncluded(of: markers2019)
                if kind == .three { votes2021 += key.countIncluded(of: rows2021) }
            }
        }
        if votes2021 != votes2019 { return votes2021 > votes2019 ? .v2021 : .v2019 }
        for index in lines.indices.prefix(TitleReader.searchLines) {
            let key = key(index)
            if key.includes("2021)30号") { return .v2021 }
            if key.includes("2019)60号") { return .v2019 }
        }
        return year.flatMap(ReportTemplate.required(forYear:)) ?? .v2021
    }
}
