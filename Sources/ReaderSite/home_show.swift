import HTTPServer
import NewsCore
import NewsStore
import Templates

extension ReaderEnvironment {
    /// An edition's home page: lead story, latest news, a block per top-level section, Popular.
    func homeShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let context = try edition(parameters["edition"]!, snapshot)
        guard request.query.isEmpty || Parameters.page(request) == 1 else { throw HTTPError.badRequest() }
        let code = context.edition.code
        let (view, keys) = try lineups.get(code) ?? lineup(snapshot, context)
        let editionHomes = Dictionary(uniqueKeysWithValues: snapshot.editions.map { ($0.edition.code, URLs.home($0.edition.code)) })
        let describe = context.strings.describe
        let sections = snapshot.data.sections.topLevel.map { $0.name(in: code) }.joined(separator: context.strings.comma)
        var info = PageInfo(title: context.edition.siteName,
                            description: describe.home(context.edition.siteName, sections)
                                + (view.leadStory.map { " " + describe.latest + $0.title } ?? ""),
                            canonical: URLs.home(code), switcherTargets: editionHomes, alternates: editionHomes, xDefault: "/")
        info.popularFragment = popularFragment(request, code)
        var pageChrome = chrome(snapshot, context, info)
        pageChrome.structuredData = .jsonLD(webSite(context.edition))
        return page(Pages.home(pageChrome, view), keys: keys, context, fragments: info.popularFragment != nil)
    }

    /// schema.org WebSite of an edition, with the search it offers (a search box in results).
    func webSite(_ edition: Edition) -> JSONValue {
        .object([
            ("@context", .string("https://schema.org")), ("@type", .string("WebSite")), ("name", .string(edition.siteName)),
            ("url", .string(absolute(URLs.home(edition.code)))), ("inLanguage", .string(edition.publicTag)),
            ("publisher", publisher(edition)),
            ("potentialAction", .object([
                ("@type", .string("SearchAction")),
                ("target", .object([("@type", .string("EntryPoint")),
                                    ("urlTemplate", .string(absolute(URLs.search(edition.code)) + "?q={search_term_string}"))])),
                ("query-input", .string("required name=search_term_string")),
            ])),
        ])
    }

    /// An edition's lineup as ready-made links (building ~40 links is most of an uncached home
    /// page), kept until a change names what it shows or the header (section names).
    private func lineup(_ snapshot: SiteSnapshot, _ context: EditionContext) throws -> (HomeView, [CacheKey]) {
        let code = context.edition.code
        let epoch = lineups.epoch
        let topLevel = snapshot.data.sections.topLevel
        let data = try read { try store.home(edition: code, latest: 13, perSection: 4, sections: topLevel.map(\.id)) }
        let links = data.latest.map { link($0, snapshot, context) }
        let blocks = topLevel.compactMap { section -> SectionBlock? in
            let items = (data.bySection[section.id] ?? []).map { link($0, snapshot, context) }
            guard !items.isEmpty else { return nil }
            return SectionBlock(section: NamedLink(name: section.name(in: code), href: URLs.section(code, section.path)),
                                articles: items)
        }
        let view = HomeView(leadStory: links.first, latest: Array(links.dropFirst()), blocks: blocks)
        let keys = data.keys(edition: code)
        lineups.put(code, (view, keys), keys: keys + [.header], epoch: epoch)
        return (view, keys)
    }
}
