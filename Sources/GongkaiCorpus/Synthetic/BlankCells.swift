import GongkaiModel

/// Which cells of a figure set a report prints empty: a few here and there, every 法人或其他组织 column of 表三 (a
/// report that only counts 自然人), or the whole of 表四.
enum BlankCells: CaseIterable {
    case scattered
    case organisations
    case litigation

    static let organisationColumns: Set<String> = ["commercial", "research", "nonprofit", "legal", "other"]

    func apply(to figures: inout [FigureID: CellValue], using rng: inout SplitMix64) {
        for id in figures.keys.sorted() {
            let parts = id.rawValue.split(separator: ".")
            guard parts.count >= 3, let column = parts.last else { continue }
            let blank: Bool
            switch self {
            case .scattered: blank = rng.chance(8)
            case .organisations: blank = parts[0] == "t3" && Self.organisationColumns.contains(String(column))
            case .litigation: blank = parts[0] == "t4"
            }
            if blank { figures[id] = .blank }
        }
    }
}
