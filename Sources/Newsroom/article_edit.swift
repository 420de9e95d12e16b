import HTTPServer
import NewsStore

extension NewsroomEnvironment {
    /// `GET /articles/:id`: the form with the article's newest revision.
    func articleEdit(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let article = try editableArticle(request, parameters)
        let context = reader.snapshotForNewsroom.byCode[article.edition]
        let planned: Int64? = article.state == .published || article.state == .scheduled ? article.publishedAt
            : (article.fields.publishedAt > 0 ? article.fields.publishedAt : nil)
        var values = ArticleForm.values(of: article.fields, plannedAt: planned, context: context)
        values["revision"] = article.revisionID.map(String.init) ?? ""
        return try articleForm(request, article: article, values: values, errors: [:])
    }
}
