#if Postgres
import PostgresNIO

// The records read from rows: each table's columns in a fixed order, selected by the constants below.

extension AgencyRecord {
    static let postgresColumns = """
        a.id, a.name, a.normalized_name, a.core_name, a.name_key, a.segments, a.region_code, a.level, a.parent_id,
        a.listed, a.created_at
        """

    init(postgres row: PostgresRow) throws {
        let columns = try row.decode(
            (Int64, String, String, String, String, String, String?, String?, Int64?, Bool, String).self
        )
        self.init(
            id: columns.0,
            name: columns.1,
            normalizedName: columns.2,
            coreName: columns.3,
            nameKey: columns.4,
            segments: columns.5,
            regionCode: columns.6,
            level: columns.7,
            parentID: columns.8,
            listed: columns.9,
            createdAt: columns.10
        )
    }
}

extension ReportRecord {
    static let postgresColumns = """
        r.id, r.agency_id, r.year, r.version, r.status, r.template, r.content_hash, r.source_path, r.source_format,
        r.encoding, r.title, r.printed_agency, r.publication_date, r.errors, r.warnings, r.notices, r.ingested_at
        """

    init(postgres row: PostgresRow) throws {
        let head = try row.decode((Int64, Int64, Int, Int, String, String?, String, String, String).self)
        let cells = row.makeRandomAccess()
        self.init(
            id: head.0,
            agencyID: head.1,
            year: head.2,
            version: head.3,
            status: Status(rawValue: head.4) ?? .superseded,
            template: head.5,
            contentHash: head.6,
            sourcePath: head.7,
            sourceFormat: head.8,
            encoding: try cells[9].decode(String?.self),
            title: try cells[10].decode(String?.self),
            printedAgency: try cells[11].decode(String.self),
            publicationDate: try cells[12].decode(String?.self),
            errors: try cells[13].decode(Int.self),
            warnings: try cells[14].decode(Int.self),
            notices: try cells[15].decode(Int.self),
            ingestedAt: try cells[16].decode(String.self)
        )
    }
}

extension RegionRecord {
    static let postgresColumns = "code, name, normalized_name, parent_code, level"

    init(postgres row: PostgresRow) throws {
        let columns = try row.decode((String, String, String, String?, String).self)
        self.init(
            code: columns.0,
            name: columns.1,
            normalizedName: columns.2,
            parentCode: columns.3,
            level: columns.4
        )
    }
}

extension SectionRecord {
    static let postgresColumns = "report_id, position, kind, printed_number, title, text, line"

    init(postgres row: PostgresRow) throws {
        let columns = try row.decode((Int64, Int, String, Int?, String, String, Int?).self)
        self.init(
            reportID: columns.0,
            position: columns.1,
            kind: columns.2,
            printedNumber: columns.3,
            title: columns.4,
            text: columns.5,
            line: columns.6
        )
    }
}

extension FindingRecord {
    static let postgresColumns = """
        id, report_id, previous_report_id, scope, code, severity, table_no, figures::text, message, line, col
        """

    init(postgres row: PostgresRow) throws {
        let columns = try row.decode(
            (Int64, Int64, Int64?, String, String, String, Int?, String, String, Int?, Int?).self
        )
        self.init(
            id: columns.0,
            reportID: columns.1,
            previousReportID: columns.2,
            scope: Scope(rawValue: columns.3) ?? .report,
            code: columns.4,
            severity: columns.5,
            tableNo: columns.6,
            figures: columns.7,
            message: columns.8,
            line: columns.9,
            col: columns.10
        )
    }
}

extension FailureRecord {
    static let postgresColumns = "content_hash, source_path, reason, failed_at"

    init(postgres row: PostgresRow) throws {
        let columns = try row.decode((String, String, String, String).self)
        self.init(contentHash: columns.0, sourcePath: columns.1, reason: columns.2, failedAt: columns.3)
    }
}
#endif
