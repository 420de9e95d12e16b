import Foundation
import HTTPServer
import Edge
import Jobs
import Logging
import Media
import NewsCore
import NewsStore
import ReaderCache
import HeraldCrypto
import Integrations
import Newsroom
import ReaderSite
import Telemetry

/// Builds the whole server from a configuration — the one wiring, used by `herald serve` and by
/// the tests: opens and migrates the database (loading the demo into an empty one), builds the
/// reader site with its caches and change feed, its HTTP server and the background jobs.
/// Nothing listens or runs until `Application.start()`.
public func buildApplication(_ configuration: AppConfiguration, logger: Logger,
                             now: @escaping @Sendable () -> Date = Date.init) throws -> Application {
    let database = try HeraldDatabase(path: configuration.databasePath)
    for name in try Migrator(directory: configuration.migrationsDirectory).migrate(database) {
        logger.info("migrate: applied \(name)")
    }
    if let demo = configuration.demoDirectory, try DemoContent.isEmpty(database) {
        let summary = try DemoContent.load(directory: demo, into: database, now: now())
        logger.info("demo: loaded \(summary.articles) articles from \(demo)")
    }
    var site = configuration.site
    // Cache nodes that are purged may keep pages a day; without them, as long as browsers do.
    if !configuration.purgeNodes.isEmpty && site.edgeSeconds == 0 { site.edgeSeconds = 86_400 }
    let nodes = try configuration.purgeNodes.map { url -> PurgeNode in
        guard let node = PurgeNode(url: url) else { throw ConfigurationError("--purge-node \(url): not an http://host:port address") }
        return node
    }
    for node in nodes { site.edgeAddresses.formUnion(node.addresses.compactMap(ClientAddress.init)) }
    if !nodes.isEmpty && configuration.purgeSecret.isEmpty {
        throw ConfigurationError("--purge-node needs --purge-secret (the VCL refuses purges without it)")
    }
    let feed = try ChangeFeed(database: database, pollInterval: site.refreshInterval, now: now)
    let state = try SiteState(database: database, configuration: site, now: now)
    let store = CachingReaderStore(ReaderStore(database), budgetBytes: site.dataCacheBytes)
    let pageCache = site.pageCacheBytes > 0 ? PageCache(capacity: site.pageCacheBytes) : nil
    // Sitemaps are kept apart, whole in one stripe: a file may be most of the budget.
    let sitemapCache = site.sitemapCacheBytes > 0 ? PageCache(capacity: site.sitemapCacheBytes, stripes: 1) : nil
    // In this order: the snapshot reloads first (and names the Popular lists that moved), then the
    // data the pages are built from, then the pages.
    feed.subscribe(state)
    feed.subscribe(store)
    let views = ViewCounter(database: database, logger: logger, now: now)
    let reader = ReaderEnvironment(configuration: site, store: store, discovery: ReaderStore(database), state: state, views: views,
                                   staticFiles: try StaticFiles(root: configuration.publicDirectory), feed: feed,
                                   logger: logger, isHealthy: { database.isHealthy() }, now: now,
                                   media: try MediaLibrary(directory: configuration.resolvedMediaDirectory),
                                   storage: { database.storage() })
    // Views built from the data: after the data cache, before the pages.
    feed.subscribe(reader.lineups)
    if let pageCache { feed.subscribe(pageCache) }
    if let sitemapCache { feed.subscribe(sitemapCache) }
    let router = reader.buildRouter(pageCache: pageCache, sitemapCache: sitemapCache)
    let metrics = HeraldMetrics()
    var server = configuration.reader
    if server.responseHeaders.isEmpty { server.responseHeaders = ReaderEnvironment.securityHeaders }
    server.observers.append(metrics)
    let readerServer = HTTPServer(configuration: server, logger: logger, router: router)
    let editorial = EditorialRepository(database, now: { Int64(now().timeIntervalSince1970) })
    var newsroomRouter: Router?
    var newsroomServer: HTTPServer?
    var initialAdminPassword: String?
    if var settings = configuration.newsroomServer {
        let hasher = PasswordHasher()
        initialAdminPassword = try bootstrapAdmin(database, hasher: hasher, logger: logger)
        let newsroom = NewsroomEnvironment(configuration: configuration.newsroom, database: database, reader: reader, feed: feed,
                                           hasher: hasher, logger: logger, now: now)
        var routes = newsroom.buildRouter()
        // The operations port's metrics: never on the readers' server.
        routes.get("/metrics") { _, _ in
            Response(status: 200, headers: [("Content-Type", HeraldMetrics.contentType), ("Cache-Control", "no-store")],
                     body: metrics.exposition())
        }
        if settings.responseHeaders.isEmpty { settings.responseHeaders = NewsroomEnvironment.securityHeaders }
        settings.name = "newsroom"
        settings.observers.append(metrics)
        newsroomRouter = routes
        newsroomServer = HTTPServer(configuration: settings, logger: logger, router: routes)
    }
    let sessions = SessionRepository(database)
    let jobs = Maintenance(tasks: [
        // Changes by other processes reach the caches even while no reader asks.
        PeriodicTask("change feed", every: 0.1) { feed.catchUp() },
        PeriodicTask("view flush", every: site.flushInterval) { views.flush() },
        // A ranking stored by an earlier run may be old: ranked again at the first tick.
        PeriodicTask("Popular", every: site.popularInterval, firstAfter: state.popularWasStored ? 0 : site.popularInterval) {
            // Into the change log too, so the cache nodes are purged of the lists that moved.
            let moved = try state.recomputePopular()
            guard !moved.isEmpty else { return }
            do {
                try database.write { db in try ChangeLog.record(moved, at: Int64(now().timeIntervalSince1970), db) }
                feed.catchUp()
            } catch {
                feed.publish(moved)
                throw error
            }
        },
        // Scheduled articles go live within a second or two of their time.
        PeriodicTask("scheduled publishing", every: 1, firstAfter: 0) {
            if !(try editorial.publishDue()).isEmpty { feed.catchUp() }
        },
        PeriodicTask("change pruning", every: 3600, firstAfter: 60) {
            try ChangeLog.prune(before: Int64(now().timeIntervalSince1970) - 86_400, database)
            try sessions.prune(at: Int64(now().timeIntervalSince1970))
        },
    ], logger: logger, finally: { views.flush() })
    // The header's sources on a thread of their own: a slow source (timeouts, retries) never
    // holds the view flushes or the change feed. A failure is logged by the loop; the last good
    // data stays.
    let fetcher = HeaderFetcher(repository: HeaderRepository(database, now: { Int64(now().timeIntervalSince1970) }), logger: logger)
    var fetches: [PeriodicTask] = []
    if !configuration.ratesURL.isEmpty {
        let url = configuration.ratesURL
        fetches.append(PeriodicTask("rates fetch", every: configuration.fetchEvery, firstAfter: 1) {
            try fetcher.fetchRates(url: url)
            feed.catchUp()
        })
    }
    if !configuration.weatherURL.isEmpty {
        let url = configuration.weatherURL
        fetches.append(PeriodicTask("weather fetch", every: configuration.fetchEvery, firstAfter: 1) {
            try fetcher.fetchWeather(url: url)
            feed.catchUp()
        })
    }
    let sources = fetches.isEmpty ? nil : Maintenance(tasks: fetches, tick: 0.5, logger: logger)
    let purger = nodes.isEmpty ? nil : Purger(nodes: nodes, secret: configuration.purgeSecret, database: database, logger: logger)
    MetricsWiring.collect(MetricsWiring.Parts(database: database, pageCache: pageCache, sitemapCache: sitemapCache, dataCache: store,
                                              views: views, sessions: sessions, purger: purger,
                                              servers: [readerServer] + (newsroomServer.map { [$0] } ?? []), now: now),
                          into: metrics)
    return Application(configuration: configuration, database: database, reader: reader, readerRouter: router,
                       pageCache: pageCache, readerServer: readerServer, newsroomRouter: newsroomRouter, newsroomServer: newsroomServer,
                       initialAdminPassword: initialAdminPassword, jobs: jobs, sources: sources, purger: purger, metrics: metrics,
                       logger: logger)
}

/// A configuration that cannot run, said the way an operator reads it.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// On a database with no users, creates `admin` with a random password, logged once; returns it.
func bootstrapAdmin(_ database: HeraldDatabase, hasher: PasswordHasher, logger: Logger) throws -> String? {
    let users = UserRepository(database)
    guard try users.count() == 0 else { return nil }
    let password = Tokens.password()
    try users.add(name: "admin", displayName: "Administrator", role: .admin, editions: [], passwordHash: try hasher.hash(password),
                  by: .system("serve"))
    logger.warning("newsroom: created user \"admin\" with password \(password) — shown only now; change it with `herald user passwd admin`")
    return password
}
