import HTTPServer
import NewsCore
import NewsStore

extension NewsroomEnvironment {
    /// `POST /stories/:id/translations` (`edition`, `from`): makes the story's draft in the
    /// edition from the chosen article — transliterated from Kazakh Cyrillic, else copied — and
    /// opens it. The source must be one of the story's articles.
    func translationCreate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        guard let id = parameters["id"].flatMap({ Int64($0) }), let story = try queries.story(id: id) else {
            throw HTTPError.notFound(strings.notFound)
        }
        let form = request.form ?? FormData()
        guard let edition = form.value("edition"), reader.snapshotForNewsroom.byCode[edition] != nil,
              let source = form.value("from").flatMap({ Int64($0) }), story.articles.contains(where: { $0.id == source }) else {
            throw HTTPError.badRequest()
        }
        if let existing = story.article(in: edition) { return redirect("/articles/\(existing.id)") }
        do {
            let made = try editorial.translate(source, into: edition, by: actor(request))
            return redirect("/articles/\(made.articleID)", notice: "translated")
        } catch let error as EditorialError {
            // The draft was not made: say why on the story page (a clash names the article in the way).
            let fields = explain(error).fields.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")
            let message = error.code == "not_allowed" ? strings.forbidden : (fields.isEmpty ? error.description : fields)
            return storyPage(request, story, notice: message, status: error.code == "not_allowed" ? 403 : 409)
        }
    }
}
