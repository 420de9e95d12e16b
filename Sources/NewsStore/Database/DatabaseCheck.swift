import Foundation
import GRDB

/// `herald check`: what is wrong with a database, in words an operator can act on (empty: nothing).
public enum DatabaseCheck {
    /// Integrity, foreign keys, the schema against a fresh database built from `migrations`, the
    /// search index against the published articles, and the lists' counts and ranks.
    public static func problems(_ database: HeraldDatabase, migrations: String) throws -> [String] {
        var found: [String] = []
        try database.pool.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { found.append("integrity: " + integrity.prefix(5).joined(separator: "; ")) }
            let foreign = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            if !foreign.isEmpty {
                found.append("foreign keys: \(foreign.count) rows point at nothing (first in table \(foreign[0][0] as String? ?? "?"))")
            }
            let published = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE status = 'published'") ?? 0
            let indexed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article_search_docsize") ?? 0
            if published != indexed {
                found.append("search index: \(indexed) documents for \(published) published articles (run `herald search rebuild`)")
            }
            let tagCounts = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM tags t WHERE article_count <>
                  (SELECT COUNT(*) FROM article_tags l WHERE l.tag_id = t.id AND l.published_at IS NOT NULL)
                """) ?? 0
            if tagCounts > 0 { found.append("tag counts: \(tagCounts) tags count a different number of published articles") }
            let sectionCounts = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM section_counts c WHERE article_count <>
                  (SELECT COUNT(*) FROM article_sections l WHERE l.section_id = c.section_id AND l.edition_code = c.edition_code)
                """) ?? 0
            if sectionCounts > 0 { found.append("section counts: \(sectionCounts) section lists count a different number of articles") }
            let misranked = try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM (SELECT rank, row_number() OVER (PARTITION BY tag_id ORDER BY published_at, article_id) AS n
                                              FROM article_tags WHERE published_at IS NOT NULL) WHERE rank IS NOT n)
                     + (SELECT COUNT(*) FROM (SELECT rank, row_number() OVER (PARTITION BY section_id, edition_code
                                              ORDER BY published_at, article_id) AS n FROM article_sections) WHERE rank IS NOT n)
                """) ?? 0
            if misranked > 0 { found.append("list ranks: \(misranked) list entries are out of place") }
        }
        found += try schemaDifferences(database, migrations: migrations)
        return found
    }

    /// Tables, indexes and triggers that differ from those the migrations create.
    static func schemaDifferences(_ database: HeraldDatabase, migrations: String) throws -> [String] {
        func schema(_ db: Database) throws -> [String: String] {
            Dictionary(try Row.fetchAll(db, sql: """
                SELECT type || ' ' || name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
                """).map { ($0[0], ($0[1] as String).filter { !$0.isWhitespace }) }, uniquingKeysWith: { a, _ in a })
        }
        let directory = NSTemporaryDirectory() + "herald-check-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fresh = try HeraldDatabase(path: directory + "/fresh.sqlite")
        _ = try Migrator(directory: migrations).migrate(fresh)
        let expected = try fresh.pool.read(schema)
        let actual = try database.pool.read(schema)
        var differences: [String] = []
        for name in expected.keys.sorted() where actual[name] == nil { differences.append("schema: \(name) is missing") }
        for name in actual.keys.sorted() where expected[name] == nil { differences.append("schema: \(name) is not made by the migrations") }
        for name in expected.keys.sorted() where actual[name] != nil && actual[name] != expected[name] {
            differences.append("schema: \(name) differs from what the migrations make")
        }
        return differences
    }
}
