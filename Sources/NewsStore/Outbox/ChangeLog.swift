import Foundation
import GRDB
import NewsCore

/// The `changes` table: each editorial write's ChangeSet, recorded in the write's own transaction
/// so that whoever serves the database learns what changed, whichever process wrote it.
public enum ChangeLog {
    /// Records a change inside the caller's write transaction (nothing for an empty one).
    public static func record(_ changes: ChangeSet, at time: Int64, _ db: Database) throws {
        guard !changes.isEmpty else { return }
        try RawStatement(db, "INSERT INTO changes (at, keys) VALUES (?, ?)").run([.integer(time), .text(changes.recorded)])
    }

    /// The newest change's id (0 when there is none).
    public static func latestID(_ database: HeraldDatabase) throws -> Int64 {
        try database.readConnections.read { db in
            try RawStatement(db, "SELECT MAX(id) FROM changes").int64([]) ?? 0
        }
    }

    /// Every change after `id`, merged, with the newest id and time read; nil when there is none.
    /// One index range read, usually empty (most commits are view flushes).
    public static func changes(after id: Int64, _ database: HeraldDatabase) throws -> (lastID: Int64, at: Int64, changes: ChangeSet)? {
        try database.readConnections.read { db in
            var merged = ChangeSet()
            var last: (Int64, Int64)?
            try RawStatement(db, "SELECT id, at, keys FROM changes WHERE id > ? ORDER BY id").forEach([.integer(id)]) { row in
                last = (row.int64(0), row.int64(1))
                if !merged.touchesEverything { merged.formUnion(ChangeSet(recorded: row.text(2))) }
            }
            return last.map { ($0.0, $0.1, merged) }
        }
    }

    /// When each key recorded in the table last changed (Unix seconds). The table keeps at least
    /// the last day (`prune`), so a key it does not name changed before any page's day began.
    public static func changeTimes(_ database: HeraldDatabase) throws -> [CacheKey: Int64] {
        try database.readConnections.read { db in
            var times: [CacheKey: Int64] = [:]
            try RawStatement(db, "SELECT at, keys FROM changes").forEach([]) { row in
                let at = row.int64(0)
                for key in ChangeSet(recorded: row.text(1)).keys where times[key].map({ $0 < at }) ?? true { times[key] = at }
            }
            return times
        }
    }

    /// Deletes changes recorded before `time` (Unix seconds), keeping the newest row so the next
    /// id keeps growing; returns how many went.
    @discardableResult
    public static func prune(before time: Int64, _ database: HeraldDatabase) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM changes WHERE at < ? AND id < (SELECT MAX(id) FROM changes)", arguments: [time])
            return db.changesCount
        }
    }
}
