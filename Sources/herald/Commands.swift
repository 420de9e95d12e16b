import ArgumentParser
import Foundation
import HeraldSupport
import Integrations
import NewsCore
import NewsStore

/// `herald migrate`: apply pending migrations and report.
struct Migrate: ParsableCommand, ReadsEnvironment {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        do {
            let db = try HeraldDatabase(path: database.db)
            let applied = try Migrator(directory: database.migrations).migrate(db)
            print(applied.isEmpty ? "migrate: the database is up to date" : applied.map { "migrate: applied \($0)" }.joined(separator: "\n"))
        } catch {
            throw fail(error)
        }
    }
}

/// `herald setup FILE`: editions, sections, cities, tags and settings from a site.json file.
struct Setup: ParsableCommand, ReadsEnvironment {
    static let configuration = CommandConfiguration(abstract: "Create or update editions, sections, cities, tags and settings from a JSON file.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The site definition file (see demo/site.json).") var file: String

    func run() throws {
        do {
            let db = try database.openMigrated(logger: makeLogger(level: .warning))
            try SiteRepository(db).apply(SiteSetup.load(path: file))
            print("setup: applied \(file)")
        } catch {
            throw fail(error)
        }
    }
}

/// `herald import FILE`: articles from JSON Lines, all or nothing.
struct Import: ParsableCommand, ReadsEnvironment {
    static let configuration = CommandConfiguration(abstract: "Import articles from a JSON Lines file (all or nothing).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The JSON Lines file.") var file: String

    func run() throws {
        do {
            let db = try database.openMigrated(logger: makeLogger(level: .warning))
            // On a terminal: a progress line while the articles are stored (after parsing and rendering).
            let line = ProgressLine("import", total: 0, unit: "articles")
            let summary = try Importer(db).importFile(at: file) { done, total in line.update(done, total: total) }
            line.finish()
            print("import: \(summary.created) created, \(summary.updated) updated from \(file)")
        } catch {
            FileHandle.standardError.write(Data("herald: import: \(file): nothing was imported\n".utf8))
            throw fail(error)
        }
    }
}

/// `herald search rebuild`: the search index built again from every live article.
struct SearchCommand: ParsableCommand, ReadsEnvironment {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Maintain the search index.",
                                                    subcommands: [Rebuild.self])

    struct Rebuild: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(
            abstract: "Build the search index again from every live article (after editing the database by hand, or restoring part of it).")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            do {
                let db = try database.openMigrated(logger: makeLogger(level: .warning))
                let started = Date()
                let line = ProgressLine("search", total: 0, unit: "articles indexed")
                let count = try SearchIndex.rebuild(db) { done, total in line.update(done, total: total) }
                line.finish()
                print("search: rebuilt the index of \(count) live articles in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            } catch {
                throw fail(error)
            }
        }
    }
}

/// `herald rates set|import`: the header's currency rates.
struct Rates: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Update currency rates.", subcommands: [SetRates.self, ImportRates.self, FetchRates.self])

    struct FetchRates: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(
            commandName: "fetch", abstract: "Fetch the National Bank of Kazakhstan's official rates for the configured currencies.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The rates feed (RSS).") var url = NBKRates.defaultURL
        @Option(help: "Seconds to wait for an answer (each of 3 attempts).") var timeout: Double = 10

        func run() throws {
            try fetchHeaderSource(database, timeout: timeout) { fetcher in
                let outcome = try fetcher.fetchRates(url: url)
                return "rates: stored \(outcome.stored) rates from \(url)"
                    + (outcome.missing.isEmpty ? "" : "; not in the feed: \(outcome.missing.joined(separator: ", "))")
            }
        }
    }

    struct SetRates: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set rates for a day: herald rates set --day 2026-11-29 USD=471.8 EUR=545.2")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The day, YYYY-MM-DD (default: today, UTC).") var day: String = LocalDay.utc(Date())
        @Argument(help: "CODE=VALUE pairs, units of the base currency per unit.") var pairs: [String]

        func run() throws {
            do {
                let rates = try pairs.map { pair -> RateInput in
                    let parts = pair.split(separator: "=")
                    guard parts.count == 2, let value = Double(parts[1]) else {
                        throw StoreError(.invalidHeaderData, "rates: \"\(pair)\" is not CODE=VALUE, e.g. USD=471.8")
                    }
                    return RateInput(day: day, currency: parts[0].uppercased(), value: value)
                }
                try HeaderRepository(try database.openMigrated(logger: makeLogger(level: .warning))).setRates(rates)
                print("rates: stored \(rates.count) rates for \(day)")
            } catch {
                throw fail(error)
            }
        }
    }

    struct ImportRates: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Import rates from a JSON file (see demo/rates.json).")
        @OptionGroup var database: DatabaseOptions
        @Argument var file: String

        func run() throws {
            do {
                guard let data = FileManager.default.contents(atPath: file) else { throw StoreError(.unreadableFile, "rates: unable to read \(file)") }
                let rates = try HeaderFiles.rates(from: data)
                try HeaderRepository(try database.openMigrated(logger: makeLogger(level: .warning))).setRates(rates)
                print("rates: stored \(rates.count) rates from \(file)")
            } catch {
                throw fail(error)
            }
        }
    }
}

/// `herald weather set|import`: the header's weather.
struct Weather: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Update the weather.", subcommands: [SetWeather.self, ImportWeather.self, FetchWeather.self])

    struct FetchWeather: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(
            commandName: "fetch", abstract: "Fetch today's forecast from Open-Meteo for each city with a latitude and longitude.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Open-Meteo's forecast endpoint.") var url = OpenMeteo.defaultURL
        @Option(help: "Seconds to wait for an answer (each of 3 attempts).") var timeout: Double = 10

        func run() throws {
            try fetchHeaderSource(database, timeout: timeout) { fetcher in
                let outcome = try fetcher.fetchWeather(url: url)
                return "weather: stored \(outcome.stored) report\(outcome.stored == 1 ? "" : "s") from \(url)"
                    + (outcome.missing.isEmpty ? "" : "; kept the last report of \(outcome.missing.joined(separator: ", "))")
            }
        }
    }

    struct SetWeather: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a city's weather: herald weather set --city astana --min -6 --max -2 --condition snow")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "City code from the site setup.") var city: String
        @Option(parsing: .unconditional, help: "The day's low, °C (negative values are fine: --min -6).") var min: Int
        @Option(parsing: .unconditional, help: "The day's high, °C.") var max: Int
        @Option(help: "One of: \(WeatherCondition.allCases.map(\.rawValue).joined(separator: ", ")).") var condition: String
        @Option(help: "Observation time, ISO 8601 with offset (default: now).") var at: String?

        func run() throws {
            do {
                guard let parsed = WeatherCondition(rawValue: condition) else {
                    throw StoreError(.invalidHeaderData, "weather: condition must be one of \(WeatherCondition.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let time: Int64
                if let at {
                    guard let value = CivilCalendar.parseTimestamp(at) else { throw StoreError(.invalidHeaderData, "weather: --at must be ISO 8601 with an offset") }
                    time = value
                } else {
                    time = Int64(Date().timeIntervalSince1970)
                }
                try HeaderRepository(try database.openMigrated(logger: makeLogger(level: .warning)))
                    .setWeather([WeatherInput(city: city, observedAt: time, minimum: min, maximum: max, condition: parsed)])
                print("weather: stored for \(city)")
            } catch {
                throw fail(error)
            }
        }
    }

    struct ImportWeather: ParsableCommand, ReadsEnvironment {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Import weather from a JSON file (see demo/weather.json).")
        @OptionGroup var database: DatabaseOptions
        @Argument var file: String

        func run() throws {
            do {
                guard let data = FileManager.default.contents(atPath: file) else { throw StoreError(.unreadableFile, "weather: unable to read \(file)") }
                let reports = try HeaderFiles.weather(from: data)
                try HeaderRepository(try database.openMigrated(logger: makeLogger(level: .warning))).setWeather(reports)
                print("weather: stored \(reports.count) reports from \(file)")
            } catch {
                throw fail(error)
            }
        }
    }
}

/// One fetch of a header source from the command line: the database opened and migrated, the
/// fetch run with `timeout` per attempt, its outcome printed (or the error, exit status 1).
func fetchHeaderSource(_ database: DatabaseOptions, timeout: Double, _ fetch: (HeaderFetcher) throws -> String) throws {
    do {
        let db = try database.openMigrated(logger: makeLogger(level: .warning))
        let logger = makeLogger(level: .warning)
        print(try fetch(HeaderFetcher(repository: HeaderRepository(db), client: SourceClient(timeout: timeout), logger: logger)))
    } catch {
        throw fail(error)
    }
}
