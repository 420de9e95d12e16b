import Foundation
import HTTPServer
import HeraldSupport
import NewsCore
import NewsStore

/// The read-only content API, `/api/v1/…` (the first part of it; see the README's *Content
/// API*): JSON with stable snake_case names, ISO 8601 UTC times, absolute URLs; cached, gzipped
/// and 304'd like pages and retired by the same keys; `Access-Control-Allow-Origin: *`; errors as
/// RFC 9457 `application/problem+json` with a stable `code`. Described by `Public/api/openapi.json`,
/// served at `/api/v1/openapi.json`.
extension ReaderEnvironment {
    static let apiPageSize = 20
    static let apiMaxPageSize = 100

    /// `GET /api/v1/editions`.
    func apiEditions(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let (origin, cacheable) = self.origin(request)
        let editions: [[String: Any]] = snapshot.editions.map { context in
            let e = context.edition
            return ["code": e.code, "language": e.tag, "name": e.name, "label": e.label, "direction": e.direction == .rtl ? "rtl" : "ltr",
                    "time_zone": e.timeZone, "site_name": e.siteName, "default": e.isDefault,
                    "url": origin + URLs.home(e.code), "articles_url": origin + "/api/v1/editions/\(e.code)/articles"]
        }
        return try apiDocument(["editions": editions], keys: snapshot.editions.map { .home($0.edition.code) }, cacheable: cacheable)
    }

    /// `GET /api/v1/editions/{edition}/articles?limit=N&cursor=C`: newest first, `next_cursor`
    /// to go on (null on the last page).
    func apiEditionArticles(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let code = try apiEdition(parameters)
        return try apiListing(request, list: ["edition": code], path: "/api/v1/editions/\(code)/articles", keys: [.home(code)]) { after, limit in
            try discovery.apiArticles(edition: code, after: after, limit: limit)
        }
    }

    /// `GET /api/v1/editions/{edition}/tags/{slug}/articles`: a tag's articles, newest first.
    func apiTagArticles(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let code = try apiEdition(parameters)
        let slug = parameters["slug"]!
        guard Slug.isValid(slug), let (tag, count) = try read({ try discovery.apiTag(edition: code, slug: slug) }) else {
            throw HTTPError(404, code: "tag_not_found", message: "There is no tag of that slug in this edition.")
        }
        let (origin, _) = self.origin(request)
        return try apiListing(request, list: ["edition": code, "tag": ["slug": tag.slug, "name": tag.name, "url": origin + URLs.tag(code, tag.slug),
                                                                        "article_count": count]],
                              path: "/api/v1/editions/\(code)/tags/\(tag.slug)/articles", keys: [.tag(code, tag.slug)]) { after, limit in
            try discovery.apiTagArticles(tagID: tag.id, after: after, limit: limit)
        }
    }

    /// `GET /api/v1/editions/{edition}/tags?limit=N&cursor=C`: the edition's tags that have
    /// live articles, by slug, each with its count; `next_cursor` (the page's last slug) goes on.
    func apiTags(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let code = try apiEdition(parameters)
        let limit = try apiLimit(request, allowed: ["limit", "cursor"])
        var after: String?
        if let text = request.queryValue("cursor") {
            guard Slug.isValid(text) else {
                throw HTTPError(400, code: "invalid_cursor", message: "cursor must be a next_cursor this API returned.")
            }
            after = text
        }
        let found = try read { try discovery.apiTags(edition: code, after: after, limit: limit + 1) }
        let tags = Array(found.prefix(limit))
        let (origin, cacheable) = self.origin(request)
        let next = found.count > limit ? tags.last?.tag.slug : nil
        let path = "/api/v1/editions/\(code)/tags"
        let items: [[String: Any]] = tags.map { entry in
            ["slug": entry.tag.slug, "name": entry.tag.name, "article_count": entry.count, "url": origin + URLs.tag(code, entry.tag.slug),
             "articles_url": origin + path + "/\(entry.tag.slug)/articles"]
        }
        let body: [String: Any] = ["edition": code, "items": items, "next_cursor": next ?? NSNull(),
                                   "next_url": next.map { origin + path + "?limit=\(limit)&cursor=\($0)" } ?? NSNull()]
        // A tag appears, goes or is renamed by a write that retires the edition's lists (home) or the tag.
        return try apiDocument(body, keys: [.home(code)] + tags.map { .tag(code, $0.tag.slug) }, cacheable: cacheable)
    }

    /// `limit` read and checked (default 20), after refusing any parameter not in `allowed`.
    func apiLimit(_ request: Request, allowed: Set<String>) throws -> Int {
        for item in request.query where !allowed.contains(item.name) {
            throw HTTPError(400, code: "unknown_parameter", message: "This endpoint takes no parameter \"\(item.name)\".")
        }
        guard let text = request.queryValue("limit") else { return Self.apiPageSize }
        guard let value = Int(text), (1...Self.apiMaxPageSize).contains(value) else {
            throw HTTPError(400, code: "invalid_limit", message: "limit must be a whole number from 1 to \(Self.apiMaxPageSize).")
        }
        return value
    }

    /// `GET /api/v1/editions/{edition}/sections/{path}/articles`: a section's articles with its
    /// subsections', newest first.
    func apiSectionArticles(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let code = try apiEdition(parameters)
        let path = parameters["path"]!
        guard Slug.isValidPath(path), let section = state.snapshot.data.sections.section(path: path) else {
            throw HTTPError(404, code: "section_not_found", message: "There is no section of that path.")
        }
        let (origin, _) = self.origin(request)
        return try apiListing(request, list: ["edition": code, "section": ["path": section.path, "name": section.name(in: code),
                                                                            "url": origin + URLs.section(code, section.path)]],
                              path: "/api/v1/editions/\(code)/sections/\(section.path)/articles", keys: [.section(code, section.path)]) { after, limit in
            try discovery.apiSectionArticles(sectionID: section.id, edition: code, after: after, limit: limit)
        }
    }

    /// `GET /api/v1/editions/{edition}/sections`: the section tree in the edition's names, in
    /// the site's order (a parent before its subsections).
    func apiSections(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let code = try apiEdition(parameters)
        let sections = state.snapshot.data.sections
        let (origin, cacheable) = self.origin(request)
        let parentPath = { (section: Section) -> Any in
            section.parentID.flatMap { sections.section(id: $0)?.path } ?? NSNull()
        }
        let list: [[String: Any]] = sections.all.sorted { $0.path < $1.path }.map { section in
            ["path": section.path, "slug": section.slug, "name": section.name(in: code), "parent_path": parentPath(section),
             "position": section.position, "url": origin + URLs.section(code, section.path),
             "articles_url": origin + "/api/v1/editions/\(code)/sections/\(section.path)/articles"]
        }
        return try apiDocument(["edition": code, "sections": list], keys: [.home(code)], cacheable: cacheable)
    }

    /// `GET /api/v1/editions/{edition}/popular`: the edition's most read articles of the week, in rank order.
    func apiPopular(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let code = try apiEdition(parameters)
        let snapshot = state.snapshot
        let (origin, cacheable) = self.origin(request)
        let items = snapshot.popular[code] ?? []
        return try apiDocument(["edition": code, "days": configuration.popularDays, "items": items.map { summary($0, snapshot, origin) }],
                               keys: [.popular(code)] + items.map { .article($0.id) }, cacheable: cacheable)
    }

    /// `GET /api/v1/header`: the header's data — the latest day's currency rates with their
    /// trend, and each city's latest weather report with its names.
    func apiHeader(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let data = state.snapshot.data
        let rates: [[String: Any]] = data.rates.map { rate in
            ["currency": rate.currency, "value": rate.value, "day": rate.day, "trend": rate.trend?.rawValue ?? NSNull()]
        }
        let weather: [[String: Any]] = data.weather.values.sorted { $0.city < $1.city }.map { report in
            ["city": report.city, "names": report.cityNames, "observed_at": LocalDateTime(unix: report.observedAt, offsetSeconds: 0).isoUTC,
             "min_celsius": report.minimum, "max_celsius": report.maximum, "condition": report.condition.rawValue]
        }
        let (_, cacheable) = self.origin(request)
        return try apiDocument(["base_currency": data.settings.baseCurrency, "rates": rates, "weather": weather], keys: [], cacheable: cacheable)
    }

    /// `GET /api/v1/editions/{edition}/search?q=…&page=N&limit=N`: the edition's live articles
    /// matching every word of `q`, ranked as the search page ranks them (the newest 1,000 matches),
    /// `limit` a page; a page past the results is empty.
    func apiSearch(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let code = try apiEdition(parameters)
        let context = state.snapshot.byCode[code]!
        let limit = try apiLimit(request, allowed: ["q", "page", "limit"])
        guard let raw = request.queryValue("q") else {
            throw HTTPError(400, code: "invalid_query", message: "q, the words to search for, is required.")
        }
        // No word in it (spaces, punctuation): no results, as the search page shows none.
        let query = SearchQuery(raw, prefixMatching: Self.inflectedLanguages.contains(context.edition.language))
        var page = 1
        if let text = request.queryValue("page") {
            guard let value = Int(text), (1...10_000).contains(value) else {
                throw HTTPError(400, code: "invalid_page", message: "page must be a whole number from 1 to 10000.")
            }
            page = value
        }
        let results = try query.map { query in try read { try discovery.search(query, edition: code, limit: limit, offset: (page - 1) * limit) } }
        let snapshot = state.snapshot
        let (origin, _) = self.origin(request)
        let body: [String: Any] = [
            "edition": code, "query": query?.text ?? "", "page": page, "limit": limit,
            "total": results?.total ?? 0, "total_is_more": results?.totalIsMore ?? false,
            "pages": max(1, ((results?.ranked ?? 0) + limit - 1) / limit),
            "items": (results?.hits ?? []).map { summary($0.summary, snapshot, origin) },
        ]
        // Not kept: every query is its own answer (prepared for this request, ETag and gzip).
        return try apiDocument(body, keys: [], cacheable: false)
    }

    /// The edition a path names (404 problem when none).
    func apiEdition(_ parameters: RouteParameters) throws -> String {
        guard let context = state.snapshot.byCode[parameters["edition"]!] else {
            throw HTTPError(404, code: "edition_not_found", message: "There is no edition of that code.")
        }
        return context.edition.code
    }

    /// A page of a list: `limit` and `cursor` read and checked, one article more fetched than
    /// shown to know whether a next page exists, `list` fields beside `items`.
    func apiListing(_ request: Request, list: [String: Any], path: String, keys: [CacheKey],
                    fetch: ((publishedAt: Int64, id: Int64)?, Int) throws -> [ArticleSummary]) throws -> Response {
        let limit = try apiLimit(request, allowed: ["limit", "cursor"])
        var after: (publishedAt: Int64, id: Int64)?
        if let text = request.queryValue("cursor") {
            guard let cursor = APICursor(text) else {
                throw HTTPError(400, code: "invalid_cursor", message: "cursor must be a next_cursor this API returned.")
            }
            after = (cursor.publishedAt, cursor.id)
        }
        let found = try read { try fetch(after, limit + 1) }
        let items = Array(found.prefix(limit))
        let snapshot = state.snapshot
        let (origin, cacheable) = self.origin(request)
        let next = found.count > limit ? items.last.map { APICursor(publishedAt: $0.publishedAt, id: $0.id).text } : nil
        var body = list
        body["items"] = items.map { summary($0, snapshot, origin) }
        body["next_cursor"] = next ?? NSNull()
        body["next_url"] = next.map { origin + path + "?limit=\(limit)&cursor=\($0)" } ?? NSNull()
        return try apiDocument(body, keys: keys + items.map { .article($0.id) }, cacheable: cacheable)
    }

    /// `GET /api/v1/articles/{id}`: the article with its body, photo renditions, tags, bylines,
    /// corrections and translations.
    func apiArticle(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        guard let id = Int64(parameters["id"]!), id > 0 else { throw HTTPError(404, code: "article_not_found", message: "There is no live article of that id.") }
        guard let bundle = try read({ try store.articleBundle(id: id) }) else { throw HTTPError(404, code: "article_not_found", message: "There is no live article of that id.") }
        let snapshot = state.snapshot
        let (origin, cacheable) = self.origin(request)
        let a = bundle.article
        let section = snapshot.data.sections.section(id: a.sectionID)
        var body = summary(ArticleSummary(id: a.id, edition: a.edition, sectionID: a.sectionID, slug: a.slug, title: a.title,
                                          lead: a.lead, photo: a.photo, publishedAt: a.publishedAt), snapshot, origin)
        body["dateline"] = a.dateline
        body["body_html"] = String(decoding: a.bodyHTML, as: UTF8.self)
        body["updated_at"] = a.updatedAt.map { LocalDateTime(unix: $0, offsetSeconds: 0).isoUTC } ?? NSNull()
        body["bylines"] = a.bylines
        body["section"] = section.map { s -> [String: Any] in
            ["path": s.path, "name": s.name(in: a.edition), "url": origin + URLs.section(a.edition, s.path)]
        } ?? NSNull()
        body["tags"] = bundle.tags.map { ["slug": $0.slug, "name": $0.name, "url": origin + URLs.tag($0.edition, $0.slug)] }
        body["corrections"] = bundle.corrections.map { ["at": LocalDateTime(unix: $0.at, offsetSeconds: 0).isoUTC, "note": $0.note] }
        body["translations"] = bundle.translations.values.sorted { $0.edition < $1.edition }.map { t -> [String: Any] in
            let path = snapshot.data.sections.section(id: t.sectionID)?.path ?? "news"
            return ["edition": t.edition, "id": t.id, "url": origin + URLs.article(t.edition, sectionPath: path, id: t.id, slug: t.slug),
                    "api_url": origin + "/api/v1/articles/\(t.id)"]
        }
        if var photo = body["photo"] as? [String: Any] {
            photo["alt"] = a.alt ?? NSNull()
            photo["caption"] = a.caption ?? NSNull()
            photo["credit"] = a.credit ?? NSNull()
            body["photo"] = photo
        }
        return try apiDocument(body, keys: bundle.keys, cacheable: cacheable)
    }

    /// `GET /api/v1/openapi.json`: the committed description of the API.
    func apiDescription(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        guard var response = staticFiles.response(for: "api/openapi.json", request: request) else {
            throw HTTPError(404, code: "not_found", message: "The API description is not installed (Public/api/openapi.json).")
        }
        response.setHeader("Access-Control-Allow-Origin", "*")
        return response
    }

    /// A list entry: what a card shows.
    func summary(_ s: ArticleSummary, _ snapshot: SiteSnapshot, _ origin: String) -> [String: Any] {
        let path = snapshot.data.sections.section(id: s.sectionID)?.path ?? "news"
        return ["id": s.id, "edition": s.edition, "headline": s.title, "lead": s.lead,
                "published_at": LocalDateTime(unix: s.publishedAt, offsetSeconds: 0).isoUTC, "section_path": path,
                "url": origin + URLs.article(s.edition, sectionPath: path, id: s.id, slug: s.slug),
                "api_url": origin + "/api/v1/articles/\(s.id)",
                "photo": s.photo.map { apiPhoto($0, origin) } ?? NSNull()]
    }

    /// A photo: its largest JPEG, and every rendition when it is an uploaded one.
    func apiPhoto(_ photo: String, _ origin: String) -> [String: Any] {
        let absolute = { (path: String) in path.hasPrefix("/") ? origin + path : path }
        guard let reference = MediaReference(photo) else { return ["url": absolute(photo), "renditions": [[String: Any]]()] }
        let largest = reference.largest
        let renditions: [[String: Any]] = reference.renditionWidths.flatMap { width in
            MediaReference.Format.allCases.map { format -> [String: Any] in
                ["url": origin + reference.url(width: width, format: format), "width": width, "height": reference.height(atWidth: width),
                 "type": format == .jpg ? "image/jpeg" : "image/webp"]
            }
        }
        return ["url": origin + largest.url, "width": largest.width, "height": largest.height, "renditions": renditions]
    }

    /// A JSON answer the page cache may keep like a document, retired by `keys`, readable from any origin.
    func apiDocument(_ object: [String: Any], keys: [CacheKey], cacheable: Bool) throws -> Response {
        let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var response = document(Array(bytes), type: "application/json; charset=utf-8", keys: keys, nil, cacheable: cacheable)
        response.headers.append(("Access-Control-Allow-Origin", "*"))
        return response
    }

    /// An API error as RFC 9457 problem details: `type` names the problem, `code` is stable.
    func apiProblem(_ request: Request, _ error: HTTPError) -> Response {
        let code = error.status == 405 ? "method_not_allowed" : error.status >= 500 ? "internal_error" : error.code
        let detail = error.status == 405 ? "The API is read-only: GET, HEAD and OPTIONS."
            : error.status >= 500 ? "Something went wrong on the server." : error.message
        var response = ProblemDetails.response(status: error.status, code: code, detail: detail, instance: request.path,
                                               headers: [("Cache-Control", error.status >= 500 ? "no-store" : "public, max-age=10"),
                                                         ("Access-Control-Allow-Origin", "*")])
        for header in error.headers { response.setHeader(header.name, header.value) }
        return response
    }

    /// `OPTIONS /api/v1/…`: CORS preflight; the API is read-only.
    func apiPreflight(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        Response(status: 204, headers: [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS"),
                                        ("Access-Control-Allow-Headers", "If-None-Match, If-Modified-Since"),
                                        ("Access-Control-Max-Age", "86400"), ("Allow", "GET, HEAD, OPTIONS"), ("Cache-Control", "public, max-age=86400")])
    }
}

/// A position in an edition's list: the last article of a page, as "published_at-id" (Unix
/// seconds and the article's id). Clients pass back what `next_cursor` gave them; any cursor of
/// that shape is a valid position.
struct APICursor: Equatable {
    var publishedAt: Int64
    var id: Int64

    init(publishedAt: Int64, id: Int64) {
        self.publishedAt = publishedAt
        self.id = id
    }

    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...18).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let time = Int64(parts[0]), let id = Int64(parts[1]) else { return nil }
        publishedAt = time
        self.id = id
    }

    var text: String { "\(publishedAt)-\(id)" }
}
