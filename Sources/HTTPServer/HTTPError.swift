/// An error a handler throws to answer with a status: a stable code for programs, a message for
/// people. Each surface renders it its own way (a localized page, a newsroom page, JSON); any
/// other error a handler throws is logged and answered as a 500 with no detail.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status code (4xx or 5xx).
    public var status: Int
    /// A short stable identifier, e.g. "not_found" or "csrf_failed".
    public var code: String
    /// What went wrong, in words a reader or editor understands; never internals.
    public var message: String
    /// Fields the answer must carry (Allow, Retry-After …).
    public var headers: [Header]

    /// A header field of an error answer.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// An error with its status, code and message.
    public init(_ status: Int, code: String, message: String, headers: [Header] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status) \(code): \(message)" }

    /// 400: the request is malformed.
    public static func badRequest(_ code: String = "bad_request", _ message: String = "The request could not be understood.") -> HTTPError {
        HTTPError(400, code: code, message: message)
    }

    /// 403: the request is understood and refused.
    public static func forbidden(_ code: String = "forbidden", _ message: String = "You are not allowed to do this.") -> HTTPError {
        HTTPError(403, code: code, message: message)
    }

    /// 404: nothing here.
    public static func notFound(_ message: String = "Not found.") -> HTTPError {
        HTTPError(404, code: "not_found", message: message)
    }

    /// 405 with the methods the path takes.
    public static func methodNotAllowed(_ allowed: [String]) -> HTTPError {
        HTTPError(405, code: "method_not_allowed", message: "Method not allowed.", headers: [Header("Allow", allowed.joined(separator: ", "))])
    }

    /// 413: the body is larger than the route takes.
    public static let payloadTooLarge = HTTPError(413, code: "payload_too_large", message: "Request body too large.")

    /// 415: the body is not in a form the route reads.
    public static let unsupportedMediaType = HTTPError(415, code: "unsupported_media_type", message: "Unsupported request body type.")

    /// 429 with the seconds to wait.
    public static func tooManyRequests(retryAfter seconds: Int, _ message: String = "Too many attempts. Try again later.") -> HTTPError {
        HTTPError(429, code: "too_many_requests", message: message, headers: [Header("Retry-After", String(max(1, seconds)))])
    }

    /// 500: the generic answer to an unexpected failure (the failure itself is logged, not shown).
    public static let internalError = HTTPError(500, code: "internal_error", message: "Something went wrong on our side.")

    /// 503: a dependency (the database) cannot answer now.
    public static func unavailable(retryAfter seconds: Int = 5) -> HTTPError {
        HTTPError(503, code: "unavailable", message: "The service is temporarily unavailable. Please try again shortly.",
                  headers: [Header("Retry-After", String(seconds))])
    }

    /// A plain-text answer carrying this error (the default rendering).
    public var plainResponse: Response {
        var response = Response.text(message + "\n", status: status)
        for header in headers { response.setHeader(header.name, header.value) }
        return response
    }
}
