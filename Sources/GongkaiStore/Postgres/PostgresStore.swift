#if Postgres
import Foundation
import GongkaiModel
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The corpus in a PostgreSQL database (`--db postgres://user@host:port/db`), shared by several users and machines.
///
/// The store owns two connections: one for writing (each report is one transaction) and one for the claims by which
/// several ingests share their files; and up to `readers` more for reading, opened as they are needed. All are used
/// from ordinary threads, waiting on the event loop.
public final class PostgresStore: ReportStore, Sendable {
    /// The URL without its password, for messages.
    public let location: String
    let writer: PostgresSession
    let claimer: PostgresSession
    let readers: PostgresReaders
    /// `figure_kind` ids by template and figure id.
    let kindIDs: [String: [FigureID: Int64]]
    /// Figure id and value kind by `figure_kind` id.
    let kinds: [Int64: (id: FigureID, kind: ValueKind)]
    /// Agencies and compared cells this process remembers. An agency another user merged away since makes the
    /// report's insert fail on its reference; the caches are then emptied and the report stored again.
    let caches = IngestCaches()
    /// Names this store's claims; unique per process and store.
    let owner = UUID().uuidString
    /// Seconds without a heartbeat after which another ingest takes a claim over.
    public let claimTimeout: Int
    /// The server process of the claims connection and when it started: a claim names them, so that a claim whose
    /// process is gone can be taken over.
    let claimerBackend: (pid: Int32, started: Date?)
    /// Whether the database keeps source files ("v5 source files"); a corpus opened read-only may predate them.
    let hasSourceFiles: Bool

    /// Connects, creating the schema or bringing it up to date; `readOnly` connects for reading only (a role with
    /// SELECT alone will do), in read-only transactions, and never migrates. `readers` connections at most serve
    /// reads side by side.
    public init(url: String, claimTimeout: Int = 30, readOnly: Bool = false, readers: Int = 4) throws(StoreError) {
        let settings: PostgresSettings
        do {
            settings = try PostgresSettings(url: url)
        } catch {
            throw .cannotOpen(path: url, detail: "\(error)")
        }
        location = settings.redacted
        self.claimTimeout = claimTimeout
        self.readers = PostgresReaders(settings: settings, maximum: readers)
        do {
            writer = try PostgresSession(settings: settings)
            claimer = try PostgresSession(settings: settings)
            claimerBackend =
                try claimer.rows(
                    "SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()"
                ).first?.decode((Int32, Date?).self) ?? (0, nil)
            if readOnly {
                for session in [writer, claimer] { try session.execute("SET default_transaction_read_only = on") }
                try PostgresSchema.checkReadable(writer, location: settings.redacted)
            } else {
                try PostgresSchema.migrate(writer, location: settings.redacted)
            }
            hasSourceFiles =
                try writer.rows("SELECT to_regclass('source_file') IS NOT NULL").first?.decode(Bool.self) ?? false
            var kindIDs: [String: [FigureID: Int64]] = [:]
            var kinds: [Int64: (id: FigureID, kind: ValueKind)] = [:]
            for row in try writer.rows("SELECT id, figure, template FROM figure_kind") {
                let (id, figureText, templateText) = try row.decode((Int64, String, String).self)
                let figure = FigureID(figureText)
                kindIDs[templateText, default: [:]][figure] = id
                let template = ReportTemplate(rawValue: templateText) ?? .v2021
                kinds[id] = (figure, NationalTemplates.spec(template).cell(figure)?.column.kind ?? .count)
            }
            self.kindIDs = kindIDs
            self.kinds = kinds
        } catch let error as PSQLError where error.sqlState == nil {
            // No server answered: not a connection lost but one never made.
            throw .cannotOpen(path: settings.redacted, detail: "\(error.code)")
        } catch {
            throw Self.mapped(error, location: settings.redacted)
        }
    }

    deinit {
        writer.close()
        claimer.close()
        readers.close()
    }

    /// Runs a read on a connection of its own (``PostgresReaders``), in one snapshot.
    func reading<T>(_ body: (PostgresSession.Transaction) throws -> T) throws -> T {
        try readers.reading(body)
    }

    /// One statement's rows, read as ``reading(_:)`` reads.
    func readRows(_ query: PostgresQuery) throws -> [PostgresRow] {
        try reading { try $0.rows(query) }
    }

    /// Creates an empty database on the server a URL names and returns the URL of the new database.
    public static func createDatabase(named name: String, nextTo url: String) throws(StoreError) -> String {
        do {
            let settings = try PostgresSettings(url: url)
            let session = try PostgresSession(settings: settings)
            defer { session.close() }
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "") + "\""
            try session.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(quoted)"))
            var components = URLComponents(string: url)
            components?.path = "/" + name
            return components?.string ?? url
        } catch {
            throw Self.mapped(error, location: url)
        }
    }

    static func mapped(_ error: any Error, location: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PSQLError {
            switch (error.code, error.sqlState) {
            case (_, "42501"), (_, "25006"):
                // insufficient_privilege, read_only_sql_transaction
                return .readOnly(path: location)
            case (.serverClosedConnection, _), (.clientClosedConnection, _), (.uncleanShutdown, _),
                (.connectionError, _), (_, "57P01"), (_, "57P02"), (_, "57P03"):
                // The server went away, or is shutting down or starting up.
                return .connectionLost(path: location)
            default:
                let message = error.serverInfo?[.message] ?? "\(error.code)"
                return .cannotOpen(path: location, detail: message)
            }
        }
        if error is ChannelError { return .connectionLost(path: location) }
        return .cannotOpen(path: location, detail: "\(error)")
    }

    /// Runs a body, turning database errors into ``StoreError``s.
    func guarded<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw Self.mapped(error, location: location)
        }
    }

    static func now() -> String {
        Date().formatted(.iso8601)
    }
}

/// Where the database is, from a `postgres://user:password@host:port/database` URL.
struct PostgresSettings: Sendable {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var redacted: String

    struct InvalidURL: Error, CustomStringConvertible {
        var description: String { "不是 postgres://用户@主机:端口/数据库 形式的地址（not a postgres:// URL）" }
    }

    init(url: String) throws {
        guard let components = URLComponents(string: url),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else { throw InvalidURL() }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = components.port ?? 5432
        user = components.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        password = components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        redacted = "postgres://\(user)@\(host):\(port)/\(database)"
    }
}

/// One connection, used by one thread at a time: every call waits for its result.
final class PostgresSession: Sendable {
    let connection: PostgresConnection
    let logger = Logger(label: "gongkai.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Held for each statement outside a transaction and for the whole of each transaction.
    let gate = Mutex(())

    init(settings: PostgresSettings) throws {
        let configuration = PostgresConnection.Configuration(
            host: settings.host,
            port: settings.port,
            username: settings.user,
            password: settings.password,
            database: settings.database,
            tls: .disable
        )
        connection = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(),
            configuration: configuration,
            id: 1,
            logger: logger
        ).wait()
    }

    func close() {
        _ = try? connection.close().wait()
    }

    /// Runs one statement and collects its rows; inside ``transaction(_:)`` use the ``Transaction`` instead.
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        try gate.withLock { _ in try Transaction(session: self).rows(query) }
    }

    func execute(_ query: PostgresQuery) throws {
        _ = try rows(query)
    }

    /// Runs the body in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(begin: String = "BEGIN", _ body: (Transaction) throws -> T) throws -> T {
        try gate.withLock { _ in
            let transaction = Transaction(session: self)
            try transaction.execute(PostgresQuery(unsafeSQL: begin))
            do {
                let result = try body(transaction)
                try transaction.execute("COMMIT")
                return result
            } catch {
                try? transaction.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// The statements of one transaction (or of one statement on its own).
    struct Transaction {
        let session: PostgresSession

        func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
            let future = session.connection.query(query, logger: session.logger)
            // A statement sent as the server dies may never complete: wait in steps, and give up once the connection
            // has closed.
            let done = DispatchSemaphore(value: 0)
            future.whenComplete { _ in done.signal() }
            while done.wait(timeout: .now() + 0.5) == .timedOut {
                if session.connection.isClosed { throw ChannelError.ioOnClosedChannel }
            }
            return try future.wait().rows
        }

        func execute(_ query: PostgresQuery) throws {
            _ = try rows(query)
        }

        func one<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? {
            guard let row = try rows(query).first else { return nil }
            return try row.decode(T.self)
        }
    }
}

extension PSQLError {
    /// The five-character SQLSTATE code of a server error (`23505`: a unique constraint).
    var sqlState: String? { serverInfo?[.sqlState] }
}
#endif
