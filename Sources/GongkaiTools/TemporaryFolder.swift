public import Foundation

/// A folder of its own under the system's temporary directory, for the files a program of another package reads and
/// writes; removed with everything in it when the work is done.
public struct TemporaryFolder: Sendable {
    public let url: URL

    /// Creates `gongkai-PURPOSE-PID-UUID` in the temporary directory.
    public init(_ purpose: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gongkai-\(purpose)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)",
            isDirectory: true
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Removes the folder and what it holds.
    public func remove() { try? FileManager.default.removeItem(at: url) }
}
