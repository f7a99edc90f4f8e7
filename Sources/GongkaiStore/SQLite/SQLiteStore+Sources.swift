import Foundation
import GRDB
public import GongkaiModel

/// Source files: stored with their report, read back for download and for showing a PDF's pages.
extension SQLiteStore {
    public func sourceFile(reportID: Int64) throws -> SourceFile? {
        try guarded {
            try pool.read { db in
                guard try db.tableExists("source_file") else { return nil }
                return try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.file_name, s.bytes FROM source_file s JOIN report r ON r.content_hash = s.content_hash
                        WHERE r.id = ?
                        """,
                    arguments: [reportID]
                ).map { SourceFile(fileName: $0["file_name"], bytes: $0["bytes"]) }
            }
        }
    }

    public func figurePlaces(reportID: Int64) throws -> [FigureID: SourceLocation] {
        try guarded {
            try pool.read { db in
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT kind_id, place FROM figure WHERE report_id = ? AND place IS NOT NULL",
                    arguments: [reportID]
                )
                var places: [FigureID: SourceLocation] = [:]
                while let row = try rows.next() {
                    let kindID: Int64 = row["kind_id"]
                    let place: String = row["place"]
                    guard let kind = kinds[kindID], let location = FigurePlace.location(place) else { continue }
                    places[kind.id] = location
                }
                return places
            }
        }
    }

    /// Stores a report's source file unless the corpus holds it already.
    func insertSource(_ source: SourceFile, contentHash: String, at timestamp: String, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO source_file (content_hash, file_name, size, bytes, stored_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (content_hash) DO NOTHING
                """
        ).execute(arguments: [contentHash, source.fileName, source.size, source.bytes, timestamp])
    }

    /// The name and size of a report's stored source file; nil when there is none (or the corpus predates them).
    func sourceInfo(contentHash: String, _ db: Database) throws -> SourceFileInfo? {
        guard try db.tableExists("source_file") else { return nil }
        return try Row.fetchOne(
            db.cachedStatement(sql: "SELECT file_name, size FROM source_file WHERE content_hash = ?"),
            arguments: [contentHash]
        ).map { SourceFileInfo(fileName: $0["file_name"], size: $0["size"]) }
    }
}
