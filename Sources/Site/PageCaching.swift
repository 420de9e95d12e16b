import HTTPServer
import HeraldSupport
import NewsCore

extension Site {
    /// Cache-Control of reader pages: shared caches and browsers keep them 30 s and may serve
    /// them stale for another minute while they revalidate (ETag or Last-Modified → 304).
    static let pageCacheControl = "public, max-age=30, stale-while-revalidate=60"

    /// The site's request handler: a GET or HEAD for a page in the page cache is answered before
    /// any routing; everything else goes through `router` (the site's route table by default).
    public func makeHandler(_ router: Router? = nil) -> HTTPServer.Handler {
        let router = router ?? buildRouter()
        return { request in self.cachedResponse(request) ?? router.respond(to: request) }
    }

    /// The cached answer for a request, counting the article view a GET of it stands for; nil on a
    /// miss. Only targets stored by `preparedPage` can hit, and an entry is valid for one snapshot
    /// generation and its edition's day, so a hit is exactly what the handler would render now.
    func cachedResponse(_ request: Request) -> Response? {
        guard let pageCache, request.method == "GET" || request.method == "HEAD" else { return nil }
        let snapshot = state.snapshot
        guard let entry = pageCache.page(request.target, generation: snapshot.generation,
                                         now: Int64(now().timeIntervalSince1970)) else { return nil }
        if let articleID = entry.articleID, request.method == "GET" { views.record(articleID) }
        return entry.representation.response(to: request)
    }

    /// Renders a page and, for a 200, prepares it — strong ETag, gzip form, Last-Modified — and
    /// answers like a cache hit would (304 for a matching validator). With the cache on the page
    /// is kept for this snapshot generation and the edition's day (counting `articleID`'s view on
    /// later hits); with it off the preparation happens per request, compressing only for a client
    /// that accepts gzip, at zlib's fastest level.
    func preparedPage(_ request: Request, _ snapshot: SiteSnapshot, _ context: EditionContext,
                      countingViewOf articleID: Int64? = nil, render: () -> Response) -> Response {
        let rendered = render()
        guard rendered.status == 200 else { return rendered }
        let time = Int64(now().timeIntervalSince1970)
        let day = context.day(around: time)
        let level: Int32? = pageCache != nil ? 6 : (Gzip.isAccepted(by: request.header("accept-encoding")) ? 1 : nil)
        let representation = Representation(headers: rendered.headers, body: rendered.body,
                                            lastModified: max(snapshot.createdAt, day.start), gzipLevel: level,
                                            kept: pageCache != nil)
        if let pageCache, let key = PageCache.key(request) {
            pageCache.store(key, representation, generation: snapshot.generation, expires: day.end, articleID: articleID)
        }
        return representation.response(to: request)
    }
}
