import Foundation
import HTTPServer
import NewsCore
import NewsStore
import Templates

extension ReaderEnvironment {
    /// Languages whose words change their endings (cases, possessives, plurals): a search word of
    /// five letters or more finds the words that begin with its first five.
    static let inflectedLanguages: Set<String> = ["kk", "ru", "uz", "ky", "tr", "uk", "be"]

    /// `/{edition}/search?q=…&page=N`: the edition's live articles matching every word of the
    /// query, 20 a page, each with its headline and a snippet, the matches marked. Any query is
    /// taken (see `SearchQuery`); a bad page number is a 400, a page past the results a 404.
    func searchShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let context = try edition(parameters["edition"]!, snapshot)
        guard let page = Parameters.page(request) else { throw HTTPError.badRequest() }
        let code = context.edition.code
        let strings = context.strings.search
        let here = URLs.search(code)
        let raw = request.queryValue("q") ?? ""
        let query = SearchQuery(raw, prefixMatching: Self.inflectedLanguages.contains(context.edition.language))
        let size = configuration.pageSize
        var info = PageInfo(title: query.map { "\(strings.search): \($0.text)" } ?? strings.search, canonical: nil,
                            switcherTargets: Dictionary(uniqueKeysWithValues: snapshot.editions.map { ($0.edition.code, URLs.search($0.edition.code)) }))
        info.robots = "noindex, follow"
        guard let query else {
            guard page == 1 else { throw HTTPError.notFound() }
            var chrome = self.chrome(snapshot, context, info)
            chrome.searchQuery = String(raw.trimmingCharacters(in: .whitespacesAndNewlines).prefix(SearchQuery.maxLength))
            let view = SearchView(query: "", summary: nil, results: [], notes: [],
                                  pagination: Pagination(page: 1, pages: 1, previous: nil, next: nil))
            return searchPage(Pages.search(chrome, view), context)
        }
        let results = try read { try discovery.search(query, edition: code, limit: size, offset: (page - 1) * size) }
        let pages = max(1, (results.ranked + size - 1) / size)
        guard page <= pages else { throw HTTPError.notFound() }
        func link(_ page: Int) -> String { here + "?q=" + URLs.queryValue(query.text) + (page > 1 ? "&page=\(page)" : "") }
        var notes: [String] = []
        if query.wasShortened { notes.append(strings.shortened(SearchQuery.maxLength)) }
        if page == pages, results.total > results.ranked { notes.append(strings.window(SearchQueries.window)) }
        let count = results.totalIsMore ? "\(results.total)+" : "\(results.total)"
        let view = SearchView(
            query: query.text, summary: results.total > 0 ? strings.results(count, query.text) : nil,
            results: results.hits.map { hit in
                let summary = hit.summary
                let section = snapshot.data.sections.section(id: summary.sectionID)
                let cut = query.snippet(summary.lead.isEmpty || query.matches(in: SearchText.tokens(summary.lead)).isEmpty
                                        ? hit.bodyText.isEmpty ? summary.lead : hit.bodyText : summary.lead)
                return SearchResultView(
                    title: query.highlighted(summary.title),
                    href: URLs.articleHref(summary.edition, sectionPath: section?.path ?? "news", id: summary.id, slug: summary.slug),
                    time: ShownTime(context.local(summary.publishedAt), context.strings), isoTime: ISOInstant(unix: summary.publishedAt),
                    section: section.map { NamedLink(name: $0.name(in: code), href: URLs.section(code, $0.path)) },
                    snippet: cut.parts, cutBefore: cut.before, cutAfter: cut.after)
            },
            notes: notes,
            pagination: Pagination(page: page, pages: pages, previous: page > 1 ? link(page - 1) : nil,
                                   next: page < pages ? link(page + 1) : nil))
        var chrome = self.chrome(snapshot, context, info)
        chrome.searchQuery = query.text
        return searchPage(Pages.search(chrome, view), context)
    }

    /// A search page: not kept by the page cache (its key is the query), short-lived elsewhere.
    private func searchPage(_ html: HTML, _ context: EditionContext) -> Response {
        var response = Response(status: 200, headers: [("Content-Type", "text/html; charset=utf-8"),
                                                       ("Cache-Control", "public, max-age=60")], body: html.bytes)
        let time = unixNow
        response.cacheability = Cacheability(keys: [], expires: 0, lastModified: max(feed.lastChangeAt, context.day(around: time).start))
        return response
    }
}
