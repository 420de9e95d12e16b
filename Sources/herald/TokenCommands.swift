import ArgumentParser
import Foundation
import HeraldCrypto
import HeraldSupport
import NewsStore

/// `herald token add|list|revoke`: credentials for agency systems that write through the API.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens (agency systems' ingest).",
                                                    subcommands: [Add.self, List.self, Revoke.self])

    /// The text a client sends: a recognisable prefix and 256 random bits.
    static func newToken() -> String { "herald_" + Tokens.random(bytes: 32) }

    struct Add: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(
            abstract: "Make a token: herald token add wire --editions en,ru --scope ingest (printed once, stored hashed).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The token's name (lower-case letters, digits, . - _), shown in revisions and the audit log as token:NAME.")
        var name: String
        @Option(help: "Comma-separated edition codes it may write in.") var editions: String
        @Option(help: "What it may do: ingest.") var scope: String
        @Option(help: "The section path new articles are filed in (default: the site's first top-level section).") var section: String = ""

        func run() throws {
            do {
                guard let scope = TokenScope(rawValue: scope) else {
                    throw StoreError(.invalidSetup, "token: --scope must be \(TokenScope.allCases.map(\.rawValue).joined(separator: " or "))")
                }
                let db = try database.openMigrated(logger: makeLogger(level: .warning))
                let codes = Set(editions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
                let text = TokenCommand.newToken()
                let token = try TokenRepository(db).add(name: name, scope: scope, editions: codes, sectionPath: section,
                                                        tokenHash: Tokens.sha256(text), by: .system("cli"))
                print("token: added \(token.name) (\(scope.rawValue); editions \(token.editions.sorted().joined(separator: ",")); section \(token.sectionPath))")
                print("token: \(token.name), shown only now: \(text)")
            } catch {
                throw fail(error)
            }
        }
    }

    struct List: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(abstract: "List tokens: name, scope, editions, section, made, last used, state.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            do {
                let db = try database.openMigrated(logger: makeLogger(level: .warning))
                func time(_ unix: Int64?) -> String { unix.map { LocalDateTime(unix: $0, offsetSeconds: 0).isoUTC } ?? "never" }
                for token in try TokenRepository(db).all() {
                    print([token.name, token.scope.rawValue, token.editions.sorted().joined(separator: ","), token.sectionPath,
                           "made \(time(token.createdAt)) by \(token.createdBy)", "last used \(time(token.lastUsedAt))",
                           token.revokedAt.map { "revoked \(time($0))" } ?? "active"].joined(separator: "\t"))
                }
            } catch {
                throw fail(error)
            }
        }
    }

    struct Revoke: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it is refused from its next request on.")
        @OptionGroup var database: DatabaseOptions
        @Argument var name: String

        func run() throws {
            do {
                try TokenRepository(try database.openMigrated(logger: makeLogger(level: .warning))).revoke(name: name, by: .system("cli"))
                print("token: revoked \(name)")
            } catch {
                throw fail(error)
            }
        }
    }
}
