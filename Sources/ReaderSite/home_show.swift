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
        let info = PageInfo(title: context.edition.siteName, canonical: URLs.home(code), switcherTargets: editionHomes,
                            alternates: editionHomes, xDefault: "/")
        return page(Pages.home(chrome(snapshot, context, info), view), keys: keys, context)
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
