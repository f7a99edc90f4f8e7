import GongkaiModel

/// The tables of a web page or Word file drawn as the file lays them out — its rows and cells, merged cells spanning
/// what they cover, the grid's row and column numbers around them — so that a clerk sees a finding's cell in the
/// table it was printed in. Each cell has its own anchor (``anchor(table:row:column:)``), which a finding's place
/// links to; cells holding figures are marked with their ``CellState`` as the national tables mark them, and cells a
/// finding points at are outlined.
struct SourceTableView {
    /// The tables drawn: those holding figures or the places of findings.
    let tables: [SourceTable]

    /// The tables of a source to draw: a web page's or Word file's tables that hold a figure or a finding's place.
    init(source: SourceInfo, places: [SourceLocation?], figures: [FigureID: Figure]) {
        guard source.format == .html || source.format == .docx else {
            tables = []
            return
        }
        let numbers = Set((places + figures.values.map(\.location)).compactMap { $0?.table })
        tables = source.tables.filter { numbers.contains($0.number) && !$0.rows.isEmpty }
    }

    /// Where a finding stands in a table of the file: its own location when that is a table cell; for a finding
    /// without a location, the first of its cells that is in a table.
    static func place(_ finding: Finding, figures: [FigureID: Figure]) -> SourceLocation? {
        if let location = finding.location { return location.table != nil ? location : nil }
        return finding.figures.lazy.compactMap { figures[$0.id]?.location }.first { $0.table != nil }
    }

    /// `src-2-4-10`: the anchor of the cell at row 4, column 10 of the file's table 2.
    static func anchor(table: Int, row: Int, column: Int) -> String { "src-\(table)-\(row)-\(column)" }

    /// The drawn cell a location names: the one starting at its column, or else the merged cell covering it.
    func cell(at location: SourceLocation?) -> (table: Int, row: Int, column: Int)? {
        guard let location, let number = location.table, let rowNumber = location.row, let column = location.cell,
            let table = tables.first(where: { $0.number == number }),
            let row = table.rows.first(where: { $0.number == rowNumber })
        else { return nil }
        if row.cells.contains(where: { $0.column == column }) { return (number, rowNumber, column) }
        if let covering = row.cells.first(where: { $0.column <= column && column < $0.column + $0.columnSpan }) {
            return (number, rowNumber, covering.column)
        }
        return nil
    }

    /// The anchor of the drawn cell a location names.
    func anchor(of location: SourceLocation?) -> String? {
        cell(at: location).map { Self.anchor(table: $0.table, row: $0.row, column: $0.column) }
    }

    struct CellKey: Hashable {
        var table: Int
        var row: Int
        var column: Int
    }

    /// The tables, each under its heading; `findingPlaces` are the places of findings, whose cells are outlined.
    func html(figures: [FigureID: Figure], errorIDs: Set<FigureID>, findingPlaces: [SourceLocation?]) -> HTML {
        guard !tables.isEmpty else { return "" }
        var figureAt: [CellKey: Figure] = [:]
        for figure in figures.values.sorted(by: { $0.id.rawValue < $1.id.rawValue }) {
            guard let place = cell(at: figure.location) else { continue }
            let key = CellKey(table: place.table, row: place.row, column: place.column)
            if figureAt[key] == nil { figureAt[key] = figure }
        }
        let found = Set(
            findingPlaces.compactMap { cell(at: $0).map { CellKey(table: $0.table, row: $0.row, column: $0.column) } }
        )
        var html: HTML = """
            <h2 id="source-tables">原文中的表格</h2>
            <p class="lead">以下按文件原样的行和列画出载有数字或问题的表格（合并的单元格照原样合并）。\
            点击问题后的位置可跳到其单元格；被错误指出的单元格标红并带「!」，其他问题所指的单元格加虚线框。</p>

            """
        for table in tables {
            html += "<h3 id=\"source-table-\(table.number)\">原文表格\(table.number)</h3>\n"
            html +=
                "<div class=\"scroll source-table\">"
                + self.table(table, figureAt: figureAt, errorIDs: errorIDs, found: found) + "</div>\n"
        }
        return html
    }

    private func table(
        _ table: SourceTable,
        figureAt: [CellKey: Figure],
        errorIDs: Set<FigureID>,
        found: Set<CellKey>
    ) -> HTML {
        let columns = table.columnCount
        let numbers = table.rows.map(\.number)
        var html: HTML = """
            <table class="source" aria-label="原文表格\(table.number)">
            <thead><tr><th scope="col" class="corner">行＼列</th>
            """
        for column in 0..<columns { html += "<th scope=\"col\">\(column + 1)</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for (index, row) in table.rows.enumerated() {
            html += "<tr><th scope=\"row\">\(row.number)</th>"
            for cell in row.cells {
                let key = CellKey(table: table.number, row: row.number, column: cell.column)
                // A merged cell spans the rows drawn within its reach (rows without text are not drawn).
                let last = row.number + cell.rowSpan
                let rowSpan = numbers[index...].prefix { $0 < last }.count
                var attributes: HTML =
                    " id=\"\(Self.anchor(table: table.number, row: row.number, column: cell.column))\""
                if rowSpan > 1 { attributes += " rowspan=\"\(rowSpan)\"" }
                if cell.columnSpan > 1 { attributes += " colspan=\"\(cell.columnSpan)\"" }
                var classes: [String] = []
                var figureID: HTML = ""
                var title = "表格\(table.number) 第\(row.number)行第\(cell.column)列"
                if let figure = figureAt[key] {
                    let state = CellState(figure, namedByError: errorIDs.contains(figure.id))
                    classes += ["v", state.rawValue]
                    title = state.chinese + " · " + title
                    figureID = " data-figure=\"\(figure.id.rawValue)\""
                }
                if found.contains(key) { classes.append("found") }
                if !classes.isEmpty { attributes += " class=\"\(classes.joined(separator: " "))\"" }
                attributes += figureID
                html += "<td\(attributes) title=\"\(title)\">\(cell.text)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>"
    }
}
