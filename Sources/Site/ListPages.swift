import HTTPServer
import HeraldSupport
import NewsCore
import NewsStore
import Templates

extension Site {
    /// A section page, /{edition}/{path}/: its and its subsections' articles, newest first, paged.
    func sectionPage(_ request: Request, _ code: String, _ path: String) -> Response {
        let snapshot = state.snapshot
        guard let context = snapshot.byCode[code] else { return notFound(nil, snapshot) }
        guard Slug.isValidPath(path), let section = snapshot.data.sections.section(path: path) else {
            return notFound(context, snapshot)
        }
        guard let page = Parameters.page(request) else { return badRequest(context, snapshot) }
        return preparedPage(request, snapshot, context) { renderSection(snapshot, context, section, path, page) }
    }

    private func renderSection(_ snapshot: SiteSnapshot, _ context: EditionContext, _ section: Section,
                               _ path: String, _ page: Int) -> Response {
        let code = context.edition.code
        let key = ListKey(kind: .section, edition: code, name: path, page: page)
        let version = snapshot.data.version
        let result: ArticlePage
        if let cached = lists.get(key, version: version) {
            result = cached.page
        } else {
            guard let loaded = load({
                try store.sectionPage(sectionID: section.id, edition: code, limit: configuration.pageSize,
                                      offset: (page - 1) * configuration.pageSize)
            }) else { return unavailable() }
            lists.put(key, version: version, ListData(tag: nil, page: loaded), cost: ListData.cost(loaded))
            result = loaded
        }
        let here = URLs.section(code, path)
        let sections = Dictionary(uniqueKeysWithValues: snapshot.editions.map { ($0.edition.code, URLs.section($0.edition.code, path)) })
        let info = PageInfo(title: section.name(in: code), canonical: URLs.paged(here, page: page),
                            switcherTargets: sections, alternates: page == 1 ? sections : [:],
                            xDefault: snapshot.defaultEdition.map { URLs.section($0.edition.code, path) },
                            breadcrumbs: crumbs(section.id, snapshot, code))
        return listPage(context.strings.sectionLabel, section.name(in: code), here, page, result, snapshot, context, info)
    }

    /// A tag page, /{edition}/tag/{slug}: the tag's articles, newest first, paged.
    func tagPage(_ request: Request, _ code: String, _ slug: String) -> Response {
        let snapshot = state.snapshot
        guard let context = snapshot.byCode[code] else { return notFound(nil, snapshot) }
        guard Slug.isValid(slug) else { return notFound(context, snapshot) }
        guard let page = Parameters.page(request) else { return badRequest(context, snapshot) }
        return preparedPage(request, snapshot, context) { renderTag(snapshot, context, slug, page) }
    }

    private func renderTag(_ snapshot: SiteSnapshot, _ context: EditionContext, _ slug: String, _ page: Int) -> Response {
        let code = context.edition.code
        let key = ListKey(kind: .tag, edition: code, name: slug, page: page)
        let version = snapshot.data.version
        let tag: Tag
        let result: ArticlePage
        if let cached = lists.get(key, version: version), let cachedTag = cached.tag {
            (tag, result) = (cachedTag, cached.page)
        } else {
            guard let found = load({
                try store.tagListing(edition: code, slug: slug, limit: configuration.pageSize, offset: (page - 1) * configuration.pageSize)
            }) else { return unavailable() }
            guard let listing = found else { return notFound(context, snapshot) }
            lists.put(key, version: version, ListData(tag: listing.tag, page: listing.page), cost: ListData.cost(listing.page))
            (tag, result) = listing
        }
        let here = URLs.tag(code, slug)
        let info = PageInfo(title: tag.name, canonical: URLs.paged(here, page: page),
                            breadcrumbs: [NamedLink(name: tag.name, href: here)])
        return listPage(context.strings.tagLabel, tag.name, here, page, result, snapshot, context, info)
    }

    private func listPage(_ kind: String, _ name: String, _ path: String, _ page: Int, _ result: ArticlePage,
                          _ snapshot: SiteSnapshot, _ context: EditionContext, _ info: PageInfo) -> Response {
        let pages = max(1, (result.total + configuration.pageSize - 1) / configuration.pageSize)
        guard page <= pages else { return notFound(context, snapshot) }
        let pagination = Pagination(page: page, pages: pages,
                                    previous: page > 1 ? URLs.paged(path, page: page - 1) : nil,
                                    next: page < pages ? URLs.paged(path, page: page + 1) : nil)
        let view = ListView(kind: kind, name: name, total: result.total,
                            articles: result.articles.map { link($0, snapshot, context) }, pagination: pagination)
        return self.page(Pages.list(chrome(snapshot, context, info), view))
    }
}

/// Which list page a `ListData` belongs to.
struct ListKey: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case tag, section }
    var kind: Kind
    var edition: String
    /// The tag's slug or the section's path.
    var name: String
    var page: Int
}

/// A list page's rows as read, kept in `Site.lists`.
struct ListData: Sendable {
    /// The tag (tag pages only).
    var tag: Tag?
    var page: ArticlePage

    /// Roughly the bytes a page of rows holds (headline, lead, slug and the rest per row).
    static func cost(_ page: ArticlePage) -> Int { 256 + page.articles.count * 512 }
}
