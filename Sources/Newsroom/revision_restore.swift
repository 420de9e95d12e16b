import HTTPServer
import NewsStore

extension NewsroomEnvironment {
    /// `POST /articles/:id/restore` (revision, current): an earlier revision saved again as the
    /// newest draft; history keeps everything.
    func revisionRestore(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let article = try editableArticle(request, parameters)
        guard let revisionID = request.form?.value("revision").flatMap({ Int64($0) }),
              let revision = try editorial.revision(id: revisionID), revision.articleID == article.id else {
            throw HTTPError.notFound(strings.notFound)
        }
        let current = request.form?.value("current").flatMap { Int64($0) }
        do {
            _ = try editorial.restore(articleID: article.id, revisionID: revisionID, basedOn: current, by: actor(request))
        } catch EditorialError.staleRevision {
            return try staleSave(request, article: article, yours: revision.fields,
                                 values: ArticleForm.values(of: revision.fields, plannedAt: nil,
                                                            context: reader.snapshotForNewsroom.byCode[article.edition]))
        } catch let error as EditorialError {
            // E.g. its slug is someone else's now: the old version is shown in the form, not saved.
            let (notice, fieldErrors) = explain(error)
            var values = ArticleForm.values(of: revision.fields, plannedAt: nil, context: reader.snapshotForNewsroom.byCode[article.edition])
            values["revision"] = article.revisionID.map(String.init) ?? ""
            return try articleForm(request, article: article, values: values, errors: fieldErrors, notice: notice, noticeIsError: true,
                                   status: 409)
        }
        return redirect("/articles/\(article.id)", notice: "restored-\(revision.number)")
    }
}
