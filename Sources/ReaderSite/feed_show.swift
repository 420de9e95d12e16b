import HTTPServer
import HeraldSupport
import NewsCore
import NewsStore
import Templates

extension ReaderEnvironment {
    /// Articles a feed lists: the 50 newest.
    static let feedSize = 50

    /// `/{edition}/rss.xml`: the edition's 50 newest articles.
    func editionFeed(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let context = try edition(parameters["edition"]!, snapshot)
        let code = context.edition.code
        let data = try read { try store.home(edition: code, latest: Self.feedSize, perSection: 0, sections: []) }
        return feed(request, context, snapshot, title: context.edition.siteName, page: URLs.home(code), feed: URLs.feed(code),
                    articles: data.latest, key: .home(code))
    }

    /// `/{edition}/{section path}/rss.xml`: a section's (and its subsections') 50 newest.
    func sectionFeed(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let context = try edition(parameters["edition"]!, snapshot)
        let path = parameters["path"]!
        guard Slug.isValidPath(path), let section = snapshot.data.sections.section(path: path) else { throw HTTPError.notFound() }
        let code = context.edition.code
        let page = try read { try store.sectionListing(section, edition: code, limit: Self.feedSize, offset: 0) }
        return feed(request, context, snapshot, title: "\(section.name(in: code)) — \(context.edition.siteName)",
                    page: URLs.section(code, path), feed: URLs.feed(code, section: path), articles: page.articles,
                    key: .section(code, path))
    }

    /// `/{edition}/tag/{slug}/rss.xml`: a tag's 50 newest.
    func tagFeed(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let context = try edition(parameters["edition"]!, snapshot)
        let slug = parameters["slug"]!
        guard Slug.isValid(slug) else { throw HTTPError.notFound() }
        let code = context.edition.code
        guard let listing = try read({ try store.tagListing(edition: code, slug: slug, limit: Self.feedSize, offset: 0) }) else {
            throw HTTPError.notFound()
        }
        return feed(request, context, snapshot, title: "\(listing.tag.name) — \(context.edition.siteName)", page: URLs.tag(code, slug),
                    feed: URLs.feed(code, tag: slug), articles: listing.page.articles, key: .tag(code, slug))
    }

    /// An RSS 2.0 document of `articles`, kept by the page cache like a page (retired by `key`,
    /// the headlines it shows and the header).
    private func feed(_ request: Request, _ context: EditionContext, _ snapshot: SiteSnapshot, title: String, page: String,
                      feed: String, articles: [ArticleSummary], key: CacheKey) -> Response {
        let (origin, cacheable) = self.origin(request)
        let items = articles.map { summary -> FeedItem in
            let section = snapshot.data.sections.section(id: summary.sectionID)
            return FeedItem(title: summary.title,
                            link: origin + URLs.article(summary.edition, sectionPath: section?.path ?? "news", id: summary.id, slug: summary.slug),
                            guid: "urn:herald:article:\(summary.id)", pubDate: HTTPDate.format(summary.publishedAt),
                            description: summary.lead, category: section?.name(in: context.edition.code),
                            image: summary.photo.map { photo in imageFile(photo).path }.map { $0.hasPrefix("/") ? origin + $0 : $0 })
        }
        let channel = FeedChannel(title: title, link: origin + page, selfLink: origin + feed, description: title,
                                  language: context.edition.publicTag, lastBuildDate: articles.first.map { HTTPDate.format($0.publishedAt) })
        let xml = Feeds.rss(channel, items)
        return document(xml.bytes, type: "application/rss+xml; charset=utf-8", keys: [key] + articles.map { .article($0.id) },
                        context, cacheable: cacheable)
    }
}
