import HTTPServer
import NewsCore
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `POST /articles/:id`: saves what was typed as a new revision (unless it is the newest
    /// already), then does what the button says. A save started from an older revision than the
    /// newest is refused with both versions side by side and the user's kept in the form.
    func articleUpdate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let article = try editableArticle(request, parameters)
        let form = request.form ?? FormData()
        var values = ArticleForm.values(form.fields)
        values["edition"] = article.edition
        let context = reader.snapshotForNewsroom.byCode[article.edition]
        let uploadError = takePhoto(form, values: &values, by: actor(request))
        let (parsed, planned, errors) = ArticleForm.parse(values, context: context, now: unixNow)
        guard let fields = parsed, uploadError == nil else {
            return try articleForm(request, article: article, values: values,
                                   errors: errors.merging(uploadError.map { ["upload": $0] } ?? [:]) { a, _ in a })
        }
        let action = form.value("action") ?? "save"
        if action == "preview" { return try preview(request, fields, article: article, note: values["note"]) }
        let basedOn = values["revision"].flatMap { Int64($0) }
        let unchanged = basedOn == article.revisionID
            && ArticleForm.comparable(fields, plannedAt: nil, strings).map(\.1) == ArticleForm.comparable(article.fields, plannedAt: nil, strings).map(\.1)
            && (planned == nil || planned == article.publishedAt || planned == article.fields.publishedAt)
        var current = article
        if action == "save" || !unchanged {
            do {
                let saved = try editorial.saveDraft(fields, plannedAt: planned, articleID: article.id, basedOn: basedOn, by: actor(request),
                                                    sourceSeen: values["source_revision"].flatMap { Int64($0) })
                values["revision"] = saved.revisionID.map(String.init) ?? ""
                current = try editorial.article(id: article.id) ?? article
            } catch EditorialError.staleRevision {
                return try staleSave(request, article: article, yours: fields, values: values)
            } catch let error as EditorialError {
                let (notice, fieldErrors) = explain(error)
                return try articleForm(request, article: article, values: values, errors: fieldErrors, notice: notice, noticeIsError: true,
                                       status: error.code == "not_allowed" ? 403 : 409)
            }
        }
        return try perform(action, request, article: current, fields: fields, values: values, planned: planned)
    }

    /// 409: someone saved after this editor opened the article. Their version beside the
    /// editor's; the form keeps the editor's, now based on their revision, so saving it again
    /// replaces theirs knowingly.
    func staleSave(_ request: Request, article: EditorialArticle, yours: ArticleInput, values: [String: String]) throws -> Response {
        let latest = try editorial.article(id: article.id) ?? article
        let revision = try latest.revisionID.flatMap { try editorial.revision(id: $0) }
        var kept = values
        kept["revision"] = latest.revisionID.map(String.init) ?? ""
        let view = try formView(request, article: latest, values: kept, errors: [:])
        let message = strings.staleMessage(revision?.authorName ?? "?", revision.map { localTime($0.createdAt, edition: latest.edition) } ?? "")
        let html = NewsroomPages.stale(chrome(request, strings.staleTitle), message: message, fields: diff(latest.fields, yours), form: view)
        return page(html, status: 409)
    }
}
