import HTTPServer

extension NewsroomEnvironment {
    /// `GET /articles/new[?edition=en&photo=…&alt=…]`: an empty form in one of the user's editions, the
    /// user as byline; a photo from the library with its texts when the query names one.
    func articleNew(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let user = session(request).user
        let edition = request.queryValue("edition") ?? editions(for: user).first?.edition.code ?? ""
        let section = reader.snapshotForNewsroom.data.sections.topLevel.first?.path ?? ""
        var values = ["edition": edition, "section": section, "bylines": user.displayName]
        // From the photo library's "Use in a new article": the photo and its texts.
        for name in ["photo", "alt", "caption", "credit"] { if let value = request.queryValue(name), !value.isEmpty { values[name] = String(value.prefix(2048)) } }
        return try articleForm(request, article: nil, values: values, errors: [:])
    }
}
