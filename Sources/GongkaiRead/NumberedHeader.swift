import Foundation
import GongkaiExtract
import GongkaiModel

/// The header a converter gives a Markdown table whose columns it could not name: one word and the columns' numbers
/// (「| 项目 | 数据1 | 数据2 | 数据3 |」 above 「|---|---|---|---|」). Its numbers count the columns; they are not values,
/// and the row is not a row of the table.
enum NumberedHeader {
    /// `lines` without numbered column-name headers. A header is the line just before a separator row, once page
    /// numbers are taken out (a page break may fall between the two): ``TableLines/content(_:)`` calls it last.
    static func removed(from lines: ArraySlice<ExtractedLine>) -> ArraySlice<ExtractedLine> {
        let headers = lines.indices.filter { index in
            index + 1 < lines.endIndex && lines[index + 1].layout == .separator && isNumberedHeader(lines[index])
        }
        guard !headers.isEmpty else { return lines }
        let dropped = Set(headers)
        return ArraySlice(lines.indices.filter { !dropped.contains($0) }.map { lines[$0] })
    }

    /// A delimited row whose numbered cells are one word followed by 1, 2, 3 … in order (「数据1」「数据2」, 「列 1」
    /// 「列 2」), at least two of them, and whose other cells print no digit (「项目」).
    static func isNumberedHeader(_ line: ExtractedLine) -> Bool {
        guard line.layout == .delimited else { return false }
        var word: String?
        var count = 0
        for cell in line.cells {
            let scalars = Array(cell.text.unicodeScalars)
            var digitStart = scalars.count
            while digitStart > 0, scalars[digitStart - 1].isASCIIDigitScalar { digitStart -= 1 }
            if digitStart == scalars.count {
                if scalars.contains(where: \.isASCIIDigitScalar) { return false }
                continue
            }
            let name = ScalarText.string(scalars[..<digitStart]).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.unicodeScalars.contains(where: \.isASCIIDigitScalar),
                word == nil || word == name,
                Int(ScalarText.string(scalars[digitStart...])) == count + 1
            else { return false }
            word = name
            count += 1
        }
        return count >= 2
    }
}
