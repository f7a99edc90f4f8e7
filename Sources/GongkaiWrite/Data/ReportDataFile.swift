public import Foundation
import GongkaiExtract
public import GongkaiModel
import Yams

/// The file a clerk edits: the agency, the year, the text of each part and every figure of the template, in YAML
/// (or JSON, which is YAML too). The JSON that `gongkai parse` writes is read as well, so any parsed report can be
/// rendered again.
///
/// Figures are written as plain numbers; a 万元 amount keeps its decimals exactly as written.
public enum ReportDataFile {
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

    /// Whether a file's bytes hold a data file rather than a report, by their content: a JSON object or list, or
    /// YAML with `figures:` (or both `agency:` and `year:`) at the start of a line — what every data file has and
    /// no report prints. A file saved as `report.yaml.txt`, or piped in, is told this way.
    public static func looksLikeData(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            // A byte-order mark, then blank space.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") {
                return true
            }
            var agency = false
            var year = false
            var lineStart = index
            while lineStart < bytes.count {
                func starts(with key: StaticString) -> Bool {
                    let count = key.utf8CodeUnitCount
                    guard lineStart + count < bytes.count else { return false }
                    for offset in 0..<count where bytes[lineStart + offset] != key.utf8Start[offset] { return false }
                    let next = bytes[lineStart + count]
                    return next == UInt8(ascii: ":")
                }
                if starts(with: "figures") { return true }
                agency = agency || starts(with: "agency")
                year = year || starts(with: "year")
                if agency && year { return true }
                while lineStart < bytes.count, bytes[lineStart] != 0x0A { lineStart += 1 }
                lineStart += 1
            }
            return false
        }
    }

    /// A year as a clerk may type it (「２０２５」, 「2025年」): normalised, trimmed, without a closing 「年」.
    static func withoutYearMark(_ text: String) -> Substring {
        let trimmed = TextNormalizer.normalize(text).trimmingSpacesAndTabs
        return trimmed.hasSuffix("年") ? trimmed.dropLast() : trimmed
    }

    /// The top mapping: the node itself, or the first element of a list (`gongkai parse` writes an array).
    static func root(_ node: Node) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        if let first = node.sequence?.first { return first.mapping }
        return nil
    }

    /// The report a data file describes, each figure and part located at the line of its key. Every problem in
    /// the file is reported at once, each at its line.
    public static func load(_ text: String, name: String) throws(LoadError) -> AnnualReport {
        let node: Node?
        do {
            node = try Yams.compose(yaml: quotingPlaceholders(text))
        } catch {
            throw LoadError(file: name, problems: syntaxProblems(error, text: text))
        }
        guard let node, let mapping = root(node) else { throw LoadError(file: name, .notAMapping) }
        var problems: [Problem] = []

        var agency = ""
        if let text = mapping["agency"]?.plainString, !text.isEmpty {
            agency = text
        } else {
            problems.append(Problem(.missing("agency（机关名称）"), line: mapping["agency"]?.mark?.line))
        }
        var year: Int?
        if let yearNode = mapping["year"], let yearText = yearNode.plainString {
            if let value = Int(withoutYearMark(yearText)), (2019...2100).contains(value) {
                year = value
            } else {
                problems.append(
                    Problem(
                        .invalid(field: "year", value: yearText, expected: "2019 年以后的四位年份"),
                        line: yearNode.mark?.line
                    )
                )
            }
        } else {
            problems.append(Problem(.missing("year（报告年度）"), line: mapping["year"]?.mark?.line))
        }
        var template = year.flatMap(ReportTemplate.required(forYear:)) ?? .v2021
        if let templateNode = mapping["template"], let templateText = templateNode.plainString {
            if let parsed = ReportTemplate(rawValue: String(withoutYearMark(templateText))) {
                template = parsed
            } else {
                problems.append(
                    Problem(
                        .invalid(field: "template", value: templateText, expected: "2021 或 2019"),
                        line: templateNode.mark?.line
                    )
                )
            }
        }
        var date: CalendarDate?
        if let dateNode = mapping["publication_date"] ?? mapping["publicationDate"], let dateText = dateNode.plainString
        {
            date = CalendarDate(dataText: dateText)
            if date == nil {
                problems.append(
                    Problem(
                        .invalid(
                            field: "publication_date",
                            value: dateText,
                            expected: "日期，如 2026-01-20 或 2026年1月20日"
                        ),
                        line: dateNode.mark?.line
                    )
                )
            }
        }

        var report = AnnualReport(
            source: SourceInfo(
                name: name,
                format: .data,
                lines: text.split(separator: "\n", omittingEmptySubsequences: false).map {
                    String($0.hasSuffix("\r") ? $0.dropLast() : $0)
                }
            ),
            agency: agency,
            year: year,
            template: template,
            publicationDate: date,
            title: mapping["title"]?.plainString.flatMap { $0.isEmpty ? nil : $0 },
            introduction: trimmed(mapping["introduction"]?.plainString ?? "")
        )
        report.sections = sections(mapping["sections"], problems: &problems)
        report.figures = figures(mapping["figures"], template: template, problems: &problems)
        guard problems.isEmpty else {
            throw LoadError(file: name, problems: problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        addTables(to: &report, template: template)
        return report
    }

    /// The text with a figure's bare 「-」, 「--」 or 「*」 quoted: placeholders a report prints for an empty cell, which
    /// YAML would take for a list or an alias. Only lines of the form `  t3.….…: -` (and a comment) change, and no
    /// line moves.
    static func quotingPlaceholders(_ text: String) -> String {
        guard text.includes(": -") || text.includes(": *") || text.includes(":-") || text.includes(":*") else {
            return text
        }
        var changed = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let body = line.trimmingSpacesAndTabs
            guard body.hasPrefix("t"), let colon = body.firstIndex(of: ":") else { return line }
            let key = body[..<colon]
            guard key.count >= 4, key.dropFirst().first.map({ "234".contains($0) }) == true,
                key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") })
            else { return line }
            var value = body[body.index(after: colon)...].trimmingSpacesAndTabs
            var comment: Substring = ""
            if let hash = value.range(of: " #") {
                comment = value[hash.lowerBound...]
                value = value[..<hash.lowerBound].trimmingSpacesAndTabs
            }
            guard ["-", "--", "*"].contains(value) else { return line }
            changed = true
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            return "\(indent)\(key): \"\(value)\"\(comment)"
        }
        return changed ? lines.joined(separator: "\n") : text
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

    /// Where a key stands: its line, and its columns (marked from the key's first character to its last).
    static func location(of key: Node) -> SourceLocation? {
        guard let mark = key.mark else { return nil }
        let length = key.scalar?.string.unicodeScalars.count ?? 1
        return .text(line: mark.line, column: mark.column, endColumn: mark.column + length)
    }

    /// Sections as a mapping from part (`overview` …) to text, or as `gongkai parse` lists them.
    static func sections(_ node: Node?, problems: inout [Problem]) -> [ReportSection] {
        guard let node else { return [] }
        var result: [ReportSection] = []
        if let mapping = node.mapping {
            for (key, value) in mapping {
                guard let name = key.plainString, let kind = SectionKind(dataKey: name) else {
                    problems.append(
                        Problem(
                            .invalid(
                                field: "sections",
                                value: key.plainString ?? "",
                                expected: SectionKind.standard.map(\.dataKey).joined(separator: "、") + " 之一"
                            ),
                            line: key.mark?.line
                        )
                    )
                    continue
                }
                result.append(
                    ReportSection(
                        kind: kind,
                        printedNumber: kind.number,
                        title: kind.standardTitle,
                        text: trimmed(value.plainString ?? ""),
                        location: location(of: key)
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

    static func figures(_ node: Node?, template: ReportTemplate, problems: inout [Problem]) -> [FigureID: Figure] {
        guard let node, node.plainString != nil || node.scalar == nil else { return [:] }
        guard let mapping = node.mapping else {
            problems.append(
                Problem(
                    .wrongShape(
                        field: "figures",
                        found: shape(node),
                        expected: "「单元格编号: 数值」的映射（如 t3.received.natural: 0）"
                    ),
                    line: node.mark?.line
                )
            )
            return [:]
        }
        let spec = NationalTemplates.spec(template)
        var result: [FigureID: Figure] = [:]
        for (key, value) in mapping {
            guard let idText = key.plainString else { continue }
            let id = FigureID(idText)
            guard let (_, column) = spec.cell(id) else {
                problems.append(Problem(.unknownFigure(idText), line: key.mark?.line))
                continue
            }
            let expected = column.kind == .amount ? "数字（万元）" : "整数"
            guard value.scalar != nil else {
                problems.append(
                    Problem(
                        .wrongShape(field: idText, found: shape(value), expected: "一个\(expected)"),
                        line: key.mark?.line ?? value.mark?.line
                    )
                )
                continue
            }
            let printed = value.plainString ?? ""
            guard let cellValue = CellValue(dataText: printed, kind: column.kind) else {
                problems.append(
                    Problem(.invalid(field: idText, value: printed, expected: expected), line: key.mark?.line)
                )
                continue
            }
            result[id] = Figure(id: id, value: cellValue, printed: printed, location: location(of: key))
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
    /// A date as a clerk types it: `2026-01-20`, `2026/1/20`, `2026.1.20` or `2026年1月20日`, in ASCII or full-width
    /// digits.
    init?(dataText text: String) {
        var normal = String(TextNormalizer.normalize(text).trimmingSpacesAndTabs)
        if normal.hasSuffix("日") || normal.hasSuffix("号") { normal.removeLast() }
        let parts = normal.split(whereSeparator: { "-/.年月".contains($0) }).map { $0.trimmingSpacesAndTabs }
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}

extension CellValue {
    /// A figure as a clerk types it, read as a report's cell is: full-width digits are digits, 「/」 「-」 「无」 and
    /// the like are a blank cell (reported as R5, as in a report), a 万元 amount keeps its decimals exactly. Nil when
    /// the text is no number for a column of `kind`.
    init?(dataText printed: String, kind: ValueKind) {
        let text = String(TextNormalizer.normalize(printed).trimmingSpacesAndTabs)
        if text.isEmpty || CellValue.isPlaceholder(text) {
            self = .blank
        } else if kind == .amount, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            let amount = Decimal(string: text, locale: nil)
        {
            self = .decimal(amount)
        } else if let count = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
            self = kind == .amount ? .decimal(Decimal(count)) : .integer(count)
        } else {
            return nil
        }
    }
}
