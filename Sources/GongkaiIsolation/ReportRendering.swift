import GongkaiExtract
import GongkaiModel
import GongkaiOutput

/// A report written out where it is read — in the worker, for a command that only prints it — so that the report
/// itself never crosses to the parent: the parent writes the bytes as they come.
public enum ReportRendering: UInt8, Sendable, CaseIterable {
    /// An element of `gongkai parse`'s JSON array (``ReportJSON/arrayElement(_:findings:pretty:)``, pretty).
    case jsonArrayElement = 1
    /// One line of JSON Lines: the compact object and a line break.
    case jsonLine = 2
    /// The report's lines of long-format CSV (``ReportCSV``), without the header.
    case csvRows = 3
    /// The text of any document Gongkai reads (text, HTML, Word, PDF), report or not, as UTF-8 lines: for screening
    /// an attachment, whose reading must not take the server down with it. Written by ``ReportLoader/render(_:as:)``
    /// from the extracted document, before any report is looked for.
    case documentText = 4

    func render(_ report: AnnualReport, findings: [Finding]) -> [UInt8] {
        switch self {
        case .documentText:
            // Answered from the extracted document before any report is read (``documentText(_:)``).
            preconditionFailure("a document's text is not written from a report")
        case .jsonArrayElement:
            return ReportJSON.arrayElement(report, findings: findings)
        case .jsonLine:
            var bytes = ReportJSON.objectBytes(report, findings: findings, pretty: false)
            bytes.append(UInt8(ascii: "\n"))
            return bytes
        case .csvRows:
            var bytes = ByteBuffer(capacity: 1 << 16)
            ReportCSV.appendRows(report, to: &bytes)
            return bytes.bytes
        }
    }

    /// The document's text, one line per line, or why it cannot be read.
    static func documentText(_ request: ReadRequest) -> Result<[UInt8], ReadFailure> {
        do {
            let document = try DocumentExtractor.extract(request.bytes, name: request.name)
            return .success(Array(document.lines.map(\.text).joined(separator: "\n").utf8))
        } catch {
            return .failure(ReadFailure(.unreadable, error.description))
        }
    }
}
