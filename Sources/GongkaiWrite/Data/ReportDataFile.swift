import Foundation
public import GongkaiModel
import Yams

/// The file a clerk edits: the agency, the year, the text of each part and every figure of the template, in YAML
/// (or JSON, which is YAML too). The JSON that `gongkai parse` writes is read as well, so any parsed report can be
/// rendered again.
///
/// Figures are written as plain numbers; a 万元 amount keeps its decimals exactly as written.
public enum ReportDataFile {
    /// Why a data file could not be used. Each case reads as one clear sentence.
    public enum LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        case syntax(String)
        case notAMapping
        case missing(String)
        case invalid(field: String, value: String, expected: String)
        case unknownFigure(String)
        /// A list or a mapping where a single value belongs (`t3.received.natural: [1, 2]`, `figures:` as a list).
        case wrongShape(field: String, found: String, expected: String, line: Int?)

        public var description: String {
            switch self {
            case .syntax(let detail):
                "数据文件不是有效的 YAML 或 JSON：\(detail)"
            case .notAMapping:
                "数据文件的最外层应是「字段: 值」的映射（如 agency: …、year: …、figures: …）。"
            case .missing(let field):
                "数据文件缺少「\(field)」。"
            case .invalid(let field, let value, let expected):
                "数据文件中「\(field)」的值「\(value)」无效，应为\(expected)。"
            case .unknownFigure(let id):
                "数据文件中的「\(id)」不是所选格式的表格单元格编号"
                    + (ReportDataFile.nearestFigure(to: id).map { "；您是不是要写「\($0)」？" } ?? "。")
                    + "各单元格的编号见 gongkai new 生成的数据文件。"
            case .wrongShape(let field, let found, let expected, let line):
                "数据文件\(line.map { "第\($0)行" } ?? "")「\(field)」的值是\(found)，应为\(expected)。"
            }
        }
    }

    /// The cell id of either format nearest to a mistyped one (「t3.recieved.natural」 → 「t3.received.natural」):
    /// within three edits, and fewer than a third of its length; nil when none is, or two are as near.
    static func nearestFigure(to text: String) -> String? {
        let typed = Array(text.unicodeScalars)
        var best: (id: String, distance: Int)?
        var tie = false
        let ids = Set([ReportTemplate.v2021, .v2019].flatMap { NationalTemplates.spec($0).figureIDs.map(\.rawValue) })
        for id in ids.sorted() {
            let distance = editDistance(typed, Array(id.unicodeScalars))
            if distance < (best?.distance ?? Int.max) {
                best = (id, distance)
                tie = false
            } else if distance == best?.distance {
                tie = true
            }
        }
        guard let best, !tie, best.distance > 0, best.distance <= 3, best.distance * 3 < typed.count else { return nil }
        return best.id
    }

    /// Levenshtein distance: the fewest insertions, deletions and substitutions that turn one text into the other.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for (i, x) in a.enumerated() {
            current[0] = i + 1
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Whether a text looks like a data file or `gongkai parse` output rather than a report: a YAML or JSON mapping
    /// (or a list of them) with `figures` at the top.
    public static func looksLikeData(_ text: String) -> Bool {
        guard let node = try? Yams.compose(yaml: text) else { return false }
        if let mapping = root(node) { return mapping["figures"] != nil || mapping["agency"] != nil }
        return false
    }

    /// The top mapping: the node itself, or the first element of a list (`gongkai parse` writes an array).
    static func root(_ node: Node) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        if let first = node.sequence?.first { return first.mapping }
        return nil
    }

    public static func load(_ text: String, name: String) throws(LoadError) -> AnnualReport {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw .syntax(String(describing: error))
        }
        guard let node, let mapping = root(node) else { throw .notAMapping }

        guard let agency = mapping["agency"]?.plainString, !agency.isEmpty else { throw .missing("agency（机关名称）") }
        guard let yearText = mapping["year"]?.plainString else { throw .missing("year（报告年度）") }
        guard let year = Int(yearText), (2019...2100).contains(year) else {
            throw .invalid(field: "year", value: yearText, expected: "2019 年以后的四位年份")
        }
        let template: ReportTemplate
        if let templateText = mapping["template"]?.plainString {
            guard let parsed = ReportTemplate(rawValue: templateText) else {
                throw .invalid(field: "template", value: templateText, expected: "2021 或 2019")
            }
            template = parsed
        } else {
            template = ReportTemplate.required(forYear: year) ?? .v2021
        }
        var date: CalendarDate?
        if let dateText = (mapping["publication_date"] ?? mapping["publicationDate"])?.plainString {
            guard let parsed = CalendarDate(iso: dateText) else {
                throw .invalid(field: "publication_date", value: dateText, expected: "YYYY-MM-DD 格式的日期")
            }
            date = parsed
        }

        var report = AnnualReport(
            source: SourceInfo(name: name, format: .data),
            agency: agency,
            year: year,
            template: template,
            publicationDate: date,
            title: mapping["title"]?.plainString.flatMap { $0.isEmpty ? nil : $0 },
            introduction: trimmed(mapping["introduction"]?.plainString ?? "")
        )
        report.sections = try sections(mapping["sections"])
        report.figures = try figures(mapping["figures"], template: template)
        addTables(to: &report, template: template)
        return report
    }

    /// The tables a data file describes: every row with at least one figure, printed with the format's labels; the
    /// row's other cells count as blank (which the checks then report).
    static func addTables(to report: inout AnnualReport, template: ReportTemplate) {
        for table in NationalTemplates.spec(template).tables {
            var rows: [PrintedRow] = []
            for row in table.rows + table.variantRows where row.figureIDs.contains(where: { report.figures[$0] != nil })
            {
                for id in row.figureIDs where report.figures[id] == nil {
                    report.figures[id] = Figure(id: id, value: .blank, printed: "")
                }
                rows.append(PrintedRow(key: row.key, printedLabel: row.label, location: nil, state: .complete))
            }
            guard !rows.isEmpty else { continue }
            var seen = Set<String>()
            let headers = table.rows.flatMap(\.columns).filter { seen.insert($0.key).inserted }.map(\.label)
            report.tables.append(PrintedTable(kind: table.kind, location: nil, headerLabels: headers, rows: rows))
        }
    }

    /// Sections as a mapping from part (`overview` …) to text, or as `gongkai parse` lists them.
    static func sections(_ node: Node?) throws(LoadError) -> [ReportSection] {
        guard let node else { return [] }
        var result: [ReportSection] = []
        if let mapping = node.mapping {
            for (key, value) in mapping {
                guard let name = key.plainString, let kind = SectionKind(dataKey: name) else {
                    throw .invalid(
                        field: "sections",
                        value: key.plainString ?? "",
                        expected: SectionKind.standard.map(\.dataKey).joined(separator: "、") + " 之一"
                    )
                }
                result.append(
                    ReportSection(
                        kind: kind,
                        printedNumber: kind.number,
                        title: kind.standardTitle,
                        text: trimmed(value.plainString ?? ""),
                        location: nil
                    )
                )
            }
        } else if let sequence = node.sequence {
            for item in sequence {
                guard let fields = item.mapping else { continue }
                let kind = fields["kind"]?.plainString.flatMap(SectionKind.init(rawValue:)) ?? .extra
                result.append(
                    ReportSection(
                        kind: kind,
                        printedNumber: fields["number"]?.plainString.flatMap { Int($0) },
                        title: fields["title"]?.plainString ?? kind.standardTitle,
                        text: trimmed(fields["text"]?.plainString ?? ""),
                        location: nil
                    )
                )
            }
        }
        return result
    }

    static func figures(_ node: Node?, template: ReportTemplate) throws(LoadError) -> [FigureID: Figure] {
        guard let node, node.plainString != nil || node.scalar == nil else { return [:] }
        guard let mapping = node.mapping else {
            throw .wrongShape(
                field: "figures",
                found: shape(node),
                expected: "「单元格编号: 数值」的映射（如 t3.received.natural: 0）",
                line: node.mark?.line
            )
        }
        let spec = NationalTemplates.spec(template)
        var result: [FigureID: Figure] = [:]
        for (key, value) in mapping {
            guard let idText = key.plainString else { continue }
            let id = FigureID(idText)
            guard let (_, column) = spec.cell(id) else { throw .unknownFigure(idText) }
            guard value.scalar != nil else {
                throw .wrongShape(
                    field: idText,
                    found: shape(value),
                    expected: column.kind == .amount ? "一个数字（万元）" : "一个整数",
                    line: key.mark?.line ?? value.mark?.line
                )
            }
            let printed = value.plainString ?? ""
            let cellValue: CellValue
            if printed.isEmpty {
                cellValue = .blank
            } else if column.kind == .amount, let amount = Decimal(string: printed, locale: nil),
                printed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") })
            {
                cellValue = .decimal(amount)
            } else if let count = Int(printed.hasPrefix("+") ? String(printed.dropFirst()) : printed) {
                if column.kind == .amount {
                    cellValue = .decimal(Decimal(count))
                } else {
                    cellValue = .integer(count)
                }
            } else {
                throw .invalid(field: idText, value: printed, expected: column.kind == .amount ? "数字（万元）" : "整数")
            }
            result[id] = Figure(id: id, value: cellValue, printed: printed)
        }
        return result
    }

    /// What a node that is not a single value is, in words.
    static func shape(_ node: Node) -> String {
        switch node {
        case .sequence: "一个列表"
        case .mapping: "一个映射"
        default: "「\(node.scalar?.string ?? "")」"
        }
    }

    static func trimmed(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.trimmingSpacesAndTabs)
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

extension Node {
    /// A scalar's text; nil for a YAML null (`~`, `null` or nothing), a mapping or a list.
    var plainString: String? {
        guard let scalar else { return nil }
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return nil }
        return scalar.string
    }
}

extension SectionKind {
    /// The key of the part in a data file's `sections`.
    public var dataKey: String {
        switch self {
        case .otherMatters: "other_matters"
        default: rawValue
        }
    }

    init?(dataKey: String) {
        guard let kind = SectionKind.allCases.first(where: { $0.dataKey == dataKey || $0.rawValue == dataKey }) else {
            return nil
        }
        self = kind
    }
}

extension CalendarDate {
    /// `2026-01-20`.
    init?(iso text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return nil
        }
        self.init(year: year, month: month, day: day)
    }
}
