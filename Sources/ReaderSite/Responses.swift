import HTTPServer
import NewsCore
import Templates

extension ReaderEnvironment {
    /// Cache-Control of reader pages: shared caches and browsers keep them 30 s and may serve
    /// them stale for another minute while they revalidate (ETag or Last-Modified → 304).
    static let pageCacheControl = "public, max-age=30, stale-while-revalidate=60"

    /// The key every page carries at the edge besides its own: purging it purges everything.
    public static let everythingKey = CacheKey.everything.text

    /// The caching headers of a page or document built from `keys`: Cache-Control for browsers
    /// (and, with purge nodes, a day for the nodes: `s-maxage`, `Surrogate-Control`, with
    /// `stale-while-revalidate`/`stale-if-error` so a purge or an origin hiccup is no miss storm),
    /// and the keys in each surrogate-key header.
    /// `expires` caps the nodes' lifetime (a page shows the date: not past the edition's midnight).
    /// `esi`: the page holds ESI includes for the node to process (`content="ESI/1.0"`).
    func cachingHeaders(_ keys: [CacheKey], expires: Int64, esi: Bool = false) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)]
        let edge = Int(min(Int64(configuration.edgeSeconds), max(0, expires - unixNow)))
        let content = esi ? "content=\"ESI/1.0\", " : ""
        if edge > 0 {
            headers = [("Cache-Control", "public, max-age=30, s-maxage=\(edge), stale-while-revalidate=60, stale-if-error=86400"),
                       ("Surrogate-Control", "\(content)max-age=\(edge), stale-while-revalidate=60, stale-if-error=86400")]
        } else {
            headers = [("Cache-Control", Self.pageCacheControl)]
            if esi { headers.append(("Surrogate-Control", "content=\"ESI/1.0\"")) }
        }
        if !configuration.surrogateKeyHeaders.isEmpty {
            var seen = Set<String>()
            let value = ([Self.everythingKey] + keys.map(\.text)).filter { seen.insert($0).inserted }.joined(separator: " ")
            headers += configuration.surrogateKeyHeaders.map { ($0, value) }
        }
        return headers
    }

    /// A 200 page the page cache may keep: built from `keys` (plus its edition's Popular and the
    /// header, which every page shows), valid until its edition's next midnight (pages show the
    /// date), `onHit` run each time it is served again.
    /// `fragments`: Popular is an ESI include (not a key of the page: its fragment has that key).
    func page(_ html: HTML, keys: [CacheKey], _ context: EditionContext, onHit: (@Sendable () -> Void)? = nil,
              fragments: Bool = false) -> Response {
        let all = keys + (fragments ? [] : [.popular(context.edition.code)]) + [.header]
        let time = unixNow
        let day = context.day(around: time)
        var response = Response(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")]
                                    + cachingHeaders(all, expires: day.end, esi: fragments), body: html.bytes)
        response.cacheability = Cacheability(keys: all.map(\.text), expires: day.end,
                                             lastModified: max(feed.lastChange(of: all), day.start), onHit: onHit)
        return response
    }

    /// A document other than a page (a feed, a sitemap) the page cache may keep like one, retired
    /// by `keys` and the header; `cacheable: false` prepares it for this request only (its links
    /// were made from the request's Host, which must not be cached for everyone).
    /// `expires` ends its life earlier than the day's end (a Google News file whose oldest entry
    /// leaves the 48-hour window).
    func document(_ bytes: [UInt8], type: String, keys: [CacheKey], _ context: EditionContext?, cacheable: Bool,
                  expires: Int64 = .max) -> Response {
        let all = keys + [.header]
        let time = unixNow
        let day = context?.day(around: time) ?? (start: time - time % 86_400, end: time - time % 86_400 + 86_400)
        var response = Response(status: 200, headers: [("Content-Type", type)] + cachingHeaders(all, expires: min(day.end, expires)), body: bytes)
        response.cacheability = Cacheability(keys: all.map(\.text), expires: cacheable ? min(day.end, expires) : 0,
                                             lastModified: max(feed.lastChange(of: all), day.start))
        return response
    }

    /// The scheme and host absolute links start with: `--base-url`, else the request's Host
    /// (then the answer must not be cached: another Host would be served these links).
    func origin(_ request: Request) -> (origin: String, cacheable: Bool) {
        if !configuration.baseURL.isEmpty { return (configuration.baseURL, true) }
        let host = request.header("host").flatMap { Self.isPlainHost($0) ? $0 : nil } ?? "localhost"
        return ("http://" + host, false)
    }

    /// A Host value made only of the characters a host and port may hold.
    static func isPlainHost(_ host: String) -> Bool {
        !host.isEmpty && host.utf8.count <= 255 && host.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || ".-:[]".utf8.contains(byte)
        }
    }

    /// A permanent redirect to a canonical path.
    func moved(_ path: String) -> Response {
        var response = Response.redirect(to: path, status: 301)
        response.headers.append(("Cache-Control", "public, max-age=3600"))
        return response
    }

    /// The snapshot's context for an edition code; 404 (in the default edition) when there is none.
    func edition(_ code: String, _ snapshot: SiteSnapshot) throws -> EditionContext {
        guard let context = snapshot.byCode[code] else { throw HTTPError.notFound() }
        return context
    }

    /// The answer to a handler's error: 404 and 400 as pages in the edition the path names (else
    /// the default edition), others as short text; never details of the failure.
    public func errorResponse(_ request: Request, _ error: HTTPError) -> Response {
        if request.path == "/api" || request.path.hasPrefix("/api/") { return apiProblem(request, error) }
        let snapshot = state.snapshot
        guard error.status == 404 || error.status == 400,
              let context = firstSegment(request.path).flatMap({ snapshot.byCode[$0] }) ?? snapshot.defaultEdition else {
            var response = error.plainResponse
            if error.status >= 500 { response.setHeader("Cache-Control", "no-store") }
            return response
        }
        let s = context.strings
        let view = error.status == 404
            ? ErrorView(status: 404, heading: s.notFoundHeading, message: s.notFoundMessage)
            : ErrorView(status: 400, heading: s.badRequestHeading, message: s.badRequestMessage)
        let html = Pages.error(chrome(snapshot, context, PageInfo(title: view.heading)), view)
        return Response(status: error.status, headers: [("Content-Type", "text/html; charset=utf-8"),
                                                        ("Cache-Control", "public, max-age=10")], body: html.bytes)
    }

    private func firstSegment(_ path: String) -> String? {
        path.utf8.split(separator: UInt8(ascii: "/")).first.map { String(decoding: $0, as: UTF8.self) }
    }
}
