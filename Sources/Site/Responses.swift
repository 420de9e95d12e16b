import HTTPServer
import HeraldSupport
import NewsCore
import Templates

extension Site {
    /// An HTML page with explicit caching: shared caches may keep it briefly.
    func page(_ html: HTML, status: Int = 200) -> Response {
        Response(status: status, headers: [("Content-Type", "text/html; charset=utf-8"),
                                           ("Cache-Control", status == 200 ? Site.pageCacheControl : "public, max-age=10")],
                 body: html.bytes)
    }

    /// The 404 page in an edition's language (the default edition when the edition is unknown).
    func notFound(_ edition: EditionContext? = nil, _ snapshot: SiteSnapshot? = nil) -> Response {
        errorPage(status: 404, edition, snapshot)
    }

    /// The 400 page in an edition's language.
    func badRequest(_ edition: EditionContext? = nil, _ snapshot: SiteSnapshot? = nil) -> Response {
        errorPage(status: 400, edition, snapshot)
    }

    private func errorPage(status: Int, _ edition: EditionContext?, _ snapshot: SiteSnapshot?) -> Response {
        let snapshot = snapshot ?? state.snapshot
        guard let context = edition ?? snapshot.defaultEdition else {
            return Response.text(status == 404 ? "Not found\n" : "Bad request\n", status: status)
        }
        let s = context.strings
        let view = status == 404
            ? ErrorView(status: 404, heading: s.notFoundHeading, message: s.notFoundMessage)
            : ErrorView(status: 400, heading: s.badRequestHeading, message: s.badRequestMessage)
        let chrome = self.chrome(snapshot, context, PageInfo(title: view.heading))
        return page(Pages.error(chrome, view), status: status)
    }

    /// A permanent redirect to a canonical path.
    func moved(_ path: String) -> Response {
        var response = Response.redirect(to: path, status: 301)
        response.headers.append(("Cache-Control", "public, max-age=3600"))
        return response
    }

    /// Runs a store read; a failure is logged and becomes nil (the caller answers 503).
    func load<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch {
            logger.error("site: database read failed: \(error)")
            return nil
        }
    }

    /// 503 when the database cannot answer, never a crash or a 500 with details.
    func unavailable() -> Response {
        var response = Response.text("The service is temporarily unavailable. Please try again shortly.\n", status: 503)
        response.headers.append(("Retry-After", "5"))
        return response
    }
}
