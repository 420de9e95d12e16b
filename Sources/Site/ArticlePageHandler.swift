import HTTPServer
import HeraldSupport
import NewsCore
import NewsStore
import Templates

extension Site {
    /// An article page at /{edition}/{section path}/{id}-{slug}. A right id under a wrong or old
    /// edition, section or slug answers 301 to the canonical URL. A 200 counts one view.
    func articlePage(_ request: Request, _ code: String, _ sectionPath: Substring, _ id: Int64, _ slug: Substring) -> Response {
        let snapshot = state.snapshot
        guard let context = snapshot.byCode[code] else { return notFound(nil, snapshot) }
        return preparedPage(request, snapshot, context, countingViewOf: id) {
            renderArticle(request, snapshot, context, sectionPath, id, slug)
        }
    }

    private func renderArticle(_ request: Request, _ snapshot: SiteSnapshot, _ context: EditionContext,
                               _ sectionPath: Substring, _ id: Int64, _ slug: Substring) -> Response {
        let code = context.edition.code
        let version = snapshot.data.version
        let cachedRelated = related.get(id, version: version)
        let bundle: ArticleBundle
        if cachedRelated != nil, let cached = articles.get(id, version: version) {
            bundle = cached
        } else {
            guard let found = load({ try store.articleBundle(id: id, withRelated: cachedRelated == nil) }) else { return unavailable() }
            guard let loaded = found else { return notFound(context, snapshot) }
            articles.put(id, version: version, loaded, cost: loaded.article.bodyHTML.count + 1024)
            bundle = loaded
        }
        let a = bundle.article
        let section = snapshot.data.sections.section(id: a.sectionID)
        let canonical = URLs.article(a.edition, sectionPath: section?.path ?? "news", id: a.id, slug: a.slug)
        guard a.edition == code, sectionPath == section?.path ?? "news", slug == a.slug, request.query.isEmpty else {
            return moved(canonical)
        }
        guard let article = snapshot.byCode[a.edition] else { return notFound(context, snapshot) }
        let relatedLinks = cachedRelated ?? bundle.related.map { link($0, snapshot, article) }
        if cachedRelated == nil { related.put(id, version: version, relatedLinks) }
        var paths = [a.edition: canonical]
        for (edition, summary) in bundle.translations where snapshot.byCode[edition] != nil {
            paths[edition] = URLs.article(edition, sectionPath: snapshot.data.sections.section(id: summary.sectionID)?.path ?? "news",
                                          id: summary.id, slug: summary.slug)
        }
        let defaultCode = snapshot.defaultEdition?.edition.code ?? a.edition
        let info = PageInfo(title: a.title, description: a.lead, canonical: canonical, switcherTargets: paths,
                            alternates: paths, xDefault: paths[defaultCode] ?? canonical,
                            breadcrumbs: crumbs(a.sectionID, snapshot, a.edition))
        let published = article.local(a.publishedAt)
        let view = ArticleView(
            title: a.title, dateline: a.dateline, lead: a.lead, bodyHTML: a.bodyHTML,
            published: article.strings.dateTime(published), publishedISO: Site.isoTime(a.publishedAt),
            updated: a.updatedAt.map { article.strings.dateTime(article.local($0)) }, updatedISO: a.updatedAt.map(Site.isoTime),
            photo: a.photo, caption: a.caption, credit: a.credit,
            section: NamedLink(name: section?.name(in: a.edition) ?? "", href: URLs.section(a.edition, section?.path ?? "news")),
            tags: bundle.tags.map { NamedLink(name: $0.name, href: URLs.tag(a.edition, $0.slug)) },
            related: relatedLinks)
        var pageChrome = chrome(snapshot, article, info)
        pageChrome.structuredData = .jsonLD(structuredData(a, article, canonical: canonical, section: view.section.name,
                                                           tags: bundle.tags.map(\.name)))
        let response = page(Pages.article(pageChrome, view))
        if request.method == "GET" { views.record(a.id) }
        return response
    }
}

extension Site {
    /// schema.org NewsArticle for search engines: headline, times, language, section, keywords.
    func structuredData(_ a: Article, _ edition: EditionContext, canonical: String, section: String, tags: [String]) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("@context", .string("https://schema.org")), ("@type", .string("NewsArticle")),
            ("headline", .string(a.title)), ("inLanguage", .string(edition.edition.tag)),
            ("datePublished", .string(Site.isoTime(a.publishedAt))),
            ("dateModified", .string(Site.isoTime(a.updatedAt ?? a.publishedAt))),
            ("mainEntityOfPage", .string(absolute(canonical))),
        ]
        if !a.lead.isEmpty { members.append(("description", .string(a.lead))) }
        if let photo = a.photo { members.append(("image", .array([.string(photo.hasPrefix("/") ? absolute(photo) : photo)]))) }
        if !section.isEmpty { members.append(("articleSection", .string(section))) }
        if !tags.isEmpty { members.append(("keywords", .array(tags.map(JSONValue.string)))) }
        members.append(("publisher", .object([("@type", .string("NewsMediaOrganization")), ("name", .string(edition.edition.siteName))])))
        return .object(members)
    }
}
