import GongkaiExtract
import GongkaiModel

/// A line that reads as a numbered top-level heading: 「二、主动公开政府信息情况」, 「## 四、…」, 「第五部分 …」.
struct HeadingCandidate {
    var index: Int
    var number: Int
    var title: String
    var location: SourceLocation

    /// Names of 表三's top-level rows and groups, which look like headings but are not.
    static let tableRowNames = [
        "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "本年度办理结果", "结转下年度继续办理",
    ]

    static func find(_ lines: [ExtractedLine]) -> [HeadingCandidate] {
        lines.indices.compactMap { make(lines[$0], index: $0) }
    }

    static func make(_ line: ExtractedLine, index: Int) -> HeadingCandidate? {
        guard !line.isBlank, startsLikeHeading(line.text) else { return nil }
        let nonEmptyCount = line.cells.count { !$0.text.isEmpty }
        let firstNonEmpty = line.cells.first { !$0.text.isEmpty }
        if line.layout == .delimited, nonEmptyCount > 1 { return nil }
        let key = TitleReader.headingKey(line.text)
        guard key.scalarCount <= 44, let (number, title) = split(key) else { return nil }
        guard !title.isEmpty, !title.includes("。"), title.scalarCount <= 40 else { return nil }
        // 「三、本」…「年度办理结果」: a wrapped 表三 label, not a heading; also when it stands in its own cell
        // before the next label (「三、本年  （一）予以公开」).
        for name in tableRowNames where name.begins(with: title) || title.begins(with: name) { return nil }
        if nonEmptyCount > 1, let first = firstNonEmpty,
            let (_, cellTitle) = split(TitleReader.headingKey(first.text)),
            !cellTitle.isEmpty, tableRowNames.contains(where: { $0.begins(with: cellTitle) })
        {
            return nil
        }
        if title.unicodeScalars.contains(where: \.isASCIIDigitScalar), title.ends(with: "0") { return nil }
        let column = firstNonEmpty?.location.column ?? 1
        return HeadingCandidate(
            index: index,
            number: number,
            title: title,
            location: .text(line: line.number, column: column)
        )
    }

    /// Whether the text's first character that counts (after `#`, spaces and quotes) is 第 or a Chinese numeral: a
    /// cheap test that rules out most lines before their key is made.
    static func startsLikeHeading(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "#", " ", "\t", "*", "\u{3000}", "\u{A0}", "\"", "'", "“", "”", "‘", "’", "「", "」": continue
            default: return scalar == "第" || LabelSegment.isChineseDigit(scalar)
            }
        }
        return false
    }

    /// 「二、主动…」 → (2, 「主动…」); 「第二部分主动…」 → (2, 「主动…」).
    static func split(_ key: String) -> (Int, String)? {
        let scalars = Array(key.unicodeScalars)
        var start = 0
        var prefixed = false
        if scalars.first == "第" {
            start = 1
            prefixed = true
        }
        var end = start
        while end < scalars.count, LabelSegment.isChineseDigit(scalars[end]) { end += 1 }
        guard end > start, end < scalars.count, let number = LabelSegment.chineseValue(scalars[start..<end]) else {
            return nil
        }
        var titleStart = end
        if prefixed {
            guard scalars[end] == "部", end + 1 < scalars.count, scalars[end + 1] == "分" else { return nil }
            titleStart = end + 2
            if titleStart < scalars.count, [":", "、", "."].contains(scalars[titleStart]) { titleStart += 1 }
        } else {
            guard scalars[end] == "、" || scalars[end] == "." else { return nil }
            titleStart = end + 1
        }
        return (number, ScalarText.string(scalars[titleStart...]))
    }
}
