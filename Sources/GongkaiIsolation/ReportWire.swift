import Foundation
import GongkaiModel

/// The binary form in which a report and its findings cross from a worker to its parent: every field of the model,
/// in declaration order, written by ``WireWriter`` and read back by ``WireReader``. About a hundred times cheaper than
/// JSON through `Codable`, which cost more than reading the report itself. A test compares every fixture's report
/// before and after the crossing through their `Codable` forms, so a field added to the model and not here is caught.
enum ReportWire {
    static func write(_ payload: ReportPayload, into writer: inout WireWriter) {
        write(payload.report, into: &writer)
        writer.array(payload.findings) { write($1, into: &$0) }
        writer.bool(payload.isDataFile)
    }

    static func readPayload(_ reader: inout WireReader) throws(WireReader.Malformed) -> ReportPayload {
        let report = try readReport(&reader)
        let findings = try reader.array(readFinding)
        return ReportPayload(report: report, findings: findings, isDataFile: try reader.bool())
    }

    // MARK: The report

    static func write(_ report: AnnualReport, into writer: inout WireWriter) {
        writer.string(report.source.name)
        writer.string(report.source.format.rawValue)
        writer.optional(report.source.encoding) { $0.string($1) }
        writer.array(report.source.lines) { $0.string($1) }
        writer.array(report.source.tables) { writer, table in
            writer.int(table.number)
            writer.array(table.rows) { writer, row in
                writer.int(row.number)
                writer.array(row.cells) { writer, cell in
                    writer.int(cell.column)
                    writer.string(cell.text)
                    writer.int(cell.rowSpan)
                    writer.int(cell.columnSpan)
                }
            }
        }
        writer.optional(report.agency) { $0.string($1) }
        writer.optional(report.year) { $0.int($1) }
        writer.optional(report.template) { $0.string($1.rawValue) }
        writer.optional(report.publicationDate) { writer, date in
            writer.int(date.year)
            writer.int(date.month)
            writer.int(date.day)
        }
        writer.optional(report.publicationDateLocation) { write($1, into: &$0) }
        writer.optional(report.title) { $0.string($1) }
        writer.optional(report.titleLocation) { write($1, into: &$0) }
        writer.string(report.introduction)
        writer.array(report.sections) { writer, section in
            writer.string(section.kind.rawValue)
            writer.optional(section.printedNumber) { $0.int($1) }
            writer.string(section.title)
            writer.string(section.text)
            writer.optional(section.location) { write($1, into: &$0) }
        }
        writer.array(report.headings) { writer, heading in
            writer.int(heading.number)
            writer.string(heading.title)
            writer.optional(heading.location) { write($1, into: &$0) }
            writer.bool(heading.startsSection)
        }
        writer.array(report.tables) { writer, table in
            writer.int(table.kind.rawValue)
            writer.optional(table.location) { write($1, into: &$0) }
            writer.array(table.headerLabels) { $0.string($1) }
            writer.array(table.rows) { writer, row in
                writer.string(row.key)
                writer.string(row.printedLabel)
                writer.optional(row.location) { write($1, into: &$0) }
                write(row.state, into: &writer)
            }
        }
        writer.int(report.figures.count)
        for figure in report.figures.values {
            writer.string(figure.id.rawValue)
            write(figure.value, into: &writer)
            writer.string(figure.printed)
            writer.optional(figure.location) { write($1, into: &$0) }
        }
    }

    static func readReport(_ reader: inout WireReader) throws(WireReader.Malformed) -> AnnualReport {
        let source = SourceInfo(
            name: try reader.string(),
            format: try raw(SourceFormat.self, try reader.string()),
            encoding: try reader.optional { reader throws(WireReader.Malformed) in try reader.string() },
            lines: try reader.array { reader throws(WireReader.Malformed) in try reader.string() },
            tables: try reader.array { reader throws(WireReader.Malformed) in
                SourceTable(
                    number: try reader.int(),
                    rows: try reader.array { reader throws(WireReader.Malformed) in
                        SourceTable.Row(
                            number: try reader.int(),
                            cells: try reader.array { reader throws(WireReader.Malformed) in
                                SourceTable.Cell(
                                    column: try reader.int(),
                                    text: try reader.string(),
                                    rowSpan: try reader.int(),
                                    columnSpan: try reader.int()
                                )
                            }
                        )
                    }
                )
            }
        )
        var report = AnnualReport(source: source)
        report.agency = try reader.optional { reader throws(WireReader.Malformed) in try reader.string() }
        report.year = try reader.optional { reader throws(WireReader.Malformed) in try reader.int() }
        report.template = try reader.optional { reader throws(WireReader.Malformed) in
            try raw(ReportTemplate.self, try reader.string())
        }
        report.publicationDate = try reader.optional { reader throws(WireReader.Malformed) in
            guard let date = CalendarDate(year: try reader.int(), month: try reader.int(), day: try reader.int())
            else { throw WireReader.Malformed() }
            return date
        }
        report.publicationDateLocation = try reader.optional(readLocation)
        report.title = try reader.optional { reader throws(WireReader.Malformed) in try reader.string() }
        report.titleLocation = try reader.optional(readLocation)
        report.introduction = try reader.string()
        report.sections = try reader.array { reader throws(WireReader.Malformed) in
            ReportSection(
                kind: try raw(SectionKind.self, try reader.string()),
                printedNumber: try reader.optional { reader throws(WireReader.Malformed) in try reader.int() },
                title: try reader.string(),
                text: try reader.string(),
                location: try reader.optional(readLocation)
            )
        }
        report.headings = try reader.array { reader throws(WireReader.Malformed) in
            Heading(
                number: try reader.int(),
                title: try reader.string(),
                location: try reader.optional(readLocation),
                startsSection: try reader.bool()
            )
        }
        report.tables = try reader.array { reader throws(WireReader.Malformed) in
            PrintedTable(
                kind: try raw(TableKind.self, try reader.int()),
                location: try reader.optional(readLocation),
                headerLabels: try reader.array { reader throws(WireReader.Malformed) in try reader.string() },
                rows: try reader.array { reader throws(WireReader.Malformed) in
                    PrintedRow(
                        key: try reader.string(),
                        printedLabel: try reader.string(),
                        location: try reader.optional(readLocation),
                        state: try readState(&reader)
                    )
                }
            )
        }
        let count = try reader.count()
        report.figures.reserveCapacity(count)
        for _ in 0..<count {
            let figure = Figure(
                id: FigureID(try reader.string()),
                value: try readValue(&reader),
                printed: try reader.string(),
                location: try reader.optional(readLocation)
            )
            report.figures[figure.id] = figure
        }
        return report
    }

    // MARK: Findings

    static func write(_ finding: Finding, into writer: inout WireWriter) {
        writer.string(finding.code)
        writer.string(finding.severity.rawValue)
        writer.optional(finding.table) { $0.int($1.rawValue) }
        writer.array(finding.figures) { writer, reference in
            writer.string(reference.id.rawValue)
            write(reference.value, into: &writer)
        }
        writer.string(finding.message)
        writer.optional(finding.location) { write($1, into: &$0) }
    }

    static func readFinding(_ reader: inout WireReader) throws(WireReader.Malformed) -> Finding {
        Finding(
            code: try reader.string(),
            severity: try raw(Severity.self, try reader.string()),
            table: try reader.optional { reader throws(WireReader.Malformed) in
                try raw(TableKind.self, try reader.int())
            },
            figures: try reader.array { reader throws(WireReader.Malformed) in
                Finding.FigureRef(id: FigureID(try reader.string()), value: try readValue(&reader))
            },
            message: try reader.string(),
            location: try reader.optional(readLocation)
        )
    }

    // MARK: Parts

    static func write(_ location: SourceLocation, into writer: inout WireWriter) {
        for part in [
            location.line, location.column, location.endLine, location.endColumn, location.table, location.row,
            location.cell, location.page,
        ] {
            // 0 for none: the numbers are 1-based or, clamped, far from 0 only when they exist.
            writer.int(part.map { $0 >= 0 ? $0 + 1 : $0 } ?? 0)
        }
        writer.optional(location.box) { writer, box in
            writer.double(box.x0)
            writer.double(box.y0)
            writer.double(box.x1)
            writer.double(box.y1)
        }
    }

    static func readLocation(_ reader: inout WireReader) throws(WireReader.Malformed) -> SourceLocation {
        var parts: [Int?] = []
        parts.reserveCapacity(8)
        for _ in 0..<8 {
            let value = try reader.int()
            parts.append(value == 0 ? nil : value > 0 ? value - 1 : value)
        }
        let box = try reader.optional { reader throws(WireReader.Malformed) in
            SourceLocation.Box(
                x0: try reader.double(),
                y0: try reader.double(),
                x1: try reader.double(),
                y1: try reader.double()
            )
        }
        return SourceLocation(
            line: parts[0],
            column: parts[1],
            endLine: parts[2],
            endColumn: parts[3],
            table: parts[4],
            row: parts[5],
            cell: parts[6],
            page: parts[7],
            box: box
        )
    }

    static func write(_ value: CellValue, into writer: inout WireWriter) {
        switch value {
        case .integer(let number):
            writer.byte(0)
            writer.int(number)
        case .decimal(let number):
            writer.byte(1)
            writer.string(number.description)
        case .blank:
            writer.byte(2)
        case .unknown:
            writer.byte(3)
        }
    }

    static func readValue(_ reader: inout WireReader) throws(WireReader.Malformed) -> CellValue {
        switch try reader.byte() {
        case 0: return .integer(try reader.int())
        case 1:
            guard let number = Decimal(string: try reader.string(), locale: nil) else { throw WireReader.Malformed() }
            return .decimal(number)
        case 2: return .blank
        case 3: return .unknown
        default: throw WireReader.Malformed()
        }
    }

    static func write(_ state: PrintedRow.State, into writer: inout WireWriter) {
        switch state {
        case .complete:
            writer.byte(0)
        case .blank:
            writer.byte(1)
        case .fewerValues(let printed, let expected):
            writer.byte(2)
            writer.int(printed)
            writer.int(expected)
        case .moreValues(let printed, let expected):
            writer.byte(3)
            writer.int(printed)
            writer.int(expected)
        case .ambiguousDigits(let digits, let solutions):
            writer.byte(4)
            writer.string(digits)
            writer.int(solutions)
        case .detachedValue(let printed, let columns):
            writer.byte(5)
            writer.string(printed)
            writer.int(columns)
        case .unlabeledValues(let rows):
            writer.byte(6)
            writer.int(rows)
        case .unconfirmedRecognition:
            writer.byte(7)
        }
    }

    static func readState(_ reader: inout WireReader) throws(WireReader.Malformed) -> PrintedRow.State {
        switch try reader.byte() {
        case 0: return .complete
        case 1: return .blank
        case 2: return .fewerValues(printed: try reader.int(), expected: try reader.int())
        case 3: return .moreValues(printed: try reader.int(), expected: try reader.int())
        case 4: return .ambiguousDigits(digits: try reader.string(), solutions: try reader.int())
        case 5: return .detachedValue(printed: try reader.string(), columns: try reader.int())
        case 6: return .unlabeledValues(rows: try reader.int())
        case 7: return .unconfirmedRecognition
        default: throw WireReader.Malformed()
        }
    }

    private static func raw<Value: RawRepresentable>(
        _: Value.Type,
        _ rawValue: Value.RawValue
    )
        throws(WireReader.Malformed) -> Value
    {
        guard let value = Value(rawValue: rawValue) else { throw WireReader.Malformed() }
        return value
    }
}
