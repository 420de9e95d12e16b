import HTTPServer
import HeraldSupport
import NewsCore

extension Site {
    /// The reader site's route table, top to bottom.
    public func buildRouter() -> Router {
        var router = Router(logger: logger, errors: { [unowned self] _, error in
            error.status == 404 ? notFound() : error.plainResponse
        })
        router.get("/") { [unowned self] request, _ in rootRedirect(request) }
        router.get("/healthz") { [unowned self] _, _ in health() }
        router.get("/robots.txt") { [unowned self] request, _ in staticFile(request, "robots.txt") }
        router.get("/favicon.ico") { [unowned self] request, _ in staticFile(request, "favicon.svg") }
        router.get("/static/*path") { [unowned self] request, p in staticFile(request, p["path"]!) }
        router.get("/:edition") { [unowned self] _, p in editionWithoutSlash(p["edition"]!) }
        router.get("/:edition/") { [unowned self] request, p in homePage(request, p["edition"]!) }
        router.get("/:edition/tag/:slug") { [unowned self] request, p in tagPage(request, p["edition"]!, p["slug"]!) }
        router.get("/:edition/*path/") { [unowned self] request, p in editionPath(request, p["edition"]!, p["path"]!) }
        router.get("/:edition/*path") { [unowned self] request, p in editionPath(request, p["edition"]!, p["path"]!) }
        return router
    }

    /// `/en` → `/en/` for known editions.
    func editionWithoutSlash(_ code: String) -> Response {
        let snapshot = state.snapshot
        return snapshot.byCode[code] != nil ? moved(URLs.home(code)) : notFound(nil, snapshot)
    }

    /// `/en/news/elections/` is a section; `/en/news/elections/123-slug` is an article.
    func editionPath(_ request: Request, _ code: String, _ path: String) -> Response {
        if request.path.utf8.last == UInt8(ascii: "/") { return sectionPage(request, code, path) }
        // "news/elections/123-slug": the section path, then the article segment (split on bytes).
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.startIndex,
           let (id, slug) = Parameters.articleSegment(path[path.utf8.index(after: slash)...]) {
            return articlePage(request, code, path[..<slash], id, slug)
        }
        let snapshot = state.snapshot
        if snapshot.byCode[code] != nil, Slug.isValidPath(path), snapshot.data.sections.section(path: path) != nil {
            return moved(URLs.section(code, path))
        }
        return notFound(snapshot.byCode[code], snapshot)
    }

    /// `GET /healthz`: 200 when the database answers, 503 otherwise.
    func health() -> Response {
        var response = database.isHealthy() ? Response.text("ok\n") : Response.text("database unavailable\n", status: 503)
        response.headers.append(("Cache-Control", "no-store"))
        return response
    }

    /// A file from Public/, or the 404 page.
    func staticFile(_ request: Request, _ path: String) -> Response {
        staticFiles.response(for: path, request: request) ?? notFound()
    }
}
