import ArgumentParser
import Foundation
import Logging
import NewsStore

/// The `herald` command: one binary for serving and for the newsroom's maintenance tasks.
@main
struct Herald: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "A multilingual news portal server on one SQLite file.",
        subcommands: [Serve.self, Migrate.self, Setup.self, Import.self, Rates.self, Weather.self, UserCommand.self, TokenCommand.self, SearchCommand.self, MediaCommand.self, EdgeCommand.self, Backup.self, Check.self, Version.self, Transliterate.self],
        defaultSubcommand: Serve.self)

    /// Ignores SIGXFSZ first: past a file size limit (RLIMIT_FSIZE) a write should fail with an
    /// error SQLite reports and herald logs, not kill the process.
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        let given = Array(CommandLine.arguments.dropFirst())
        main(EnvironmentArguments.arguments(given, environment: ProcessInfo.processInfo.environment, root: Herald.self))
    }
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (env HERALD_DB).")
    var db = "herald.sqlite"

    @Option(name: .long, help: "The directory of NNNN_name.sql migrations (env HERALD_MIGRATIONS).")
    var migrations = "migrations"

    /// Opens the database and applies pending migrations, refusing edited or unknown ones.
    func openMigrated(logger: Logger) throws -> HeraldDatabase {
        let database = try HeraldDatabase(path: db)
        let applied = try Migrator(directory: migrations).migrate(database)
        for name in applied { logger.info("migrate: applied \(name)") }
        return database
    }
}

/// Prints a store or import error the way an operator should read it and exits non-zero.
func fail(_ error: Error) -> ExitCode {
    FileHandle.standardError.write(Data("herald: \(error)\n".utf8))
    return ExitCode(1)
}

/// A logger writing to standard error.
func makeLogger(_ label: String = "herald", level: Logger.Level = .info) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = level
    return logger
}
