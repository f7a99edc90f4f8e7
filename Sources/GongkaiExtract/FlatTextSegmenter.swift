/// Cuts a long line of text that holds a whole article — a web page saved as text by a crawler, with the narrative, the
/// headings and all three tables run together on one line — into the logical lines a report is printed in: sentences,
/// headings, and runs of table text. The cuts are where a reader sees a break even without a line break:
///
/// - after the end of a sentence (「。」「；」「！」「？」, and a closing quote after one);
/// - before a numbered heading or 表三 row (「二、」「十一、」) that follows white space, a sentence end, a colon, a
///   closing bracket or quote, or a value (「…申请数量801000081二、上年结转…」, 「…2895.90元三、…」), never one inside a
///   word (「统一、规范」);
/// - after the title of a numbered part when its text runs on (「一、总体情况2020年，…」): at a title the format names,
///   else at the first white space within a heading's length;
/// - before 表二's block headers (「第二十条第（一）项」) and before the words that open 表四's header (「行政复议」 after
///   the part's title), which start a table's lines in every layout.
///
/// Table cells run together inside a piece (「规章000行政规范性文件77132470」) are split later, into labels and values,
/// by the table reader. Only long lines are cut: a line of ordinary length is a paragraph or a row as printed.
public enum FlatTextSegmenter {
    /// Lines at least this long (in scalars) are cut; a paragraph of a report printed with line breaks is shorter.
    public static let minimumLength = 400

    /// Titles of the six parts as reports print them (the 2021 format's, the 2019 format's, and common variants),
    /// longest first so that the longest title that fits is taken.
    static let partTitles: [[Unicode.Scalar]] = [
        "总体情况", "概述", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况", "因政府信息公开申请行政复议、行政诉讼的情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进情况", "存在的主要问题和改进情况",
        "其他需要报告的事项",
    ]
    .map { Array($0.unicodeScalars) }
    .sorted { $0.count > $1.count }

    /// Words that open a table's header wherever the table is printed: 表二's block headers.
    static let tableOpenings: [[Unicode.Scalar]] = ["第二十条第"].map { Array($0.unicodeScalars) }

    /// The scalar offsets at which `line` is cut, in order; empty when the line is not cut.
    public static func cuts(_ line: some StringProtocol) -> [Int] {
        guard line.utf8.count >= minimumLength else { return [] }
        let scalars = Array(line.unicodeScalars)
        guard scalars.count >= minimumLength else { return [] }
        // A title's start is found looking back, so cuts are not made in order.
        var cuts = Set<Int>()
        // A long paragraph is left whole: only a line holding headings or tables is cut, at sentences too.
        var structural = false
        func cut(_ offset: Int) {
            if offset > 0, offset < scalars.count { cuts.insert(offset) }
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isSentenceEnd(scalar) {
                var end = index + 1
                while end < scalars.count, isClosing(scalars[end]) || isSentenceEnd(scalars[end]) { end += 1 }
                cut(end)
                index = end
                continue
            }
            if let markerEnd = headingMarkerEnd(scalars, at: index) {
                structural = true
                cut(index)
                if let titleEnd = partTitleEnd(scalars, from: markerEnd) {
                    cut(titleEnd)
                    // 表四's header follows its part's title directly: 「…行政诉讼情况行政复议行政诉讼结果维持…」.
                    index = titleEnd
                    continue
                }
                index = markerEnd
                continue
            }
            if matches(titleEnding, scalars, at: index), let start = titleStart(scalars, endingAt: index) {
                // A report's title standing between the page's breadcrumb and the article: 「当前位置：首页 > 年报
                // 某某局2023年政府信息公开工作年度报告 发布时间：…」.
                let end = index + titleEnding.count
                if end == scalars.count || scalars[end].properties.isWhitespace {
                    cut(start)
                    cut(end)
                }
                index = end
                continue
            }
            if let opening = tableOpenings.first(where: { matches($0, scalars, at: index) }) {
                if index > 0, scalars[index - 1] != "《", scalars[index - 1] != "“" {
                    structural = true
                    cut(index)
                }
                index += opening.count
                continue
            }
            index += 1
        }
        return structural ? cuts.sorted() : []
    }

    /// The end of 「二、」 or 「十一、」 at `index`, when it stands where a heading or a table row starts.
    static func headingMarkerEnd(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        guard isChineseNumeral(scalars[index]) else { return nil }
        if index > 0 {
            let previous = scalars[index - 1]
            guard
                previous.properties.isWhitespace || isSentenceEnd(previous) || isClosing(previous) || isDigit(previous)
                    || previous == ":" || previous == "：" || previous == "%" || previous == "）" || previous == ")"
                    || index > 1 && isUnit(previous) && isDigit(scalars[index - 2])
            else { return nil }
        }
        var end = index
        while end < scalars.count, end - index < 3, isChineseNumeral(scalars[end]) { end += 1 }
        guard end < scalars.count, scalars[end] == "、" else { return nil }
        return end + 1
    }

    static let titleEnding = Array("年度报告".unicodeScalars)

    /// Where a report's title ending at `end` starts: after the white space (other than beside a digit), 「>」 or colon
    /// before it, at most a title's length back, when the title names the disclosure work.
    static func titleStart(_ scalars: [Unicode.Scalar], endingAt end: Int) -> Int? {
        var index = end
        while index > 0, end - index < 50 {
            let previous = scalars[index - 1]
            // White space beside a digit is inside a title: 「灵宝市司法局 2023 年…」.
            if previous.properties.isWhitespace, index > 1,
                isDigit(scalars[index - 2]) || isDigit(scalars[index])
            {
                index -= 1
                continue
            }
            if previous.properties.isWhitespace || previous == ">" || previous == "》" || previous == "："
                || previous == ":" || previous == "】" || isSentenceEnd(previous)
            {
                break
            }
            if previous == "《" || previous == "“" { return nil }
            index -= 1
        }
        guard end - index >= 8, end - index < 50 else { return nil }
        let title = String(String.UnicodeScalarView(scalars[index..<end]))
        return title.contains("信息公开") ? index : nil
    }

    /// Where a part's title ends when the part's text runs on after it without a break.
    static func partTitleEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        if let title = partTitles.first(where: { matches($0, scalars, at: start) }) { return start + title.count }
        // Another title: up to white space within a heading's length.
        var index = start
        while index < scalars.count, index - start <= 30 {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace { return index }
            // A title holds no value and no sentence: digits here are a table row's (「四、结转下年度继续办理00」).
            if isSentenceEnd(scalar) || scalar == "，" || scalar == "," || isDigit(scalar) { return nil }
            index += 1
        }
        return nil
    }

    static func matches(_ word: [Unicode.Scalar], _ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + word.count <= scalars.count else { return false }
        for offset in word.indices where scalars[index + offset] != word[offset] { return false }
        return true
    }

    static func isSentenceEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "。" || scalar == "；" || scalar == "！" || scalar == "？"
    }

    static func isClosing(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "”" || scalar == "’" || scalar == "」" || scalar == "』" || scalar == "》" || scalar == "\""
    }

    /// A unit printed after a value (「73802895.90元」).
    static func isUnit(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "元" || scalar == "件" || scalar == "个" || scalar == "项" || scalar == "条"
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("０"..."９").contains(scalar)
    }

    static func isChineseNumeral(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": true
        default: false
        }
    }
}
