import ArgumentParser
import Foundation
import GongkaiStore

/// `--jobs N`: files read at a time, one per core unless given.
struct JobsOption: ParsableArguments {
    @Option(help: "Files read at a time, each in a worker process of its own (default: one per core).")
    var jobs: Int?

    var count: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs 至少为 1。") }
    }
}

/// `--db PATH`: the corpus database, `gongkai.sqlite` in the working directory by default.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "The corpus database: an SQLite file (default: gongkai.sqlite here) or postgres://user@host:port/db."
    )
    var databaseOption: String?

    /// The database named, or `gongkai.sqlite` here.
    var database: String { databaseOption ?? "gongkai.sqlite" }

    /// Opens the database (for reading only, without changing it or its schema, when `readOnly`), or prints why it
    /// cannot be used and exits with status 2.
    func open(readOnly: Bool = false) throws -> any ReportStore {
        if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            #if Postgres
            do {
                return try PostgresStore(url: database, readOnly: readOnly)
            } catch {
                printError("gongkai: \(error.description)")
                throw ExitCode(2)
            }
            #else
            printError(
                "gongkai: 此版本未包含 PostgreSQL 支持，请用 swift build --traits Postgres 构建。"
            )
            throw ExitCode(2)
            #endif
        }
        do {
            return try SQLiteStore(path: database, readOnly: readOnly)
        } catch {
            printError("gongkai: \(error.description)")
            throw ExitCode(2)
        }
    }
}

/// Runs a store request; a store error is printed as its sentence and ends the command with status 2.
func storeRequest<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        printError("gongkai: \(error.description)")
        throw ExitCode(2)
    }
}
