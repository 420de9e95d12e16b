import Foundation
import HTTPServer
import Logging
import NewsStore
import HeraldApp
import ReaderSite

/// Paths and builders the test targets share.
public enum Fixtures {
    /// The repository root (found from this file's path).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The fixed "now" of every test: 2026-11-29 10:00 UTC (15:00 in Almaty).
    public static let now = Date(timeIntervalSince1970: 1_795_946_400)

    /// A logger that prints only errors.
    public static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return logger
    }()

    /// A new empty database file in a fresh temporary directory, migrated with migrations/.
    public static func database(migrate: Bool = true) throws -> HeraldDatabase {
        let directory = NSTemporaryDirectory() + "herald-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = try HeraldDatabase(path: directory + "/test.sqlite")
        if migrate { try Migrator(directory: root + "/migrations").migrate(database) }
        return database
    }

    /// A migrated database with the demo newsroom loaded (views relative to `now`).
    public static func demoDatabase() throws -> HeraldDatabase {
        let database = try database()
        try DemoContent.load(directory: root + "/demo", into: database, now: now)
        return database
    }

    /// The application over an existing database file, with the fixed clock (or `now`), Public/ and
    /// migrations/ from the repository; its jobs are not started and nothing listens.
    public static func app(_ database: HeraldDatabase, site: SiteConfiguration = SiteConfiguration(refreshInterval: 0),
                           reader: ServerConfiguration = ServerConfiguration(port: 0),
                           now: @escaping @Sendable () -> Date = { Fixtures.now }) throws -> Application {
        try buildApplication(configuration(database.path, site: site, reader: reader), logger: logger, now: now)
    }

    /// The configuration of a test application over a database file (no demo: fixtures load it).
    public static func configuration(_ path: String, site: SiteConfiguration = SiteConfiguration(refreshInterval: 0),
                                     reader: ServerConfiguration = ServerConfiguration(port: 0)) -> AppConfiguration {
        AppConfiguration(databasePath: path, migrationsDirectory: root + "/migrations", publicDirectory: root + "/Public",
                         demoDirectory: nil, site: site, reader: reader)
    }

    /// The demo application, built once and shared by the read-only page tests.
    public static let demoApp: Application = {
        do {
            return try app(demoDatabase())
        } catch {
            fatalError("test fixture: unable to build the demo site: \(error)")
        }
    }()
}

extension Application {
    /// Answers a GET (or another method) for a target through the reader's real route table
    /// (freshness check and page cache included), without a socket; the answer counts as sent
    /// whole (its delivery action runs, as the server runs it once the last byte is out).
    public func get(_ target: String, method: String = "GET", headers: [(name: String, value: String)] = []) -> Response {
        guard let request = Request(method: method, target: target, headers: headers) else { return Response(status: 400) }
        let response = readerRouter.respond(to: request)
        response.onDelivered?()
        return response
    }
}

extension Response {
    /// The body as text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
