import GongkaiModel
import GongkaiWrite

/// Tables 二, 三 and 四 of a report in the national layout (the format's merged header and label cells), each value
/// cell marked with its ``CellState`` and carrying its figure id.
enum NationalTables {
    static func html(figures: [FigureID: Figure], template: ReportTemplate?, errorIDs: Set<FigureID>) -> HTML {
        let template = template ?? .v2021
        let spec = NationalTemplates.spec(template)
        var html: HTML = legend
        for kind in TableKind.allCases {
            let tableSpec = spec.table(kind)
            let ids = Set((tableSpec.rows + tableSpec.variantRows).flatMap(\.figureIDs))
            html += "<h3 id=\"table-\(kind.rawValue)\">\(kind.name) \(kind.title)</h3>\n"
            guard ids.contains(where: { figures[$0] != nil }) else {
                html += "<p class=\"error-box\">报告中没有找到\(kind.name)。</p>\n"
                continue
            }
            let grid = TableGrid.make(kind, template: template, figures: figures.mapValues(\.value))
            html += "<div class=\"scroll\">" + table(grid, figures: figures, errorIDs: errorIDs) + "</div>\n"
        }
        return html
    }

    static let legend: HTML = """
        <ul class="legend" aria-label="单元格标记">
        <li><span class="swatch ok">12</span>无误</li>
        <li><span class="swatch error">12 !</span>有错误（被错误指出的单元格）</li>
        <li><span class="swatch blank">空</span>空白（未填或填「/」等）</li>
        <li><span class="swatch unknown">?</span>无法确定或未印出</li>
        </ul>

        """

    static func table(_ grid: TableGrid, figures: [FigureID: Figure], errorIDs: Set<FigureID>) -> HTML {
        var html: HTML = "<table class=\"national t\(grid.kind.rawValue)\">\n"
        for row in 0..<grid.rowCount {
            if row == 0 && grid.headerRowCount > 0 { html += "<thead>\n" }
            if row == grid.headerRowCount && grid.headerRowCount > 0 { html += "<tbody>\n" }
            var cells: [HTML] = []
            for cell in grid.cells(inRow: row) {
                var attributes: HTML = ""
                if cell.rowSpan > 1 { attributes += " rowspan=\"\(cell.rowSpan)\"" }
                if cell.columnSpan > 1 { attributes += " colspan=\"\(cell.columnSpan)\"" }
                switch cell.role {
                case .header:
                    let block: HTML = grid.isBlockHeader(cell) ? " class=\"block\"" : ""
                    cells.append("<th\(attributes)\(block)>\(cell.text)</th>")
                case .label:
                    cells.append("<td\(attributes) class=\"label\">\(cell.text)</td>")
                case .value:
                    guard let id = cell.figure else {
                        cells.append("<td\(attributes)></td>")
                        continue
                    }
                    let figure = figures[id]
                    let state = CellState(figure, namedByError: errorIDs.contains(id))
                    var title = state.chinese
                    if figure == nil { title = "报告未印出此格" }
                    if let place = figure?.location.flatMap({ PlaceText.of($0) }) { title += " · " + place }
                    cells.append(
                        """
                        <td\(attributes) class="v \(state.rawValue)" data-figure="\(id.rawValue)" \
                        title="\(title)">\(CellState.shown(figure))</td>
                        """
                    )
                }
            }
            html += "<tr>\(cells)</tr>\n"
            if row == grid.headerRowCount - 1 { html += "</thead>\n" }
        }
        if grid.headerRowCount > 0 && grid.rowCount > grid.headerRowCount { html += "</tbody>\n" }
        return html + "</table>"
    }
}
