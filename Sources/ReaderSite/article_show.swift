import HTTPServer
import NewsCore
import NewsStore
import Templates

extension ReaderEnvironment {
    /// An article page at /{edition}/{section path}/{id}-{slug}. A right id under a wrong or old
    /// edition, section or slug answers 301 to the canonical URL. A 200 to a GET counts one view,
    /// and so does every later GET the page cache answers.
    func articleShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        _ = try edition(parameters["edition"]!, snapshot)
        guard let (id, slug) = Parameters.articleSegment(Substring(parameters["article"]!)) else { throw HTTPError.notFound() }
        guard let bundle = try read({ try store.articleBundle(id: id) }) else { throw HTTPError.notFound() }
        let a = bundle.article
        let section = snapshot.data.sections.section(id: a.sectionID)
        let canonical = URLs.article(a.edition, sectionPath: section?.path ?? "news", id: a.id, slug: a.slug)
        guard a.edition == parameters["edition"], parameters["section"] == section?.path ?? "news", slug == a.slug,
              request.query.isEmpty else {
            return moved(canonical)
        }
        guard let context = snapshot.byCode[a.edition] else { throw HTTPError.notFound() }
        var paths = [a.edition: canonical]
        for (edition, summary) in bundle.translations where snapshot.byCode[edition] != nil {
            paths[edition] = URLs.article(edition, sectionPath: snapshot.data.sections.section(id: summary.sectionID)?.path ?? "news",
                                          id: summary.id, slug: summary.slug)
        }
        var info = PageInfo(title: a.title, description: a.lead, canonical: canonical, switcherTargets: paths,
                            alternates: paths, xDefault: snapshot.xDefaultEdition(among: Set(paths.keys)).flatMap { paths[$0] },
                            breadcrumbs: crumbs(a.sectionID, snapshot, a.edition))
        info.cardType = "article"
        info.popularFragment = popularFragment(request, a.edition, except: a.id)
        info.image = a.photo
        info.imageAlt = a.alt ?? a.caption
        info.article = ArticleCard(published: a.publishedAt, modified: a.updatedAt ?? a.publishedAt,
                                   section: section?.name(in: a.edition) ?? "", tags: bundle.tags.map(\.name))
        let published = context.local(a.publishedAt)
        var view = ArticleView(
            title: a.title, dateline: a.dateline, lead: a.lead, bodyHTML: a.bodyHTML,
            published: context.strings.dateTime(published), publishedISO: ReaderEnvironment.isoTime(a.publishedAt),
            updated: a.updatedAt.map { context.strings.dateTime(context.local($0)) }, updatedISO: a.updatedAt.map(ReaderEnvironment.isoTime),
            photo: a.photo, caption: a.caption, credit: a.credit,
            section: NamedLink(name: section?.name(in: a.edition) ?? "", href: URLs.section(a.edition, section?.path ?? "news")),
            tags: bundle.tags.map { NamedLink(name: $0.name, href: URLs.tag(a.edition, $0.slug)) },
            related: bundle.related.map { link($0, snapshot, context) },
            byline: a.bylines.isEmpty ? nil : context.strings.byline(a.bylines),
            corrections: bundle.corrections.map {
                CorrectionView(time: context.strings.dateTime(context.local($0.at)), isoTime: ReaderEnvironment.isoTime($0.at), note: $0.note)
            })
        view.alt = a.alt
        view.beacon = ViewBeacon.path(a.id)
        var pageChrome = chrome(snapshot, context, info)
        // Popular, but not the story the reader is on.
        if info.popularFragment == nil, let popular = snapshot.popular[a.edition], popular.contains(where: { $0.id == a.id }) {
            pageChrome.parts.popular = Layout.popular(popular.filter { $0.id != a.id }.map { link($0, snapshot, context) }, context.strings)
        }
        pageChrome.structuredData = """
            \(HTML.jsonLD(structuredData(a, context, canonical: canonical, section: view.section.name, tags: bundle.tags.map(\.name))))\
            \(pageChrome.structuredData)
            """
        let views = self.views
        var response = page(Pages.article(pageChrome, view), keys: bundle.keys, context, onHit: { views.record(id) },
                            fragments: info.popularFragment != nil)
        // Counted once the page has been sent, not when it was queued.
        if request.method == "GET" && !isEdgeFetch(request) { response.onDelivered = { views.record(id) } }
        return response
    }
}

extension ReaderEnvironment {
    /// schema.org NewsArticle for search engines: headline, times, language, section, keywords.
    func structuredData(_ a: Article, _ edition: EditionContext, canonical: String, section: String, tags: [String]) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("@context", .string("https://schema.org")), ("@type", .string("NewsArticle")),
            ("headline", .string(a.title)), ("inLanguage", .string(edition.edition.publicTag)),
            ("datePublished", .string(ReaderEnvironment.isoTime(a.publishedAt))),
            ("dateModified", .string(ReaderEnvironment.isoTime(a.updatedAt ?? a.publishedAt))),
            ("mainEntityOfPage", .string(absolute(canonical))),
        ]
        if !a.lead.isEmpty { members.append(("description", .string(a.lead))) }
        if !a.bylines.isEmpty {
            members.append(("author", .array(a.bylines.map { .object([("@type", .string("Person")), ("name", .string($0))]) })))
        }
        if let photo = a.photo { members.append(("image", .array([imageObject(photo)]))) }
        if !section.isEmpty { members.append(("articleSection", .string(section))) }
        if !tags.isEmpty { members.append(("keywords", .array(tags.map(JSONValue.string)))) }
        members.append(("publisher", publisher(edition.edition)))
        return .object(members)
    }
}
