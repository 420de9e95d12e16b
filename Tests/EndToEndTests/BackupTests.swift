import Foundation
import GRDB
import HeraldApp
import NewsStore
import Testing
import TestSupport

/// `herald backup` while the database is being written: a verified, atomic copy with the photos,
/// which restores to the same pages.
@Suite(.serialized) struct BackupTests {
    @Test func aBackupTakenDuringWritesIsCompleteConsistentAndRestoresTheSamePages() throws {
        let herald = try Herald()
        #expect(try herald.run(["setup", Fixtures.root + "/demo/site.json"]).0 == 0)
        for file in ["articles-single.jsonl", "articles-stories-a.jsonl", "articles-stories-b.jsonl"] {
            #expect(try herald.run(["import", Fixtures.root + "/demo/" + file]).0 == 0)
        }
        // A photo in the media directory beside the database.
        let hash = String(repeating: "ab", count: 32)
        let photoDirectory = herald.directory + "/media/ab/" + hash
        try FileManager.default.createDirectory(atPath: photoDirectory, withIntermediateDirectories: true)
        try Data([0xFF, 0xD8, 0xFF, 0xD9]).write(to: URL(fileURLWithPath: photoDirectory + "/480.jpg"))

        // A stream of imports from another process while three backups are taken.
        let writing = Thread {
            for index in 0..<12 {
                let file = herald.directory + "/stream-\(index).jsonl"
                let line = "{\"edition\":\"en\",\"story\":\"stream-\(index)\",\"section\":\"news\",\"slug\":\"stream-\(index)\",\"title\":\"Stream \(index)\","
                    + "\"lead\":\"A lead.\",\"body\":\"A body.\",\"published\":\"2026-11-20T10:00:00+05:00\",\"status\":\"published\",\"tags\":[\"stream\"]}\n"
                try? line.write(toFile: file, atomically: true, encoding: .utf8)
                _ = try? herald.run(["import", file])
            }
        }
        writing.start()
        var copies: [String] = []
        for round in 0..<3 {
            let copy = herald.directory + "/backup-\(round).sqlite"
            let result = try herald.run(["backup", copy])
            #expect(result.0 == 0 && result.1.contains("integrity ok") && result.1.contains("1 photos"), "\(result)")
            copies.append(copy)
        }
        while writing.isExecuting { Thread.sleep(forTimeInterval: 0.05) }
        for copy in copies {
            let queue = try DatabaseQueue(path: copy)
            try queue.read { db in
                #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
                #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
                // Whole imports only: each stream article with its story, tag link and counts.
                let articles = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE slug LIKE 'stream-%'") ?? 0
                let linked = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE t.slug = 'stream' AND t.edition_code = 'en'
                    """) ?? 0
                #expect(articles == linked)
                #expect(try Int.fetchOne(db, sql: "SELECT article_count FROM tags WHERE slug = 'stream' AND edition_code = 'en'") ?? 0 == linked)
            }
            try queue.close()
            #expect(FileManager.default.fileExists(atPath: copy + ".media/ab/\(hash)/480.jpg"), "the photos are beside it")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: herald.directory).filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty)

        // A failed backup leaves nothing under the name.
        let nowhere = herald.directory + "/no-such-directory/backup.sqlite"
        let failed = try herald.run(["backup", nowhere])
        #expect(failed.0 != 0 && failed.2.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: nowhere))

        // Restore: the last copy serves the same article page as the database it was taken from.
        let restored = herald.directory + "/restored.sqlite"
        let final = try herald.run(["backup", herald.directory + "/final.sqlite"])
        #expect(final.0 == 0)
        try FileManager.default.copyItem(atPath: herald.directory + "/final.sqlite", toPath: restored)
        let original = try buildApplication(Fixtures.configuration(herald.db), logger: Fixtures.logger)
        let copy = try buildApplication(Fixtures.configuration(restored), logger: Fixtures.logger)
        let path = try #require(String(decoding: original.get("/en/").body, as: UTF8.self)
            .firstMatch(of: /href="(\/en\/[a-z0-9\/-]+\/[0-9]+-[a-z0-9-]+)"/)).1
        #expect(original.get(String(path)).status == 200)
        #expect(copy.get(String(path)).text == original.get(String(path)).text, "the same page after a restore")
        #expect(copy.get("/en/").text == original.get("/en/").text)
    }

    @Test func checkFindsWhatIsWrongAndSaysSo() throws {
        let herald = try Herald()
        #expect(try herald.run(["setup", Fixtures.root + "/demo/site.json"]).0 == 0)
        #expect(try herald.run(["import", Fixtures.root + "/demo/articles-single.jsonl"]).0 == 0)
        let sound = try herald.run(["check"])
        #expect(sound.0 == 0 && sound.1.contains("is sound"), "\(sound)")
        let queue = try DatabaseQueue(path: herald.db)
        try queue.write { db in
            try db.execute(sql: "UPDATE tags SET article_count = article_count + 3 WHERE id = (SELECT MIN(id) FROM tags)")
            try db.execute(sql: "UPDATE article_sections SET rank = rank + 100 WHERE article_id = (SELECT MIN(article_id) FROM article_sections)")
            try db.execute(sql: "CREATE INDEX stray_index ON articles (title)")
            try db.execute(sql: "DELETE FROM article_search_docsize WHERE id = (SELECT MIN(id) FROM article_search_docsize)")
        }
        try queue.close()
        let broken = try herald.run(["check"])
        #expect(broken.0 == 1)
        for text in ["tag counts: 1 tags", "list ranks:", "schema: index stray_index is not made by the migrations", "search index:"] {
            #expect(broken.2.contains(text), "\(text) in \(broken.2)")
        }
    }

    @Test func versionSaysWhatItIs() throws {
        let result = try Herald.runBare(["version", "--migrations", Fixtures.root + "/migrations"], environment: [:])
        #expect(result.0 == 0 && result.1.hasPrefix("herald ") && result.1.contains("0015_api_tokens.sql"))
    }
}
