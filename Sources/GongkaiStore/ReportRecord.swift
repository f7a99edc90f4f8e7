/// One stored version of an agency's report on a year, from one source file.
public struct ReportRecord: Codable, Hashable, Sendable {
    /// Whether a version is the one that counts for its agency and year.
    public enum Status: String, Codable, Sendable {
        case current
        /// Another file for the same agency and year ranks above it (``VersionOrder``).
        case superseded
    }

    public var id: Int64?
    public var agencyID: Int64
    public var year: Int
    /// 1, 2, 3… over the files of the agency and year in ``VersionOrder``; the last is current.
    public var version: Int
    public var status: Status
    /// `2021` or `2019`; nil when the template was not recognised.
    public var template: String?
    /// SHA-256 of the file's bytes, lower-case hex: unique.
    public var contentHash: String
    public var sourcePath: String
    /// `text`, `markdown`, `html`, `docx`, `pdf`.
    public var sourceFormat: String
    public var encoding: String?
    public var title: String?
    /// The agency name as the report prints it.
    public var printedAgency: String
    /// ISO 8601 (`2024-01-18`).
    public var publicationDate: String?
    public var errors: Int
    public var warnings: Int
    public var notices: Int
    public var ingestedAt: String
}
