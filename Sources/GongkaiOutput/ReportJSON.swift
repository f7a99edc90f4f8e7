public import GongkaiModel

/// The versioned JSON form of a read and checked report, for other programs.
///
/// `figures` maps every figure id the report prints to a number or null (printed empty or not a number); cells that
/// exist but cannot be determined are listed in `unknown` instead. The object is `gongkai parse`'s and, under
/// `report`, each entry of `gongkai export`'s (``ExportJSON``). See `Docs/data.md` and `Docs/schema/`.
public enum ReportJSON {
    /// The version of the data shape the outputs share (both JSON outputs and the CSV columns): bumped whenever a
    /// field or column changes meaning, is renamed or disappears. 2: the export's entries hold this object; the CSV
    /// columns got their shared names.
    public static let schemaVersion = 2

    /// One report as a JSON object.
    public static func object(_ report: AnnualReport, findings: [Finding], pretty: Bool = true) -> String {
        String(decoding: objectBytes(report, findings: findings, pretty: pretty), as: UTF8.self)
    }

    /// ``object(_:findings:pretty:)`` as UTF-8 bytes, for writing out without making a `String` of it.
    public static func objectBytes(_ report: AnnualReport, findings: [Finding], pretty: Bool = true) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty, capacity: 1 << 16)
        write(report, findings: findings, into: &writer, key: nil)
        return writer.bytes
    }

    /// Several reports as a JSON array of objects.
    public static func array(_ entries: [(AnnualReport, [Finding])], pretty: Bool = true) -> String {
        var array = ArrayOutput(pretty: pretty)
        var bytes: [UInt8] = []
        for (report, findings) in entries {
            bytes += array.separator()
            bytes += arrayElement(report, findings: findings, pretty: pretty)
        }
        bytes += array.end()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One report as an element of ``array(_:pretty:)``: the object indented one level and, when pretty, after a line
    /// break. Elements can be written apart from one another (in worker processes, say) and joined by
    /// ``ArrayOutput``.
    public static func arrayElement(_ report: AnnualReport, findings: [Finding], pretty: Bool = true) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty, depth: 1, capacity: 1 << 16)
        write(report, findings: findings, into: &writer, key: nil)
        return writer.bytes
    }

    /// The brackets and commas of ``array(_:pretty:)`` around elements from ``arrayElement(_:findings:pretty:)``,
    /// for writing a long array out an element at a time.
    public struct ArrayOutput {
        public let pretty: Bool
        private var count = 0

        public init(pretty: Bool = true) { self.pretty = pretty }

        /// What goes before the next element: the opening bracket or a comma.
        public mutating func separator() -> [UInt8] {
            defer { count += 1 }
            return count == 0 ? [UInt8(ascii: "[")] : [UInt8(ascii: ",")]
        }

        /// The closing bracket, on a line of its own after elements of a pretty array (and the opening one too when
        /// there were none).
        public func end() -> [UInt8] {
            if count == 0 { return [UInt8(ascii: "["), UInt8(ascii: "]")] }
            return pretty ? [UInt8(ascii: "\n"), UInt8(ascii: "]")] : [UInt8(ascii: "]")]
        }
    }

    static func write(_ report: AnnualReport, findings: [Finding], into writer: inout JSONWriter, key: JSONKey?) {
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
        for figure in figures where figure.value != .unknown { writer.value(JSONKey(figure.id.rawValue), figure.value) }
        writer.endObject()
        writer.beginArray("unknown")
        for figure in figures where figure.value == .unknown { writer.string(nil, figure.id.rawValue) }
        writer.endArray()
        writer.beginObject("raw")
        for figure in figures where figure.value == .blank && !figure.printed.isEmpty {
            writer.string(JSONKey(figure.id.rawValue), figure.printed)
        }
        writer.endObject()
        writer.beginObject("provenance")
        for figure in figures {
            writer.beginObject(JSONKey(figure.id.rawValue))
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
            writer.int(JSONKey(severity.rawValue + "s"), findings.filter { $0.severity == severity }.count)
        }
        writer.endObject()
        writer.endObject()
    }

    static func write(
        _ finding: Finding,
        into writer: inout JSONWriter,
        crossYear: CorpusFields.CrossYearFinding? = nil
    ) {
        writer.beginObject()
        writer.string("code", finding.code)
        writer.string("severity", finding.severity.rawValue)
        writer.int("table", finding.table?.rawValue)
        write(finding.figures, ids: "figures", values: "values", into: &writer)
        writer.string("message", finding.message)
        location("location", finding.location, into: &writer)
        if let crossYear {
            writer.int("previousReportId", Int(crossYear.previousReportID))
            write(
                crossYear.previousYearFigures,
                ids: "previousYearFigures",
                values: "previousYearValues",
                into: &writer
            )
        }
        writer.endObject()
    }

    /// The cells a finding names: their ids as a list under `ids`, and the known values by id under `values`.
    static func write(_ figures: [Finding.FigureRef], ids: JSONKey, values: JSONKey, into writer: inout JSONWriter) {
        writer.beginArray(ids)
        for figure in figures { writer.string(nil, figure.id.rawValue) }
        writer.endArray()
        writer.beginObject(values)
        for figure in figures where figure.value != .unknown { writer.value(JSONKey(figure.id.rawValue), figure.value) }
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

    static func location(_ key: JSONKey, _ location: SourceLocation?, into writer: inout JSONWriter) {
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
