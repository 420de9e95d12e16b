import ArgumentParser
import Foundation

/// Which of a command's options the environment may give.
enum EnvironmentScope {
    /// Every long option (`serve`).
    case all
    /// Only these (the database options the other commands share).
    case only(Set<String>)
}

/// A command whose options can come from the environment.
protocol ReadsEnvironment: ParsableCommand {
    static var environmentScope: EnvironmentScope { get }
}

extension ReadsEnvironment {
    static var environmentScope: EnvironmentScope { .only(["db", "migrations"]) }
}

/// Options declared once, read from the command line or the environment: every long option
/// `--page-cache-mb` of a command can be given as `HERALD_PAGE_CACHE_MB`, a flag `--no-demo` as
/// `HERALD_NO_DEMO=1`, and a flag with an inverse (`--access-log`/`--no-access-log`) as
/// `HERALD_ACCESS_LOG=1` or `0`. The environment's values are turned into arguments before the
/// command line is parsed, so ArgumentParser checks them exactly as it checks typed ones (a bad
/// `HERALD_PORT` fails with `--port` named); an option typed on the command line wins.
enum EnvironmentArguments {
    /// One option or flag as ArgumentParser describes it (`_dumpHelp`).
    struct Declared {
        var names: [String]
        var isFlag: Bool
    }

    /// `arguments` with the environment's options added for the command they select.
    static func arguments(_ arguments: [String], environment: [String: String], root: ParsableCommand.Type) -> [String] {
        let (command, _) = select(root, arguments)
        guard let readable = command as? ReadsEnvironment.Type else { return arguments }
        let typed = Set(arguments.prefix { $0 != "--" }.compactMap { argument -> String? in
            guard argument.hasPrefix("--") else { return nil }
            return String(argument.dropFirst(2).prefix { $0 != "=" })
        })
        var added: [String] = []
        for option in declared(command) {
            guard !option.names.contains(where: typed.contains), let name = option.names.first else { continue }
            if case .only(let allowed) = readable.environmentScope, !allowed.contains(name) { continue }
            if option.isFlag {
                added += flag(option, environment)
            } else if let value = environment[variable(name)] {
                added += ["--\(name)", value]
            }
        }
        guard !added.isEmpty else { return arguments }
        // Before a "--" terminator, if any: what follows it is positional.
        var result = arguments
        result.insert(contentsOf: added, at: arguments.firstIndex(of: "--") ?? arguments.endIndex)
        return result
    }

    /// `HERALD_` and the option's name upper-cased, dashes as underscores.
    static func variable(_ name: String) -> String {
        "HERALD_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// A flag from its variable: 1/true/yes sets it; 0/false/no sets its inverse when it has one.
    /// Any other value is passed on as the flag's own value, for ArgumentParser to refuse.
    private static func flag(_ option: Declared, _ environment: [String: String]) -> [String] {
        for name in option.names {
            guard let value = environment[variable(name)]?.lowercased() else { continue }
            switch value {
            case "1", "true", "yes": return ["--\(name)"]
            case "0", "false", "no", "":
                let inverse = name.hasPrefix("no-") ? String(name.dropFirst(3)) : "no-" + name
                return option.names.contains(inverse) ? ["--\(inverse)"] : []
            default: return ["--\(name)=\(value)"]
            }
        }
        return []
    }

    /// The subcommand the arguments select (the default one when they name none).
    static func select(_ root: ParsableCommand.Type, _ arguments: [String]) -> (ParsableCommand.Type, Int) {
        var command = root
        var consumed = 0
        while consumed < arguments.count {
            let word = arguments[consumed]
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else { break }
            command = next
            consumed += 1
        }
        if command == root, let fallback = root.configuration.defaultSubcommand { command = fallback }
        return (command, consumed)
    }

    /// A command's long options and flags, read from ArgumentParser's own description of it.
    static func declared(_ command: ParsableCommand.Type) -> [Declared] {
        guard let data = command._dumpHelp().data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let description = root["command"] as? [String: Any],
              let arguments = description["arguments"] as? [[String: Any]] else { return [] }
        return arguments.compactMap { argument in
            guard let kind = argument["kind"] as? String, kind == "option" || kind == "flag",
                  let names = argument["names"] as? [[String: Any]] else { return nil }
            let long = names.compactMap { $0["kind"] as? String == "long" ? $0["name"] as? String : nil }
            guard !long.isEmpty, !long.contains("help"), !long.contains("version") else { return nil }
            return Declared(names: long, isFlag: kind == "flag")
        }
    }
}
