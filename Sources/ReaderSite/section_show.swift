import HTTPServer
import NewsCore
import Templates

extension ReaderEnvironment {
    /// A section page, /{edition}/{path}/: its and its subsections' articles, newest first, paged.
    func sectionShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let context = try edition(parameters["edition"]!, snapshot)
        let path = parameters["path"]!
        guard Slug.isValidPath(path), let section = snapshot.data.sections.section(path: path) else { throw HTTPError.notFound() }
        guard let page = Parameters.page(request) else { throw HTTPError.badRequest() }
        let code = context.edition.code
        let size = configuration.pageSize
        let result = try read { try store.sectionListing(section, edition: code, limit: size, offset: (page - 1) * size) }
        let here = URLs.section(code, path)
        let sections = Dictionary(uniqueKeysWithValues: snapshot.editions.map { ($0.edition.code, URLs.section($0.edition.code, path)) })
        let describe = context.strings.describe
        var info = PageInfo(title: section.name(in: code),
                            description: describe.section(section.name(in: code), context.edition.siteName)
                                + (result.articles.first.map { " " + describe.latest + $0.title } ?? ""),
                            canonical: URLs.paged(here, page: page),
                            switcherTargets: sections, alternates: page == 1 ? sections : [:],
                            xDefault: snapshot.defaultEdition.map { URLs.section($0.edition.code, path) },
                            breadcrumbs: crumbs(section.id, snapshot, code),
                            feed: ("\(section.name(in: code)) — \(context.edition.siteName)", URLs.feed(code, section: path)))
        info.popularFragment = popularFragment(request, code)
        let html = try listPage(context.strings.sectionLabel, section.name(in: code), here, page, result, snapshot, context, info)
        return self.page(html, keys: [.section(code, path)] + result.keys, context, fragments: info.popularFragment != nil)
    }

    /// The list page of a section or tag; 404 past the last page.
    func listPage(_ kind: String, _ name: String, _ path: String, _ page: Int, _ result: ArticlePage,
                  _ snapshot: SiteSnapshot, _ context: EditionContext, _ info: PageInfo) throws -> HTML {
        let pages = max(1, (result.total + configuration.pageSize - 1) / configuration.pageSize)
        guard page <= pages else { throw HTTPError.notFound() }
        let pagination = Pagination(page: page, pages: pages,
                                    previous: page > 1 ? URLs.paged(path, page: page - 1) : nil,
                                    next: page < pages ? URLs.paged(path, page: page + 1) : nil)
        let view = ListView(kind: kind, name: name, total: result.total,
                            articles: result.articles.map { link($0, snapshot, context) }, pagination: pagination)
        return Pages.list(chrome(snapshot, context, info), view)
    }
}
