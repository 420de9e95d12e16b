import HTTPServer
import Logging
import NewsCore
import ReaderCache

extension ReaderEnvironment {
    /// The reader site's route table, top to bottom. Every request first brings the caches up to
    /// date with the last commit, then goes through the page cache; only then is it routed.
    /// Sitemaps go through `sitemapCache` (inside the page cache, which leaves them alone: they
    /// reach it already prepared).
    public func buildRouter(pageCache: PageCache?, sitemapCache: PageCache? = nil) -> Router {
        var router = Router(logger: logger, errors: { request, error in errorResponse(request, error) })
        router.use(FreshnessMiddleware(feed: feed))
        let clock: @Sendable () -> Int64 = { [now] in Int64(now().timeIntervalSince1970) }
        router.use(PageCacheMiddleware(cache: pageCache, now: clock, countsHit: { [self] in !isEdgeFetch($0) }))
        router.get("/", rootRedirect)
        router.get("/healthz", healthShow)
        router.get("/readyz", readyShow)
        router.get("/robots.txt", robotsShow)
        router.get("/favicon.ico", staticShow("favicon.ico"))
        router.get("/static/*path", staticShow())
        router.get("/media/:hash/:file", mediaShow)
        router.get("/_fragments/popular/:edition", popularFragmentShow)
        // The content API (before the edition routes: "api" is no edition).
        router.get("/api/v1/editions", apiEditions)
        router.get("/api/v1/editions/:edition/articles", apiEditionArticles)
        router.get("/api/v1/editions/:edition/sections", apiSections)
        router.get("/api/v1/editions/:edition/popular", apiPopular)
        router.get("/api/v1/editions/:edition/search", apiSearch)
        router.get("/api/v1/header", apiHeader)
        router.get("/api/v1/editions/:edition/tags", apiTags)
        router.get("/api/v1/editions/:edition/tags/:slug/articles", apiTagArticles)
        router.get("/api/v1/editions/:edition/sections/*path/articles", apiSectionArticles)
        router.get("/api/v1/articles/:id", apiArticle)
        router.get("/api/v1/openapi.json", apiDescription)
        router.add("OPTIONS", "/api/v1/*path", apiPreflight)
        router.get("/api/*path") { _, _ in throw HTTPError(404, code: "not_found", message: "There is no such API resource.") }
        router.get("/views/:file", where: ["file": { ViewBeacon.articleID(String($0)) != nil }], viewBeacon)
        router.group(middleware: [PageCacheMiddleware(cache: sitemapCache, now: clock, compressedOnly: true)]) { sitemaps in
            sitemaps.get("/sitemap.xml", sitemapIndex)
            sitemaps.get("/:edition/:file", where: ["file": { SitemapName(fileName: $0) != nil }], sitemapShow)
        }
        router.get("/:edition", editionRedirect)
        router.get("/:edition/", homeShow)
        router.get("/:edition/rss.xml", editionFeed)
        router.get("/:edition/search", searchShow)
        router.get("/:edition/opensearch.xml", openSearchShow)
        router.get("/:edition/tag/:slug/rss.xml", tagFeed)
        router.get("/:edition/tag/:slug", tagShow)
        router.get("/:edition/*path/rss.xml", sectionFeed)
        router.get("/:edition/*path/", sectionShow)
        router.get("/:edition/*section/:article", where: ["article": { Parameters.articleSegment($0) != nil }], articleShow)
        router.get("/:edition/*path", sectionRedirect)
        return router
    }
}
