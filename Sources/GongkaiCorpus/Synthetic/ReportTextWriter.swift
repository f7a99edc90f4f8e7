import Foundation
import GongkaiModel

/// Writes a complete plain-text annual report for a figure set: the title, the six parts with a short narrative, and
/// tables 二, 三 and 四 with the national labels (taken from ``NationalTemplates``), in one of the layouts real reports
/// arrive in.
struct ReportTextWriter {
    /// How the tables are printed.
    enum Layout: String, CaseIterable, Sendable {
        /// Tab-separated cells; 表三's label columns padded with empty cells (seeds 000 and 003).
        case tab
        /// HTML tables flattened to `a | b | c |`; cells spanning from an earlier row are left out (seed 001).
        case pipe
        /// Markdown tables: `| a | b |` rows, with a `|---|` row after each table's header.
        case markdownTable
        /// Space-separated words as PDF extraction prints them: long labels hard-wrapped, the values of a wrapped row
        /// split 6 + 1 over two lines, narrow header cells broken every two characters (seed 004).
        case wrapped
        /// Labels and values run together with no separator at all: 「一、本年新收政府信息公开申请数量731010883」.
        case flattened
    }

    /// One printed row of a table, in the forms the layouts need.
    struct TableLine {
        /// Every cell of the table grid, empty cells included.
        var grid: [String]
        /// The label cells an HTML table prints on this row: cells spanning from an earlier row are left out.
        var labels: [String]
        var values: [String]
        var isHeader: Bool

        static func header(_ labels: [String], grid: [String]) -> TableLine {
            TableLine(grid: grid, labels: labels, values: [], isHeader: true)
        }

        /// A header row whose labels fill the leftmost cells of the grid.
        static func header(_ labels: [String], width: Int) -> TableLine {
            header(labels, grid: padded(labels, to: width))
        }

        static func data(labels: [String], values: [String], grid: [String]) -> TableLine {
            TableLine(grid: grid, labels: labels, values: values, isHeader: false)
        }

        static func padded(_ cells: [String], to width: Int) -> [String] {
            cells + Array(repeating: "", count: max(0, width - cells.count))
        }
    }

    /// The note 表三's label block prints in its header.
    static let balanceNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

    var template: ReportTemplate
    var agency: String
    var year: Int
    var layout: Layout
    /// `.wrapped`: the width, in characters, at which long labels break.
    var wrapWidth = 18
    /// `.wrapped`: the width of the narrow stub column that holds group labels (「三、本」「年度办」「理结果」).
    var stubWidth = 3
    /// `.wrapped`: the width at which narrative paragraphs break.
    var paragraphWidth = 36

    var spec: TemplateSpec { NationalTemplates.spec(template) }

    var title: String { "\(agency)\(year)年政府信息公开工作年度报告" }

    // MARK: The report

    func write(_ figures: [FigureID: CellValue]) -> String {
        var lines: [String] = []
        func gap() {
            // Flattened HTML (seed 001) has no blank lines at all.
            if layout != .pipe { lines.append("") }
        }
        func paragraph(_ text: String) {
            lines += layout == .wrapped ? Self.wrap(text, width: paragraphWidth) : [text]
            gap()
        }
        func heading(_ kind: SectionKind) {
            let number = kind.number.map { ChineseNumeral.string($0) + "、" } ?? ""
            lines.append((layout == .markdownTable ? "## " : "") + number + kind.standardTitle)
            gap()
        }
        func table(_ kind: TableKind) {
            lines += render(kind, figures)
            gap()
        }

        lines.append((layout == .markdownTable ? "# " : "") + title)
        gap()
        paragraph(
            "本报告根据《中华人民共和国政府信息公开条例》和\(template.citation)规定的格式编制，"
                + "统计期限为\(year)年1月1日至\(year)年12月31日。"
        )

        heading(.overview)
        let overview = [
            ("（一）主动公开", "\(year)年，本机关依法主动公开政府信息，及时更新门户网站和政务新媒体栏目。"),
            ("（二）依申请公开", "本机关规范办理政府信息公开申请，在法定期限内答复申请人。"),
            ("（三）政府信息管理", "本机关做好规范性文件清理和公开前保密审查工作。"),
            ("（四）政府信息公开平台建设", "本机关持续完善门户网站政府信息公开专栏和政务新媒体平台。"),
            ("（五）监督保障", "本机关落实政府信息公开工作责任制，定期开展自查并及时整改。"),
        ]
        for (subheading, text) in overview {
            lines.append(subheading)
            paragraph(text)
        }

        heading(.proactive)
        paragraph("本机关主动公开政府信息情况如下表。")
        table(.two)

        heading(.applications)
        paragraph("本机关收到和处理政府信息公开申请情况如下表。")
        table(.three)

        heading(.litigation)
        paragraph("本机关政府信息公开行政复议、行政诉讼情况如下表。")
        table(.four)

        heading(.problems)
        paragraph("本机关政府信息公开工作仍存在信息更新不够及时、政策解读形式不够丰富等问题，下一步将加强业务培训和发布审核。")

        heading(.otherMatters)
        paragraph("本年度本机关未收取政府信息公开信息处理费，无其他需要报告的事项。")

        lines.append(agency)
        lines.append("\(year + 1)年1月20日")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Tables as rows

    func lines(_ kind: TableKind, _ figures: [FigureID: CellValue]) -> [TableLine] {
        switch kind {
        case .two: proactiveLines(figures)
        case .three: applicationLines(figures)
        case .four: litigationLines(figures)
        }
    }

    /// The printed values of a row, in column order.
    func values(_ row: RowSpec, _ figures: [FigureID: CellValue]) -> [String] {
        row.figureIDs.map { figures[$0]?.text ?? "" }
    }

    /// 表二: each block of 条例 art. 20 is headed by 「第二十条第（一）项」 and its own column header row.
    func proactiveLines(_ figures: [FigureID: CellValue]) -> [TableLine] {
        let width = 4
        var result: [TableLine] = []
        var block: Int?
        for row in spec.table(.two).rows {
            if let item = row.article20Item, item != block {
                block = item
                result.append(.header(["第二十条第（\(ChineseNumeral.string(item))）项"], width: width))
                result.append(.header(["信息内容"] + row.columns.map(\.label), width: width))
            }
            let cells = [row.label] + values(row, figures)
            result.append(
                .data(labels: [row.label], values: values(row, figures), grid: TableLine.padded(cells, to: width))
            )
        }
        return result
    }

    /// The group labels a 表三 row sits under, outermost first: 「三、本年度办理结果」, then 「（三）不予公开」.
    func groupPath(_ row: RowSpec, outer: RowGroupSpec?) -> [RowGroupSpec] {
        guard let group = row.group else { return [] }
        if case .numeral = group.marker { return [group] }
        return (outer.map { [$0] } ?? []) + [group]
    }

    /// 表三: three label columns (group, sub-group, item) and seven value columns, under three header rows.
    func applicationLines(_ figures: [FigureID: CellValue]) -> [TableLine] {
        let table = spec.table(.three)
        let columns = NationalTemplates.applicantColumns.map(\.label)
        let labelWidth = 3
        let width = labelWidth + columns.count
        guard let natural = columns.first, let total = columns.last else { return [] }
        let organisations = Array(columns.dropFirst().dropLast())
        var result: [TableLine] = [
            .header(
                [Self.balanceNote, "申请人情况"],
                grid: TableLine.padded([Self.balanceNote, "", "", "申请人情况"], to: width)
            ),
            .header(
                [natural, "法人或其他组织", total],
                grid: ["", "", "", natural, "法人或其他组织"] + Array(repeating: "", count: organisations.count - 1) + [total]
            ),
            .header(organisations, grid: ["", "", "", ""] + organisations + [""]),
        ]
        let outer = table.rows.compactMap(\.group).first {
            if case .numeral = $0.marker { true } else { false }
        }
        var started: Set<String> = []
        for row in table.rows {
            var labelCells = Array(repeating: "", count: labelWidth)
            var labels: [String] = []
            let path = groupPath(row, outer: outer)
            for (depth, group) in path.enumerated() where !started.contains(group.label) {
                started.insert(group.label)
                labelCells[depth] = group.label
                labels.append(group.label)
            }
            labelCells[min(path.count, labelWidth - 1)] = row.label
            labels.append(row.label)
            let rowValues = values(row, figures)
            result.append(.data(labels: labels, values: rowValues, grid: labelCells + rowValues))
        }
        return result
    }

    /// 表四: 行政复议 and the two 行政诉讼 groups side by side, five columns each, and one row of fifteen values.
    func litigationLines(_ figures: [FigureID: CellValue]) -> [TableLine] {
        let rows = spec.table(.four).rows
        let columns = NationalTemplates.litigationColumns.map(\.label)
        let width = rows.count * columns.count
        guard let review = rows.first else { return [] }
        let suits = Array(rows.dropFirst())
        let litigation = suits.first?.group?.label ?? ""
        let blanks = Array(repeating: "", count: columns.count - 1)
        let suitGrid = suits.flatMap { [$0.label] + blanks }
        let allValues = rows.flatMap { values($0, figures) }
        return [
            .header(
                [review.label, litigation],
                grid: TableLine.padded([review.label] + blanks + [litigation], to: width)
            ),
            .header(columns + suits.map(\.label), grid: columns + suitGrid),
            .header(
                suits.flatMap { _ in columns },
                grid: Array(repeating: "", count: columns.count) + suits.flatMap { _ in columns }
            ),
            .data(labels: [], values: allValues, grid: allValues),
        ]
    }

    // MARK: Rendering

    func render(_ kind: TableKind, _ figures: [FigureID: CellValue]) -> [String] {
        let rows = lines(kind, figures)
        switch layout {
        case .tab:
            return rows.map { $0.grid.joined(separator: "\t") }
        case .pipe:
            return rows.map { row in
                let cells = row.labels + row.values
                let padding = String(repeating: "|", count: max(0, row.grid.count - cells.count))
                let text = cells.map { "\($0) | " }.joined() + padding
                return String(text.reversed().drop { $0 == " " }.reversed())
            }
        case .markdownTable:
            var result: [String] = []
            var separated = false
            for row in rows {
                if !row.isHeader && !separated {
                    result.append("|" + String(repeating: "---|", count: row.grid.count))
                    separated = true
                }
                result.append("| " + row.grid.joined(separator: " | ") + " |")
            }
            return result
        case .flattened:
            return rows.map { ($0.labels + $0.values).joined() }
        case .wrapped:
            return wrapped(kind, rows)
        }
    }

    /// The table as PDF text extraction prints it (seed 004).
    func wrapped(_ kind: TableKind, _ rows: [TableLine]) -> [String] {
        var result: [String] = []
        /// A narrow header cell: a line every two characters, then a blank line.
        func narrow(_ label: String) {
            result += Self.wrap(label, width: 2)
            result.append("")
        }
        func line(_ cells: [String]) {
            result.append(cells.joined(separator: " "))
        }
        let headers = rows.filter(\.isHeader)
        let data = rows.filter { !$0.isHeader }
        switch kind {
        case .two:
            for row in rows {
                line(row.labels + row.values)
                if !row.values.isEmpty || row.labels.count > 1 { result.append("") }
            }
        case .three:
            // 「（本列数据…）」 wrapped, 「申请人情况」, then the narrow column headers: 「自然/人」, 「商业/企业」….
            for (index, row) in headers.enumerated() {
                for label in row.labels {
                    if label == Self.balanceNote {
                        result += Self.wrap(label, width: wrapWidth)
                        result.append("")
                    } else if index == 0 || label.count > 6 {
                        result += [label, ""]
                    } else {
                        narrow(label)
                    }
                }
            }
            for row in data {
                guard let label = row.labels.last else { continue }
                for group in row.labels.dropLast() {
                    result += Self.wrap(group, width: stubWidth)
                    result.append("")
                }
                let chunks = Self.wrap(label, width: wrapWidth)
                if chunks.count == 1 {
                    line([label] + row.values)
                } else {
                    // A long label pushes the values to the next lines, six and one.
                    result += chunks
                    result.append("")
                    line(Array(row.values.prefix(6)))
                    if row.values.count > 6 { line(Array(row.values.dropFirst(6))) }
                }
                result.append("")
            }
        case .four:
            // 「行政复议 行政诉讼」, the result columns two characters a line, the two 诉讼 groups on one line.
            let columnCount = NationalTemplates.litigationColumns.count
            for (index, row) in headers.enumerated() {
                if index == 0 {
                    line(row.labels)
                    result.append("")
                    continue
                }
                let narrowCount = index == 1 ? columnCount : row.labels.count
                for label in row.labels.prefix(narrowCount) { narrow(label) }
                if row.labels.count > narrowCount {
                    line(Array(row.labels.dropFirst(narrowCount)))
                    result.append("")
                }
            }
            for row in data { line(row.values) }
        }
        return result
    }

    /// Breaks a text into pieces of `width` characters, as a narrow PDF column does.
    static func wrap(_ text: String, width: Int) -> [String] {
        var chunks: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if current.count == width {
                chunks.append(current)
                current = ""
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }
}
