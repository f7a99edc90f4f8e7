import GongkaiExtract
import GongkaiModel

/// Finds the date printed at the foot of a report (「2024 年 1 月 18 日」, 「二〇二四年一月十八日」).
enum DateReader {
    /// How many non-blank lines at the end are searched.
    static let searchLines = 4

    static func read(_ lines: [ExtractedLine]) -> (date: CalendarDate, line: Int, location: SourceLocation)? {
        for line in lines.reversed().lazy.filter({ !$0.isBlank }).prefix(searchLines) {
            let key = LabelKey.make(line.text)
            guard key.scalarCount <= 30, let date = parse(key) else { continue }
            let column = line.cells.first?.location.column ?? 1
            return (date, line.number, .text(line: line.number, column: column))
        }
        return nil
    }

    /// A line that is a date, perhaps after a signature: 「青山区司法局2024年1月18日」.
    static func parse(_ key: String) -> CalendarDate? {
        let scalars = Array(key.unicodeScalars)
        guard let yearMark = scalars.firstIndex(of: "年"), let monthMark = scalars.firstIndex(of: "月"),
            let dayMark = scalars.lastIndex(where: { $0 == "日" || $0 == "号" }),
            yearMark < monthMark, monthMark < dayMark, dayMark == scalars.count - 1
        else { return nil }
        var yearStart = yearMark
        while yearStart > 0, isDigit(scalars[yearStart - 1]) { yearStart -= 1 }
        guard let year = number(scalars[yearStart..<yearMark], year: true),
            let month = number(scalars[(yearMark + 1)..<monthMark], year: false),
            let day = number(scalars[(monthMark + 1)..<dayMark], year: false)
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCIIDigitScalar || "〇零一二三四五六七八九".unicodeScalars.contains(scalar)
    }

    /// ASCII digits, digit-by-digit Chinese (「二〇二四」), or Chinese numerals (「十八」).
    static func number(_ scalars: ArraySlice<Unicode.Scalar>, year: Bool) -> Int? {
        let text = String(String.UnicodeScalarView(scalars))
        if let value = Int(text) { return value }
        let digitMap: [Unicode.Scalar: Int] = [
            "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        ]
        if year || !text.includes("十") {
            // A year has four digits, a month or a day two: a longer run is no date (and would not fit an integer).
            guard scalars.count <= 4 else { return nil }
            var value = 0
            for scalar in scalars {
                guard let digit = digitMap[scalar] else { return nil }
                value = value * 10 + digit
            }
            return scalars.isEmpty ? nil : value
        }
        return ChineseNumeral.value(Substring(text))
    }
}
