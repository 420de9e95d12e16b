import Foundation

/// RFC 9457 problem details: `application/problem+json` with a `type` URI made from a stable
/// `code` (also given as `code`), the status and its title, what went wrong (`detail`) and the
/// path asked for (`instance`); `extra` adds members (the ingest API's `errors`).
public enum ProblemDetails {
    static let titles = [400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
                         409: "Conflict", 413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
                         422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"]

    /// The answer; `headers` go after its Content-Type.
    public static func response(status: Int, code: String, detail: String, instance: String, extra: [String: Any] = [:],
                                headers: [(name: String, value: String)] = []) -> Response {
        var problem: [String: Any] = ["type": "https://herald.example/problems/\(code.replacingOccurrences(of: "_", with: "-"))",
                                      "title": titles[status] ?? "Error", "status": status, "detail": detail, "code": code,
                                      "instance": instance]
        problem.merge(extra) { a, _ in a }
        let body = (try? JSONSerialization.data(withJSONObject: problem, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Response(status: status, headers: [("Content-Type", "application/problem+json")] + headers, body: Array(body))
    }
}
