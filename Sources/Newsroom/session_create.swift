import Foundation
import HTTPServer
import HeraldCrypto
import NewsCore
import NewsStore
import Templates

/// Helpers of the sign-in flow: where to go after it, and its cookies.
enum SignInFlow {
    /// A `next` target made safe: only a path on this server ("/articles/3"), never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.utf8.contains(where: { $0 < 0x20 }) else { return "/" }
        return next
    }

    /// A request target as a query value.
    static func encodedNext(_ target: String) -> String {
        target.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_.~"))) ?? "/"
    }
}

extension NewsroomEnvironment {
    /// `GET /login`: the sign-in form, with a fresh form token paired with a cookie.
    func loginShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        if let token = request.cookie(configuration.sessionCookie),
           try sessions.session(tokenHash: Tokens.sha256(token), at: unixNow) != nil {
            return redirect(SignInFlow.safeNext(request.queryValue("next")))
        }
        return signInPage(request, name: "", error: nil, notice: notice(request), next: SignInFlow.safeNext(request.queryValue("next")),
                          resume: [], status: 200)
    }

    /// The sign-in page with a new pre-session token (its cookie set alongside).
    func signInPage(_ request: Request, name: String, error: String?, notice: String?, next: String,
                    resume: [(name: String, value: String)], status: Int, retryAfter: Int64? = nil) -> Response {
        let token = Tokens.random()
        var chrome = self.chrome(request, strings.signInTitle)
        chrome.user = nil
        chrome.notice = nil
        var response = page(NewsroomPages.signIn(chrome, SignInView(name: name, error: error, notice: notice, token: token, next: next,
                                                                    resume: resume)), status: status)
        response.setCookie(SetCookie(name: configuration.signInCookie, value: token, maxAge: 3600, secure: configuration.isSecure,
                                     sameSite: .strict))
        if let retryAfter { response.setHeader("Retry-After", String(retryAfter)) }
        return response
    }

    /// A submitted article form whose session had ended: the sign-in page, carrying every field.
    func signInAgain(_ request: Request, resume: [(name: String, value: String)]) throws -> Response {
        signInPage(request, name: "", error: nil, notice: strings.sessionEnded, next: SignInFlow.safeNext(request.path),
                   resume: resume.filter { ArticleForm.fields.contains($0.name) }, status: 401)
    }

    /// `POST /login`: checks the form token, the throttle and the password (argon2id, at most
    /// two at a time), then starts a new session with a new token — whatever cookie came in — and
    /// goes on to `next`, or back to the form that was being edited when the old session ended.
    func sessionCreate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        let name = (form.value("name") ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let next = SignInFlow.safeNext(form.value("next"))
        // Only the article form's own fields, once each, are carried through.
        var seen = Set<String>()
        let resume = form.fields.compactMap { field -> (String, String)? in
            let name = String(field.name.dropFirst(7))
            guard field.name.hasPrefix("resume."), ArticleForm.fields.contains(name), seen.insert(name).inserted else { return nil }
            return (name, field.value)
        }
        guard let cookie = request.cookie(configuration.signInCookie), let sent = form.value("csrf"),
              Tokens.constantTimeEqual(cookie, sent) else {
            // An old sign-in page (another tab, an hour later): shown again, with what it carried.
            guard !resume.isEmpty else { throw HTTPError.forbidden("csrf_token", strings.csrfFailed) }
            return signInPage(request, name: name, error: strings.csrfFailed, notice: nil, next: next, resume: resume, status: 403)
        }
        let password = form.value("password") ?? ""
        let time = unixNow
        if let wait = throttle.retryAfter(account: name, address: client(request).network, now: time) {
            return signInPage(request, name: name, error: strings.tooManyAttempts(Int((wait + 59) / 60)), notice: nil, next: next,
                              resume: resume, status: 429, retryAfter: wait)
        }
        let found = try users.find(name: name)
        guard password.utf8.count <= PasswordHasher.maximumLength, hasher.verify(password, against: found?.1),
              let (user, hash) = found, !user.disabled else {
            throttle.failed(account: name, address: client(request).network, now: time)
            try sessions.recordFailure(name: name, address: client(request).description, at: time)
            return signInPage(request, name: name, error: strings.signInFailed, notice: nil, next: next, resume: resume, status: 401)
        }
        throttle.succeeded(account: name, address: client(request).network)
        if hasher.needsRehash(hash) {
            try users.setPassword(id: user.id, hash: try hasher.hash(password), by: user.actor(address: client(request).description), audited: false)
        }
        if let old = request.cookie(configuration.sessionCookie) { try sessions.end(tokenHash: Tokens.sha256(old)) }
        let token = Tokens.random()
        let csrf = Tokens.random()
        try sessions.create(tokenHash: Tokens.sha256(token), user: user, csrfToken: csrf, address: client(request).description,
                            userAgent: request.header("user-agent") ?? "", at: time)
        var response: Response
        if resume.isEmpty {
            response = redirect(next)
        } else {
            var signedIn = request
            signedIn.locals[SessionKey.self] = Session(tokenHash: Tokens.sha256(token), user: user, csrfToken: csrf, createdAt: time,
                                                       lastSeenAt: time)
            response = try resumedForm(signedIn, path: next, fields: resume)
        }
        response.setCookie(SetCookie(name: configuration.sessionCookie, value: token, maxAge: Int(configuration.sessionAbsoluteSeconds),
                                     secure: configuration.isSecure, sameSite: .lax))
        response.setCookie(SetCookie(name: configuration.signInCookie, value: "", maxAge: 0, secure: configuration.isSecure,
                                     sameSite: .strict))
        return response
    }

    /// `POST /logout`: ends this session.
    func sessionDelete(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        try sessions.end(tokenHash: session(request).tokenHash, by: actor(request), at: unixNow)
        return signedOut(redirect("/login", notice: "signed-out"))
    }

    /// `POST /logout/everywhere`: ends every session of the user, on every device.
    func sessionDeleteAll(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        try sessions.endAll(userID: session(request).user.id, by: actor(request), at: unixNow)
        return signedOut(redirect("/login", notice: "signed-out-everywhere"))
    }

    private func signedOut(_ response: Response) -> Response {
        var response = response
        response.setCookie(SetCookie(name: configuration.sessionCookie, value: "", maxAge: 0, secure: configuration.isSecure, sameSite: .lax))
        return response
    }
}
