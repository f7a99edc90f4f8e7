import Foundation
import GongkaiExtract
import GongkaiModel

/// Finds the title line, the issuing body and the year reported on.
enum TitleReader {
    struct Result {
        var title: String?
        var titleLine: Int?
        var location: SourceLocation?
        var agency: String?
        var year: Int?
    }

    /// How many lines at the top of a report are searched for its title.
    static let searchLines = 40

    static func read(_ lines: [ExtractedLine]) -> Result {
        let top = lines.prefix(searchLines)
        for (position, line) in top.enumerated()
        where !line.isBlank && (line.text.includes("报") || line.text.includes("信息")) {
            // A title is at most 60 characters, with or without a next line: a longer line is a paragraph, and its
            // key need not be made.
            guard headingKeyLength(line.text) <= 60 else { continue }
            var key = headingKey(line.text)
            if !isTitle(key) {
                // A title that wraps inside a word: 「…政府信息公开工作年」 over 「度报告」.
                guard let next = top[(top.startIndex + position + 1)...].first(where: { !$0.isBlank }) else { continue }
                let nextKey = headingKey(next.text)
                guard nextKey.unicodeScalars.count <= 12, isTitle(key + nextKey) else { continue }
                key += nextKey
            }
            var (agency, year) = agencyAndYear(key)
            // A title broken over two lines: the agency on the line before.
            if agency == nil, let previous = top[..<(top.startIndex + position)].last(where: { !$0.isBlank }) {
                let previousKey = headingKey(previous.text)
                if previousKey.unicodeScalars.count <= 30, !previousKey.includes(","), !previousKey.includes(".") {
                    agency = clean(previousKey)
                }
            }
            let location = SourceLocation.text(line: line.number, column: line.cells.first?.location.column ?? 1)
            return Result(title: key, titleLine: line.number, location: location, agency: agency, year: year)
        }
        // No title line: the report names itself in its introduction (《…年度报告》).
        for line in top where line.text.includes("《") {
            let key = LabelKey.make(line.text)
            let utf8 = key.utf8
            // 《 and 》 are three bytes each in UTF-8.
            let mark = "《".utf8.count
            var searchStart = 0
            while let open = key.utf8Offset(of: "《", from: searchStart),
                let close = key.utf8Offset(of: "》", from: open + mark)
            {
                let start = utf8.index(utf8.startIndex, offsetBy: open + mark)
                let inner = String(key[start..<utf8.index(utf8.startIndex, offsetBy: close)])
                if isTitle(inner) {
                    let (agency, year) = agencyAndYear(inner)
                    return Result(title: nil, titleLine: nil, location: nil, agency: agency, year: year)
                }
                searchStart = close + mark
            }
        }
        return Result()
    }

    /// A line's key with markdown heading marks removed, and the label a saved web page puts before its title
    /// (「标题: …」).
    static func headingKey(_ text: String) -> String {
        let key = LabelKey.make(text.drop { $0 == "#" || $0 == " " })
        for label in metadataLabels where key.begins(with: label) {
            return String(key.dropFirst(label.count))
        }
        return key
    }

    /// Labels of a page's metadata that name its title, as crawlers and content systems print them (keys: ASCII colon).
    static let metadataLabels = ["标题:", "题名:", "文章标题:", "信息名称:", "名称:", "主题:", "文件名称:"]

    /// The length in scalars of `headingKey(text)` before a metadata label is taken off (so at least its length),
    /// counted without making it.
    static func headingKeyLength(_ text: String) -> Int {
        LabelKey.length(text.drop { $0 == "#" || $0 == " " })
    }

    static func isTitle(_ key: String) -> Bool {
        key.unicodeScalars.count <= 60 && (key.ends(with: "年度报告") || key.ends(with: "年报") || key.ends(with: "年度报告(全文)"))
            && key.includes("信息公开")
    }

    /// The agency (text before the year, or between the year and 「政府信息公开」) and the year of a title.
    static func agencyAndYear(_ title: String) -> (String?, Int?) {
        guard let (range, year) = yearMatch(title) else { return (nil, nil) }
        let before = clean(String(title[..<range.lowerBound]))
        if let before, !before.isEmpty { return (before, year) }
        let after = title[range.upperBound...]
        if let end = after.range(of: "政府信息公开") {
            let agency = clean(String(after[..<end.lowerBound]))
            if let agency, !agency.isEmpty { return (agency, year) }
        }
        return (nil, year)
    }

    /// The first 「2023年」 or 「2023年度」 in a key.
    static func yearMatch(_ key: String) -> (Range<String.Index>, Int)? {
        var index = key.startIndex
        while index < key.endIndex {
            guard let end = key.index(index, offsetBy: 5, limitedBy: key.endIndex) else { return nil }
            let digits = key[index..<key.index(index, offsetBy: 4)]
            if digits.allSatisfy(\.isASCIIDigit), key[key.index(index, offsetBy: 4)] == "年",
                let year = Int(digits), (1990...2100).contains(year),
                index == key.startIndex || !key[key.index(before: index)].isASCIIDigit
            {
                var upper = end
                if upper < key.endIndex, key[upper] == "度" { upper = key.index(after: upper) }
                return (index..<upper, year)
            }
            index = key.index(after: index)
        }
        return nil
    }

    /// Strips the wrappers titles put around an agency name.
    static func clean(_ text: String) -> String? {
        var result = Substring(text)
        for prefix in ["《", "关于", "("] where result.begins(with: prefix) { result = result.dropFirst(prefix.count) }
        while let last = result.last, last == "(" || last == "《" || last == "关" { result = result.dropLast() }
        if result.ends(with: "关于") { result = result.dropLast(2) }
        return result.isEmpty ? nil : String(result)
    }
}
