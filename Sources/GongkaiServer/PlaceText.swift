import GongkaiModel

/// Where something stands in its source, as a clerk finds it: 「第27行第44列」 in a text file, 「表格2 第4行第3列」 in
/// a web page or Word file, 「第3页」 in a PDF. A line of a file without lines of its own (a web page, a Word file)
/// is a line of the text Gongkai read from it, and says so.
enum PlaceText {
    static func of(_ location: SourceLocation, ownLines: Bool = true) -> String? {
        if let table = location.table, let row = location.row, let cell = location.cell {
            return "表格\(table) 第\(row)行第\(cell)列"
        }
        if let page = location.page { return "第\(page)页" }
        return line(location.line, column: location.column).map { ownLines ? $0 : "读出的文本" + $0 }
    }

    static func line(_ line: Int?, column: Int?) -> String? {
        guard let line else { return nil }
        return "第\(line)行" + (column.map { "第\($0)列" } ?? "")
    }
}
