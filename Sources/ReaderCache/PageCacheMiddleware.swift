import HTTPServer
import NewsCore

/// The reader router's page cache. A GET or HEAD whose page is held is answered from it (running
/// the page's hit action, e.g. counting an article view); any other 200 a handler marks as
/// cacheable is prepared — strong ETag, gzip form, Last-Modified, 304 for a matching validator —
/// kept when the cache is on, and answered. Answers say `X-Cache: HIT` or `MISS`.
///
/// It is middleware of the reader router, after the freshness check, so nothing it serves skips
/// what runs before it, and a page is only ever served for a route that would render it.
public struct PageCacheMiddleware: Middleware {
    let cache: PageCache?
    let now: @Sendable () -> Int64
    /// Keeps only the gzip form (the large documents' cache: sitemaps).
    let compressedOnly: Bool
    /// Whether a hit for this request counts as a read (not when a cache node fetches the page).
    let countsHit: @Sendable (Request) -> Bool

    /// Serves from `cache` (nil: prepare every page per request, keeping none); `now` is the clock
    /// (Unix seconds) pages expire by; `compressedOnly` keeps just the gzip form of what it stores.
    public init(cache: PageCache?, now: @escaping @Sendable () -> Int64, compressedOnly: Bool = false,
                countsHit: @escaping @Sendable (Request) -> Bool = { _ in true }) {
        self.cache = cache
        self.now = now
        self.compressedOnly = compressedOnly
        self.countsHit = countsHit
    }

    public func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
        guard request.method == "GET" || request.method == "HEAD" else { return try next(request) }
        let key = cache == nil ? nil : PageCache.key(request)
        if let cache, let key, let page = cache.page(key, now: now()) {
            var answer = page.representation.response(to: request)
            answer.route = page.route
            if request.method == "GET" && countsHit(request) { answer.onDelivered = page.onHit }
            return answer
        }
        let epoch = key.map { cache!.epoch($0) }   // before the handler reads anything
        let rendered = try next(request)
        guard rendered.status == 200, let cacheability = rendered.cacheability else { return rendered }
        guard let cache, let key, let epoch, cacheability.expires > now() else {
            // Prepared for this request only: compressed at zlib's fastest level, and only for a
            // client that takes gzip.
            let level: Int32? = Gzip.isAccepted(by: request.header("accept-encoding")) ? 1 : nil
            var answer = Representation(headers: rendered.headers + [("X-Cache", "MISS")], body: rendered.body,
                                        lastModified: cacheability.lastModified, gzipLevel: level, kept: false).response(to: request)
            answer.onDelivered = rendered.onDelivered
            answer.route = rendered.route
            return answer
        }
        let representation = Representation(headers: rendered.headers + [("X-Cache", "HIT")], body: rendered.body,
                                            lastModified: cacheability.lastModified, gzipLevel: 6, compressedOnly: compressedOnly)
        cache.store(key, PageCache.Page(representation: representation, expires: cacheability.expires, onHit: cacheability.onHit,
                                        route: rendered.route),
                    keys: cacheability.keys, epoch: epoch)
        var answer = representation.response(to: request)
        answer.setHeader("X-Cache", "MISS")
        answer.onDelivered = rendered.onDelivered
        answer.route = rendered.route
        return answer
    }
}
