import HTTPServer
import NewsStore

extension ReaderEnvironment {
    /// `GET /healthz`: liveness — 200 when the database answers (cache nodes probe it), 503
    /// otherwise; its lines also say when the database is read-only or the disk nearly full.
    /// Never cached.
    func healthShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        guard isHealthy() else { return Self.uncached(.text("database unavailable\n", status: 503)) }
        return Self.uncached(.text((["ok"] + storageWarnings()).joined(separator: "\n") + "\n"))
    }

    /// `GET /readyz`: readiness to take writes — 503 when the database does not answer, cannot be
    /// written, or the disk is nearly full (what `/healthz` only warns of).
    func readyShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        guard isHealthy() else { return Self.uncached(.text("database unavailable\n", status: 503)) }
        let warnings = storageWarnings()
        return Self.uncached(warnings.isEmpty ? .text("ready\n") : .text(warnings.joined(separator: "\n") + "\n", status: 503))
    }

    /// What is wrong with the storage, for people.
    func storageWarnings() -> [String] {
        guard let state = storage?() else { return [] }
        var warnings: [String] = []
        if !state.writable { warnings.append("warning: the database is read-only (writes, views and imports fail)") }
        if state.nearlyFull {
            warnings.append("warning: the disk is nearly full (\(state.freeBytes >> 20) MB free of \(state.totalBytes >> 20) MB)")
        }
        return warnings
    }

    static func uncached(_ response: Response) -> Response {
        var response = response
        response.headers.append(("Cache-Control", "no-store"))
        return response
    }
}
