import Foundation
import GRDB
import NewsCore

/// A signed-in browser.
public struct Session: Sendable, Equatable {
    /// The SHA-256 of the cookie's token (the token itself is never stored).
    public var tokenHash: [UInt8]
    public var user: User
    /// The per-session token every state-changing form carries.
    public var csrfToken: String
    public var createdAt: Int64
    public var lastSeenAt: Int64

    public init(tokenHash: [UInt8], user: User, csrfToken: String, createdAt: Int64, lastSeenAt: Int64) {
        self.tokenHash = tokenHash
        self.user = user
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// Sessions, stored by the digest of their token, with idle and absolute expiry.
public struct SessionRepository: Sendable {
    let database: HeraldDatabase
    /// Seconds without a request after which a session ends (12 h).
    public let idleSeconds: Int64
    /// Seconds after sign-in after which a session ends whatever happens (7 days).
    public let absoluteSeconds: Int64

    public init(_ database: HeraldDatabase, idleSeconds: Int64 = 12 * 3600, absoluteSeconds: Int64 = 7 * 86_400) {
        self.database = database
        self.idleSeconds = idleSeconds
        self.absoluteSeconds = absoluteSeconds
    }

    /// Stores a new session for a user (a sign-in); the audit log records it.
    public func create(tokenHash: [UInt8], user: User, csrfToken: String, address: String, userAgent: String, at time: Int64) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, address, user_agent)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [Data(tokenHash), user.id, csrfToken, time, time, address, String(userAgent.prefix(300))])
            try AuditLog.record(user.actor(address: address), "session.sign_in", "user", user.name, at: time, db)
        }
    }

    /// The live session for a token digest at `time`; an expired one (idle or absolute), or one
    /// whose user is disabled, is deleted and nil. The last-seen time is written at most once a
    /// minute.
    public func session(tokenHash: [UInt8], at time: Int64) throws -> Session? {
        let found = try database.pool.read { db -> (Session, Bool)? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = ?
                """, arguments: [Data(tokenHash)]),
                let user = try UserRepository.user(id: row[0], db) else { return nil }
            let session = Session(tokenHash: tokenHash, user: user, csrfToken: row[1], createdAt: row[2], lastSeenAt: row[3])
            let expired = user.disabled || time - session.lastSeenAt > idleSeconds || time - session.createdAt > absoluteSeconds
            return (session, expired)
        }
        guard let (session, expired) = found else { return nil }
        if expired {
            try end(tokenHash: tokenHash)
            return nil
        }
        if time - session.lastSeenAt >= 60 {
            try database.write { db in
                try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", arguments: [time, Data(tokenHash)])
            }
        }
        return session
    }

    /// Ends one session (sign-out, recorded when `actor` is given; an expired session silently).
    public func end(tokenHash: [UInt8], by actor: Actor? = nil, at time: Int64 = 0) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [Data(tokenHash)])
            if let actor { try AuditLog.record(actor, "session.sign_out", "user", actor.name, at: time, db) }
        }
    }

    /// Ends every session of a user (sign out everywhere); returns how many.
    @discardableResult
    public func endAll(userID: Int64, by actor: Actor, at time: Int64) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userID])
            let count = db.changesCount
            try AuditLog.record(actor, "session.sign_out_everywhere", "user", actor.name, detail: "\(count) sessions", at: time, db)
            return count
        }
    }

    /// Records a refused sign-in in the audit log: the name when it is a valid one, else not
    /// (someone typing their password into the name field must not see it kept).
    public func recordFailure(name: String, address: String, at time: Int64) throws {
        let shown = User.isValidName(name) ? name : "(not a user name)"
        try database.write { db in
            try AuditLog.record(Actor(userID: nil, name: shown, role: .author, editions: [], address: address),
                                "session.sign_in_failed", "user", shown, at: time, db)
        }
    }

    /// Sessions within both expiries at `time` (the metrics' signed-in browsers).
    public func activeCount(at time: Int64) throws -> Int {
        try database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions WHERE last_seen_at >= ? AND created_at >= ?",
                             arguments: [time - idleSeconds, time - absoluteSeconds]) ?? 0
        }
    }

    /// Deletes sessions past either expiry (the maintenance loop).
    @discardableResult
    public func prune(at time: Int64) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?",
                           arguments: [time - idleSeconds, time - absoluteSeconds])
            return db.changesCount
        }
    }
}
