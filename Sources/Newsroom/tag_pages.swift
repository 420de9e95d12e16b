import HTTPServer
import NewsCore
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `GET /site/tags?edition=en&q=…` (admins): an edition's tags, found by slug or name.
    func tagIndex(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        try tagPage(request, edition: request.queryValue("edition") ?? "", values: [:], errors: [:], notice: notice(request))
    }

    /// `POST /site/tags` (`edition`, `slug`, `name`): a new tag.
    func tagCreate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        let edition = try formEdition(form)
        return try siteWrite(request, form: form, fields: ["slug", "name"], prefix: "new-tag-", back: "/site/tags?edition=\(edition)") {
            try site.addTag(edition: edition, slug: form.value("slug") ?? "", name: form.value("name") ?? "", by: actor(request))
        }
    }

    /// `POST /site/tags/rename` (`edition`, `slug`, `name`).
    func tagRename(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        let edition = try formEdition(form), slug = form.value("slug") ?? ""
        return try siteWrite(request, form: form, fields: ["name"], prefix: "tag-\(slug)-", back: "/site/tags?edition=\(edition)") {
            try site.renameTag(edition: edition, slug: slug, name: form.value("name") ?? "", by: actor(request))
        }
    }

    /// `POST /site/tags/merge` (`edition`, `slug`, `into`): the tag's articles move to `into`; it goes.
    func tagMerge(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        let edition = try formEdition(form), slug = form.value("slug") ?? ""
        let into = (form.value("into") ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return try siteWrite(request, form: form, fields: ["into"], prefix: "tag-\(slug)-", back: "/site/tags?edition=\(edition)") {
            try site.mergeTags(edition: edition, from: slug, into: into, by: actor(request))
        }
    }

    /// The form's edition, one of the site's (else 400).
    func formEdition(_ form: FormData) throws -> String {
        guard let edition = form.value("edition"), reader.snapshotForNewsroom.byCode[edition] != nil else { throw HTTPError.badRequest() }
        return edition
    }

    /// The tags page of an edition (the default one when the code is not an edition).
    func tagPage(_ request: Request, edition code: String, values: [String: String], errors: [String: String], notice: String? = nil,
                 status: Int = 200) throws -> Response {
        let snapshot = reader.snapshotForNewsroom
        let edition = snapshot.byCode[code] != nil ? code : (snapshot.editions.first?.edition.code ?? "")
        let query = String((request.queryValue("q") ?? "").prefix(100))
        let rows = try queries.tags(edition: edition, matching: query, limit: 100).map { TagAdminRow(slug: $0.slug, name: $0.name, count: $0.count) }
        let view = TagAdminView(editions: snapshot.editions.map { Choice(value: $0.edition.code, label: $0.edition.name, selected: $0.edition.code == edition) },
                                edition: edition, query: query, rows: rows, values: values, errors: errors)
        return page(NewsroomPages.tags(chrome(request, strings.site.tagsTitle, notice: notice, error: status != 200), view), status: status)
    }
}
