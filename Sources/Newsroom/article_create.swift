import HTTPServer
import NewsCore
import NewsStore

extension NewsroomEnvironment {
    /// `POST /articles`: a new article saved as a draft, then (per the button) submitted,
    /// published or scheduled; or previewed without saving. Refusals keep everything typed.
    func articleCreate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        var values = ArticleForm.values(form.fields)
        let user = session(request).user
        let context = editions(for: user).first { $0.edition.code == values["edition"] }
        let uploadError = takePhoto(form, values: &values, by: actor(request))
        let (parsed, planned, errors) = ArticleForm.parse(values, context: context, now: unixNow)
        guard let fields = parsed, uploadError == nil else {
            return try articleForm(request, article: nil, values: values, errors: errors.merging(uploadError.map { ["upload": $0] } ?? [:]) { a, _ in a })
        }
        let action = form.value("action") ?? "save"
        if action == "preview" { return try preview(request, fields, article: nil, note: nil) }
        let saved: EditorialResult
        do {
            saved = try editorial.saveDraft(fields, plannedAt: planned, articleID: nil, basedOn: nil, by: actor(request))
        } catch let error as EditorialError {
            let (notice, fieldErrors) = explain(error)
            return try articleForm(request, article: nil, values: values, errors: fieldErrors, notice: notice, noticeIsError: true,
                                   status: error.code == "not_allowed" ? 403 : 409)
        }
        guard action != "save", let article = try editorial.article(id: saved.articleID) else {
            return redirect("/articles/\(saved.articleID)", notice: "saved")
        }
        var next = values
        next["revision"] = saved.revisionID.map(String.init) ?? ""
        return try perform(action, request, article: article, fields: fields, values: next, planned: planned)
    }

    /// Runs the workflow action a button named on a just-saved article; refusals re-show the
    /// form with the saved values and the reason.
    func perform(_ action: String, _ request: Request, article: EditorialArticle, fields: ArticleInput, values: [String: String],
                 planned: Int64?) throws -> Response {
        let actor = self.actor(request)
        // The revision this editor saved or saw: publishing anything newer would send out text they never read.
        let seen = values["revision"].flatMap { Int64($0) }
        do {
            switch action {
            case "submit":
                _ = try editorial.submit(articleID: article.id, by: actor)
                return redirect("/articles/\(article.id)", notice: "submitted")
            case "publish":
                let note = values["note"]?.trimmingCharacters(in: .whitespacesAndNewlines)
                _ = try editorial.publish(articleID: article.id, note: note?.isEmpty == false ? note : nil, expectedRevision: seen, by: actor)
                written()
                return redirect("/articles/\(article.id)", notice: "published")
            case "schedule":
                guard let planned, planned > unixNow else {
                    return try articleForm(request, article: article, values: values, errors: ["published": "must be a time to come"])
                }
                _ = try editorial.schedule(articleID: article.id, at: planned, by: actor)
                return redirect("/articles/\(article.id)", notice: "scheduled-\(planned)")
            case "unpublish":
                _ = try editorial.unpublish(articleID: article.id, by: actor)
                written()
                return redirect("/articles/\(article.id)", notice: "unpublished")
            default:
                return redirect("/articles/\(article.id)", notice: "saved")
            }
        } catch EditorialError.staleRevision {
            return try staleSave(request, article: article, yours: fields, values: values)
        } catch let error as EditorialError {
            let (notice, fieldErrors) = explain(error)
            let refreshed = try editorial.article(id: article.id) ?? article
            return try articleForm(request, article: refreshed, values: values, errors: fieldErrors, notice: notice, noticeIsError: true,
                                   status: error.code == "not_allowed" ? 403 : 409)
        }
    }
}
