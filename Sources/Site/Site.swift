import Foundation
import HTTPServer
import Logging
import HeraldSupport
import NewsCore
import NewsStore
import Templates

/// The reader site's dependencies, built once and shared by every handler.
public final class Site: Sendable {
    public let configuration: SiteConfiguration
    public let database: HeraldDatabase
    public let store: ReaderStore
    public let state: SiteState
    public let views: ViewCounter
    public let staticFiles: StaticFiles
    public let logger: Logger
    let now: @Sendable () -> Date
    /// Article pages' data by article id, costed in bytes (see DerivedCache).
    let articles: DerivedCache<Int64, ArticleBundle>
    /// Related news per article id, costed in entries.
    let related: DerivedCache<Int64, [ArticleLink]>
    /// Tag and section pages' rows by list and page, costed in bytes.
    let lists: DerivedCache<ListKey, ListData>
    /// Each edition's home lineup by edition code.
    let homes: DerivedCache<String, HomeView>
    /// Rendered pages; nil when the configuration turns the cache off.
    public let pageCache: PageCache?
    /// The stylesheet's content-hashed URL.
    let stylesheetURL: String

    /// Wires the site over an open, migrated database and a loaded static directory.
    public init(configuration: SiteConfiguration, database: HeraldDatabase, staticFiles: StaticFiles,
                logger: Logger, now: @escaping @Sendable () -> Date = Date.init) throws {
        self.configuration = configuration
        self.database = database
        self.staticFiles = staticFiles
        self.logger = logger
        self.now = now
        store = ReaderStore(database)
        state = try SiteState(database: database, configuration: configuration, now: now)
        views = ViewCounter(database: database, logger: logger, now: now)
        let dataBytes = max(0, configuration.dataCacheBytes)
        articles = DerivedCache(budget: dataBytes)
        lists = DerivedCache(budget: dataBytes / 4)
        related = DerivedCache(budget: dataBytes > 0 ? 50_000 : 0)
        homes = DerivedCache(budget: dataBytes > 0 ? 64 : 0)
        pageCache = configuration.pageCacheBytes > 0 ? PageCache(capacity: configuration.pageCacheBytes) : nil
        stylesheetURL = staticFiles.url("css/site.css")
    }

    /// Absolute form of a site path for canonical and hreflang links.
    func absolute(_ path: String) -> String { configuration.baseURL + path }
}

extension Site {
    /// Security headers for every response, pages, errors and static files alike: no script may
    /// run (the site needs none), nothing may frame it, MIME types are not sniffed.
    public static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy",
         "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
    ]
}
