public import Foundation
import GongkaiModel
public import GongkaiStore
import ZIPFoundation

/// The corpus as an Excel workbook (SpreadsheetML), for a supervisor or a researcher:
/// - 汇总: one row per report — agency, region, year, version, format, publication date, errors, warnings, notices,
///   late — ranked by year, then errors and warnings; with a year and a region tree, the agencies with no report too;
/// - one sheet per table and format (表二 and 表三 differ between the 2021 and 2019 formats; 表四 is one): one row per
///   report, one column per cell, under two header rows that read like the national table — the row's label over its
///   columns, then each column's label;
/// - 问题 (every finding), 无法读取 (files that could not be read, when there are any) and 说明 (what the marks mean).
///
/// Numbers are numbers. A cell the report prints empty is left empty on a grey ground; a cell whose value cannot be
/// determined is left empty on a yellow ground, so that sums over a column are never broken by text. Header rows are
/// frozen, with the agency's column. Strings are inline, so the package needs no shared-string table; it opens in
/// Excel, WPS and LibreOffice.
public enum CorpusWorkbook {
    /// Why a workbook could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The columns before the figures on every table sheet, with their widths.
    static let leadColumns: [(label: String, width: Int)] = [
        ("机关", 30), ("地区", 12), ("地区代码", 12), ("年度", 7), ("版本", 6), ("状态", 8), ("文件", 36),
    ]

    /// One table sheet: a table of one format, its cells in template order grouped by row.
    struct TableSheet {
        var name: String
        var kind: TableKind
        /// The formats whose reports go on the sheet.
        var templates: Set<ReportTemplate>
        var rows: [(label: String, cells: [(id: FigureID, label: String)])]
        var writer = SheetWriter()

        init(kind: TableKind, template: ReportTemplate?) {
            self.kind = kind
            let format = template ?? .v2021
            templates = template.map { [$0] } ?? [.v2021, .v2019]
            name = template.map { "\(kind.name)（\($0.rawValue)年格式）" } ?? kind.name
            let spec = NationalTemplates.spec(format).table(kind)
            rows = (spec.rows + spec.variantRows).map { row in
                (
                    kind == .three ? row.fullLabel : row.name,
                    zip(row.figureIDs, row.columns).map { ($0, $1.label) }
                )
            }
        }

        /// The two header rows, merged where a label spans cells, and the widths of the columns.
        mutating func writeHeader() {
            var first: [Cell] = CorpusWorkbook.leadColumns.map { .header($0.label) }
            var second: [Cell] = CorpusWorkbook.leadColumns.map { _ in .header("") }
            var column = CorpusWorkbook.leadColumns.count
            for index in CorpusWorkbook.leadColumns.indices { writer.merge(row: 1, column: index, rows: 2, columns: 1) }
            writer.widths = CorpusWorkbook.leadColumns.map(\.width)
            for row in rows {
                if row.cells.count == 1 {
                    first.append(.header(row.label))
                    second.append(.header(row.cells[0].label))
                } else {
                    first += [.header(row.label)] + Array(repeating: .header(""), count: row.cells.count - 1)
                    second += row.cells.map { .header($0.label) }
                    writer.merge(row: 1, column: column, rows: 1, columns: row.cells.count)
                }
                writer.widths += row.cells.map { _ in 10 }
                column += row.cells.count
            }
            writer.row(first)
            writer.row(second)
            writer.frozen = (rows: 2, columns: 1)
        }
    }

    public static func render(store: any ReportStore, filter: ReportFilter) throws -> Data {
        var tables = [
            TableSheet(kind: .two, template: .v2021), TableSheet(kind: .three, template: .v2021),
            TableSheet(kind: .four, template: nil), TableSheet(kind: .two, template: .v2019),
            TableSheet(kind: .three, template: .v2019),
        ]
        for index in tables.indices { tables[index].writeHeader() }
        var findings = SheetWriter()
        findings.row(["机关", "年度", "版本", "代码", "严重程度", "范围", "表", "说明", "行", "列"].map(Cell.header))
        findings.widths = [30, 7, 6, 14, 9, 8, 6, 90, 6, 6]
        findings.frozen = (rows: 1, columns: 1)
        var summaries: [SummaryRow] = []
        var used = Set<String>()
        try store.forEachReport(filter) { stored in
            let record = stored.record
            let template = stored.template ?? .v2021
            let lead: [Cell] = [
                .text(stored.agency.name), .text(stored.region?.name ?? ""), .text(stored.agency.regionCode ?? ""),
                .number(String(record.year)), .number(String(record.version)),
                .text(record.status == .current ? "现行" : "已被替换"), .text(record.sourcePath),
            ]
            for index in tables.indices where tables[index].templates.contains(template) {
                used.insert(tables[index].name)
                let cells = tables[index].rows.flatMap(\.cells).map { cell -> Cell in
                    switch stored.figures[cell.id]?.value {
                    case .integer(let value): .number(String(value))
                    case .decimal(let value): .number(value.description)
                    case .blank: .blank
                    case .unknown: .unknown
                    case nil: .empty
                    }
                }
                tables[index].writer.row(lead + cells)
            }
            for finding in stored.findings {
                findings.row([
                    .text(stored.agency.name), .number(String(record.year)), .number(String(record.version)),
                    .text(finding.code), .text(Severity(rawValue: finding.severity)?.chinese ?? finding.severity),
                    .text(finding.scope == .crossYear ? "跨年度" : "本报告"),
                    .text(finding.tableNo.flatMap(TableKind.init(rawValue:))?.name ?? ""), .text(finding.message),
                    finding.line.map { .number(String($0)) } ?? .empty,
                    finding.col.map { .number(String($0)) } ?? .empty,
                ])
            }
            summaries.append(SummaryRow(stored))
        }
        var names = ["汇总"]
        var bodies = [try summarySheet(summaries, store: store, filter: filter).xml]
        for table in tables where used.contains(table.name) || table.templates.contains(.v2021) {
            names.append(table.name)
            bodies.append(table.writer.xml)
        }
        names.append("问题")
        bodies.append(findings.xml)
        let failures = try store.failures()
        if !failures.isEmpty {
            var sheet = SheetWriter()
            sheet.row([.header("文件"), .header("原因")])
            for failure in failures { sheet.row([.text(failure.sourcePath), .text(failure.reason)]) }
            sheet.widths = [60, 80]
            sheet.frozen = (rows: 1, columns: 0)
            names.append("无法读取")
            bodies.append(sheet.xml)
        }
        names.append("说明")
        bodies.append(legend().xml)
        return try package(names: names, sheets: bodies)
    }

    /// One report on the 汇总 sheet.
    struct SummaryRow {
        var agency: String
        var region: String
        var regionCode: String
        var year: Int
        var version: Int
        var current: Bool
        var template: String
        var published: String
        var errors: Int
        var warnings: Int
        var notices: Int
        var late: Bool
        var path: String

        init(_ stored: StoredReport) {
            let record = stored.record
            agency = stored.agency.name
            region = stored.region?.name ?? ""
            regionCode = stored.agency.regionCode ?? ""
            year = record.year
            version = record.version
            current = record.status == .current
            template = record.template.map { "\($0)年格式" } ?? "未识别"
            published = record.publicationDate ?? ""
            (errors, warnings, notices, late) = Review.counts(stored)
            path = record.sourcePath
        }
    }

    /// 汇总: the reports ranked (latest year first, then most errors and warnings), then, for a year with a region
    /// tree, the agencies with no report.
    static func summarySheet(_ rows: [SummaryRow], store: any ReportStore, filter: ReportFilter) throws -> SheetWriter {
        var sheet = SheetWriter()
        let headers = [
            ("机关", 30), ("地区", 12), ("地区代码", 12), ("年度", 7), ("版本", 6), ("状态", 10), ("格式", 11),
            ("发布日期", 12), ("错误", 6), ("警告", 6), ("提示", 6), ("逾期", 6), ("文件", 40),
        ]
        sheet.row(headers.map { .header($0.0) })
        sheet.widths = headers.map(\.1)
        sheet.frozen = (rows: 1, columns: 1)
        let ranked = rows.sorted {
            ($1.year, $1.errors, $1.warnings, $0.agency, $0.version)
                < ($0.year, $0.errors, $0.warnings, $1.agency, $1.version)
        }
        for row in ranked {
            sheet.row([
                .text(row.agency), .text(row.region), .text(row.regionCode), .number(String(row.year)),
                .number(String(row.version)), .text(row.current ? "现行" : "已被替换"), .text(row.template),
                .text(row.published), .number(String(row.errors)), .number(String(row.warnings)),
                .number(String(row.notices)), .text(row.late ? "逾期" : ""), .text(row.path),
            ])
        }
        if let year = filter.year, try store.hasRegions() {
            for agency in try Review.missing(in: store, year: year, region: filter.region) {
                sheet.row([
                    .text(agency.agency), .text(agency.region ?? ""), .text(agency.regionCode ?? ""),
                    .number(String(year)), .empty, .text("缺少报告"),
                ])
            }
        }
        return sheet
    }

    /// 说明: what the sheets hold and what the marks mean.
    static func legend() -> SheetWriter {
        var sheet = SheetWriter()
        sheet.widths = [16, 100]
        let lines: [(Cell, Cell)] = [
            (.header("工作表"), .header("内容")),
            (.text("汇总"), .text("每份报告一行：错误、警告、提示的个数和是否逾期发布；按年度、错误数、警告数排列。指定年度且已导入地区名录时，列出缺少报告的机关。")),
            (.text("表二、表三"), .text("2021年格式和2019年格式的报告分列在各自的工作表中（两种格式的表二、表三不同）；表四两种格式相同。")),
            (.text("问题"), .text("每份报告的全部问题（错误、警告、提示），含跨年度检查的结果。")),
            (.text("无法读取"), .text("无法读取、未能归入任何机关的文件及原因。")),
            (.blank, .text("灰底空白：报告中该单元格印为空白或「/」「-」等，没有数字。")),
            (.unknown, .text("黄底空白：无法从报告中确定该单元格的数值（如数字粘连、行缺数）；求和时不计入。")),
        ]
        for (first, second) in lines { sheet.row([first, second]) }
        return sheet
    }

    enum Cell {
        case text(String)
        /// A number written as the report printed it (`12`, `0.35`).
        case number(String)
        /// A header cell: bold, centred, wrapped.
        case header(String)
        /// Printed empty (or 「/」): no value, on a grey ground.
        case blank
        /// A value that cannot be determined: no value, on a yellow ground.
        case unknown
        case empty
    }

    /// One worksheet's XML, built row by row.
    struct SheetWriter {
        var rows: [String] = []
        var merges: [String] = []
        /// Column widths in characters, from the first column.
        var widths: [Int] = []
        /// Rows and columns kept in view while scrolling.
        var frozen: (rows: Int, columns: Int) = (1, 0)

        /// Cells merged: `row` 1-based, `column` 0-based.
        mutating func merge(row: Int, column: Int, rows: Int, columns: Int) {
            guard rows > 1 || columns > 1 else { return }
            let from = CorpusWorkbook.column(column) + String(row)
            let to = CorpusWorkbook.column(column + columns - 1) + String(row + rows - 1)
            merges.append("<mergeCell ref=\"\(from):\(to)\"/>")
        }

        mutating func row(_ cells: [Cell]) {
            let number = rows.count + 1
            var xml = "<row r=\"\(number)\">"
            for (index, cell) in cells.enumerated() {
                let reference = CorpusWorkbook.column(index) + String(number)
                switch cell {
                case .text(let text):
                    xml +=
                        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                        + CorpusWorkbook.escape(text) + "</t></is></c>"
                case .header(let text):
                    xml +=
                        "<c r=\"\(reference)\" t=\"inlineStr\" s=\"1\"><is><t xml:space=\"preserve\">"
                        + CorpusWorkbook.escape(text) + "</t></is></c>"
                case .number(let text):
                    xml += "<c r=\"\(reference)\"><v>\(text)</v></c>"
                case .blank:
                    xml += "<c r=\"\(reference)\" s=\"3\"/>"
                case .unknown:
                    xml += "<c r=\"\(reference)\" s=\"2\"/>"
                case .empty:
                    continue
                }
            }
            rows.append(xml + "</row>")
        }

        var xml: String {
            let split =
                (frozen.columns > 0 ? "xSplit=\"\(frozen.columns)\" " : "")
                + (frozen.rows > 0 ? "ySplit=\"\(frozen.rows)\" " : "")
            let pane =
                frozen.rows > 0 && frozen.columns > 0
                ? "bottomRight" : frozen.rows > 0 ? "bottomLeft" : "topRight"
            let topLeft = CorpusWorkbook.column(frozen.columns) + String(frozen.rows + 1)
            let columns = widths.enumerated().map { index, width in
                "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="\(CorpusWorkbook.mainNamespace)">\
                <sheetViews><sheetView workbookViewId="0"><pane \(split)topLeftCell="\(topLeft)" \
                activePane="\(pane)" state="frozen"/></sheetView></sheetViews>\
                \(columns.isEmpty ? "" : "<cols>\(columns.joined())</cols>")\
                <sheetData>\(rows.joined())</sheetData>\
                \(merges.isEmpty ? "" : "<mergeCells count=\"\(merges.count)\">\(merges.joined())</mergeCells>")\
                </worksheet>
                """
        }
    }

    /// `A`, `B`, … `Z`, `AA`, … for a zero-based column index.
    static func column(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func package(names: [String], sheets: [String]) throws -> Data {
        let sheetTypes = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        let contentTypes = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            \(sheetTypes.joined())</Types>
            """
        let packageRelationships = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="xl/workbook.xml"/></Relationships>
            """
        let sheetEntries = names.enumerated().map { index, name in
            "<sheet name=\"\(escape(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        let workbook = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\
            <sheets>\(sheetEntries.joined())</sheets></workbook>
            """
        let sheetRelationships = names.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                + "Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }
        let workbookRelationships = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(sheetRelationships.joined())\
            <Relationship Id="rId\(names.count + 1)" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
            Target="styles.xml"/></Relationships>
            """
        let styles = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="\(mainNamespace)">\
            <fonts count="2"><font><sz val="11"/><name val="宋体"/></font>\
            <font><b/><sz val="11"/><name val="宋体"/></font></fonts>\
            <fills count="4"><fill><patternFill patternType="none"/></fill>\
            <fill><patternFill patternType="gray125"/></fill>\
            <fill><patternFill patternType="solid"><fgColor rgb="FFFFEB9C"/><bgColor indexed="64"/></patternFill></fill>\
            <fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill>\
            </fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
            <alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
            <xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>\
            <xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", styles),
        ]
        for (index, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", sheet)) }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: path,
                    type: .file,
                    uncompressedSize: Int64(data.count),
                    modificationDate: Date(timeIntervalSince1970: 1_577_836_800),
                    compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw WriteError(description: "压缩包为空") }
            return data
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(description: "无法写入 XLSX：\(error)")
        }
    }
}
