import Foundation
import HTTPServer
import Edge
import Jobs
import Logging
import NewsCore
import NewsStore
import ReaderCache
import ReaderSite
import Telemetry

/// A built Herald: its database, the reader site behind its server, and the background jobs.
/// `herald serve` and the end-to-end tests get one from `buildApplication` and start it; page
/// tests answer requests through `readerRouter` without a socket.
public final class Application: Sendable {
    public let configuration: AppConfiguration
    public let database: HeraldDatabase
    /// The reader handlers' dependencies (state, views, store, feed).
    public let reader: ReaderEnvironment
    /// The reader route table, page cache and freshness check included.
    public let readerRouter: Router
    /// Rendered pages; nil when the configuration turns the cache off.
    public let pageCache: PageCache?
    /// The reader server (not listening until `start()`).
    public let readerServer: HTTPServer
    /// The newsroom's route table and server, when the configuration has one.
    public let newsroomRouter: Router?
    public let newsroomServer: HTTPServer?
    /// The password of the `admin` account created on a database with no users (shown once).
    public let initialAdminPassword: String?
    /// The background jobs (not running until `start()`).
    public let jobs: Maintenance
    /// The header's sources fetched on a schedule; nil when none is configured.
    public let sources: Maintenance?
    /// Delivers the change log to the cache nodes; nil when none are configured.
    public let purger: Purger?
    /// The metrics both servers record into, exposed at the newsroom's `/metrics`.
    public let metrics: HeraldMetrics
    private let logger: Logger

    init(configuration: AppConfiguration, database: HeraldDatabase, reader: ReaderEnvironment, readerRouter: Router,
         pageCache: PageCache?, readerServer: HTTPServer, newsroomRouter: Router?, newsroomServer: HTTPServer?,
         initialAdminPassword: String?, jobs: Maintenance, sources: Maintenance?, purger: Purger?, metrics: HeraldMetrics,
         logger: Logger) {
        self.sources = sources
        self.purger = purger
        self.metrics = metrics
        self.configuration = configuration
        self.database = database
        self.reader = reader
        self.readerRouter = readerRouter
        self.pageCache = pageCache
        self.readerServer = readerServer
        self.newsroomRouter = newsroomRouter
        self.newsroomServer = newsroomServer
        self.initialAdminPassword = initialAdminPassword
        self.jobs = jobs
        self.logger = logger
    }

    /// Binds the servers and starts the jobs.
    public func start() throws {
        try readerServer.start()
        do {
            try newsroomServer?.start()
        } catch {
            readerServer.stop()
            throw error
        }
        if configuration.runsJobs {
            jobs.start()
            sources?.start()
            purger?.start()
        }
    }

    /// Stops accepting, lets in-flight requests finish, stops the jobs (writing the last views)
    /// and checkpoints the database.
    public func stop() {
        newsroomServer?.stop()
        readerServer.stop()
        jobs.stop()
        sources?.stop()
        purger?.stop()
        let lost = reader.views.unflushed
        if lost > 0 { logger.error("views: \(lost) views could not be stored before exit and are lost") }
        database.checkpoint()
    }

    /// What the start log line says after the address.
    public var summary: String {
        let cache = configuration.site.pageCacheBytes > 0 ? "\(configuration.site.pageCacheBytes >> 20) MB" : "off"
        let data = configuration.site.dataCacheBytes > 0 ? "\(configuration.site.dataCacheBytes >> 20) MB" : "off"
        return "database \(configuration.databasePath), \(reader.staticFiles.count) static files, page cache \(cache), data cache \(data), "
            + (reader.feed.watchesCommits ? "commits watched" : "changes polled every second") + ", "
            + (reader.state.popularWasStored ? "Popular as last stored, ranked again in the background" : "Popular ranked")
    }
}
