/// The list definitions of `word/numbering.xml`: abstract lists with their levels, and the numbered lists (`w:num`)
/// paragraphs refer to, with their start overrides.
struct WordNumbering: Sendable {
    struct Level: Sendable, Hashable {
        var start = 1
        var format = "decimal"
        /// `w:lvlText`: 「%1、」, 「（%1）」, 「%1.%2」.
        var text = ""
        /// `w:suff`: tab (the default), space or nothing between the number and the text.
        var suffix = "tab"
        /// `w:isLgl`: numbers of the levels above print in Arabic digits.
        var isLegal = false
    }

    struct List: Sendable, Hashable {
        var abstractID: String
        var startOverrides: [Int: Int] = [:]
        var levelOverrides: [Int: Level] = [:]
    }

    var abstracts: [String: [Int: Level]] = [:]
    var lists: [String: List] = [:]

    /// The level definition a paragraph of list `numID` at `level` uses.
    func level(_ numID: String, _ level: Int) -> Level? {
        guard let list = lists[numID] else { return nil }
        return list.levelOverrides[level] ?? abstracts[list.abstractID]?[level]
    }
}
