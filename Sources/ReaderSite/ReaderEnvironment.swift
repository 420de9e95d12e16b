import Foundation
import HeraldSupport
import HTTPServer
import Logging
import Media
import NewsCore
import NewsStore
import ReaderCache
import Templates

/// What reader handlers work with: the store they read through (the caching decorator in a
/// server), the site snapshot, the view counter, static files, the change feed (for
/// Last-Modified) and the clock. Nothing else: no database, no page cache.
public struct ReaderEnvironment: Sendable {
    public let configuration: SiteConfiguration
    public let store: any ReaderData
    /// What sitemaps and search read (the store itself: sitemaps are kept whole by their own
    /// cache, and search answers are not kept).
    public let discovery: any SitemapData & SearchData & ContentAPIData
    public let state: SiteState
    public let views: ViewCounter
    public let staticFiles: StaticFiles
    public let feed: ChangeFeed
    /// Each edition's home lineup as links, with the keys it shows (subscribed to the feed).
    public let lineups: ViewCache<String, (HomeView, [CacheKey])>
    public let logger: Logger
    /// True when the database answers (the health check).
    let isHealthy: @Sendable () -> Bool
    let now: @Sendable () -> Date
    /// The stylesheet's content-hashed URL.
    let stylesheetURL: String
    /// The SVG icon's content-hashed URL.
    let iconURL: String
    /// The pixel size of each picture among the static files, by its path ("/static/photos/x.svg").
    let imageSizes: [String: (width: Int, height: Int)]
    /// The media directory's uploads, served under /media/ (nil: none configured).
    public let media: MediaLibrary?
    /// The database's writability and free space (health checks); nil in tests without a file.
    let storage: (@Sendable () -> HeraldDatabase.StorageState)?
    /// The publisher's logo (600 × 60).
    let logoPath = "/static/images/logo.svg"

    /// Gathers the handlers' dependencies.
    public init(configuration: SiteConfiguration, store: any ReaderData, discovery: any SitemapData & SearchData & ContentAPIData, state: SiteState, views: ViewCounter,
                staticFiles: StaticFiles, feed: ChangeFeed, logger: Logger, isHealthy: @escaping @Sendable () -> Bool,
                now: @escaping @Sendable () -> Date, media: MediaLibrary? = nil,
                storage: (@Sendable () -> HeraldDatabase.StorageState)? = nil) {
        self.media = media
        self.storage = storage
        self.configuration = configuration
        self.store = store
        self.discovery = discovery
        self.state = state
        self.views = views
        self.staticFiles = staticFiles
        self.feed = feed
        lineups = ViewCache(entries: configuration.dataCacheBytes > 0 ? 64 : 0)
        self.logger = logger
        self.isHealthy = isHealthy
        self.now = now
        stylesheetURL = staticFiles.url("css/site.css")
        iconURL = staticFiles.url("favicon.svg")
        var sizes: [String: (width: Int, height: Int)] = [:]
        for name in staticFiles.names where [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"].contains(where: { name.lowercased().hasSuffix($0) }) {
            if let bytes = staticFiles.contents(of: name), let size = ImageSize.of(bytes) { sizes["/static/" + name] = size }
        }
        imageSizes = sizes
    }

    /// Absolute form of a site path for canonical and hreflang links.
    func absolute(_ path: String) -> String { configuration.baseURL + path }

    /// Unix seconds now.
    var unixNow: Int64 { Int64(now().timeIntervalSince1970) }

    /// Runs a store read; a failure is logged and answered 503 (never a 500 with details).
    func read<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            logger.error("site: database read failed: \(error)")
            throw HTTPError.unavailable()
        }
    }
}

extension ReaderEnvironment {
    /// Security headers for every reader response, pages, errors and static files alike: no script
    /// may run (the site needs none), nothing may frame it, MIME types are not sniffed, no
    /// powerful browser feature may be asked for, no other window keeps a handle on a reader's.
    /// Resources may be embedded elsewhere (`cross-origin`): feed readers and shared cards show
    /// the site's photos from their own pages, which `same-origin` would block.
    public static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy",
         "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", permissionsPolicy),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "cross-origin"),
    ]

    /// Every feature a page could ask the browser for, refused (the site uses none of them).
    public static let permissionsPolicy = "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
        + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), "
        + "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()"
}
