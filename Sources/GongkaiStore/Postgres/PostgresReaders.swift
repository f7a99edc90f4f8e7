#if Postgres
import Dispatch
import NIOCore
import PostgresNIO
import Synchronization

/// The connections that serve reads: opened as they are first needed, at most `maximum`, each in one read-only
/// transaction at a time, so that the pages of a busy server are read side by side instead of one after another on
/// the connection that writes. A connection the server dropped is closed and a new one opened for the next read.
final class PostgresReaders: Sendable {
    let settings: PostgresSettings
    let maximum: Int
    private let idle = Mutex<[PostgresSession]>([])
    /// One permit a connection: a read waits here when all `maximum` are busy.
    private let permits: DispatchSemaphore

    init(settings: PostgresSettings, maximum: Int) {
        self.settings = settings
        self.maximum = max(1, maximum)
        permits = DispatchSemaphore(value: self.maximum)
    }

    /// Runs the body in a read-only transaction that sees one snapshot of the database (its counts and its rows
    /// agree) on a connection of its own. A read that finds its connection closed by the server (restarted, or the
    /// connection ended by an administrator) runs once more on a new one: it changed nothing.
    func reading<T>(_ body: (PostgresSession.Transaction) throws -> T) throws -> T {
        permits.wait()
        defer { permits.signal() }
        var attempt = 0
        while true {
            attempt += 1
            let session = try idleSession() ?? opened()
            do {
                let result = try session.transaction(
                    begin: "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY",
                    body
                )
                idle.withLock { $0.append(session) }
                return result
            } catch {
                let lost =
                    PostgresStore.mapped(error, location: settings.redacted)
                    == .connectionLost(
                        path: settings.redacted
                    )
                guard lost || session.connection.isClosed else {
                    idle.withLock { $0.append(session) }
                    throw error
                }
                session.close()
                if attempt > 1 { throw error }
            }
        }
    }

    /// An idle connection still open; those the server closed meanwhile are let go.
    private func idleSession() -> PostgresSession? {
        while let session = idle.withLock({ $0.popLast() }) {
            if !session.connection.isClosed { return session }
            session.close()
        }
        return nil
    }

    private func opened() throws -> PostgresSession {
        let session = try PostgresSession(settings: settings)
        do {
            try session.execute("SET default_transaction_read_only = on")
        } catch {
            session.close()
            throw error
        }
        return session
    }

    func close() {
        for session in idle.withLock({ sessions in
            defer { sessions.removeAll() }
            return sessions
        }) {
            session.close()
        }
    }
}
#endif
