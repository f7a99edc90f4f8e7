import GongkaiExtract
import GongkaiModel

/// Where tables 二, 三 and 四 start: the first line of each that a narrative would not contain.
struct TableAnchors {
    /// Line index of each table's first line.
    var start: [TableKind: Int]
    /// Each line's label key, or nil for a blank line and a line with 「。」 (narrative, never a table line).
    var lineKeys: [String?]

    var isEmpty: Bool { start.isEmpty }

    static func find(_ lines: [ExtractedLine]) -> TableAnchors {
        var start: [TableKind: Int] = [:]
        var keys: [String?] = []
        keys.reserveCapacity(lines.count)
        for line in lines {
            keys.append(line.isBlank || line.text.includes("。") ? nil : LabelKey.make(line.text))
        }
        func first(after floor: Int, where predicate: (String) -> Bool) -> Int? {
            var index = floor + 1
            while index < keys.count {
                if let key = keys[index], predicate(key) { return index }
                index += 1
            }
            return nil
        }
        // A line that starts with a table's header may run on into its rows (text with no line breaks).
        start[.two] =
            first(after: -1) { ($0.includes("第二十条第(") && $0.scalarCount <= 40) || $0.begins(with: "第二十条第(") }
            ?? first(after: -1) { $0.begins(with: "信息内容") && $0.scalarCount <= 60 }
        start[.three] = first(after: start[.two] ?? -1) {
            $0.includes("勾稽关系") || $0.includes("申请人情况") || $0.includes("本年新收政府信息公开申请数量")
        }
        start[.four] = first(after: start[.three] ?? start[.two] ?? -1) {
            ($0.includes("行政复议") && $0.scalarCount <= 40 && ($0.includes("行政诉讼") || $0.scalarCount <= 12))
                || ($0.begins(with: "行政复议") && $0.includes("行政诉讼") && $0.includes("结果维持"))
        }
        return TableAnchors(start: start.compactMapValues { $0 }, lineKeys: keys)
    }

    /// The line range of each table: from its anchor to the next anchor or the next heading, whichever is first. A
    /// heading that repeats the number of the part holding the table (「三、本」…「法提供」, a 表三 label a converter
    /// broke apart) cannot start the next part and does not end the table.
    func regions(lines: [ExtractedLine], headings: [HeadingCandidate]) -> [TableKind: Range<Int>] {
        var result: [TableKind: Range<Int>] = [:]
        let starts = start.values.sorted()
        for (kind, begin) in start {
            let nextAnchor = starts.first { $0 > begin } ?? lines.count
            let part = headings.last { $0.index <= begin }?.number
            let nextHeading = headings.first { $0.index > begin && $0.number != part }?.index ?? lines.count
            result[kind] = begin..<min(nextAnchor, nextHeading)
        }
        return result
    }
}
