/// The list numbering paragraph styles carry (`w:style/w:pPr/w:numPr` in `word/styles.xml`), through `w:basedOn`.
struct WordStyles: Sendable {
    struct Style: Sendable, Hashable {
        var basedOn: String?
        var numID: String?
        var level: Int?
    }

    var styles: [String: Style] = [:]

    /// The list and level a paragraph of this style is numbered with, if any.
    func numbering(_ styleID: String) -> (numID: String, level: Int)? {
        var current: String? = styleID
        var seen: Set<String> = []
        var level: Int?
        while let id = current, !seen.contains(id), let style = styles[id] {
            seen.insert(id)
            if level == nil { level = style.level }
            if let numID = style.numID { return (numID, level ?? 0) }
            current = style.basedOn
        }
        return nil
    }
}
