import Foundation
import GRDB
import NewsCore

/// One schema change: a numbered SQL file from migrations/.
public struct Migration: Sendable, Equatable {
    /// The number from the file name (0001 → 1).
    public var version: Int
    /// The file name without ".sql".
    public var name: String
    /// The SQL text.
    public var sql: String
    /// FNV-1a 64 of the file's bytes, hex: detects edits to an applied file.
    public var checksum: String

    public init(version: Int, name: String, sql: String, checksum: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = checksum
    }
}

/// Applies migrations/NNNN_name.sql in order, each in its own transaction, recorded with a checksum.
public struct Migrator: Sendable {
    /// The migrations found, in version order.
    public let migrations: [Migration]

    /// Reads every NNNN_name.sql file in `directory`.
    public init(directory: String) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw StoreError(.migration, "migrate: unable to read migrations directory \(directory)")
        }
        var found: [Migration] = []
        for file in names.sorted() where file.hasSuffix(".sql") {
            let stem = String(file.dropLast(4))
            guard let version = Int(stem.prefix(4)), stem.count > 5, stem.dropFirst(4).first == "_",
                  stem.dropFirst(5).allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                throw StoreError(.migration, "migrate: \(file) is not named NNNN_short_name.sql")
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + file),
                  let sql = String(data: data, encoding: .utf8) else {
                throw StoreError(.migration, "migrate: unable to read \(file)")
            }
            if found.contains(where: { $0.version == version }) {
                throw StoreError(.migration, "migrate: two migrations are numbered \(version)")
            }
            found.append(Migration(version: version, name: stem, sql: sql, checksum: Migrator.checksum(data)))
        }
        try self.init(migrations: found)
    }

    /// Uses an explicit list (tests).
    public init(migrations: [Migration]) throws {
        guard !migrations.isEmpty else { throw StoreError(.migration, "migrate: no migrations found") }
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies pending migrations and returns their names. Refuses (without changing anything) when
    /// an applied file was edited or the database has migrations this code does not know.
    @discardableResult
    public func migrate(_ database: HeraldDatabase) throws -> [String] {
        do {
            try database.pool.writeWithoutTransaction { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                      version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
                      applied_at INTEGER NOT NULL) STRICT
                    """)
            }
        } catch let error as DatabaseError {
            throw StoreError(.migration, "migrate: unable to write to database \(database.path): \(HeraldDatabase.explain(error))")
        }
        let applied = try verify(database)
        var names: [String] = []
        for migration in migrations where !applied.contains(migration.version) {
            do {
                try database.write { db in
                    try db.execute(sql: migration.sql)
                    try db.execute(sql: "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                                   arguments: [migration.version, migration.name, migration.checksum, Int(Date().timeIntervalSince1970)])
                }
            } catch let error as DatabaseError {
                throw StoreError(.migration, "migrate: \(migration.name).sql failed and was rolled back: \(HeraldDatabase.explain(error))")
            }
            names.append(migration.name)
        }
        // An index built with other folding rules is built again (a newer herald folds
        // differently), so that removing an article's tokens removes what was added.
        if try database.pool.read({ db in try db.tableExists("search_state") }), try SearchIndex.isStale(database) {
            do {
                let count = try SearchIndex.rebuild(database)
                names.append("search index rebuilt (folding rules \(SearchText.version), \(count) articles)")
            } catch let error as DatabaseError {
                throw StoreError(.migration, "migrate: rebuilding the search index failed and was rolled back: \(HeraldDatabase.explain(error))")
            }
        }
        return names
    }

    /// Checks applied migrations against the files; returns the applied versions.
    @discardableResult
    public func verify(_ database: HeraldDatabase) throws -> Set<Int> {
        let rows = try database.pool.read { db -> [Row] in
            guard try db.tableExists("schema_migrations") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT version, name, checksum FROM schema_migrations ORDER BY version")
        }
        var applied = Set<Int>()
        for row in rows {
            let version: Int = row["version"]
            let name: String = row["name"]
            guard let known = migrations.first(where: { $0.version == version }) else {
                throw StoreError(.migration, "migrate: the database has migration \(name), which this version of Herald does not know; the database is newer than the code — run a newer herald")
            }
            guard known.checksum == row["checksum"] as String else {
                throw StoreError(.migration, "migrate: \(known.name).sql was edited after it was applied (checksum differs); migrations are append-only — restore the file and add a new migration")
            }
            applied.insert(version)
        }
        return applied
    }

    /// The versions not yet applied.
    public func pending(_ database: HeraldDatabase) throws -> [Migration] {
        let applied = try verify(database)
        return migrations.filter { !applied.contains($0.version) }
    }

    static func checksum(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(format: "%016llx", hash)
    }
}
