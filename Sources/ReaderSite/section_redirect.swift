import HTTPServer
import NewsCore

extension ReaderEnvironment {
    /// `/en/news/elections` (no slash, not an article) → 301 to the section's page when it exists.
    func sectionRedirect(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let code = parameters["edition"]!, path = parameters["path"]!
        let snapshot = state.snapshot
        _ = try edition(code, snapshot)
        guard Slug.isValidPath(path), snapshot.data.sections.section(path: path) != nil else { throw HTTPError.notFound() }
        return moved(URLs.section(code, path))
    }
}
