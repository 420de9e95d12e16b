import ArgumentParser
import Foundation
import HeraldApp
import Media
import NewsCore
import NewsStore

/// `herald media check`: the media directory against the articles.
struct MediaCommand: ParsableCommand, ReadsEnvironment {
    static let configuration = CommandConfiguration(commandName: "media", abstract: "Look after the media directory (uploaded photos).",
                                                    subcommands: [Check.self])

    struct Check: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(
            abstract: "Find photos articles use whose files are missing from disk, and stored photos no article uses.",
            discussion: "Exits 1 when a file an article needs is missing; photos no article uses are listed, not an error.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The media directory (default: 'media' beside the database).") var media: String?

        func run() throws {
            do {
                let db = try database.openMigrated(logger: makeLogger(level: .warning))
                var app = AppConfiguration(databasePath: database.db)
                app.mediaDirectory = media
                let library = try MediaLibrary(directory: app.resolvedMediaDirectory)
                let report = MediaCheck.run(library: library, references: try MediaRepository(db).references())
                print(report.lines.joined(separator: "\n"))
                if !report.missing.isEmpty { throw ExitCode(1) }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw fail(error)
            }
        }
    }
}
