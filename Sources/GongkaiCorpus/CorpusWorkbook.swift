public import Foundation
import GongkaiModel
public import GongkaiStore
import ZIPFoundation

/// The corpus as an Excel workbook (SpreadsheetML): one sheet per table — 表二, 表三, 表四 — with one row per report
/// and one column per cell, headed by the Chinese row and column labels, and a sheet 问题 with every finding.
///
/// Strings are inline, so the package needs no shared-string table; it opens in Excel, WPS and LibreOffice.
public enum CorpusWorkbook {
    /// Why a workbook could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    static let reportHeaders = ["机关", "地区代码", "地区", "年度", "版本", "状态", "格式", "文件"]

    /// The figure columns of one table: the 2021 format's cells, then those only the 2019 format has.
    static func columns(_ table: TableKind) -> [(id: FigureID, label: String)] {
        var seen = Set<FigureID>()
        var columns: [(FigureID, String)] = []
        for template in [ReportTemplate.v2021, .v2019] {
            let spec = NationalTemplates.spec(template).table(table)
            for row in spec.rows + spec.variantRows {
                for (column, id) in zip(row.columns, row.figureIDs) where seen.insert(id).inserted {
                    let label =
                        row.columns.count == 1 && table == .two ? row.fullLabel : row.fullLabel + "｜" + column.label
                    columns.append((id, label))
                }
            }
        }
        return columns
    }

    public static func render(store: any ReportStore, filter: ReportFilter) throws -> Data {
        let tables: [TableKind] = [.two, .three, .four]
        let tableColumns = tables.map(columns)
        var sheets = tables.map { _ in SheetWriter() }
        var findings = SheetWriter()
        for (index, columns) in tableColumns.enumerated() {
            sheets[index].row(reportHeaders.map(Cell.text) + columns.map { .text($0.label) })
        }
        findings.row(["机关", "年度", "版本", "代码", "严重程度", "范围", "表", "说明", "行", "列"].map(Cell.text))
        try store.forEachReport(filter) { stored in
            let record = stored.record
            let lead: [Cell] = [
                .text(stored.agency.name), .text(stored.agency.regionCode ?? ""), .text(stored.region?.name ?? ""),
                .number(String(record.year)), .number(String(record.version)),
                .text(record.status == .current ? "现行" : "已被替换"), .text(record.template ?? ""),
                .text(record.sourcePath),
            ]
            for (index, columns) in tableColumns.enumerated() {
                sheets[index].row(
                    lead
                        + columns.map { column in
                            guard let value = stored.figures[column.id]?.value else { return .empty }
                            switch value {
                            case .integer, .decimal: return .number(value.text)
                            case .blank: return .empty
                            case .unknown: return .text("无法确定")
                            }
                        }
                )
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
        }
        let names = tables.map(\.name) + ["问题"]
        let bodies = sheets.map(\.xml) + [findings.xml]
        return try package(names: names, sheets: bodies)
    }

    enum Cell {
        case text(String)
        /// A number written as the report printed it (`12`, `0.35`).
        case number(String)
        case empty
    }

    /// One worksheet's XML, built row by row.
    struct SheetWriter {
        var rows: [String] = []

        mutating func row(_ cells: [Cell]) {
            let number = rows.count + 1
            var xml = "<row r=\"\(number)\">"
            for (index, cell) in cells.enumerated() {
                let reference = CorpusWorkbook.column(index) + String(number)
                let style = number == 1 ? " s=\"1\"" : ""
                switch cell {
                case .text(let text):
                    xml +=
                        "<c r=\"\(reference)\" t=\"inlineStr\"\(style)><is><t xml:space=\"preserve\">"
                        + CorpusWorkbook.escape(text) + "</t></is></c>"
                case .number(let text):
                    xml += "<c r=\"\(reference)\"\(style)><v>\(text)</v></c>"
                case .empty:
                    continue
                }
            }
            rows.append(xml + "</row>")
        }

        var xml: String {
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="\(CorpusWorkbook.mainNamespace)">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" \
            state="frozen"/></sheetView></sheetViews>\
            <sheetData>\(rows.joined())</sheetData></worksheet>
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
            <fills count="2"><fill><patternFill patternType="none"/></fill>\
            <fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
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
