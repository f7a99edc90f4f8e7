public import GongkaiModel

/// The versioned JSON form of a read and checked report, for other programs.
///
/// `figures` maps every figure id the report prints to a number or null (printed empty or not a number); cells that
/// exist but cannot be determined are listed in `unknown` instead. See `Docs/JSON.md`.
public enum ReportJSON {
    /// Bumped whenever a field changes meaning or disappears.
    public static let schemaVersion = 1

    /// One report as a JSON object.
    public static func object(_ report: AnnualReport, findings: [Finding], pretty: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty)
        write(report, findings: findings, into: &writer, key: nil)
        return writer.output
    }

    /// Several reports as a JSON array of objects.
    public static func array(_ entries: [(AnnualReport, [Finding])], pretty: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.beginArray()
        for (report, findings) in entries { write(report, findings: findings, into: &writer, key: nil) }
        writer.endArray()
        return writer.output
    }

    static func write(_ report: AnnualReport, findings: [Finding], into writer: inout JSONWriter, key: String?) {
        writer.beginObject(key)
        writer.int("schemaVersion", schemaVersion)
        writer.string("file", report.source.name)
        writer.string("format", report.source.format.rawValue)
        writer.string("encoding", report.source.encoding)
        writer.string("agency", report.agency)
        writer.int("year", report.year)
        writer.string("template", report.template?.rawValue)
        writer.string("title", report.title)
        writer.string("publicationDate", report.publicationDate?.description)
        writer.string("introduction", report.introduction)

        writer.beginArray("sections")
        for section in report.sections {
            writer.beginObject()
            writer.string("kind", section.kind.rawValue)
            writer.int("number", section.kind.number)
            writer.int("printedNumber", section.printedNumber)
            writer.string("title", section.title)
            writer.string("text", section.text)
            location("location", section.location, into: &writer)
            writer.endObject()
        }
        writer.endArray()

        let figures = report.orderedFigures
        writer.beginObject("figures")
        for figure in figures where figure.value != .unknown {
            writer.number(figure.id.rawValue, figure.value.number == nil ? nil : figure.value.text)
        }
        writer.endObject()
        writer.beginArray("unknown")
        for figure in figures where figure.value == .unknown { writer.string(nil, figure.id.rawValue) }
        writer.endArray()
        writer.beginObject("raw")
        for figure in figures where figure.value == .blank && !figure.printed.isEmpty {
            writer.string(figure.id.rawValue, figure.printed)
        }
        writer.endObject()
        writer.beginObject("provenance")
        for figure in figures {
            writer.beginObject(figure.id.rawValue)
            writer.string("text", figure.printed)
            locationFields(figure.location, into: &writer)
            writer.endObject()
        }
        writer.endObject()

        writer.beginArray("tables")
        for table in report.tables {
            writer.beginObject()
            writer.int("table", table.kind.rawValue)
            location("location", table.location, into: &writer)
            writer.beginArray("rows")
            for row in table.rows {
                writer.beginObject()
                writer.string("row", row.key)
                writer.string("label", row.printedLabel)
                rowState(row.state, into: &writer)
                location("location", row.location, into: &writer)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()

        writer.beginArray("findings")
        for finding in findings { write(finding, into: &writer) }
        writer.endArray()
        writer.beginObject("summary")
        for severity in Severity.allCases {
            writer.int(severity.rawValue + "s", findings.filter { $0.severity == severity }.count)
        }
        writer.endObject()
        writer.endObject()
    }

    static func write(_ finding: Finding, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.string("code", finding.code)
        writer.string("severity", finding.severity.rawValue)
        writer.int("table", finding.table?.rawValue)
        writer.beginArray("figures")
        for figure in finding.figures { writer.string(nil, figure.id.rawValue) }
        writer.endArray()
        writer.beginObject("values")
        for figure in finding.figures where figure.value != .unknown {
            writer.number(figure.id.rawValue, figure.value.number == nil ? nil : figure.value.text)
        }
        writer.endObject()
        writer.string("message", finding.message)
        location("location", finding.location, into: &writer)
        writer.endObject()
    }

    static func rowState(_ state: PrintedRow.State, into writer: inout JSONWriter) {
        switch state {
        case .complete: writer.string("state", "complete")
        case .blank: writer.string("state", "blank")
        case .fewerValues(let printed, let expected):
            writer.string("state", "fewer-values")
            writer.int("printed", printed)
            writer.int("expected", expected)
        case .moreValues(let printed, let expected):
            writer.string("state", "more-values")
            writer.int("printed", printed)
            writer.int("expected", expected)
        case .ambiguousDigits(let digits, let solutions):
            writer.string("state", "ambiguous-digits")
            writer.string("digits", digits)
            writer.int("solutions", solutions)
        case .detachedValue(let printed, let columns):
            writer.string("state", "detached-value")
            writer.string("printed", printed)
            writer.int("columns", columns)
        case .unlabeledValues(let rows):
            writer.string("state", "unlabeled-values")
            writer.int("rows", rows)
        case .unconfirmedRecognition:
            writer.string("state", "unconfirmed-ocr")
        }
    }

    static func location(_ key: String, _ location: SourceLocation?, into writer: inout JSONWriter) {
        guard let location else {
            writer.number(key, nil)
            return
        }
        writer.beginObject(key)
        locationFields(location, into: &writer)
        writer.endObject()
    }

    static func locationFields(_ location: SourceLocation?, into writer: inout JSONWriter) {
        guard let location else { return }
        if let line = location.line { writer.int("line", line) }
        if let column = location.column { writer.int("column", column) }
        if let endColumn = location.endColumn { writer.int("endColumn", endColumn) }
        if let endLine = location.endLine, endLine != location.line { writer.int("endLine", endLine) }
        if let table = location.table { writer.int("tableIndex", table) }
        if let row = location.row { writer.int("rowIndex", row) }
        if let cell = location.cell { writer.int("cellIndex", cell) }
        if let page = location.page { writer.int("page", page) }
        if let box = location.box {
            writer.beginArray("box")
            for value in [box.x0, box.y0, box.x1, box.y1] { writer.number(nil, String(value)) }
            writer.endArray()
        }
    }
}
