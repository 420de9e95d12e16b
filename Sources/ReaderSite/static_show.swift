import HTTPServer

extension ReaderEnvironment {
    /// A file from Public/ under `/static/` (or a fixed name such as robots.txt), or 404.
    func staticShow(_ file: String? = nil) -> Router.Handler {
        { request, parameters in
            guard let path = file ?? parameters["path"], let response = staticFiles.response(for: path, request: request) else {
                throw HTTPError.notFound()
            }
            return response
        }
    }
}
