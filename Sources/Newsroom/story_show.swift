import HTTPServer
import NewsCore
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `GET /stories/:id`: the story's article in every edition — its state, outdated when its
    /// source changed since — and "Translate into …" for the user's editions that lack it.
    func storyShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        guard let id = parameters["id"].flatMap({ Int64($0) }), let story = try queries.story(id: id) else {
            throw HTTPError.notFound(strings.notFound)
        }
        return storyPage(request, story, notice: notice(request))
    }

    /// A story page with a notice (an error's, with its status, when `status` is not 200).
    func storyPage(_ request: Request, _ story: StoryOverview, notice: String?, status: Int = 200) -> Response {
        let actor = self.actor(request)
        let snapshot = reader.snapshotForNewsroom
        let editions = snapshot.editions.map { context -> StoryEditionView in
            let code = context.edition.code
            guard let article = story.article(in: code) else {
                let translate = actor.worksIn(code) && !story.articles.isEmpty ? translateAction(story, into: context.edition) : nil
                return StoryEditionView(code: code, name: context.edition.name, article: nil, translate: translate)
            }
            return StoryEditionView(code: code, name: context.edition.name, article: cell(article), translate: nil)
        }
        let title = strings.stories.storyTitle(story.key)
        return page(NewsroomPages.story(chrome(request, title, notice: notice, error: status != 200), StoryView(id: story.id, editions: editions)),
                    status: status)
    }

    /// The form that makes `edition`'s draft: from the Kazakh Cyrillic article when the target
    /// is Kazakh in another script (transliterated), else from the story's first article.
    func translateAction(_ story: StoryOverview, into edition: Edition) -> TranslateActionView {
        let snapshot = reader.snapshotForNewsroom
        func tag(_ code: String) -> String { snapshot.byCode[code]?.edition.tag ?? "" }
        let transliterable = story.articles.first {
            TranslationMethod.between(sourceTag: tag($0.edition), targetTag: edition.tag).0 == .transliteration
        }
        let preferred = transliterable ?? story.articles.first
        let sources = story.articles.map {
            Choice(value: String($0.id), label: "\(snapshot.byCode[$0.edition]?.edition.name ?? $0.edition) — \($0.title)",
                   selected: $0.id == preferred?.id)
        }
        let label = transliterable != nil ? strings.stories.transliterateInto(edition.name) : strings.stories.translateInto(edition.name)
        return TranslateActionView(label: label, sources: sources)
    }

    /// A story's article as the story page and the board show it.
    func cell(_ article: StoryArticle) -> StoryCellView {
        let madeFrom = article.source.flatMap { source in
            article.sourceEdition.map { strings.stories.madeFrom($0, revisionNumber(source.sourceRevisionID)) }
        }
        let state = strings.stateName(article.state) + (article.hasPendingChanges ? " (\(article.changesInReview ? strings.changesInReview : strings.pendingChanges))" : "")
        return StoryCellView(href: "/articles/\(article.id)", title: article.title, state: state, outdated: article.isOutdated,
                             machineDraft: article.isMachineDraft, madeFrom: madeFrom)
    }

    /// A revision's number within its article (0 when it is gone).
    func revisionNumber(_ id: Int64) -> Int { (try? editorial.revision(id: id))?.number ?? 0 }
}
