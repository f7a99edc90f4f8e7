import GRDB
import GRDBSQLite

/// An insert statement of the ingest, bound and run through SQLite's C interface.
///
/// A report is about 200 figure rows plus its sections and findings; GRDB's general path (arguments as an array of
/// existentials, Codable records, `RETURNING` through a temporary table) costs several times the insert itself. The
/// statement is GRDB's cached one, so it is compiled once per connection, and errors come back as GRDB's
/// `DatabaseError` with SQLite's result code, as from any other statement.
struct SQLiteInsert {
    let statement: Statement
    let connection: SQLiteConnection?

    init(_ sql: String, _ db: Database) throws {
        statement = try db.cachedStatement(sql: sql)
        connection = db.sqliteConnection
    }

    /// Binds the values in parameter order, runs the statement and resets it.
    func run(_ values: SQLiteValue...) throws { try run(values: values) }

    func run(values: [SQLiteValue]) throws {
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, position)
            case .integer(let number): code = sqlite3_bind_int64(handle, position, number)
            case .text(let text):
                var text = text
                code = text.withUTF8 { bytes in
                    guard let base = bytes.baseAddress else {
                        return sqlite3_bind_text(handle, position, "", 0, SQLiteInsert.transient)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text(handle, position, $0, Int32(bytes.count), SQLiteInsert.transient)
                    }
                }
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    func error(_ code: Int32) -> DatabaseError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    /// SQLite copies the bytes before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A value bound to an insert's parameter.
enum SQLiteValue {
    case null
    case integer(Int64)
    case text(String)

    static func integer(_ value: Int?) -> SQLiteValue { value.map { .integer(Int64($0)) } ?? .null }
    static func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
}
