import HTTPServer
import HeraldSupport
import NewsCore
import NewsStore
import Templates

extension ReaderEnvironment {
    /// Google News takes the articles of the last two days, at most 1,000 a file.
    static let newsWindow: Int64 = 48 * 3600
    static let newsLimit = 1000

    /// URLs per article or tag file: 50,000 unless that many entries, each with an alternate for
    /// every edition and x-default at the longest possible URL, could pass the protocol's 50 MB.
    /// The longest URL is bounded by the origin, the longest edition code and section path, the
    /// largest possible id and the longest slug allowed.
    public func sitemapURLsPerFile(_ snapshot: SiteSnapshot, origin: String) -> Int {
        let longestEdition = snapshot.editions.map(\.edition.code.utf8.count).max() ?? 8
        let longestPath = snapshot.data.sections.all.map(\.path.utf8.count).max() ?? 0
        let longestURL = origin.utf8.count + 1 + longestEdition + 1 + max(longestPath, 3) + 1 + 19 + 1 + Slug.maxLength
        let bound = Sitemaps.entryBound(longestURL: longestURL, alternates: snapshot.editions.count + 1)
        return max(1, min(Sitemaps.maxURLs, (Sitemaps.maxBytes - 512) / bound))
    }

    /// `/sitemap.xml`: every edition's files — its home and sections, its tags, its articles in
    /// slices, and its Google News file while it has news of the last 48 hours.
    func sitemapIndex(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let (origin, cacheable) = self.origin(request)
        let perFile = sitemapURLsPerFile(snapshot, origin: origin)
        let now = unixNow
        var files: [SitemapFile] = []
        var expires = Int64.max
        for context in snapshot.editions {
            let code = context.edition.code
            let (articles, tags, sections, recent) = try read {
                (try discovery.sitemapArticleCount(edition: code), try discovery.sitemapTags(edition: code).count,
                 try discovery.sectionsLastModified(edition: code), try discovery.recentArticles(edition: code, since: now - Self.newsWindow, limit: 1))
            }
            files.append(SitemapFile(loc: origin + URLs.sitemap(code, .sections), lastmod: sections.values.max().map(Self.isoTime)))
            for n in stride(from: 1, through: (tags + perFile - 1) / perFile, by: 1) {
                files.append(SitemapFile(loc: origin + URLs.sitemap(code, .tags(n)), lastmod: nil))
            }
            for n in stride(from: 1, through: (articles + perFile - 1) / perFile, by: 1) {
                files.append(SitemapFile(loc: origin + URLs.sitemap(code, .articles(n)), lastmod: nil))
            }
            if let newest = recent.first {
                files.append(SitemapFile(loc: origin + URLs.sitemap(code, .news), lastmod: Self.isoTime(newest.lastModified)))
                expires = min(expires, newest.publishedAt + Self.newsWindow)
            }
        }
        return document(Sitemaps.index(files).bytes, type: "application/xml; charset=utf-8",
                        keys: snapshot.editions.map { .sitemap($0.edition.code) }, nil, cacheable: cacheable, expires: expires)
    }

    /// `/{edition}/sitemap-….xml`: one file of an edition's sitemap.
    func sitemapShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let context = try edition(parameters["edition"]!, snapshot)
        guard let name = SitemapName(fileName: Substring(parameters["file"]!)) else { throw HTTPError.notFound() }
        let code = context.edition.code
        let (origin, cacheable) = self.origin(request)
        let perFile = sitemapURLsPerFile(snapshot, origin: origin)
        let urls: [SitemapURL]
        var expires = Int64.max
        switch name {
        case .sections:
            urls = try sectionURLs(snapshot, context, origin: origin)
        case .tags(let n):
            let all = try read { try discovery.sitemapTags(edition: code) }
            guard (n - 1) * perFile < all.count else { throw HTTPError.notFound() }
            urls = all[((n - 1) * perFile)..<min(all.count, n * perFile)].map { tag in
                let editions = Set(tag.editions + [code])
                return SitemapURL(loc: origin + URLs.tag(code, tag.slug), lastmod: tag.lastModified > 0 ? Self.isoTime(tag.lastModified) : nil,
                                  alternates: alternates(snapshot, editions, origin: origin) { URLs.tag($0, tag.slug) })
            }
        case .articles(let n):
            let slice = try read { try discovery.sitemapArticles(edition: code, offset: (n - 1) * perFile, limit: perFile) }
            guard !slice.isEmpty else { throw HTTPError.notFound() }
            urls = slice.map { articleURL($0, snapshot, context, origin: origin) }
        case .news:
            let now = unixNow
            let recent = try read { try discovery.recentArticles(edition: code, since: now - Self.newsWindow, limit: Self.newsLimit) }
            guard let oldest = recent.last else { throw HTTPError.notFound() }
            expires = oldest.publishedAt + Self.newsWindow
            let name = context.edition.siteName, language = context.edition.newsLanguage
            let news = recent.map { article in
                NewsSitemapURL(loc: origin + articlePath(article.id, article.slug, sectionID: article.sectionID, code, snapshot),
                               publicationName: name, language: language, publicationDate: Self.isoTime(article.publishedAt),
                               title: article.title)
            }
            return document(Sitemaps.news(news).bytes, type: "application/xml; charset=utf-8", keys: [.sitemap(code)], context,
                            cacheable: cacheable, expires: expires)
        }
        return document(Sitemaps.urlset(urls).bytes, type: "application/xml; charset=utf-8", keys: [.sitemap(code)], context,
                        cacheable: cacheable, expires: expires)
    }

    /// The edition's home and every section, each with its version in every edition.
    private func sectionURLs(_ snapshot: SiteSnapshot, _ context: EditionContext, origin: String) throws -> [SitemapURL] {
        let code = context.edition.code
        let times = try read { try discovery.sectionsLastModified(edition: code) }
        let every = Set(snapshot.editions.map(\.edition.code))
        var homeAlternates = snapshot.editions.map { (hreflang: $0.edition.publicTag, href: origin + URLs.home($0.edition.code)) }
        homeAlternates.append(("x-default", origin + "/"))
        let home = SitemapURL(loc: origin + URLs.home(code), lastmod: times.values.max().map(Self.isoTime), alternates: homeAlternates)
        return [home] + snapshot.data.sections.all.map { section in
            SitemapURL(loc: origin + URLs.section(code, section.path), lastmod: times[section.id].map(Self.isoTime),
                       alternates: alternates(snapshot, every, origin: origin) { URLs.section($0, section.path) })
        }
    }

    private func articleURL(_ article: SitemapArticle, _ snapshot: SiteSnapshot, _ context: EditionContext, origin: String) -> SitemapURL {
        let code = context.edition.code
        var paths = [code: articlePath(article.id, article.slug, sectionID: article.sectionID, code, snapshot)]
        for translation in article.translations where snapshot.byCode[translation.edition] != nil {
            paths[translation.edition] = articlePath(translation.id, translation.slug, sectionID: translation.sectionID,
                                                     translation.edition, snapshot)
        }
        return SitemapURL(loc: origin + paths[code]!, lastmod: Self.isoTime(article.lastModified),
                          alternates: paths.count > 1 ? alternates(snapshot, Set(paths.keys), origin: origin) { paths[$0]! } : [])
    }

    private func articlePath(_ id: Int64, _ slug: String, sectionID: Int64, _ edition: String, _ snapshot: SiteSnapshot) -> String {
        URLs.article(edition, sectionPath: snapshot.data.sections.section(id: sectionID)?.path ?? "news", id: id, slug: slug)
    }

    /// Every edition of `editions` in site order with its address, then x-default.
    private func alternates(_ snapshot: SiteSnapshot, _ editions: Set<String>, origin: String,
                            _ path: (String) -> String) -> [(hreflang: String, href: String)] {
        var links = snapshot.editions.filter { editions.contains($0.edition.code) }
            .map { (hreflang: $0.edition.publicTag, href: origin + path($0.edition.code)) }
        if let fallback = snapshot.xDefaultEdition(among: editions) { links.append(("x-default", origin + path(fallback))) }
        return links
    }
}

extension SiteSnapshot {
    /// The edition a page's x-default points to among those it exists in: the site's default
    /// edition, else the first of them in the site's order. Pages and sitemaps use the same.
    public func xDefaultEdition(among editions: Set<String>) -> String? {
        if let code = defaultEdition?.edition.code, editions.contains(code) { return code }
        return self.editions.first { editions.contains($0.edition.code) }?.edition.code
    }
}
