import HTTPServer

extension ReaderEnvironment {
    /// `/en` → 301 `/en/` for a known edition.
    func editionRedirect(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let code = parameters["edition"]!
        _ = try edition(code, state.snapshot)
        return moved(URLs.home(code))
    }
}
