import Foundation
import GRDB
import HeraldSupport
import NewsCore

/// Everything the header and navigation need, loaded at once and held in memory by the server.
public struct SiteData: Sendable {
    /// Editions in switcher order.
    public var editions: [Edition]
    /// The section tree with names per edition.
    public var sections: SectionTree
    /// Site settings.
    public var settings: SiteSettings
    /// The latest rates in header order.
    public var rates: [CurrencyRate]
    /// The latest weather per city code.
    public var weather: [String: WeatherReport]
}

/// Editions, sections, cities, tags and settings: the site's structure.
public struct SiteRepository: Sendable {
    let database: HeraldDatabase

    /// Creates a repository over a database.
    let now: @Sendable () -> Int64

    /// `now`: the clock the audit log and the change log are written with.
    public init(_ database: HeraldDatabase, now: @escaping @Sendable () -> Int64 = UnixClock.system) {
        self.database = database
        self.now = now
    }

    /// Applies a setup file in one transaction (idempotent: entries are upserted, nothing deleted).
    @discardableResult
    public func apply(_ setup: SiteSetup, by actor: Actor = .system("cli")) throws -> ChangeSet {
        try database.write { db in
            try applyEditions(setup.editions ?? [], db)
            let editionCodes = Set(try String.fetchAll(db, sql: "SELECT code FROM editions"))
            func checkNames(_ names: [String: String], _ what: String) throws {
                if let unknown = names.keys.sorted().first(where: { !editionCodes.contains($0) }) {
                    throw StoreError(.invalidSetup, "setup: \(what) has a name for unknown edition \"\(unknown)\"")
                }
            }
            for (index, entry) in (setup.sections ?? []).sorted(by: { depth($0.path) < depth($1.path) }).enumerated() {
                let path = entry.path!
                try checkNames(entry.names, "section \(path)")
                let parts = path.split(separator: "/")
                let parentPath = parts.dropLast().joined(separator: "/")
                let parentID: Int64? = parts.count > 1
                    ? try Int64.fetchOne(db, sql: "SELECT id FROM sections WHERE path = ?", arguments: [parentPath]) : nil
                if parts.count > 1 && parentID == nil {
                    throw StoreError(.invalidSetup, "setup: section \(path) has no parent section \(parentPath)")
                }
                try db.execute(sql: """
                    INSERT INTO sections (parent_id, slug, path, position) VALUES (?, ?, ?, ?)
                    ON CONFLICT (path) DO UPDATE SET position = excluded.position
                    """, arguments: [parentID, String(parts.last!), path, index])
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM sections WHERE path = ?", arguments: [path])!
                for (edition, name) in entry.names {
                    try db.execute(sql: "INSERT OR REPLACE INTO section_names (section_id, edition_code, name) VALUES (?, ?, ?)",
                                   arguments: [id, edition, name])
                }
            }
            for entry in setup.cities ?? [] {
                try checkNames(entry.names, "city \(entry.code!)")
                try db.execute(sql: "INSERT INTO cities (code) VALUES (?) ON CONFLICT (code) DO NOTHING", arguments: [entry.code!])
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM cities WHERE code = ?", arguments: [entry.code!])!
                if let latitude = entry.latitude, let longitude = entry.longitude {
                    try db.execute(sql: "UPDATE cities SET latitude = ?, longitude = ? WHERE id = ?", arguments: [latitude, longitude, id])
                }
                for (edition, name) in entry.names {
                    try db.execute(sql: "INSERT OR REPLACE INTO city_names (city_id, edition_code, name) VALUES (?, ?, ?)",
                                   arguments: [id, edition, name])
                }
            }
            for entry in setup.tags ?? [] {
                try checkNames(entry.names, "tag \(entry.slug!)")
                for (edition, name) in entry.names {
                    try db.execute(sql: """
                        INSERT INTO tags (edition_code, slug, name) VALUES (?, ?, ?)
                        ON CONFLICT (edition_code, slug) DO UPDATE SET name = excluded.name
                        """, arguments: [edition, entry.slug!, name])
                }
            }
            for (key, value) in setup.settings ?? [:] {
                try db.execute(sql: "INSERT OR REPLACE INTO site_settings (key, value) VALUES (?, ?)", arguments: [key, value])
            }
            let changes = ChangeSet([.header])
            try AuditLog.record(actor, "site.setup", "site", "setup",
                                detail: "\(setup.editions?.count ?? 0) editions, \(setup.sections?.count ?? 0) sections, \(setup.tags?.count ?? 0) tags",
                                at: now(), db)
            try ChangeLog.record(changes, at: now(), db)
            return changes
        }
    }

    private func depth(_ path: String?) -> Int { path?.split(separator: "/").count ?? 0 }

    private func applyEditions(_ editions: [SiteSetup.EditionEntry], _ db: Database) throws {
        guard !editions.isEmpty else { return }
        if editions.contains(where: { $0.default == true }) {
            try db.execute(sql: "UPDATE editions SET is_default = 0")
        }
        for (index, e) in editions.enumerated() {
            try db.execute(sql: """
                INSERT INTO editions (code, tag, name, label, direction, time_zone, site_name, position, is_default)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET tag = excluded.tag, name = excluded.name, label = excluded.label,
                  direction = excluded.direction, time_zone = excluded.time_zone, site_name = excluded.site_name,
                  position = excluded.position, is_default = MAX(editions.is_default, excluded.is_default)
                """, arguments: [e.code, e.tag, e.name, e.label, e.dir, e.timeZone, e.siteName, index, e.default == true ? 1 : 0])
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM editions WHERE is_default = 1") == 0 {
            try db.execute(sql: "UPDATE editions SET is_default = 1 WHERE code = (SELECT code FROM editions ORDER BY position LIMIT 1)")
        }
    }

    /// The stored settings as key/value pairs.
    public func settingValues() throws -> [String: String] {
        try database.pool.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM site_settings").map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Loads editions, sections, settings and the header data in one read.
    public func load() throws -> SiteData {
        try database.pool.read { db in try SiteRepository.load(db) }
    }

    static func load(_ db: Database) throws -> SiteData {
        let editions = try Row.fetchAll(db, sql: """
            SELECT code, tag, name, label, direction, time_zone, site_name, position, is_default
            FROM editions ORDER BY position, code
            """).map { row in
            Edition(code: row[0], tag: row[1], name: row[2], label: row[3],
                    direction: TextDirection(rawValue: row[4]) ?? .ltr, timeZone: row[5], siteName: row[6],
                    position: row[7], isDefault: row[8] == 1)
        }
        var names: [Int64: [String: String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT section_id, edition_code, name FROM section_names") {
            names[row[0], default: [:]][row[1]] = row[2]
        }
        let sections = try Row.fetchAll(db, sql: "SELECT id, parent_id, slug, path, position FROM sections").map { row in
            Section(id: row[0], parentID: row[1], slug: row[2], path: row[3], position: row[4], names: names[row[0]] ?? [:])
        }
        var settings: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM site_settings") { settings[row[0]] = row[1] }
        let siteSettings = SiteSettings(values: settings)
        let order = settings["currencies"].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() } }
        return SiteData(editions: editions, sections: SectionTree(sections), settings: siteSettings,
                        rates: try HeaderRepository.latestRates(db, order: order),
                        weather: try HeaderRepository.latestWeather(db))
    }
}
