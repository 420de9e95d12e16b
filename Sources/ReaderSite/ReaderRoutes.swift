import HTTPServer
import Logging
import NewsCore
import ReaderCache

extension ReaderEnvironment {
    /// The reader site's route table, top to bottom. Every request first brings the caches up to
    /// date with the last commit, then goes through the page cache; only then is it routed.
    public func buildRouter(pageCache: PageCache?) -> Router {
        var router = Router(logger: logger, errors: { request, error in errorResponse(request, error) })
        router.use(FreshnessMiddleware(feed: feed))
        router.use(PageCacheMiddleware(cache: pageCache, now: { [now] in Int64(now().timeIntervalSince1970) }))
        router.get("/", rootRedirect)
        router.get("/healthz", healthShow)
        router.get("/robots.txt", staticShow("robots.txt"))
        router.get("/favicon.ico", staticShow("favicon.svg"))
        router.get("/static/*path", staticShow())
        router.get("/:edition", editionRedirect)
        router.get("/:edition/", homeShow)
        router.get("/:edition/rss.xml", editionFeed)
        router.get("/:edition/tag/:slug/rss.xml", tagFeed)
        router.get("/:edition/tag/:slug", tagShow)
        router.get("/:edition/*path/rss.xml", sectionFeed)
        router.get("/:edition/*path/", sectionShow)
        router.get("/:edition/*section/:article", where: ["article": { Parameters.articleSegment($0) != nil }], articleShow)
        router.get("/:edition/*path", sectionRedirect)
        return router
    }
}
