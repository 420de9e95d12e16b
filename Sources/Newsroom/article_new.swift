import HTTPServer

extension NewsroomEnvironment {
    /// `GET /articles/new[?edition=en]`: an empty form in one of the user's editions, the user as byline.
    func articleNew(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let user = session(request).user
        let edition = request.queryValue("edition") ?? editions(for: user).first?.edition.code ?? ""
        let section = reader.snapshotForNewsroom.data.sections.topLevel.first?.path ?? ""
        return try articleForm(request, article: nil, values: ["edition": edition, "section": section, "bylines": user.displayName],
                               errors: [:])
    }
}
