import HeraldSupport
import NewsCore

/// The phrases of the site structure pages (one instance per newsroom language).
public struct NewsroomSiteStrings: Sendable {
    public let navSite, navTags, title, tagsTitle, settingsTitle, phone, mainSite, capital, currencies, currenciesHint, saveSettings: String
    public let editionsTitle, editionName, editionLabel, siteName, saveEdition, sectionsTitle, path, pathHint, saveNames, up, down: String
    public let parent, topLevel, move, addSection, addSectionButton, addTag, slug, name, rename, mergeInto, merge, search, articles: String
    public let saved, noTags: String
}

extension NewsroomSiteStrings {
    static let english = NewsroomSiteStrings(
        navSite: "Site", navTags: "Tags", title: "Site structure", tagsTitle: "Tags", settingsTitle: "Settings", phone: "Phone",
        mainSite: "Main site address", capital: "Capital city (its weather is in the header)", currencies: "Currencies",
        currenciesHint: "Three-letter codes in header order, separated by commas.", saveSettings: "Save settings",
        editionsTitle: "Editions", editionName: "Name (language switcher)", editionLabel: "Short label", siteName: "Site name",
        saveEdition: "Save", sectionsTitle: "Sections", path: "Path", pathHint: "Slugs joined by /, e.g. news/culture (its parent must exist).",
        saveNames: "Save names", up: "Up", down: "Down", parent: "Parent", topLevel: "(top level)", move: "Move",
        addSection: "Add a section", addSectionButton: "Add section", addTag: "Add a tag", slug: "Slug", name: "Name", rename: "Rename",
        mergeInto: "Merge into (slug)", merge: "Merge", search: "Find", articles: "Articles", saved: "Saved: readers see it on their next request.",
        noTags: "No tags match.")

    static let russian = NewsroomSiteStrings(
        navSite: "Сайт", navTags: "Теги", title: "Структура сайта", tagsTitle: "Теги", settingsTitle: "Настройки", phone: "Телефон",
        mainSite: "Адрес основного сайта", capital: "Столица (её погода в шапке)", currencies: "Валюты",
        currenciesHint: "Трёхбуквенные коды в порядке шапки, через запятую.", saveSettings: "Сохранить настройки",
        editionsTitle: "Издания", editionName: "Название (переключатель языков)", editionLabel: "Краткая метка", siteName: "Название сайта",
        saveEdition: "Сохранить", sectionsTitle: "Разделы", path: "Путь", pathHint: "Слаги через /, например news/culture (родитель должен существовать).",
        saveNames: "Сохранить названия", up: "Выше", down: "Ниже", parent: "Родитель", topLevel: "(верхний уровень)", move: "Переместить",
        addSection: "Добавить раздел", addSectionButton: "Добавить раздел", addTag: "Добавить тег", slug: "Слаг", name: "Название",
        rename: "Переименовать", mergeInto: "Объединить с (слаг)", merge: "Объединить", search: "Найти", articles: "Статей",
        saved: "Сохранено: читатели увидят это при следующем запросе.", noTags: "Подходящих тегов нет.")
}

/// An edition's names in the structure page.
public struct SiteEditionRow: Sendable {
    public var code: String
    public var name: String
    public var label: String
    public var siteName: String
    public init(code: String, name: String, label: String, siteName: String) {
        self.code = code
        self.name = name
        self.label = label
        self.siteName = siteName
    }
}

/// A section with its names per edition and where it may move.
public struct SiteSectionRow: Sendable {
    public var path: String
    public var depth: Int
    /// Edition code, edition name, the section's name there.
    public var names: [(code: String, edition: String, name: String)]
    public var parents: [Choice]
    public init(path: String, depth: Int, names: [(code: String, edition: String, name: String)], parents: [Choice]) {
        self.path = path
        self.depth = depth
        self.names = names
        self.parents = parents
    }
}

/// The structure page: settings, editions, sections. `values` and `errors` are keyed by field id.
public struct SiteStructureView: Sendable {
    public var settings: [String: String]
    public var cities: [Choice]
    public var editions: [SiteEditionRow]
    public var sections: [SiteSectionRow]
    public var values: [String: String]
    public var errors: [String: String]
    public init(settings: [String: String], cities: [Choice], editions: [SiteEditionRow], sections: [SiteSectionRow],
                values: [String: String], errors: [String: String]) {
        self.settings = settings
        self.cities = cities
        self.editions = editions
        self.sections = sections
        self.values = values
        self.errors = errors
    }
}

/// A tag in the tags page.
public struct TagAdminRow: Sendable {
    public var slug: String
    public var name: String
    public var count: Int
    public init(slug: String, name: String, count: Int) {
        self.slug = slug
        self.name = name
        self.count = count
    }
}

/// The tags page of one edition: find, add, rename, merge.
public struct TagAdminView: Sendable {
    public var editions: [Choice]
    public var edition: String
    public var query: String
    public var rows: [TagAdminRow]
    public var values: [String: String]
    public var errors: [String: String]
    public init(editions: [Choice], edition: String, query: String, rows: [TagAdminRow], values: [String: String], errors: [String: String]) {
        self.editions = editions
        self.edition = edition
        self.query = query
        self.rows = rows
        self.values = values
        self.errors = errors
    }
}

extension NewsroomPages {
    /// Settings, editions' names and sections, each change its own small form.
    public static func siteStructure(_ c: NewsroomChrome, _ v: SiteStructureView) -> HTML {
        let s = c.strings, t = s.site
        func value(_ id: String, _ stored: String) -> String { v.values[id] ?? stored }
        let settings: HTML = """
            <section class="list"><h2>\(t.settingsTitle)</h2>
            <form method="post" action="/site/settings">\(NewsroomLayout.csrf(c))
            \(NewsroomLayout.input("phone", t.phone, value("settings-phone", v.settings["phone"] ?? ""), error: v.errors["settings-phone"], id: "settings-phone"))\
            \(NewsroomLayout.input("main_site_url", t.mainSite, value("settings-main_site_url", v.settings["mainSiteURL"] ?? ""),
                                   error: v.errors["settings-main_site_url"], type: "url", id: "settings-main_site_url"))\
            \(NewsroomLayout.select("capital_city", t.capital, v.cities, error: v.errors["settings-capital_city"], id: "settings-capital_city"))\
            \(NewsroomLayout.input("currencies", t.currencies, value("settings-currencies", v.settings["currencies"] ?? ""),
                                   error: v.errors["settings-currencies"], hint: t.currenciesHint, id: "settings-currencies"))\
            <p><button type="submit">\(t.saveSettings)</button></p>
            </form></section>

            """
        let editions: HTML = v.editions.html { e in
            let id = "edition-\(e.code)"
            return """
            <form method="post" action="/site/editions/\(e.code)" class="row-form"><fieldset><legend>\(e.name) (\(e.code))</legend>\(NewsroomLayout.csrf(c))
            \(NewsroomLayout.input("name", t.editionName, value("\(id)-name", e.name), error: v.errors["\(id)-name"], id: "\(id)-name"))\
            \(NewsroomLayout.input("label", t.editionLabel, value("\(id)-label", e.label), error: v.errors["\(id)-label"], id: "\(id)-label"))\
            \(NewsroomLayout.input("site_name", t.siteName, value("\(id)-site_name", e.siteName), error: v.errors["\(id)-site_name"], id: "\(id)-site_name"))\
            <p><button type="submit">\(t.saveEdition)</button></p></fieldset></form>

            """
        }
        let sections: HTML = v.sections.enumerated().map { index, row -> HTML in
            let id = "section-\(index)"
            return """
            <fieldset class="row-form depth-\(min(row.depth, 7))"><legend>\(row.path)</legend>
            <form method="post" action="/site/sections/rename">\(NewsroomLayout.csrf(c))<input type="hidden" name="path" value="\(row.path)">
            \(row.names.html { NewsroomLayout.input("name.\($0.code)", $0.edition, value("\(id)-name.\($0.code)", $0.name),
                                                   error: v.errors["\(id)-name.\($0.code)"], id: "\(id)-name.\($0.code)") })\
            \(v.errors["\(id)-names"].html { "<p class=\"error-text\">\($0)</p>" })\
            <p><button type="submit">\(t.saveNames)</button></p></form>
            <div class="actions-inline">
            <form method="post" action="/site/sections/order">\(NewsroomLayout.csrf(c))<input type="hidden" name="path" value="\(row.path)"><button type="submit" name="direction" value="up">\(t.up)</button> <button type="submit" name="direction" value="down">\(t.down)</button></form>
            <form method="post" action="/site/sections/move" class="translate">\(NewsroomLayout.csrf(c))<input type="hidden" name="path" value="\(row.path)">\
            \(NewsroomLayout.select("parent", t.parent, row.parents, error: v.errors["\(id)-parent"], id: "\(id)-parent"))<button type="submit">\(t.move)</button></form>
            </div></fieldset>

            """
        }.html { $0 }
        let names: HTML = v.editions.html { e in
            NewsroomLayout.input("name.\(e.code)", e.name, v.values["new-section-name.\(e.code)"] ?? "", error: nil, id: "new-section-name.\(e.code)")
        }
        let main: HTML = """
        \(settings)\
        <section class="list"><h2>\(t.editionsTitle)</h2>
        \(editions)</section>
        <section class="list"><h2>\(t.sectionsTitle)</h2>
        \(sections)\
        <form method="post" action="/site/sections" class="row-form"><fieldset><legend>\(t.addSection)</legend>\(NewsroomLayout.csrf(c))
        \(NewsroomLayout.input("path", t.path, v.values["new-section-path"] ?? "", error: v.errors["new-section-path"], hint: t.pathHint,
                               required: true, extra: " autocapitalize=\"none\" spellcheck=\"false\"", id: "new-section-path"))\
        \(names)\
        \(v.errors["new-section-names"].html { "<p class=\"error-text\">\($0)</p>" })\
        <p><button type="submit">\(t.addSectionButton)</button></p></fieldset></form>
        </section>
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// An edition's tags: find by slug or name, add, rename, merge.
    public static func tags(_ c: NewsroomChrome, _ v: TagAdminView) -> HTML {
        let s = c.strings, t = s.site
        let rows: HTML = v.rows.isEmpty ? "<p class=\"empty\">\(t.noTags)</p>" : v.rows.html { row in
            let id = "tag-\(row.slug)"
            return """
            <fieldset class="row-form"><legend>\(row.slug) · \(t.articles): \(row.count)</legend><div class="actions-inline">
            <form method="post" action="/site/tags/rename" class="translate">\(NewsroomLayout.csrf(c))<input type="hidden" name="edition" value="\(v.edition)"><input type="hidden" name="slug" value="\(row.slug)">\
            \(NewsroomLayout.input("name", t.name, v.values["\(id)-name"] ?? row.name, error: v.errors["\(id)-name"], id: "\(id)-name"))<button type="submit">\(t.rename)</button></form>
            <form method="post" action="/site/tags/merge" class="translate">\(NewsroomLayout.csrf(c))<input type="hidden" name="edition" value="\(v.edition)"><input type="hidden" name="slug" value="\(row.slug)">\
            \(NewsroomLayout.input("into", t.mergeInto, v.values["\(id)-into"] ?? "", error: v.errors["\(id)-into"], extra: " autocapitalize=\"none\" spellcheck=\"false\"", id: "\(id)-into"))<button type="submit">\(t.merge)</button></form>
            </div></fieldset>

            """
        }
        let main: HTML = """
        <form method="get" action="/site/tags" class="filters">
        \(NewsroomLayout.select("edition", s.edition, v.editions, error: nil))\
        \(NewsroomLayout.input("q", t.search, v.query, error: nil, type: "search"))\
        <p><button type="submit">\(s.filterButton)</button></p>
        </form>
        <form method="post" action="/site/tags" class="row-form"><fieldset><legend>\(t.addTag)</legend>\(NewsroomLayout.csrf(c))<input type="hidden" name="edition" value="\(v.edition)">
        \(NewsroomLayout.input("slug", t.slug, v.values["new-tag-slug"] ?? "", error: v.errors["new-tag-slug"], required: true,
                               extra: " pattern=\"[a-z0-9]+(-[a-z0-9]+)*\" autocapitalize=\"none\" spellcheck=\"false\"", id: "new-tag-slug"))\
        \(NewsroomLayout.input("name", t.name, v.values["new-tag-name"] ?? "", error: v.errors["new-tag-name"], required: true, id: "new-tag-name"))\
        <p><button type="submit">\(t.addTag)</button></p></fieldset></form>
        \(rows)
        """
        return NewsroomLayout.page(c, main: main)
    }
}
