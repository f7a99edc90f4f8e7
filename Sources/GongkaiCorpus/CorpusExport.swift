import Foundation
public import GongkaiModel
public import GongkaiOutput
public import GongkaiStore

/// The corpus for researchers: long-format CSV (one figure a row, with Chinese table, row and column labels) and
/// versioned JSON (one entry per report), in the shape `gongkai parse` writes with the corpus's ids beside it (see
/// `Docs/data.md`).
public enum CorpusExport {
    /// A stored report as the outputs take it: the report rebuilt from its rows, its own findings, and what the corpus
    /// adds.
    public static func parts(
        _ stored: StoredReport
    ) -> (report: AnnualReport, findings: [Finding], corpus: CorpusFields) {
        let report = stored.annualReport
        var findings: [Finding] = []
        var crossYear: [CorpusFields.CrossYearFinding] = []
        for record in stored.findings {
            let (finding, previousYear) = record.finding(figures: stored.figures)
            if record.scope == .crossYear, let previous = record.previousReportID {
                crossYear.append(
                    CorpusFields.CrossYearFinding(
                        finding: finding,
                        previousReportID: previous,
                        previousYearFigures: previousYear
                    )
                )
            } else {
                findings.append(finding)
            }
        }
        let corpus = CorpusFields(
            reportID: stored.record.id ?? 0,
            agencyID: stored.agency.id ?? 0,
            agency: stored.agency.name,
            regionCode: stored.agency.regionCode,
            region: stored.region?.name,
            version: stored.record.version,
            reportStatus: stored.record.status.rawValue,
            contentHash: stored.record.contentHash,
            crossYearFindings: crossYear
        )
        return (report, findings, corpus)
    }

    /// The CSV lines of one report's figures, in the format's order, each ending in a line break.
    public static func csvRows(_ stored: StoredReport) -> [UInt8] {
        let (report, _, corpus) = parts(stored)
        var bytes = ByteBuffer(capacity: 1 << 15)
        ReportCSV.appendRows(report, corpus: corpus, to: &bytes)
        return bytes.bytes
    }

    /// One report's entry in the JSON export.
    public static func jsonEntry(_ stored: StoredReport) -> [UInt8] {
        let (report, findings, corpus) = parts(stored)
        return ExportJSON.entry(report, findings: findings, corpus: corpus)
    }

    /// Writes the whole export, one report at a time.
    public static func write(
        format: Format,
        store: any ReportStore,
        filter: ReportFilter,
        to output: ([UInt8]) -> Void
    ) throws {
        switch format {
        case .csv:
            output(ReportCSV.headerBytes)
            try store.forEachReport(filter) { output(csvRows($0)) }
        case .json:
            output(ExportJSON.head)
            var first = true
            try store.forEachReport(filter) { stored in
                output(ExportJSON.separator(first: first) + jsonEntry(stored))
                first = false
            }
            output(ExportJSON.tail)
        }
    }

    public enum Format: String, Sendable {
        case csv, json
    }
}
