import Foundation
import GRDB
import NewsCore

/// Why an account change was refused; nothing was written.
public enum AccountError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field is wrong (its name and what is wrong).
    case invalid(field: String, message: String)
    /// No such user.
    case notFound(String)

    /// A stable code for programs.
    public var code: String {
        switch self {
        case .invalid: return "invalid_account"
        case .notFound: return "user_not_found"
        }
    }

    public var description: String {
        switch self {
        case .invalid(let field, let message): return "\(field): \(message)"
        case .notFound(let name): return "no user \"\(name)\""
        }
    }
}

/// Newsroom accounts: users, their roles and editions, password hashes. Every change is audited.
public struct UserRepository: Sendable {
    let database: HeraldDatabase
    let now: @Sendable () -> Int64

    /// A repository over a database; `now` (Unix seconds) is injectable.
    public init(_ database: HeraldDatabase, now: @escaping @Sendable () -> Int64 = UnixClock.system) {
        self.database = database
        self.now = now
    }

    /// Adds a user with an already computed password hash; returns it.
    @discardableResult
    public func add(name: String, displayName: String, role: Role, editions: Set<String>, passwordHash: String,
                    by actor: Actor) throws -> User {
        guard User.isValidName(name) else {
            throw AccountError.invalid(field: "name", message: "must be 1–64 lower-case letters, digits, dots, dashes or underscores")
        }
        let shown = displayName.trimmingCharacters(in: .whitespaces).isEmpty ? name : displayName.trimmingCharacters(in: .whitespaces)
        let time = now()
        return try database.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [name]) != nil {
                throw AccountError.invalid(field: "name", message: "\"\(name)\" is taken")
            }
            try Self.checkEditions(editions, db)
            try db.execute(sql: """
                INSERT INTO users (name, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [name, String(shown.prefix(100)), role.rawValue, passwordHash, time, time])
            let id = db.lastInsertedRowID
            try Self.setEditions(id, editions, db)
            try AuditLog.record(actor, "user.add", "user", name, detail: "\(role.rawValue) \(editions.sorted().joined(separator: ","))",
                                at: time, db)
            return User(id: id, name: name, displayName: String(shown.prefix(100)), role: role, editions: editions, disabled: false)
        }
    }

    /// Changes a user's display name, role, editions and whether they may sign in (disabling one
    /// signs them out everywhere).
    public func update(id: Int64, displayName: String, role: Role, editions: Set<String>, disabled: Bool, by actor: Actor) throws {
        let time = now()
        try database.write { db in
            guard let user = try Self.user(id: id, db) else { throw AccountError.notFound(String(id)) }
            try Self.checkEditions(editions, db)
            try db.execute(sql: "UPDATE users SET display_name = ?, role = ?, disabled = ?, updated_at = ? WHERE id = ?",
                           arguments: [String(displayName.prefix(100)), role.rawValue, disabled ? 1 : 0, time, id])
            try Self.setEditions(id, editions, db)
            if disabled { try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [id]) }
            try AuditLog.record(actor, disabled && !user.disabled ? "user.disable" : "user.update", "user", user.name,
                                detail: "\(role.rawValue) \(editions.sorted().joined(separator: ","))\(disabled ? " disabled" : "")",
                                at: time, db)
        }
    }

    /// Replaces a user's password hash and ends their sessions (a new password signs out
    /// everywhere); `audited: false` when a sign-in upgrades the hash's parameters.
    public func setPassword(id: Int64, hash: String, by actor: Actor, audited: Bool = true) throws {
        let time = now()
        try database.write { db in
            guard let user = try Self.user(id: id, db) else { throw AccountError.notFound(String(id)) }
            try db.execute(sql: "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", arguments: [hash, time, id])
            guard audited else { return }
            try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [id])
            try AuditLog.record(actor, "user.passwd", "user", user.name, at: time, db)
        }
    }

    /// Disables a user by name and ends their sessions.
    public func disable(name: String, by actor: Actor) throws {
        guard let (user, _) = try find(name: name) else { throw AccountError.notFound(name) }
        try update(id: user.id, displayName: user.displayName, role: user.role, editions: user.editions, disabled: true, by: actor)
    }

    /// A user and their password hash by sign-in name.
    public func find(name: String) throws -> (User, String)? {
        try database.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, password_hash FROM users WHERE name = ?", arguments: [name]),
                  let user = try Self.user(id: row[0], db) else { return nil }
            return (user, row[1])
        }
    }

    /// A user by id.
    public func user(id: Int64) throws -> User? {
        try database.pool.read { db in try Self.user(id: id, db) }
    }

    /// Every user, by name.
    public func all() throws -> [User] {
        try database.pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM users ORDER BY name").compactMap { try Self.user(id: $0, db) }
        }
    }

    /// How many users there are.
    public func count() throws -> Int {
        try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0 }
    }

    static func user(id: Int64, _ db: Database) throws -> User? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, name, display_name, role, disabled FROM users WHERE id = ?",
                                         arguments: [id]) else { return nil }
        let editions = Set(try String.fetchAll(db, sql: "SELECT edition_code FROM user_editions WHERE user_id = ?", arguments: [id]))
        return User(id: row[0], name: row[1], displayName: row[2], role: Role(rawValue: row[3]) ?? .author, editions: editions,
                    disabled: row[4] == 1)
    }

    private static func checkEditions(_ editions: Set<String>, _ db: Database) throws {
        let known = Set(try String.fetchAll(db, sql: "SELECT code FROM editions"))
        if let unknown = editions.subtracting(known).sorted().first {
            throw AccountError.invalid(field: "editions", message: "unknown edition \"\(unknown)\" (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    private static func setEditions(_ id: Int64, _ editions: Set<String>, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM user_editions WHERE user_id = ?", arguments: [id])
        for edition in editions.sorted() {
            try db.execute(sql: "INSERT INTO user_editions (user_id, edition_code) VALUES (?, ?)", arguments: [id, edition])
        }
    }
}
