/// A file that could not be read as a report, with the reason; an ingest never stops for it.
public struct FailureRecord: Codable, Hashable, Sendable {
    public var contentHash: String
    public var sourcePath: String
    public var reason: String
    public var failedAt: String
}
