import HTTPServer
import Templates

extension NewsroomEnvironment {
    /// `GET /articles/:id/history`: every revision, newest first, to pick two to compare.
    func revisionIndex(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let article = try editableArticle(request, parameters)
        let rows = try editorial.revisions(of: article.id).map { revision in
            RevisionRowView(id: revision.id, number: revision.number, savedAt: localTime(revision.createdAt, edition: article.edition),
                            author: revision.authorName, source: strings.sourceName(revision.source), title: revision.fields.title,
                            isLive: revision.id == article.liveRevisionID)
        }
        return page(NewsroomPages.history(chrome(request, strings.historyTitle(article.fields.title)),
                                          HistoryView(articleID: article.id, title: article.fields.title, rows: rows)))
    }
}
