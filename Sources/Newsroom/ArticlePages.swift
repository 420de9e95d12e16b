import Foundation
import HTTPServer
import NewsCore
import NewsStore
import ReaderSite
import Templates

extension NewsroomEnvironment {
    /// The article form for `values` as typed, with `errors` beside their fields.
    func articleForm(_ request: Request, article: EditorialArticle?, values: [String: String], errors: [String: String],
                     notice: String? = nil, noticeIsError: Bool = false, status: Int = 200) throws -> Response {
        let view = try formView(request, article: article, values: values, errors: errors)
        let title = article == nil ? strings.newArticleTitle : strings.editArticleTitle
        let message = notice ?? (errors.isEmpty ? nil : strings.errorsBelow)
        return page(NewsroomPages.articleForm(chrome(request, title, notice: message, error: noticeIsError || !errors.isEmpty), view),
                    status: errors.isEmpty ? status : 422)
    }

    /// The form's view model: choices for edition and section, the edition's tags, what the user may do.
    func formView(_ request: Request, article: EditorialArticle?, values: [String: String], errors: [String: String]) throws -> ArticleFormView {
        let user = session(request).user
        let snapshot = reader.snapshotForNewsroom
        let mine = editions(for: user)
        let code = article?.edition ?? (values["edition"].flatMap { code in mine.contains { $0.edition.code == code } ? code : nil }
                                        ?? mine.first?.edition.code ?? "")
        var shown = values
        shown["edition"] = code
        let editionChoices = (article == nil ? mine : snapshot.editions.filter { $0.edition.code == code }).map {
            Choice(value: $0.edition.code, label: "\($0.edition.name) (\($0.edition.code))", selected: $0.edition.code == code)
        }
        let sections = snapshot.data.sections.all.sorted { $0.path < $1.path }.map { section in
            Choice(value: section.path, label: section.path.split(separator: "/").count > 1
                   ? "\(snapshot.data.sections.section(id: section.parentID ?? 0)?.name(in: code) ?? "") › \(section.name(in: code))"
                   : section.name(in: code), selected: section.path == values["section"])
        }
        let live = article.flatMap { article -> String? in
            guard article.state == .published else { return nil }
            return reader.configuration.baseURL + URLs.article(article.edition, sectionPath: article.fields.section, id: article.id,
                                                               slug: article.fields.slug)
        }
        var view = ArticleFormView(articleID: article?.id, revisionID: values["revision"].flatMap { Int64($0) } ?? article?.revisionID,
                                   state: article?.state, hasPendingChanges: article?.hasPendingChanges ?? false, liveURL: live,
                                   values: shown, errors: errors, editions: editionChoices, sections: sections,
                                   knownTags: try queries.tags(edition: code).map(\.slug),
                                   zoneName: snapshot.byCode[code]?.edition.timeZone ?? "UTC",
                                   canPublish: session(request).user.actor(address: "").may(.publish, in: code))
        view.changesInReview = article?.changesInReview ?? false
        if let article, let story = try queries.storyID(ofArticle: article.id) {
            view.storyHref = "/stories/\(story)"
            view.translation = try translationNotice(article.id)
        }
        if let article {
            view.reads = try ViewRepository(database).dailyReads(articleID: article.id, days: 7, endingOn: LocalDay.utc(now()))
                .map { ($0.day, $0.views) }
        }
        return view
    }

    /// Where a translation came from, whether the machine's draft is unreviewed, and the
    /// source's changes since the revision it was made or last saved from.
    func translationNotice(_ articleID: Int64) throws -> TranslationNoticeView? {
        guard let item = try queries.storyArticle(id: articleID), let link = item.source, let sourceEdition = item.sourceEdition else { return nil }
        let current = item.sourceCurrentRevisionID ?? link.sourceRevisionID
        var changes: [FieldDiffView] = []
        if item.isOutdated, let then = try editorial.revision(id: link.sourceRevisionID), let now = try editorial.revision(id: current) {
            changes = diff(then.fields, now.fields).filter(\.changed)
        }
        return TranslationNoticeView(madeFrom: strings.stories.madeFrom(sourceEdition, revisionNumber(link.sourceRevisionID)),
                                     sourceHref: "/articles/\(link.sourceArticleID)", machineDraft: item.isMachineDraft,
                                     copied: link.method == .translation, sourceChanges: changes, sourceEdition: sourceEdition,
                                     sourceRevision: current)
    }

    /// The form as it was typed, not saved yet: after signing in again, or after a form token that
    /// had gone stale. The article is the one the path names when the user works in its edition;
    /// otherwise a new article's form holds the text.
    func resumedForm(_ request: Request, path: String, fields: [(name: String, value: String)],
                     notice: String? = nil, status: Int = 200) throws -> Response {
        let values = ArticleForm.values(fields)
        var article: EditorialArticle?
        if path.hasPrefix("/articles/"), let id = Int64(path.dropFirst(10).prefix { $0.isNumber }),
           let found = try editorial.article(id: id), session(request).user.actor(address: "").worksIn(found.edition) {
            article = found
        }
        return try articleForm(request, article: article, values: values, errors: [:], notice: notice ?? strings.sessionEnded,
                               noticeIsError: notice != nil, status: status)
    }

    /// The article page as readers would see it, from the submitted fields.
    func preview(_ request: Request, _ fields: ArticleInput, article: EditorialArticle?, note: String?) throws -> Response {
        let known = Dictionary(try queries.tags(edition: fields.edition).map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
        var corrections = try article.map { try queries.corrections(articleID: $0.id) } ?? []
        if let note, !note.isEmpty, article?.state == .published { corrections.append(Correction(at: unixNow, note: note)) }
        let live = article?.state == .published
        let html = try reader.preview(fields, articleID: article?.id,
                                      tags: fields.tags.map { ($0.slug, known[$0.slug] ?? $0.slug.replacingOccurrences(of: "-", with: " ")) },
                                      corrections: corrections, publishedAt: live ? article!.publishedAt : unixNow,
                                      updatedAt: live ? unixNow : nil, banner: strings.previewBanner)
        return page(html)
    }

    /// Two versions of an article's fields compared field by field.
    func diff(_ old: ArticleInput, _ new: ArticleInput) -> [FieldDiffView] {
        zip(ArticleForm.comparable(old, plannedAt: nil, strings), ArticleForm.comparable(new, plannedAt: nil, strings)).map { a, b in
            FieldDiffView(label: a.0, pieces: WordDiff.diff(a.1, b.1), changed: a.1 != b.1)
        }
    }

    /// A list row for an article.
    func row(_ item: ArticleListItem) -> ArticleRowView {
        var row = ArticleRowView(href: "/articles/\(item.id)", title: item.title, edition: item.edition, state: strings.stateName(item.state),
                                 pending: item.hasPendingChanges, savedBy: item.savedBy, savedAt: localTime(item.savedAt, edition: item.edition))
        row.inReview = item.changesInReview
        return row
    }

    /// The article, if the user works in its edition (else 403; 404 when there is none).
    func editableArticle(_ request: Request, _ parameters: RouteParameters) throws -> EditorialArticle {
        guard let id = parameters["id"].flatMap({ Int64($0) }), let article = try editorial.article(id: id) else {
            throw HTTPError.notFound(strings.notFound)
        }
        guard session(request).user.actor(address: "").worksIn(article.edition) else { throw HTTPError.forbidden("not_allowed", strings.forbidden) }
        return article
    }

    /// The message for a refused editorial write, and whether it belongs to fields.
    func explain(_ error: EditorialError) -> (notice: String, fields: [String: String]) {
        switch error {
        case .invalid(let errors):
            var fields: [String: String] = [:]
            for problem in errors.all where fields[problem.field] == nil { fields[problem.field] = problem.message }
            return (strings.errorsBelow, fields)
        case .notAllowed: return (strings.forbidden, [:])
        default: return (error.description, [:])
        }
    }
}
