import Foundation
import GRDB
import GRDBSQLite
import HeraldSupport
import NewsCore

/// Read-only connections for the reader pages, one per thread (no lock to check one out).
///
/// Measured on the 2-core machines (release): `DatabasePool.read {}` costs ≈ 20–30 µs before any
/// query (reader checkout, a transaction, query_only toggles) and a GRDB row fetch ≈ 6–10 µs; an
/// article page needs several queries, which capped it at ≈ 5k req/s. Here GRDB still opens and
/// configures the connections and caches the prepared statements, but a page's reads run as one
/// plain `BEGIN … COMMIT` snapshot and rows are stepped through the C API (`RawStatement`).
///
/// Connections are kept in a table keyed by thread id behind a reader–writer lock (readers never
/// wait on one another). Not thread-local storage: releasing GRDB's dispatch queues from a TLS
/// destructor at thread exit crashed libdispatch's own per-thread cleanup.
public final class ReadConnections: Sendable {
    private let path: String
    private let connections = ReadMostly<[UInt: DatabaseQueue]>([:])

    /// Prepares per-thread read connections to the database file at `path` (opened on first use).
    public init(path: String) {
        self.path = path
    }

    /// Runs `body` inside one read transaction (a consistent snapshot) on this thread's connection.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try connection().inDatabase { db in
            // Prepared once per connection: sqlite3_exec would parse the text on every request.
            try RawStatement(db, "BEGIN").run()
            defer { try? RawStatement(db, "COMMIT").run() }
            return try body(db)
        }
    }

    /// This thread's connection. A thread id reused after a thread exits inherits the old
    /// connection, which is safe: its previous owner is gone.
    private func connection() throws -> DatabaseQueue {
        let thread = UInt(bitPattern: Int(bitPattern: pthread_self()))
        if let queue = connections.read()[thread] { return queue }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in try SearchRank.register(db) }
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        connections.update { $0[thread] = queue }
        return queue
    }
}

/// A GRDB-cached prepared statement stepped with the SQLite C API: bind, step, read columns by
/// index, reset. No row objects are built.
struct RawStatement {
    let handle: SQLiteStatement
    private let db: Database

    /// The cached statement for `sql` on this connection.
    init(_ db: Database, _ sql: String) throws {
        self.db = db
        handle = try db.cachedStatement(sql: sql).sqliteStatement
    }

    /// Binds values to the ? placeholders in order.
    func bind(_ values: [SQLValue]) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let v): sqlite3_bind_int64(handle, index, v)
            case .text(var v):
                // With the length given, no terminated copy is made (a short string's would be allocated).
                v.withUTF8 { bytes in
                    if let base = bytes.baseAddress {
                        _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                              Int32(bytes.count), RawStatement.transient)
                    } else {
                        _ = sqlite3_bind_text(handle, index, "", 0, RawStatement.transient)   // a null pointer would bind NULL
                    }
                }
            case .null: sqlite3_bind_null(handle, index)
            }
        }
    }

    /// Steps through the result rows, calling `row` for each; resets the statement afterwards.
    func forEach(_ values: [SQLValue], _ row: (RawRow) throws -> Void) throws {
        bind(values)
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw StoreError(.statementFailed, "store: statement failed: \(String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))")
            }
            try row(RawRow(handle: handle))
        }
    }

    /// Collects mapped rows.
    func map<T>(_ values: [SQLValue], _ transform: (RawRow) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEach(values) { result.append(try transform($0)) }
        return result
    }

    /// Steps a statement that returns no rows (BEGIN, COMMIT, INSERT …).
    func run(_ values: [SQLValue] = []) throws {
        try forEach(values) { _ in }
    }

    /// The first column of the first row as an integer (a lookup by key, INSERT … RETURNING id).
    func int64(_ values: [SQLValue]) throws -> Int64? {
        var found: Int64?
        try forEach(values) { row in if found == nil { found = row.int64(0) } }
        return found
    }

    /// Executes SQL with no result rows on the raw connection.
    static func exec(_ db: Database, _ sql: String) throws {
        guard sqlite3_exec(db.sqliteConnection, sql, nil, nil, nil) == SQLITE_OK else {
            throw StoreError(.statementFailed, "store: \(sql) failed: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
        }
    }

    /// SQLite copies bound text before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// The current row of a `RawStatement`, read by column index.
struct RawRow {
    let handle: SQLiteStatement

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// A text column's UTF-8 bytes, unvalidated (for stored HTML the page copies as is).
    func bytes(_ column: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    func optionalText(_ column: Int32) -> String? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : text(column)
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : int64(column)
    }
}

/// A value bound to a statement parameter (no existentials or dynamic casts on the hot path).
enum SQLValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case integer(Int64)
    case text(String)
    case null

    init(integerLiteral value: Int64) { self = .integer(value) }
    init(stringLiteral value: String) { self = .text(value) }
    init(_ value: Int64) { self = .integer(value) }
    init(_ value: Int) { self = .integer(Int64(value)) }
    init(_ value: String) { self = .text(value) }
    init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
}
