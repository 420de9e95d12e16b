import HTTPServer
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
        guard let result = load({
            try store.sectionPage(sectionID: section.id, edition: code, limit: configuration.pageSize,
                                  offset: (page - 1) * configuration.pageSize)
        }) else { return unavailable() }
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
        guard let found = load({ try store.tag(edition: code, slug: slug) }) else { return unavailable() }
        guard let tag = found else { return notFound(context, snapshot) }
        guard let result = load({
            try store.tagPage(tagID: tag.id, limit: configuration.pageSize, offset: (page - 1) * configuration.pageSize)
        }) else { return unavailable() }
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
