import Foundation
import GRDB
import NewsCore

/// One recorded write.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: Int64
    public var userID: Int64?
    public var actor: String
    /// "article.publish", "user.add" …
    public var action: String
    public var objectType: String
    public var objectID: String
    public var address: String
    public var detail: String
}

/// The audit_log table: every write, who, what, which object, when, from where.
public enum AuditLog {
    /// Records a write inside the caller's transaction.
    public static func record(_ actor: Actor, _ action: String, _ objectType: String, _ objectID: String, detail: String = "",
                              at time: Int64, _ db: Database) throws {
        try RawStatement(db, """
            INSERT INTO audit_log (at, user_id, actor, action, object_type, object_id, address, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.integer(time), SQLValue(actor.userID), .text(actor.name), .text(action), .text(objectType), .text(objectID),
                      .text(actor.address), .text(String(detail.prefix(500)))])
    }

    /// The newest entries (before `before`, for paging), optionally of one object.
    public static func entries(_ database: HeraldDatabase, limit: Int = 100, before: Int64? = nil,
                               object: (type: String, id: String)? = nil) throws -> [AuditEntry] {
        try database.pool.read { db in
            var sql = "SELECT id, at, user_id, actor, action, object_type, object_id, address, detail FROM audit_log WHERE id < ?"
            var arguments: StatementArguments = [before ?? Int64.max]
            if let object {
                sql += " AND object_type = ? AND object_id = ?"
                arguments += [object.type, object.id]
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                AuditEntry(id: row[0], at: row[1], userID: row[2], actor: row[3], action: row[4], objectType: row[5],
                           objectID: row[6], address: row[7], detail: row[8])
            }
        }
    }
}
