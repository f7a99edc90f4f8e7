#if Postgres
import Foundation
public import GongkaiModel
import PostgresNIO

/// Source files: stored with their report, read back for download and for showing a PDF's pages.
extension PostgresStore {
    public func sourceFile(reportID: Int64) throws -> SourceFile? {
        guard hasSourceFiles else { return nil }
        return try guarded {
            try reading { db in
                try db.rows(
                    """
                    SELECT s.file_name, s.bytes FROM source_file s JOIN report r ON r.content_hash = s.content_hash
                    WHERE r.id = \(reportID)
                    """
                ).first.map { row in
                    let (name, bytes) = try row.decode((String, Data).self)
                    return SourceFile(fileName: name, bytes: bytes)
                }
            }
        }
    }

    public func figurePlaces(reportID: Int64) throws -> [FigureID: SourceLocation] {
        try guarded {
            try reading { db in
                var places: [FigureID: SourceLocation] = [:]
                let rows = try db.rows(
                    "SELECT kind_id, place::text FROM figure WHERE report_id = \(reportID) AND place IS NOT NULL"
                )
                for row in rows {
                    let (kindID, place) = try row.decode((Int64, String).self)
                    guard let kind = kinds[kindID], let location = FigurePlace.location(place) else { continue }
                    places[kind.id] = location
                }
                return places
            }
        }
    }

    /// Stores a report's source file unless the corpus holds it already.
    func insertSource(
        _ source: SourceFile,
        contentHash: String,
        at timestamp: String,
        _ db: PostgresSession.Transaction
    ) throws {
        var binds = PostgresBindings()
        binds.append(contentHash)
        binds.append(source.fileName)
        binds.append(source.size)
        try binds.append(source.bytes)
        binds.append(timestamp)
        try db.execute(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO source_file (content_hash, file_name, size, bytes, stored_at)
                    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (content_hash) DO NOTHING
                    """,
                binds: binds
            )
        )
    }

    /// The name and size of a report's stored source file; nil when there is none (or the corpus predates them).
    func sourceInfo(contentHash: String, _ db: PostgresSession.Transaction) throws -> SourceFileInfo? {
        guard hasSourceFiles else { return nil }
        return try db.rows("SELECT file_name, size FROM source_file WHERE content_hash = \(contentHash)").first.map {
            let (name, size) = try $0.decode((String, Int).self)
            return SourceFileInfo(fileName: name, size: size)
        }
    }
}
#endif
