import Foundation
import GRDB
import NewsStore
import Testing
import TestSupport

@Suite struct MigrationTests {
    static let goldenPath = Fixtures.root + "/Tests/NewsStoreTests/schema.golden.sql"

    static func schema(_ database: HeraldDatabase) throws -> String {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT type, name, sql FROM sqlite_master
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name
                """).map { "-- \($0["type"] as String) \($0["name"] as String)\n\($0["sql"] as String);\n" }.joined(separator: "\n")
        }
    }

    /// Fails when the schema changes without the golden file being reviewed and updated with it.
    @Test func freshSchemaMatchesTheGoldenFile() throws {
        let actual = try Self.schema(try Fixtures.database())
        let golden = (try? String(contentsOfFile: Self.goldenPath, encoding: .utf8)) ?? ""
        if actual != golden {
            try actual.write(toFile: Self.goldenPath + ".new", atomically: true, encoding: .utf8)
        }
        #expect(actual == golden, "schema differs from schema.golden.sql; review schema.golden.sql.new")
    }

    @Test func migratingTwiceIsANoOpAndIntegrityHolds() throws {
        let database = try Fixtures.database()
        #expect(try Migrator(directory: Fixtures.root + "/migrations").migrate(database).isEmpty)
        let (integrity, journal, foreignKeys) = try database.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(integrity == "ok")
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
    }

    @Test func refusesAnEditedMigration() throws {
        let database = try Fixtures.database()
        var edited = try Migrator(directory: Fixtures.root + "/migrations").migrations
        edited[0].checksum = "0000000000000000"
        #expect(throws: StoreError.self) { try Migrator(migrations: edited).migrate(database) }
        do {
            try Migrator(migrations: edited).migrate(database)
        } catch {
            #expect("\(error)".contains("was edited after it was applied"))
        }
    }

    @Test func refusesADatabaseNewerThanTheCode() throws {
        let database = try Fixtures.database()
        let future = Migration(version: 9999, name: "9999_future", sql: "CREATE TABLE future (x INTEGER) STRICT;", checksum: "abc")
        let current = try Migrator(directory: Fixtures.root + "/migrations").migrations
        try Migrator(migrations: current + [future]).migrate(database)
        do {
            try Migrator(migrations: current).migrate(database)
            Issue.record("a newer database was accepted")
        } catch {
            #expect("\(error)".contains("newer than the code"))
        }
    }

    @Test func aFailingMigrationIsRolledBack() throws {
        let database = try Fixtures.database()
        let current = try Migrator(directory: Fixtures.root + "/migrations").migrations
        let broken = Migration(version: 9000, name: "9000_broken", sql: "CREATE TABLE half (x INTEGER) STRICT; SELECT nope FROM nowhere;", checksum: "x")
        #expect(throws: StoreError.self) { try Migrator(migrations: current + [broken]).migrate(database) }
        let exists = try database.pool.read { db in try db.tableExists("half") }
        #expect(!exists)
    }

    @Test func aMissingDirectoryIsAClearError() {
        do {
            _ = try HeraldDatabase(path: "/nonexistent-dir-\(UUID().uuidString)/x.sqlite")
            Issue.record("opened a database in a missing directory")
        } catch {
            #expect("\(error)".contains("does not exist"))
        }
    }
}

@Suite struct QueryPlanTests {
    /// Every page query must be answered by index lookups: no full scan of articles.
    @Test func noPageQueryScansArticles() throws {
        let database = try Fixtures.demoDatabase()
        for query in ReaderQueries.all + SitemapQueries.all {
            let plan = try database.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query.sql, arguments: query.arguments).map { $0["detail"] as String }
            }
            do {
                // "SCAN v" (a materialised subquery) is fine; a scan of any stored table is not.
                let tables: Set<String> = ["articles", "a", "l", "t", "article_tags", "article_sections", "article_views", "tags"]
                let scans = plan.filter { $0.hasPrefix("SCAN ") && tables.contains(String($0.dropFirst(5).prefix(while: { $0 != " " }))) }
                #expect(scans.isEmpty, "\(query.name): \(plan)")
            }
        }
    }
}
