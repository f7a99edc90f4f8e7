import ArgumentParser
import Foundation
import GongkaiStore

/// `--db PATH`: the corpus database, `gongkai.sqlite` in the working directory by default.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The corpus database file (default: gongkai.sqlite here).")
    var database = "gongkai.sqlite"

    /// Opens the database, or prints why it cannot be used and exits with status 2.
    func open() throws -> any ReportStore {
        if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            printError("gongkai: 此版本未包含 PostgreSQL 支持（PostgreSQL is not built into this gongkai）。")
            throw ExitCode(2)
        }
        do {
            return try SQLiteStore(path: database)
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
