import HTTPServer
import NewsStore
import Templates

extension Site {
    /// An edition's home page: lead story, latest news, a block per top-level section, Popular.
    func homePage(_ request: Request, _ code: String) -> Response {
        let snapshot = state.snapshot
        guard let context = snapshot.byCode[code] else { return notFound(nil, snapshot) }
        guard request.query.isEmpty || Parameters.page(request) == 1 else { return badRequest(context, snapshot) }
        return preparedPage(request, snapshot, context) { renderHome(snapshot, context) }
    }

    private func renderHome(_ snapshot: SiteSnapshot, _ context: EditionContext) -> Response {
        let code = context.edition.code
        guard let view = homes.get(code, version: snapshot.data.version) ?? lineup(snapshot, context) else { return unavailable() }
        let editionHomes = Dictionary(uniqueKeysWithValues: snapshot.editions.map { ($0.edition.code, URLs.home($0.edition.code)) })
        let info = PageInfo(title: context.edition.siteName, canonical: URLs.home(code), switcherTargets: editionHomes,
                            alternates: editionHomes, xDefault: "/")
        return page(Pages.home(chrome(snapshot, context, info), view))
    }

    /// Reads an edition's home lineup (lead story, latest news, section blocks) and keeps it for
    /// the content version; nil when the database cannot answer.
    private func lineup(_ snapshot: SiteSnapshot, _ context: EditionContext) -> HomeView? {
        let code = context.edition.code
        let topLevel = snapshot.data.sections.topLevel
        guard let data = load({ try store.home(edition: code, latest: 13, perSection: 4, sections: topLevel.map(\.id)) }) else {
            return nil
        }
        let links = data.latest.map { link($0, snapshot, context) }
        let blocks = topLevel.compactMap { section -> SectionBlock? in
            let items = (data.bySection[section.id] ?? []).map { link($0, snapshot, context) }
            guard !items.isEmpty else { return nil }
            return SectionBlock(section: NamedLink(name: section.name(in: code), href: URLs.section(code, section.path)),
                                articles: items)
        }
        let view = HomeView(leadStory: links.first, latest: Array(links.dropFirst()), blocks: blocks)
        homes.put(code, version: snapshot.data.version, view)
        return view
    }
}
