import HTTPServer

extension ReaderEnvironment {
    /// `GET /healthz`: 200 when the database answers, 503 otherwise; never cached.
    func healthShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        var response = isHealthy() ? Response.text("ok\n") : Response.text("database unavailable\n", status: 503)
        response.headers.append(("Cache-Control", "no-store"))
        return response
    }
}
