import Foundation
import GRDB
import NewsCore

/// What a token may do.
public enum TokenScope: String, Sendable, CaseIterable {
    /// `POST /api/v1/ingest`: create, update, publish and withdraw articles in its editions.
    case ingest
}

/// A machine's credential for the write API (an agency's editorial system). Its text is shown
/// once when made; only its SHA-256 is kept.
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var scope: TokenScope
    public var editions: Set<String>
    /// Where new articles it sends are filed.
    public var sectionPath: String
    public var createdAt: Int64
    public var createdBy: String
    public var lastUsedAt: Int64?
    public var revokedAt: Int64?

    public var isRevoked: Bool { revokedAt != nil }

    /// The token as the author of writes from `address`: an editor of its editions, named
    /// "token:NAME" in revisions and the audit log.
    public func actor(address: String) -> Actor {
        Actor(userID: nil, name: "token:\(name)", role: .editor, editions: editions, address: address)
    }
}

/// The api_tokens table: made, listed, looked up by digest, revoked; every change and every use
/// in the audit log.
public struct TokenRepository: Sendable {
    let database: HeraldDatabase
    let now: @Sendable () -> Int64

    public init(_ database: HeraldDatabase, now: @escaping @Sendable () -> Int64 = UnixClock.system) {
        self.database = database
        self.now = now
    }

    /// Stores a new token by the digest of its text; the name must be free, the editions (at
    /// least one) and the section must exist (empty: the site's first top-level section).
    @discardableResult
    public func add(name: String, scope: TokenScope, editions: Set<String>, sectionPath: String, tokenHash: [UInt8],
                    by actor: Actor) throws -> APIToken {
        guard User.isValidName(name) else {
            throw AccountError.invalid(field: "name", message: "must be 1–64 lower-case letters, digits, dots, dashes or underscores")
        }
        guard !editions.isEmpty else { throw AccountError.invalid(field: "editions", message: "name at least one edition") }
        guard tokenHash.count == 32 else { throw AccountError.invalid(field: "token", message: "is not a SHA-256 digest") }
        let time = now()
        return try database.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM api_tokens WHERE name = ?", arguments: [name]) != nil {
                throw AccountError.invalid(field: "name", message: "a token named \"\(name)\" exists (revoked ones keep their name)")
            }
            let known = Set(try String.fetchAll(db, sql: "SELECT code FROM editions"))
            if let unknown = editions.subtracting(known).sorted().first {
                throw AccountError.invalid(field: "editions", message: "unknown edition \"\(unknown)\" (known: \(known.sorted().joined(separator: ", ")))")
            }
            var sectionPath = sectionPath
            if sectionPath.isEmpty {
                sectionPath = try String.fetchOne(db, sql: "SELECT path FROM sections WHERE parent_id IS NULL ORDER BY position, path LIMIT 1") ?? ""
            }
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM sections WHERE path = ?", arguments: [sectionPath]) != nil else {
                let paths = try String.fetchAll(db, sql: "SELECT path FROM sections ORDER BY path")
                throw AccountError.invalid(field: "section", message: "unknown section \"\(sectionPath)\" (known: \(paths.joined(separator: ", ")))")
            }
            try db.execute(sql: """
                INSERT INTO api_tokens (name, token_hash, scope, section_path, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [name, Data(tokenHash), scope.rawValue, sectionPath, time, actor.name])
            let id = db.lastInsertedRowID
            for edition in editions.sorted() {
                try db.execute(sql: "INSERT INTO api_token_editions (token_id, edition_code) VALUES (?, ?)", arguments: [id, edition])
            }
            try AuditLog.record(actor, "token.add", "token", name,
                                detail: "\(scope.rawValue) \(editions.sorted().joined(separator: ",")) \(sectionPath)", at: time, db)
            return APIToken(id: id, name: name, scope: scope, editions: editions, sectionPath: sectionPath, createdAt: time,
                            createdBy: actor.name, lastUsedAt: nil, revokedAt: nil)
        }
    }

    /// Every token, revoked ones too, by name.
    public func all() throws -> [APIToken] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM api_tokens ORDER BY name").map { try Self.token($0, db) }
        }
    }

    /// The token whose text has this digest (revoked or not: the caller refuses a revoked one).
    public func token(hash: [UInt8]) throws -> APIToken? {
        try database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM api_tokens WHERE token_hash = ?", arguments: [Data(hash)])
                .map { try Self.token($0, db) }
        }
    }

    /// Refuses the token from now on; its row stays for the audit log.
    public func revoke(name: String, by actor: Actor) throws {
        let time = now()
        try database.write { db in
            guard let revoked = try Row.fetchOne(db, sql: "SELECT revoked_at FROM api_tokens WHERE name = ?", arguments: [name]) else {
                throw AccountError.invalid(field: "name", message: "there is no token named \"\(name)\" (herald token list)")
            }
            guard (revoked[0] as Int64?) == nil else {
                throw AccountError.invalid(field: "name", message: "the token \"\(name)\" is revoked already")
            }
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE name = ?", arguments: [time, name])
            try AuditLog.record(actor, "token.revoke", "token", name, at: time, db)
        }
    }

    /// Records one use of a token (what was asked, what came of it, from where) and when it
    /// was last used.
    public func recordUse(_ token: APIToken, action: String, detail: String, address: String) throws {
        let time = now()
        try database.write { db in
            try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [time, token.id])
            try AuditLog.record(token.actor(address: address), action, "token", token.name, detail: detail, at: time, db)
        }
    }

    static let columns = "id, name, scope, section_path, created_at, created_by, last_used_at, revoked_at"

    static func token(_ row: Row, _ db: Database) throws -> APIToken {
        let id: Int64 = row[0]
        let editions = Set(try String.fetchAll(db, sql: "SELECT edition_code FROM api_token_editions WHERE token_id = ?", arguments: [id]))
        return APIToken(id: id, name: row[1], scope: TokenScope(rawValue: row[2]) ?? .ingest, editions: editions, sectionPath: row[3],
                        createdAt: row[4], createdBy: row[5], lastUsedAt: row[6], revokedAt: row[7])
    }
}
