import ArgumentParser
import Foundation
import HeraldApp
import HeraldSupport
import NewsStore

/// `herald backup FILE`: an online, verified, atomic copy of the database, and of the media
/// directory when it holds photos (`FILE.media/`), while the server serves.
struct Backup: ParsableCommand, ReadsEnvironment {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database (SQLite's online backup, verified) and the media directory, while the server serves.",
        discussion: "The database goes to FILE, the photos to FILE.media/ (a directory). Both are written under temporary names and renamed into place, so a failed backup leaves nothing under the names.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The media directory (default: 'media' beside the database).") var media: String?
    @Argument(help: "Where the copy goes (its directory must exist).") var file: String

    func run() throws {
        do {
            let db = try database.openMigrated(logger: makeLogger(level: .warning))
            let started = Date()
            let line = ProgressLine("backup", total: 0, unit: "pages")
            let bytes = try db.backup(to: file) { done, total in line.update(done, total: total) }
            line.finish()
            var summary = "backup: \(file) (\(bytes / 1024) KB, integrity ok)"
            var app = AppConfiguration(databasePath: database.db)
            app.mediaDirectory = media
            if let copied = try Self.copyMedia(from: app.resolvedMediaDirectory, to: file + ".media") {
                summary += "; \(copied) photos in \(file).media/"
            }
            print(summary + String(format: " in %.1f s", Date().timeIntervalSince(started)))
        } catch {
            FileHandle.standardError.write(Data("herald: backup: \(file): nothing was written under that name\n".utf8))
            throw fail(error)
        }
    }

    /// Copies the media directory beside the backup (nil when it holds no photos): to a temporary
    /// name first, then renamed over the previous copy.
    static func copyMedia(from source: String, to target: String) throws -> Int? {
        let manager = FileManager.default
        let photos = ((try? manager.contentsOfDirectory(atPath: source)) ?? []).filter { $0.count == 2 }
            .reduce(0) { $0 + ((try? manager.contentsOfDirectory(atPath: source + "/" + $1))?.count ?? 0) }
        guard photos > 0 else { return nil }
        let partial = target + ".partial-" + UUID().uuidString
        defer { try? manager.removeItem(atPath: partial) }
        try manager.copyItem(atPath: source, toPath: partial)
        let old = target + ".old-" + UUID().uuidString
        if manager.fileExists(atPath: target) { try manager.moveItem(atPath: target, toPath: old) }
        try manager.moveItem(atPath: partial, toPath: target)
        try? manager.removeItem(atPath: old)
        return photos
    }
}

/// `herald version`: the version of this binary and the newest migration it knows.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print Herald's version and the newest database migration it knows.")
    static let version = "0.16.0"
    @Option(help: "The directory of NNNN_name.sql migrations.") var migrations = "migrations"

    func run() throws {
        let newest = ((try? FileManager.default.contentsOfDirectory(atPath: migrations)) ?? []).filter { $0.hasSuffix(".sql") }.sorted().last
        print("herald \(Self.version)" + (newest.map { " (migrations up to \($0))" } ?? ""))
    }
}

/// `herald check`: integrity, foreign keys, schema, search index, counts and ranks; exit 1 with
/// what is wrong.
struct Check: ParsableCommand, ReadsEnvironment {
    static let configuration = CommandConfiguration(
        abstract: "Check the database: integrity, foreign keys, schema against the migrations, search index, list counts and ranks.")
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let problems: [String]
        do {
            let db = try database.openMigrated(logger: makeLogger(level: .warning))
            problems = try DatabaseCheck.problems(db, migrations: database.migrations)
        } catch {
            throw fail(error)
        }
        guard !problems.isEmpty else {
            print("check: \(database.db) is sound (integrity, foreign keys, schema, search index, counts, ranks)")
            return
        }
        for problem in problems { FileHandle.standardError.write(Data("herald: check: \(problem)\n".utf8)) }
        throw ExitCode(1)
    }
}
