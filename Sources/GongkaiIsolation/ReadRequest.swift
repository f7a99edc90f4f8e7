public import Foundation

/// One file to read: its name (for messages and provenance), its bytes, and what may be done with them.
public struct ReadRequest: Sendable {
    public var name: String
    public var bytes: Data
    /// Whether a YAML or JSON data file (a report written by a clerk) is accepted as well as a published report.
    public var acceptsDataFiles: Bool
    /// Whether the report keeps its source lines (for diagnostics with the printed line); a store does not need them.
    public var keepsSourceLines: Bool

    public init(name: String, bytes: Data, acceptsDataFiles: Bool = false, keepsSourceLines: Bool = true) {
        self.name = name
        self.bytes = bytes
        self.acceptsDataFiles = acceptsDataFiles
        self.keepsSourceLines = keepsSourceLines
    }
}
