/// A 政府信息公开工作年度报告 as read from a source: who issued it, for which year, in which format, its parts, and
/// every table figure with where it came from.
public struct AnnualReport: Sendable, Codable {
    public var source: SourceInfo
    /// The issuing body as named in the title (「漳州市司法局」).
    public var agency: String?
    /// The year reported on.
    public var year: Int?
    public var template: ReportTemplate?
    /// The date printed at the foot of the report, if any.
    public var publicationDate: CalendarDate?
    public var publicationDateLocation: SourceLocation?
    /// The title line, if the report prints one.
    public var title: String?
    public var titleLocation: SourceLocation?
    /// The text between the title and the first part.
    public var introduction: String
    public var sections: [ReportSection]
    /// Every top-level numbered heading, in order, including ones that do not start a part.
    public var headings: [Heading]
    public var tables: [PrintedTable]
    /// Figures by id. A cell the report does not print is absent.
    public var figures: [FigureID: Figure]

    public init(
        source: SourceInfo,
        agency: String? = nil,
        year: Int? = nil,
        template: ReportTemplate? = nil,
        publicationDate: CalendarDate? = nil,
        publicationDateLocation: SourceLocation? = nil,
        title: String? = nil,
        titleLocation: SourceLocation? = nil,
        introduction: String = "",
        sections: [ReportSection] = [],
        headings: [Heading] = [],
        tables: [PrintedTable] = [],
        figures: [FigureID: Figure] = [:]
    ) {
        self.source = source
        self.agency = agency
        self.year = year
        self.template = template
        self.publicationDate = publicationDate
        self.publicationDateLocation = publicationDateLocation
        self.title = title
        self.titleLocation = titleLocation
        self.introduction = introduction
        self.sections = sections
        self.headings = headings
        self.tables = tables
        self.figures = figures
    }

    /// The format's table rows and columns for this report (the 2021 format when the template is unknown).
    public var spec: TemplateSpec { NationalTemplates.spec(template ?? .v2021) }

    /// The value of a cell, or nil when the report does not print it.
    public subscript(id: FigureID) -> CellValue? { figures[id]?.value }

    /// Figures in the format's order; variant rows after the table they belong to, ids the format does not have last.
    public var orderedFigures: [Figure] {
        var ordered: [Figure] = []
        ordered.reserveCapacity(figures.count)
        for id in spec.outputOrder {
            if let figure = figures[id] { ordered.append(figure) }
        }
        if ordered.count < figures.count {
            let known = Set(spec.outputOrder)
            ordered += figures.values.filter { !known.contains($0.id) }.sorted { $0.id < $1.id }
        }
        return ordered
    }

    public func section(_ kind: SectionKind) -> ReportSection? { sections.first { $0.kind == kind } }

    public func table(_ kind: TableKind) -> PrintedTable? { tables.first { $0.kind == kind } }
}

/// Where a report was read from.
public struct SourceInfo: Hashable, Sendable, Codable {
    /// The path or name the user gave.
    public var name: String
    public var format: SourceFormat
    /// The text encoding detected, for text sources (`UTF-8`, `GB18030`, `UTF-16LE`).
    public var encoding: String?
    /// The source's lines, for showing a location with its line (text sources only).
    public var lines: [String]
    /// The tables of a web page or Word file as the file lays them out, for showing a location in its table: those
    /// the report's figures were read from.
    public var tables: [SourceTable]

    public init(
        name: String,
        format: SourceFormat,
        encoding: String? = nil,
        lines: [String] = [],
        tables: [SourceTable] = []
    ) {
        self.name = name
        self.format = format
        self.encoding = encoding
        self.lines = lines
        self.tables = tables
    }
}

/// The kind of file a report was read from.
public enum SourceFormat: String, Sendable, Hashable, Codable {
    case text
    case markdown
    case html
    case docx
    case pdf
    /// A report data file (YAML or JSON) written by a clerk or by `gongkai parse`.
    case data
}
