import Foundation
import HTTPServer
import NewsCore
import NewsStore
import Templates

extension ReaderEnvironment {
    /// The article page as readers would see it, rendered from fields not yet saved or published
    /// (the newsroom's preview): the real template and chrome, under a banner. Nothing is read
    /// from the article's row, nothing is cached and no view is counted.
    public func preview(_ fields: ArticleInput, articleID: Int64?, tags: [(slug: String, name: String)],
                        corrections: [Correction], publishedAt: Int64, updatedAt: Int64?, banner: String) throws -> HTML {
        let snapshot = state.snapshot
        guard let context = snapshot.byCode[fields.edition] else { throw HTTPError.notFound() }
        let section = snapshot.data.sections.section(path: fields.section)
        let path = section?.path ?? fields.section
        let canonical = URLs.article(fields.edition, sectionPath: path, id: articleID ?? 0, slug: fields.slug)
        let info = PageInfo(title: fields.title, description: fields.lead, canonical: canonical,
                            breadcrumbs: section.map { crumbs($0.id, snapshot, fields.edition) } ?? [])
        let bodyHTML = Array(Markdown.html(fields.body).utf8)
        var view = ArticleView(
            title: fields.title, dateline: fields.dateline, lead: fields.lead, bodyHTML: bodyHTML,
            published: context.strings.dateTime(context.local(publishedAt)), publishedISO: ReaderEnvironment.isoTime(publishedAt),
            updated: updatedAt.map { context.strings.dateTime(context.local($0)) }, updatedISO: updatedAt.map(ReaderEnvironment.isoTime),
            photo: fields.photo, caption: fields.caption, credit: fields.credit,
            section: NamedLink(name: section?.name(in: fields.edition) ?? fields.section, href: URLs.section(fields.edition, path)),
            tags: tags.map { NamedLink(name: $0.name, href: URLs.tag(fields.edition, $0.slug)) }, related: [],
            byline: fields.bylines.isEmpty ? nil : context.strings.byline(fields.bylines),
            corrections: corrections.map {
                CorrectionView(time: context.strings.dateTime(context.local($0.at)), isoTime: ReaderEnvironment.isoTime($0.at), note: $0.note)
            })
        view.alt = fields.alt
        var pageChrome = chrome(snapshot, context, info)
        pageChrome.banner = banner
        return Pages.article(pageChrome, view)
    }

    /// The site's editions with their time zones and section names, for the newsroom's forms.
    public var snapshotForNewsroom: SiteSnapshot { state.snapshot }
}
