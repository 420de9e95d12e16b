import Foundation
import GRDB
import NewsCore

/// What a cache node has to be sent: the keys of the changes after its cursor, up to `lastID`,
/// or everything when it fell behind what the log still holds or too far.
public struct PurgeBatch: Sendable, Equatable {
    public var lastID: Int64
    /// The keys to purge (unused when `everything`).
    public var keys: [String]
    public var everything: Bool

    public init(lastID: Int64, keys: [String], everything: Bool) {
        self.lastID = lastID
        self.keys = keys
        self.everything = everything
    }
}

/// Each cache node's place in the change log (the `purge_cursors` table).
public struct PurgeCursors: Sendable {
    let database: HeraldDatabase
    let now: @Sendable () -> Int64

    public init(_ database: HeraldDatabase, now: @escaping @Sendable () -> Int64 = UnixClock.system) {
        self.database = database
        self.now = now
    }

    /// The node's batch after its cursor, nil when it has everything. A node seen for the first
    /// time starts with one purge of everything (it may hold pages from before).
    /// `maxChanges` and `maxKeys` bound a batch; more than that is sent as everything.
    public func pending(node: String, maxChanges: Int = 1000, maxKeys: Int = 4000) throws -> PurgeBatch? {
        try database.pool.read { db in
            let latest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM changes") ?? 0
            guard let cursor = try Int64.fetchOne(db, sql: "SELECT change_id FROM purge_cursors WHERE node = ?", arguments: [node]) else {
                return PurgeBatch(lastID: latest, keys: [], everything: true)
            }
            guard latest > cursor else { return nil }
            let oldest = try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM changes WHERE id > ?", arguments: [cursor]) ?? latest
            let rows = try Row.fetchAll(db, sql: "SELECT id, keys FROM changes WHERE id > ? ORDER BY id LIMIT ?",
                                        arguments: [cursor, maxChanges + 1])
            // Rows between the cursor and the oldest left were pruned: what they named is unknown.
            if oldest > cursor + 1 && cursor > 0 || rows.count > maxChanges { return PurgeBatch(lastID: latest, keys: [], everything: true) }
            var merged = ChangeSet()
            for row in rows { merged.formUnion(ChangeSet(recorded: row[1])) }
            let last: Int64 = rows.last?[0] ?? latest
            if merged.touchesEverything || merged.keys.count > maxKeys { return PurgeBatch(lastID: last, keys: [], everything: true) }
            return PurgeBatch(lastID: last, keys: merged.keys.map(\.text).sorted(), everything: false)
        }
    }

    /// Records that the node has been sent every change up to `id`.
    public func delivered(node: String, through id: Int64) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO purge_cursors (node, change_id, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (node) DO UPDATE SET change_id = MAX(change_id, excluded.change_id), updated_at = excluded.updated_at
                """, arguments: [node, id, now()])
        }
    }

    /// Changes after the node's cursor (its backlog), for the operator.
    public func backlog(node: String) throws -> Int {
        try database.pool.read { db in
            let cursor = try Int64.fetchOne(db, sql: "SELECT change_id FROM purge_cursors WHERE node = ?", arguments: [node]) ?? 0
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM changes WHERE id > ?", arguments: [cursor]) ?? 0
        }
    }
}
