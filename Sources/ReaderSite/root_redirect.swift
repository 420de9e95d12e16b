import HTTPServer

extension ReaderEnvironment {
    /// `GET /`: 302 to the edition that best matches Accept-Language, else the default edition.
    func rootRedirect(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        guard let edition = Parameters.negotiate(request.header("Accept-Language"), editions: snapshot.editions)
                ?? snapshot.defaultEdition else { throw HTTPError.notFound() }
        var response = Response.redirect(to: URLs.home(edition.edition.code), status: 302)
        response.headers.append(("Vary", "Accept-Language"))
        response.headers.append(("Cache-Control", "private, max-age=0"))
        return response
    }
}
