import HTTPServer
import HeraldAPI
import Media
import Templates

extension NewsroomEnvironment {
    /// The largest article form: a 500,000-character body URL-encoded (up to 4 bytes of UTF-8 a
    /// character, 3 characters a byte) would pass 6 MB; 8 MiB leaves room for the other fields.
    public static let formLimit = 8 << 20
    /// The article form and the media library's upload: a form and one photo of up to 20 MB.
    public static let bodyLimit = formLimit + MediaLibrary.maxBytes + (1 << 20)
    /// The article form's body: urlencoded, or multipart when it carries a photo.
    static let articleBody = BodyPolicy.formOrMultipart(maxBytes: bodyLimit, fileBytes: MediaLibrary.maxBytes)

    /// The newsroom's route table, top to bottom. Anything but GET must come from the
    /// newsroom's own pages; everything past the sign-in needs a session and its form token.
    public func buildRouter() -> Router {
        var router = Router(logger: logger, errors: { request, error in errorResponse(request, error) })
        router.use(SameOrigin(baseURL: configuration.baseURL))
        router.get("/healthz") { _, _ in Response.text("ok\n") }
        // The write API: a bearer token instead of a session, JSON answers (problem details for errors).
        router.post("/api/v1/ingest", body: .raw(maxBytes: Ninjs.maxBytes)) { request, _ in try ingest.respond(request) }
        router.get("/static/*path") { request, parameters in
            guard let path = parameters["path"], let file = reader.staticFiles.response(for: path, request: request) else {
                throw HTTPError.notFound(strings.notFound)
            }
            return file
        }
        router.get("/favicon.ico") { request, _ in
            guard let file = reader.staticFiles.response(for: "favicon.ico", request: request) else { throw HTTPError.notFound() }
            return file
        }
        // Renditions, for previews and the library (public at the reader site too).
        router.get("/media/:hash/:file") { request, parameters in try reader.mediaShow(request, parameters) }
        router.get("/login", loginShow)
        router.post("/login", body: .form(maxBytes: Self.formLimit), sessionCreate)
        router.group(middleware: [RequireSession(environment: self)]) { signedIn in
            signedIn.get("/", dashboardShow)
            signedIn.post("/logout", body: .form(maxBytes: 4096), sessionDelete)
            signedIn.post("/logout/everywhere", body: .form(maxBytes: 4096), sessionDeleteAll)
            signedIn.get("/articles", articleIndex)
            signedIn.get("/articles/new", articleNew)
            signedIn.post("/articles", body: Self.articleBody, articleCreate)
            signedIn.get("/articles/:id", articleEdit)
            signedIn.post("/articles/:id", body: Self.articleBody, articleUpdate)
            signedIn.get("/articles/:id/history", revisionIndex)
            signedIn.get("/articles/:id/compare", revisionCompare)
            signedIn.post("/articles/:id/restore", body: .form(maxBytes: 4096), revisionRestore)
            signedIn.get("/media", mediaIndex)
            signedIn.post("/media", body: Self.articleBody, mediaCreate)
            signedIn.get("/header", headerShow)
            signedIn.post("/header/rates", body: .form(maxBytes: 16_384), headerRatesUpdate)
            signedIn.post("/header/weather", body: .form(maxBytes: 16_384), headerWeatherUpdate)
            signedIn.get("/stories", storyIndex)
            signedIn.get("/stories/:id", storyShow)
            signedIn.post("/stories/:id/translations", body: .form(maxBytes: 4096), translationCreate)
            signedIn.group(middleware: [RequireAdmin()]) { admin in
                admin.get("/users", userIndex)
                admin.get("/users/new", userNew)
                admin.post("/users", body: .form(maxBytes: 16_384), userCreate)
                admin.get("/users/:id", userEdit)
                admin.post("/users/:id", body: .form(maxBytes: 16_384), userUpdate)
                admin.get("/audit", auditIndex)
                admin.get("/site", siteShow)
                admin.post("/site/settings", body: .form(maxBytes: 16_384), siteSettingsUpdate)
                admin.post("/site/editions/:code", body: .form(maxBytes: 16_384), siteEditionUpdate)
                admin.post("/site/sections", body: .form(maxBytes: 16_384), siteSectionCreate)
                admin.post("/site/sections/rename", body: .form(maxBytes: 16_384), siteSectionRename)
                admin.post("/site/sections/order", body: .form(maxBytes: 16_384), siteSectionOrder)
                admin.post("/site/sections/move", body: .form(maxBytes: 16_384), siteSectionMove)
                admin.get("/site/tags", tagIndex)
                admin.post("/site/tags", body: .form(maxBytes: 16_384), tagCreate)
                admin.post("/site/tags/rename", body: .form(maxBytes: 16_384), tagRename)
                admin.post("/site/tags/merge", body: .form(maxBytes: 16_384), tagMerge)
            }
        }
        return router
    }

    /// Errors as newsroom pages in its language; never the failure's details.
    func errorResponse(_ request: Request, _ error: HTTPError) -> Response {
        if request.path.hasPrefix("/api/") {
            let code = error.status >= 500 ? "internal_error" : error.status == 405 ? "method_not_allowed" : error.code
            let detail = error.status >= 500 ? "Something went wrong on the server." : error.message
            var response = ProblemDetails.response(status: error.status, code: code, detail: detail, instance: request.path)
            for header in error.headers { response.setHeader(header.name, header.value) }
            return response
        }
        let message: String
        switch error.status {
        case 403: message = error.code.hasPrefix("csrf") ? strings.csrfFailed : (error.message.isEmpty ? strings.forbidden : error.message)
        case 404: message = strings.notFound
        case 500...: message = strings.serverError
        case 429: message = error.message
        default: message = error.code == "bad_request" ? strings.badRequest : error.message
        }
        let chrome = NewsroomChrome(strings: strings, title: "\(error.status)", user: nil, csrf: "", stylesheet: stylesheet)
        return page(NewsroomPages.error(chrome, message: message), status: error.status)
    }
}
