import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// The one owner of the SQLite file: a GRDB pool configured the same way for every connection.
public final class HeraldDatabase: Sendable {
    /// The GRDB pool (WAL: one writer, concurrent readers); a single queue in bulk-load mode.
    public let pool: any DatabaseWriter
    /// The file path.
    public let path: String
    /// Thread-confined read connections for the reader pages.
    public let readConnections: ReadConnections
    /// Checkpoints this process's writer ran (see `WALCheckpoints`).
    private let walCheckpoints: WALCheckpoints

    /// Opens (creating if needed) the database file. Every connection gets foreign keys, WAL,
    /// a busy timeout and a bounded journal.
    public init(path: String, readonly: Bool = false) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError(.cannotOpen, "store: the directory \(directory) for database \(path) does not exist")
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.readonly = readonly
        configuration.maximumReaderCount = 4
        let checkpoints = WALCheckpoints()
        configuration.prepareDatabase { db in
            try SearchIndex.register(db)
            try db.execute(sql: "PRAGMA busy_timeout = 10000")
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864")
                checkpoints.install(on: db)
            }
        }
        walCheckpoints = checkpoints
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            _ = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA schema_version") }
        } catch let error as DatabaseError {
            throw StoreError(.cannotOpen, "store: unable to open database \(path): " + HeraldDatabase.explain(error))
        }
        self.path = path
        readConnections = ReadConnections(path: path)
    }

    /// SQLite's message with what an operator should check, for the failures seen at start.
    public static func explain(_ error: DatabaseError) -> String {
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_READONLY:
            return message + " (herald needs write access to the file and to its directory, for the -wal and -shm files)"
        case .SQLITE_CANTOPEN:
            return message + " (check that the file and its directory are readable and writable by herald)"
        case .SQLITE_FULL:
            return message + " (free space on the disk holding the database)"
        case .SQLITE_IOERR:
            return message + " (a full disk, a file size limit or failing storage)"
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return message + " (the file is damaged or not a Herald database; restore it from a backup)"
        default:
            return message
        }
    }

    /// Opens a new database file for a one-off bulk load (the benchmark's data generator): no
    /// journal, no fsync, a 1 GB page cache, the file locked for this process alone. Each page is
    /// written once instead of to the WAL and again at the checkpoint. A crash leaves the file
    /// unusable, so this is for files that can be generated again; `finishBulkLoad()` puts the
    /// file in WAL mode for serving.
    public init(bulkLoadAt path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try SearchIndex.register(db)
            try db.execute(sql: """
                PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;
                PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY
                """)
        }
        do {
            pool = try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError(.cannotOpen, "store: unable to open database \(path): " + HeraldDatabase.explain(error))
        }
        self.path = path
        readConnections = ReadConnections(path: path)
        walCheckpoints = WALCheckpoints()
    }

    /// Ends a bulk load: the file goes to WAL mode, as every server connection expects it.
    public func finishBulkLoad() throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA locking_mode = NORMAL")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction, so another process's writer waits on the
    /// busy timeout instead of failing with "database is locked".
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// True when the database answers a trivial query (health checks).
    public func isHealthy() -> Bool {
        (try? pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    /// What the health checks say about storage besides "it answers": whether the database can be
    /// written, and the free space where it lives.
    public struct StorageState: Sendable, Equatable {
        public var writable: Bool
        public var freeBytes: Int64
        public var totalBytes: Int64
        /// Less than 5 % or 512 MB free: writes (imports, views, backups) will soon fail.
        public var nearlyFull: Bool { freeBytes < 512 << 20 || (totalBytes > 0 && freeBytes * 20 < totalBytes) }

        public init(writable: Bool, freeBytes: Int64, totalBytes: Int64) {
            self.writable = writable
            self.freeBytes = freeBytes
            self.totalBytes = totalBytes
        }
    }

    /// The database file's and its directory's writability, and the file system's free space.
    public func storage() -> StorageState {
        let directory = (path as NSString).deletingLastPathComponent
        let writable = access(path, W_OK) == 0 && access(directory.isEmpty ? "." : directory, W_OK) == 0
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return StorageState(writable: writable, freeBytes: 0, totalBytes: 0) }
        return StorageState(writable: writable, freeBytes: Int64(stats.f_bavail) * Int64(stats.f_frsize),
                            totalBytes: Int64(stats.f_blocks) * Int64(stats.f_frsize))
    }

    /// The database file's and its WAL's sizes in bytes (0 for a file that is not there).
    public func fileSizes() -> (database: Int64, wal: Int64) {
        func size(_ file: String) -> Int64 {
            var info = stat()
            return stat(file, &info) == 0 ? Int64(info.st_size) : 0
        }
        return (size(path), size(path + "-wal"))
    }

    /// Checkpoints run by this process's writer connection since it opened the file.
    public var checkpointCount: Int { walCheckpoints.count }

    /// Checkpoints the WAL into the main file (on shutdown).
    public func checkpoint() {
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }
}

/// A store failure: a stable code for programs and a message fit for an operator (what to
/// check); database internals stay out of pages.
public struct StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure, as a stable code.
    public enum Code: String, Sendable {
        case cannotOpen = "store.cannot_open"
        case migration = "store.migration"
        case statementFailed = "store.statement_failed"
        case invalidSetup = "store.invalid_setup"
        case invalidHeaderData = "store.invalid_header_data"
        case invalidImport = "store.invalid_import"
        case unreadableFile = "store.unreadable_file"
    }

    public let code: Code
    public let message: String

    /// A failure with its code and message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// SQLite's automatic checkpoint, counted. SQLite checkpoints the WAL after a commit that leaves
/// it at 1,000 pages or more, through the WAL hook `sqlite3_wal_autocheckpoint` installs; a hook
/// of one's own replaces that one, so this hook does the same thing — a passive checkpoint at
/// 1,000 pages — and counts it, for the metrics. Installed on write connections only.
final class WALCheckpoints: Sendable {
    private let done = Atomic<Int>(0)
    static let pages: Int32 = 1000

    var count: Int { done.load(ordering: .relaxed) }

    func install(on db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, name, pages in
            guard let context, pages >= WALCheckpoints.pages else { return SQLITE_OK }
            let counter = Unmanaged<WALCheckpoints>.fromOpaque(context).takeUnretainedValue()
            if sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil) == SQLITE_OK {
                counter.done.add(1, ordering: .relaxed)
            }
            return SQLITE_OK
        }, context)
    }
}
