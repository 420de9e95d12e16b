import HTTPServer
import NewsCore
import Templates

extension ReaderEnvironment {
    /// A tag page, /{edition}/tag/{slug}: the tag's articles, newest first, paged.
    func tagShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let context = try edition(parameters["edition"]!, snapshot)
        let slug = parameters["slug"]!
        guard Slug.isValid(slug) else { throw HTTPError.notFound() }
        guard let page = Parameters.page(request) else { throw HTTPError.badRequest() }
        let code = context.edition.code
        let size = configuration.pageSize
        guard let listing = try read({ try store.tagListing(edition: code, slug: slug, limit: size, offset: (page - 1) * size) }) else {
            throw HTTPError.notFound()
        }
        let here = URLs.tag(code, slug)
        let describe = context.strings.describe
        // Its versions: the tags of the same slug in the editions where they have articles.
        var versions = [code: here]
        for sibling in listing.siblings where snapshot.byCode[sibling] != nil { versions[sibling] = URLs.tag(sibling, slug) }
        var info = PageInfo(title: listing.tag.name,
                            description: describe.tag(listing.tag.name, context.edition.siteName)
                                + (listing.page.articles.first.map { " " + describe.latest + $0.title } ?? ""),
                            canonical: URLs.paged(here, page: page), switcherTargets: versions,
                            alternates: page == 1 && versions.count > 1 ? versions : [:],
                            xDefault: snapshot.xDefaultEdition(among: Set(versions.keys)).flatMap { versions[$0] },
                            breadcrumbs: [NamedLink(name: listing.tag.name, href: here)],
                            feed: ("\(listing.tag.name) — \(context.edition.siteName)", URLs.feed(code, tag: slug)))
        info.popularFragment = popularFragment(request, context.edition.code)
        let html = try listPage(context.strings.tagLabel, listing.tag.name, here, page, listing.page, snapshot, context, info)
        return self.page(html, keys: listing.keys, context, fragments: info.popularFragment != nil)
    }
}
