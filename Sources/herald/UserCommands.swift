import ArgumentParser
import Foundation
import HeraldCrypto
import NewsCore
import NewsStore

/// `herald user add|passwd|list|disable`: the newsroom's accounts from the command line.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage newsroom users.",
                                                    subcommands: [Add.self, Passwd.self, List.self, Disable.self])

    /// Reads a password from standard input (its first line), or makes one and says it is shown once.
    static func password(fromStdin: Bool) throws -> (String, generated: Bool) {
        guard fromStdin else { return (Tokens.password(), true) }
        guard let line = readLine(strippingNewline: true) else { throw StoreError(.unreadableFile, "user: no password on standard input") }
        if let problem = PasswordHasher.problem(with: line) { throw StoreError(.invalidSetup, "user: the password \(problem)") }
        return (line, false)
    }

    struct Add: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(abstract: "Add a user: herald user add dana --role editor --editions en,ru")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The sign-in name (lower-case letters, digits, . - _).") var name: String
        @Option(help: "admin, editor or author.") var role: String
        @Option(help: "Comma-separated edition codes the user works in (admins: all).") var editions: String = ""
        @Option(help: "How the newsroom shows the user (default: the name).") var displayName: String = ""
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

        func run() throws {
            do {
                guard let role = Role(rawValue: role) else { throw StoreError(.invalidSetup, "user: --role must be admin, editor or author") }
                let (password, generated) = try UserCommand.password(fromStdin: passwordStdin)
                let db = try database.openMigrated(logger: makeLogger(level: .warning))
                let codes = Set(editions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
                try UserRepository(db).add(name: name, displayName: displayName, role: role, editions: codes,
                                           passwordHash: try PasswordHasher().hash(password), by: .system("cli"))
                print("user: added \(name) (\(role.rawValue))")
                if generated { print("user: password for \(name), shown only now: \(password)") }
            } catch let error as AccountError {
                throw fail(error)
            } catch {
                throw fail(error)
            }
        }
    }

    struct Passwd: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (signs them out everywhere).")
        @OptionGroup var database: DatabaseOptions
        @Argument var name: String
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

        func run() throws {
            do {
                let db = try database.openMigrated(logger: makeLogger(level: .warning))
                let users = UserRepository(db)
                guard let (user, _) = try users.find(name: name) else { throw AccountError.notFound(name) }
                let (password, generated) = try UserCommand.password(fromStdin: passwordStdin)
                try users.setPassword(id: user.id, hash: try PasswordHasher().hash(password), by: .system("cli"))
                print("user: new password set for \(name)")
                if generated { print("user: password for \(name), shown only now: \(password)") }
            } catch {
                throw fail(error)
            }
        }
    }

    struct List: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(abstract: "List users: name, role, editions, display name.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            do {
                let db = try database.openMigrated(logger: makeLogger(level: .warning))
                for user in try UserRepository(db).all() {
                    let editions = user.role == .admin ? "*" : user.editions.sorted().joined(separator: ",")
                    print([user.name, user.role.rawValue, editions.isEmpty ? "-" : editions, user.disabled ? "disabled" : "active",
                           user.displayName].joined(separator: "\t"))
                }
            } catch {
                throw fail(error)
            }
        }
    }

    struct Disable: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(abstract: "Disable a user (they can no longer sign in; their sessions end).")
        @OptionGroup var database: DatabaseOptions
        @Argument var name: String

        func run() throws {
            do {
                try UserRepository(try database.openMigrated(logger: makeLogger(level: .warning))).disable(name: name, by: .system("cli"))
                print("user: disabled \(name)")
            } catch {
                throw fail(error)
            }
        }
    }
}
