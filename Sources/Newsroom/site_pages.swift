import HTTPServer
import NewsCore
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `GET /site` (admins): settings, editions' names, sections.
    func siteShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        try sitePage(request, values: [:], errors: [:], notice: notice(request))
    }

    /// `POST /site/settings` (`phone`, `main_site_url`, `capital_city`, `currencies`).
    func siteSettingsUpdate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        let fields = ["phone", "main_site_url", "capital_city", "currencies"]
        return try siteWrite(request, form: form, fields: fields, prefix: "settings-") {
            try site.updateSettings(phone: form.value("phone") ?? "", mainSiteURL: form.value("main_site_url") ?? "",
                                    capitalCity: form.value("capital_city") ?? "", currencies: form.value("currencies") ?? "", by: actor(request))
        }
    }

    /// `POST /site/editions/:code` (`name`, `label`, `site_name`).
    func siteEditionUpdate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        guard let code = parameters["code"], reader.snapshotForNewsroom.byCode[code] != nil else { throw HTTPError.notFound(strings.notFound) }
        let form = request.form ?? FormData()
        return try siteWrite(request, form: form, fields: ["name", "label", "site_name"], prefix: "edition-\(code)-") {
            try site.updateEdition(code, name: form.value("name") ?? "", label: form.value("label") ?? "", siteName: form.value("site_name") ?? "",
                                   by: actor(request))
        }
    }

    /// `POST /site/sections` (`path`, `name.<edition>` …): a new section.
    func siteSectionCreate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        let names = editionNames(form)
        return try siteWrite(request, form: form, fields: ["path"] + names.keys.map { "name.\($0)" }, prefix: "new-section-") {
            try site.addSection(path: form.value("path") ?? "", names: names, by: actor(request))
        }
    }

    /// `POST /site/sections/rename` (`path`, `name.<edition>` …): a section's names.
    func siteSectionRename(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        let path = form.value("path") ?? ""
        let names = editionNames(form)
        return try siteWrite(request, form: form, fields: names.keys.map { "name.\($0)" }, prefix: sectionPrefix(path)) {
            try site.renameSection(path: path, names: names, by: actor(request))
        }
    }

    /// `POST /site/sections/order` (`path`, `direction` up|down).
    func siteSectionOrder(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        guard let direction = form.value("direction"), direction == "up" || direction == "down" else { throw HTTPError.badRequest() }
        return try siteWrite(request, form: form, fields: [], prefix: sectionPrefix(form.value("path") ?? "")) {
            try site.reorderSection(path: form.value("path") ?? "", by: direction == "up" ? -1 : 1, actor: actor(request))
        }
    }

    /// `POST /site/sections/move` (`path`, `parent`: a section path, empty for the top level).
    func siteSectionMove(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let form = request.form ?? FormData()
        return try siteWrite(request, form: form, fields: ["parent"], prefix: sectionPrefix(form.value("path") ?? "")) {
            try site.moveSection(path: form.value("path") ?? "", toParent: form.value("parent") ?? "", by: actor(request))
        }
    }

    /// The names a section form gives, by edition (only editions of the site).
    func editionNames(_ form: FormData) -> [String: String] {
        var names: [String: String] = [:]
        for context in reader.snapshotForNewsroom.editions {
            if let name = form.value("name.\(context.edition.code)") { names[context.edition.code] = name }
        }
        return names
    }

    /// The field ids of a section's row on the page.
    func sectionPrefix(_ path: String) -> String {
        let index = sortedSections().firstIndex { $0.path == path } ?? -1
        return "section-\(index)-"
    }

    func sortedSections() -> [Section] { reader.snapshotForNewsroom.data.sections.all.sorted { $0.path < $1.path } }

    /// Runs a structure write: on success back to the page, retiring what it names; a refusal
    /// shows the page again with each message beside its field and the values as typed.
    func siteWrite(_ request: Request, form: FormData, fields: [String], prefix: String, back: String = "/site",
                   _ write: () throws -> ChangeSet) throws -> Response {
        do {
            _ = try write()
            written()
            return redirect(back, notice: "site-saved")
        } catch let error as EditorialError {
            var values: [String: String] = [:]
            for field in fields { values[prefix + field] = form.value(field) ?? "" }
            // Each message beside its field; one about no field of this form (a section or tag
            // that is gone) at the top of the page.
            var errors: [String: String] = [:]
            var unplaced: [String] = []
            let problems: [InputError]
            if case .invalid(let found) = error { problems = found.all } else { problems = [InputError(field: "line", message: error.description)] }
            for problem in problems {
                if fields.contains(problem.field) || problem.field == "names" {
                    if errors[prefix + problem.field] == nil { errors[prefix + problem.field] = problem.message }
                } else {
                    unplaced.append(problem.field == "line" ? problem.message : "\(problem.field): \(problem.message)")
                }
            }
            let refusal = unplaced.isEmpty ? strings.errorsBelow : unplaced.joined(separator: "; ")
            return back == "/site" ? try sitePage(request, values: values, errors: errors, notice: refusal, status: 422)
                : try tagPage(request, edition: form.value("edition") ?? "", values: values, errors: errors, notice: refusal, status: 422)
        }
    }

    /// The structure page with the forms as typed.
    func sitePage(_ request: Request, values: [String: String], errors: [String: String], notice: String? = nil, status: Int = 200) throws -> Response {
        let snapshot = reader.snapshotForNewsroom
        let stored = try site.settingValues()
        let capital = values["settings-capital_city"] ?? stored["capitalCity"] ?? ""
        let cities = try queries.cities().map { Choice(value: $0.code, label: "\($0.name) (\($0.code))", selected: $0.code == capital) }
        let editions = snapshot.editions.map {
            SiteEditionRow(code: $0.edition.code, name: $0.edition.name, label: $0.edition.label, siteName: $0.edition.siteName)
        }
        let all = sortedSections()
        let sections = all.map { section in
            let parentPath = all.first { $0.id == section.parentID }?.path ?? ""
            let parents = [Choice(value: "", label: strings.site.topLevel, selected: parentPath.isEmpty)]
                + all.filter { $0.path != section.path && !$0.path.hasPrefix(section.path + "/") }
                    .map { Choice(value: $0.path, label: $0.path, selected: $0.path == parentPath) }
            return SiteSectionRow(path: section.path, depth: section.path.split(separator: "/").count - 1,
                                  names: snapshot.editions.map { ($0.edition.code, $0.edition.name, section.names[$0.edition.code] ?? "") },
                                  parents: parents)
        }
        let view = SiteStructureView(settings: stored, cities: cities, editions: editions, sections: sections, values: values, errors: errors)
        return page(NewsroomPages.siteStructure(chrome(request, strings.site.title, notice: notice, error: status != 200), view), status: status)
    }
}
