import Foundation
import GongkaiModel
import GongkaiStore

/// Findings grouped as the command line groups them — the report as a whole, then 表二, 表三 and 表四 — errors
/// first within each group, each with its severity, code, message, place and, for a text source, the source line.
struct FindingList {
    struct Item {
        var severity: Severity
        var code: String
        var message: String
        var table: TableKind?
        var place: String?
        var excerpt: HTML?
        var crossYear = false
        /// The PDF page the finding is on, its cell outlined (``PageView``).
        var pageView: HTML?
        /// The anchor of its cell in the drawn table of a web page or Word file (``SourceTableView``).
        var anchor: String?
    }

    var items: [Item]

    /// A checked report's findings, each with its source line: the file's own line for a text file, and the line
    /// of the text Gongkai read from a web page, Word file or PDF (without a line number: the file has no lines).
    /// A finding whose cell is in a drawn table of a web page or Word file links to it instead.
    init(
        _ findings: [Finding],
        source: SourceInfo,
        sourceTables: SourceTableView? = nil,
        figures: [FigureID: Figure] = [:]
    ) {
        let ownLines = [.text, .markdown, .data].contains(source.format)
        items = findings.map { finding in
            let cell = sourceTables == nil ? nil : SourceTableView.place(finding, figures: figures)
            let anchor = cell.flatMap { sourceTables?.anchor(of: $0) }
            return Item(
                severity: finding.severity,
                code: finding.code,
                message: finding.message,
                table: finding.table,
                place: (finding.location ?? cell).flatMap { PlaceText.of($0, ownLines: ownLines) },
                excerpt: anchor != nil
                    ? nil
                    : finding.location.flatMap {
                        SourceExcerpt.html(lines: source.lines, location: $0, numbered: ownLines)
                    },
                anchor: anchor
            )
        }
    }

    /// A stored report's findings; `sourceFormat` tells whether their lines are the file's own.
    init(_ records: [FindingRecord], sourceFormat: String) {
        let ownLines = ["text", "markdown", "data"].contains(sourceFormat)
        items = records.map { record in
            Item(
                severity: Severity(rawValue: record.severity) ?? .notice,
                code: record.code,
                message: record.message,
                table: record.tableNo.flatMap(TableKind.init(rawValue:)),
                place: PlaceText.line(record.line, column: record.col).map { ownLines ? $0 : "读出的文本" + $0 },
                crossYear: record.scope == .crossYear
            )
        }
    }

    /// Links each finding to its cell in the drawn tables, by the finding's index, its place named by the cell.
    mutating func link(_ places: [SourceLocation?], in view: SourceTableView) {
        for (index, place) in places.enumerated() where items.indices.contains(index) {
            guard let anchor = view.anchor(of: place) else { continue }
            items[index].anchor = anchor
            items[index].place = place.flatMap { PlaceText.of($0) }
        }
    }

    /// Puts each view beside the finding of its index.
    mutating func attach(_ views: [Int: HTML]) {
        for (index, view) in views where items.indices.contains(index) { items[index].pageView = view }
    }

    /// 「3 个错误，1 个警告，2 个提示」.
    var counts: String { Self.counts(items.map(\.severity)) }

    static func counts(_ severities: [Severity]) -> String {
        Severity.allCases.map { severity in
            "\(severities.filter { $0 == severity }.count) 个\(severity.chinese)"
        }.joined(separator: "，")
    }

    var html: HTML {
        guard !items.isEmpty else { return "<p>没有发现问题。</p>\n" }
        var html: HTML = ""
        let groups: [(TableKind?, String)] = [(nil, "报告整体")] + TableKind.allCases.map { ($0, "\($0.name) \($0.title)") }
        for (table, title) in groups {
            let group = items.enumerated().filter { $0.element.table == table }
                .sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
            guard !group.isEmpty else { continue }
            html += "<h3>\(title)（\(Self.counts(group.map(\.severity)))）</h3>\n<ol class=\"findings\">\n"
            for item in group {
                let crossYear: HTML = item.crossYear ? "<span class=\"severity notice\">跨年度</span>" : ""
                var place: HTML = item.place.map { "<span class=\"place\">（\($0)）</span>" } ?? ""
                if let anchor = item.anchor {
                    let text = item.place ?? "原文表格中的单元格"
                    place = "<span class=\"place\">（<a class=\"cell-link\" href=\"#\(anchor)\">\(text)</a>）</span>"
                }
                html += """
                    <li class="finding \(item.severity.rawValue)"><span class="severity \(item.severity.rawValue)">\
                    \(item.severity.chinese)</span><code class="rule">\(item.code)</code>\(crossYear)\(item.message)\
                    \(place)\(item.excerpt ?? .empty)\(item.pageView ?? .empty)</li>

                    """
            }
            html += "</ol>\n"
        }
        return html
    }

    /// The cells the errors name: those a table marks as errors.
    static func errorIDs(_ findings: [Finding]) -> Set<FigureID> {
        Set(findings.filter { $0.severity == .error }.flatMap { $0.figures.map(\.id) })
    }

    /// The cells stored errors name.
    static func errorIDs(_ records: [FindingRecord]) -> Set<FigureID> {
        Set(records.filter { $0.severity == Severity.error.rawValue }.flatMap(figureIDs))
    }

    /// The cells a stored finding names: its `figures` array's `figure` ids.
    static func figureIDs(_ record: FindingRecord) -> [FigureID] {
        guard let cells = try? JSONSerialization.jsonObject(with: Data(record.figures.utf8)) as? [[String: Any]] else {
            return []
        }
        return cells.compactMap { ($0["figure"] as? String).map { FigureID($0) } }
    }
}
