import Foundation
import HTTPServer
import HeraldCrypto
import NewsStore

/// Every request that can change something (anything but GET and HEAD) must come from the
/// newsroom's own pages: an `Origin` that is the newsroom's (its base URL, else the Host the
/// browser used), or without one a `Sec-Fetch-Site: same-origin`. Otherwise 403, before any
/// handler runs, so nothing is written.
///
/// Without a configured base URL only a `Host` that is an IP address or `localhost` is served: a
/// page on another site whose name was pointed at this server (DNS rebinding) would otherwise be
/// "same origin" and could drive sign-ins from a staff member's browser. The API (`/api/`)
/// is not a browser's: it has its own authentication.
struct SameOrigin: Middleware {
    let baseURL: String

    func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
        // The API authenticates each request by its bearer token, which no browser sends on its
        // own: another site cannot forge one, whatever its Origin or the Host it used.
        if request.path.hasPrefix("/api/") { return try next(request) }
        if baseURL.isEmpty, !Self.isAddressHost(request.header("host") ?? "") {
            throw HTTPError(421, code: "misdirected", message: "Open the newsroom at its address, or set --newsroom-base-url to the name it is served under.")
        }
        guard request.method != "GET" && request.method != "HEAD" else { return try next(request) }
        guard Self.isSameOrigin(request, baseURL: baseURL) else {
            throw HTTPError.forbidden("csrf_origin", "The request did not come from the newsroom's own pages.")
        }
        return try next(request)
    }

    /// "127.0.0.1:8081", "[::1]:8081", "localhost": a host that no other site's name can stand for.
    static func isAddressHost(_ host: String) -> Bool {
        var name = Substring(host)
        if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
            return ClientAddress(String(name[name.index(after: name.startIndex)..<close])) != nil
        }
        if let colon = name.lastIndex(of: ":") { name = name[..<colon] }
        return name.lowercased() == "localhost" || ClientAddress(String(name)) != nil
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
        var authorised = request
        authorised.locals[SessionKey.self] = session
        if request.method != "GET" && request.method != "HEAD" {
            guard let sent = request.form?.value("csrf"), Tokens.constantTimeEqual(sent, session.csrfToken) else {
                // The origin is ours but the token is old (signed in again in another tab): the
                // article form comes back unsaved with the current token, so nothing typed is lost.
                if request.path.hasPrefix("/articles"), let form = request.form {
                    return try environment.resumedForm(authorised, path: request.path, fields: form.fields,
                                                       notice: environment.strings.csrfFailed, status: 403)
                }
                throw HTTPError.forbidden("csrf_token", environment.strings.csrfFailed)
            }
        }
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
