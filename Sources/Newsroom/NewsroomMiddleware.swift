import Foundation
import HTTPServer
import HeraldCrypto
import NewsStore

/// Every request that can change something (anything but GET and HEAD) must come from the
/// newsroom's own pages: an `Origin` that is the newsroom's (its base URL, else the Host the
/// browser used), or without one a `Sec-Fetch-Site: same-origin`. Otherwise 403, before any
/// handler runs, so nothing is written.
struct SameOrigin: Middleware {
    let baseURL: String

    func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
        guard request.method != "GET" && request.method != "HEAD" else { return try next(request) }
        guard Self.isSameOrigin(request, baseURL: baseURL) else {
            throw HTTPError.forbidden("csrf_origin", "The request did not come from the newsroom's own pages.")
        }
        return try next(request)
    }

    static func isSameOrigin(_ request: Request, baseURL: String) -> Bool {
        if let origin = request.header("origin") {
            guard origin != "null" else { return false }
            if !baseURL.isEmpty { return origin.lowercased() == baseURL.lowercased() }
            guard let host = request.header("host"), let schemeEnd = origin.range(of: "://") else { return false }
            return origin[schemeEnd.upperBound...].lowercased() == host.lowercased()
        }
        return request.header("sec-fetch-site")?.lowercased() == "same-origin"
    }
}

/// Routes behind it need a live session: the cookie's token, hashed, must name one (12 h idle,
/// 7 days absolute). Without one a page is a 303 to the sign-in page; a submitted article form is
/// answered with the sign-in page carrying every field typed, shown again after signing in.
/// With one, the session goes to the handlers in `request.locals`, and a state-changing request
/// must carry the session's form token (`csrf`) or it is refused (403) and nothing is written.
struct RequireSession: Middleware {
    let environment: NewsroomEnvironment

    func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
        let configuration = environment.configuration
        let token = request.cookie(configuration.sessionCookie)
        let session = try token.flatMap { token in
            try environment.sessions.session(tokenHash: Tokens.sha256(token), at: environment.unixNow)
        }
        guard let session else {
            if request.method == "POST", request.path.hasPrefix("/articles"), let form = request.form {
                return try environment.signInAgain(request, resume: form.fields)
            }
            if request.method == "POST" { return environment.redirect("/login") }
            return environment.redirect("/login?next=" + SignInFlow.encodedNext(request.target))
        }
        if request.method != "GET" && request.method != "HEAD" {
            guard let sent = request.form?.value("csrf"), Tokens.constantTimeEqual(sent, session.csrfToken) else {
                throw HTTPError.forbidden("csrf_token", environment.strings.csrfFailed)
            }
        }
        var authorised = request
        authorised.locals[SessionKey.self] = session
        return try next(authorised)
    }
}

/// Admin-only routes (users, the audit log).
struct RequireAdmin: Middleware {
    func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
        guard request.locals[SessionKey.self]?.user.role == .admin else { throw HTTPError.forbidden() }
        return try next(request)
    }
}
