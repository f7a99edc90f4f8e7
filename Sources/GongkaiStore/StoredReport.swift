public import GongkaiModel

/// A report as the corpus holds it: its row, its agency, its figures and its findings.
public struct StoredReport: Sendable {
    public var record: ReportRecord
    public var agency: AgencyRecord
    public var region: RegionRecord?
    public var figures: [FigureID: Figure]
    public var findings: [FindingRecord]
    /// The report's parts with their text, in printed order.
    public var sections: [SectionRecord]
    /// The source file's name and size, when the corpus holds its bytes (``ReportStore/sourceFile(reportID:)``).
    public var source: SourceFileInfo?

    public init(
        record: ReportRecord,
        agency: AgencyRecord,
        region: RegionRecord?,
        figures: [FigureID: Figure],
        findings: [FindingRecord],
        sections: [SectionRecord] = [],
        source: SourceFileInfo? = nil
    ) {
        self.record = record
        self.agency = agency
        self.region = region
        self.figures = figures
        self.findings = findings
        self.sections = sections
        self.source = source
    }

    public var template: ReportTemplate? { record.template.flatMap(ReportTemplate.init(rawValue:)) }

    /// The report rebuilt from the stored rows, for output that takes an ``AnnualReport``: its parts with their text,
    /// but no introduction, no headings, and tables rebuilt from the figures (see ``PrintedTable/rebuilt(for:)``).
    public var annualReport: AnnualReport {
        var report = AnnualReport(
            source: SourceInfo(
                name: record.sourcePath,
                format: SourceFormat(rawValue: record.sourceFormat) ?? .text,
                encoding: record.encoding
            ),
            agency: record.printedAgency,
            year: record.year,
            template: template,
            publicationDate: record.publicationDate.flatMap(CalendarDate.init(isoText:)),
            title: record.title,
            sections: sections.map { section in
                ReportSection(
                    kind: SectionKind(rawValue: section.kind) ?? .extra,
                    printedNumber: section.printedNumber,
                    title: section.title,
                    text: section.text,
                    location: section.line.map { SourceLocation(line: $0) }
                )
            },
            figures: figures
        )
        report.tables = PrintedTable.rebuilt(for: report)
        return report
    }
}

extension PrintedTable {
    /// The tables of a report known only by its figures: every row with a figure, printed with the format's labels.
    public static func rebuilt(for report: AnnualReport) -> [PrintedTable] {
        var tables: [PrintedTable] = []
        for table in report.spec.tables {
            let rows = (table.rows + table.variantRows).filter { row in
                row.figureIDs.contains { report.figures[$0] != nil }
            }.map { PrintedRow(key: $0.key, printedLabel: $0.label, location: nil, state: .complete) }
            guard !rows.isEmpty else { continue }
            tables.append(PrintedTable(kind: table.kind, location: nil, rows: rows))
        }
        return tables
    }
}

extension CalendarDate {
    /// `2024-01-18`.
    public init?(isoText text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return nil
        }
        self.init(year: year, month: month, day: day)
    }
}
