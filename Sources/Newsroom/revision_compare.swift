import HTTPServer
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `GET /articles/:id/compare?from=R1&to=R2`: two revisions side by side with a word diff
    /// of each field, and the older one offered for restoring as a new draft.
    func revisionCompare(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let article = try editableArticle(request, parameters)
        guard let fromID = request.queryValue("from").flatMap({ Int64($0) }), let toID = request.queryValue("to").flatMap({ Int64($0) }),
              let from = try editorial.revision(id: fromID), let to = try editorial.revision(id: toID),
              from.articleID == article.id, to.articleID == article.id else { throw HTTPError.notFound(strings.notFound) }
        func label(_ revision: Revision) -> String {
            "\(strings.revision) \(revision.number) — \(revision.authorName), \(localTime(revision.createdAt, edition: article.edition))"
        }
        let view = CompareView(articleID: article.id, title: article.fields.title, fromLabel: label(from), toLabel: label(to),
                               fields: diff(from.fields, to.fields),
                               restorable: from.id == article.revisionID ? nil : from.id, current: article.revisionID)
        return page(NewsroomPages.compare(chrome(request, strings.historyTitle(article.fields.title)), view))
    }
}
