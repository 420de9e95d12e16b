import HTTPServer
import Foundation

/// Reader-site settings that are not content.
public struct SiteConfiguration: Sendable {
    /// Prefix for absolute URLs in canonical and hreflang links ("https://news.example.kz"); empty
    /// keeps them root-relative.
    public var baseURL: String
    /// Articles per section or tag page.
    public var pageSize: Int
    /// Entries in the Popular list.
    public var popularCount: Int
    /// Days of views the Popular ranking covers.
    public var popularDays: Int
    /// Seconds between Popular recomputations (at most once a minute by default).
    public var popularInterval: TimeInterval
    /// Seconds between view-count flushes.
    public var flushInterval: TimeInterval
    /// Seconds between reads of the change log when commits cannot be watched (see `ChangeFeed`).
    public var refreshInterval: TimeInterval
    /// Bytes of rendered pages kept in memory; 0 turns the page cache off.
    public var pageCacheBytes: Int
    /// Bytes of article data kept per content version for rendering (see `DerivedCache`); 0
    /// reads every page's data from SQLite.
    public var dataCacheBytes: Int
    /// Bytes of sitemaps kept in memory, gzipped (files of tens of megabytes, apart from the page
    /// cache so that they never push pages out); off with the page cache.
    public var sitemapCacheBytes: Int

    /// Seconds cache nodes keep a page (`s-maxage`, `Surrogate-Control`): long, because Herald
    /// purges them by key; 0 (no purge nodes) lets shared caches keep pages as long as browsers.
    public var edgeSeconds = 0
    /// The cache nodes' addresses: a request from one of them saying `X-Herald-Edge: 1` is a node
    /// fetching a page for many readers, so the page does not count a read (its view beacon does).
    public var edgeAddresses: Set<ClientAddress> = []
    /// The response headers that carry a page's surrogate keys (`xkey` for Varnish, `Surrogate-Key`
    /// for CDNs that read that name); empty sends none.
    public var surrogateKeyHeaders = ["xkey", "Surrogate-Key"]

    /// The defaults: 20 a page, top 10 of the last 7 days, flush every 5 s, Popular every 60 s, 64 MB of
    /// pages, 16 MB of article data.
    public init(baseURL: String = "", pageSize: Int = 20, popularCount: Int = 10, popularDays: Int = 7,
                popularInterval: TimeInterval = 60, flushInterval: TimeInterval = 5, refreshInterval: TimeInterval = 1,
                pageCacheBytes: Int = 64 << 20, dataCacheBytes: Int = 16 << 20, sitemapCacheBytes: Int = 64 << 20) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.pageSize = pageSize
        self.popularCount = popularCount
        self.popularDays = popularDays
        self.popularInterval = popularInterval
        self.flushInterval = flushInterval
        self.refreshInterval = refreshInterval
        self.pageCacheBytes = pageCacheBytes
        self.dataCacheBytes = dataCacheBytes
        self.sitemapCacheBytes = sitemapCacheBytes
    }
}
