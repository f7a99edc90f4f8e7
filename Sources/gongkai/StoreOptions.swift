import ArgumentParser
import Foundation
import GongkaiStore

/// `--db PATH`: the corpus database, `gongkai.sqlite` in the working directory by default.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "The corpus database: an SQLite file (default: gongkai.sqlite here) or postgres://user@host:port/db."
    )
    var database = "gongkai.sqlite"

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
                "gongkai: 此版本未包含 PostgreSQL 支持，请用 swift build --traits Postgres 构建"
                    + "（PostgreSQL is not built in; build with --traits Postgres）。"
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
