public import Foundation

/// A report's source file as it was ingested: its bytes, so that every stored version can be downloaded as published
/// and its PDF pages shown.
public struct SourceFile: Sendable, Hashable {
    /// The file's own name (without folders), as it was ingested or uploaded.
    public var fileName: String
    public var bytes: Data

    public init(fileName: String, bytes: Data) {
        self.fileName = fileName
        self.bytes = bytes
    }

    public var size: Int { bytes.count }
}

/// What the corpus holds of a stored report's source file, without its bytes: for listing it.
public struct SourceFileInfo: Sendable, Hashable {
    public var fileName: String
    public var size: Int

    public init(fileName: String, size: Int) {
        self.fileName = fileName
        self.size = size
    }
}
