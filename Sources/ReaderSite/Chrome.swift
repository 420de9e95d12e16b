import Foundation
import HeraldSupport
import HTTPServer
import NewsCore
import Templates

/// What a page says about itself to the shared chrome.
struct PageInfo {
    var title: String
    var description: String = ""
    /// The page's own path (for canonical); nil for error pages.
    var canonical: String?
    /// Where the switcher sends each other edition (code → path); editions not listed get their home.
    var switcherTargets: [String: String] = [:]
    /// hreflang alternates: edition code → path. The page itself is included by the caller.
    var alternates: [String: String] = [:]
    /// The x-default target, when the page has one.
    var xDefault: String?
    var breadcrumbs: [NamedLink] = []
    /// A feed of this page beside the edition's (sections and tags).
    var feed: (title: String, href: String)?
    /// `<meta name="robots">` (search results are not for indexing).
    var robots: String?
    /// How the page shows when shared: OpenGraph's type, its picture and the picture's text.
    var cardType = "website"
    var image: String?
    var imageAlt: String?
    /// An article's times, section and tags, for its `article:` properties.
    var article: ArticleCard?
    /// Popular's ESI fragment (a cache node asked for fragments); nil renders the list in the page.
    var popularFragment: String?
}

/// The `article:` properties of an article's card.
struct ArticleCard {
    var published: Int64
    var modified: Int64
    var section: String
    var tags: [String]
}

extension ReaderEnvironment {
    /// Builds the page chrome: per-page head, switcher and breadcrumbs around the edition-wide parts.
    func chrome(_ snapshot: SiteSnapshot, _ context: EditionContext, _ info: PageInfo) -> PageChrome {
        let edition = context.edition
        let switcher = snapshot.editions.map { other in
            SwitcherLink(label: other.edition.label, name: other.edition.name, lang: other.edition.publicTag,
                         direction: other.edition.direction,
                         href: other.edition.code == edition.code
                            ? (info.canonical ?? URLs.home(edition.code))
                            : (info.switcherTargets[other.edition.code] ?? URLs.home(other.edition.code)),
                         isCurrent: other.edition.code == edition.code)
        }
        var alternates: [(hreflang: String, href: String)] = snapshot.editions.compactMap { other in
            info.alternates[other.edition.code].map { (other.edition.publicTag, absolute($0)) }
        }
        if let xDefault = info.xDefault, !alternates.isEmpty { alternates.append(("x-default", absolute(xDefault))) }
        var pageChrome = PageChrome(
            lang: edition.publicTag, direction: edition.direction, siteName: edition.siteName,
            homeHref: URLs.home(edition.code), strings: context.strings, title: info.title,
            description: info.description.isEmpty ? edition.siteName
                : (info.description.utf8.count <= 300 ? info.description : String(info.description.prefix(300))),
            canonical: info.canonical.map(absolute), alternates: alternates, switcher: switcher,
            breadcrumbs: info.breadcrumbs.isEmpty ? [] : [NamedLink(name: context.strings.mainPage, href: URLs.home(edition.code))] + info.breadcrumbs,
            parts: editionParts(snapshot, context), stylesheet: stylesheetURL)
        if let source = info.popularFragment { pageChrome.parts.popular = "<esi:include src=\"\(source)\"/>" }
        pageChrome.feeds = [(edition.siteName, URLs.feed(edition.code))] + (info.feed.map { [$0] } ?? [])
        pageChrome.searchAction = URLs.search(edition.code)
        pageChrome.icon = iconURL
        pageChrome.robots = info.robots
        pageChrome.lastCrumbIsPage = info.canonical != nil && info.canonical == info.breadcrumbs.last?.href
        pageChrome.openSearch = (opensearchTitle(edition), URLs.openSearch(edition.code))
        if let canonical = info.canonical {
            pageChrome.cardMeta = card(snapshot, context, info, url: absolute(canonical), description: pageChrome.description)
        }
        if pageChrome.breadcrumbs.count > 1 {
            pageChrome.structuredData = .jsonLD(breadcrumbList(pageChrome.breadcrumbs))
        }
        return pageChrome
    }

    /// Popular as an ESI fragment's address, when a cache node fetching the page takes ESI
    /// (`Surrogate-Capability: …ESI/1.0`): a new ranking then purges the fragments, not every
    /// page. nil for anyone else, who gets the list in the page.
    func popularFragment(_ request: Request, _ edition: String, except id: Int64? = nil) -> String? {
        guard isEdgeFetch(request), request.header("surrogate-capability")?.contains("ESI/1.0") == true else { return nil }
        return URLs.popularFragment(edition) + (id.map { "?except=\($0)" } ?? "")
    }

    /// "Herald (EN)": an OpenSearch short name (at most 16 characters).
    func opensearchTitle(_ edition: Edition) -> String {
        let name = "\(edition.siteName) (\(edition.code.uppercased()))"
        return name.count <= 16 ? name : String(edition.siteName.prefix(16))
    }

    /// OpenGraph and Twitter properties: what a shared link shows.
    func card(_ snapshot: SiteSnapshot, _ context: EditionContext, _ info: PageInfo, url: String,
              description: String) -> [(key: String, content: String)] {
        let edition = context.edition
        var meta: [(key: String, content: String)] = [
            ("og:type", info.cardType), ("og:site_name", edition.siteName), ("og:title", info.title),
            ("og:description", description), ("og:url", url), ("og:locale", edition.ogLocale),
        ]
        var seen: Set<String> = [edition.ogLocale]
        for other in snapshot.editions where info.alternates[other.edition.code] != nil && seen.insert(other.edition.ogLocale).inserted {
            meta.append(("og:locale:alternate", other.edition.ogLocale))
        }
        let file = info.image.map(imageFile)
        let image = file.map { absoluteImage($0.path) }
        if let image {
            meta.append(("og:image", image))
            if let size = file?.size {
                meta += [("og:image:width", String(size.width)), ("og:image:height", String(size.height))]
            }
            if let alt = info.imageAlt, !alt.isEmpty { meta.append(("og:image:alt", alt)) }
        }
        if let article = info.article {
            meta += [("article:published_time", Self.isoTime(article.published)), ("article:modified_time", Self.isoTime(article.modified))]
            if !article.section.isEmpty { meta.append(("article:section", article.section)) }
            meta += article.tags.map { ("article:tag", $0) }
        }
        meta += [("twitter:card", image == nil ? "summary" : "summary_large_image"), ("twitter:title", info.title),
                 ("twitter:description", description)]
        if let image {
            meta.append(("twitter:image", image))
            if let alt = info.imageAlt, !alt.isEmpty { meta.append(("twitter:image:alt", alt)) }
        }
        return meta
    }

    /// A picture's absolute address: the site's own files under `--base-url`, others as they are.
    func absoluteImage(_ path: String) -> String { path.hasPrefix("/") ? absolute(path) : path }

    /// The file a photo field shows in cards, feeds and structured data, with its size when known:
    /// a library upload's largest JPEG rendition, a static file as it is.
    func imageFile(_ photo: String) -> (path: String, size: (width: Int, height: Int)?) {
        if let media = MediaReference(photo) {
            let largest = media.largest
            return (largest.url, (largest.width, largest.height))
        }
        return (photo, imageSizes[photo].map { ($0.width, $0.height) })
    }

    /// schema.org BreadcrumbList of the visible trail, each crumb with its absolute address.
    func breadcrumbList(_ crumbs: [NamedLink]) -> JSONValue {
        .object([
            ("@context", .string("https://schema.org")), ("@type", .string("BreadcrumbList")),
            ("itemListElement", .array(crumbs.enumerated().map { index, crumb in
                .object([("@type", .string("ListItem")), ("position", .number(index + 1)), ("name", .string(crumb.name)),
                         ("item", .string(absolute(crumb.href)))])
            })),
        ])
    }

    /// schema.org ImageObject of a picture, with its size when the site holds the file.
    func imageObject(_ path: String) -> JSONValue {
        let file = imageFile(path)
        var members: [(key: String, value: JSONValue)] = [("@type", .string("ImageObject")), ("url", .string(absoluteImage(file.path)))]
        if let size = file.size { members += [("width", .number(size.width)), ("height", .number(size.height))] }
        return .object(members)
    }

    /// The publisher of every article: the edition's name, home and logo.
    func publisher(_ edition: Edition) -> JSONValue {
        .object([("@type", .string("NewsMediaOrganization")), ("name", .string(edition.siteName)),
                 ("url", .string(absolute(URLs.home(edition.code)))), ("logo", imageObject(logoPath))])
    }

    /// The edition-wide chrome, rendered once per snapshot and local day.
    func editionParts(_ snapshot: SiteSnapshot, _ context: EditionContext) -> EditionParts {
        let today = context.local(Int64(now().timeIntervalSince1970))
        let day = today.isoDay
        if let cached = snapshot.renderedParts.read()[context.edition.code], cached.day == day {
            return cached.parts
        }
        let parts = Layout.parts(editionChromeData(snapshot, context, today))
        snapshot.renderedParts.update { $0[context.edition.code] = (day, parts) }
        return parts
    }

    private func editionChromeData(_ snapshot: SiteSnapshot, _ context: EditionContext, _ today: LocalDateTime) -> EditionChromeData {
        let edition = context.edition
        let strings = context.strings
        let data = snapshot.data
        let weather = data.weather[data.settings.capitalCity].map { report in
            WeatherView(city: report.cityNames[edition.code] ?? report.city.capitalized,
                        range: ReaderEnvironment.temperatureRange(report.minimum, report.maximum),
                        condition: strings.condition(report.condition))
        }
        return EditionChromeData(
            strings: strings, siteName: edition.siteName, today: strings.longDate(today), todayISO: today.isoDay,
            rates: data.rates.map { RateView(currency: $0.currency, value: strings.decimal($0.value), trend: $0.trend) },
            baseCurrency: data.settings.baseCurrency, weather: weather,
            phone: data.settings.phone, mainSiteURL: ReaderEnvironment.safeURL(data.settings.mainSiteURL),
            sections: data.sections.topLevel.map { NamedLink(name: $0.name(in: edition.code), href: URLs.section(edition.code, $0.path)) },
            popular: (snapshot.popular[edition.code] ?? []).map { link($0, snapshot, context) },
            year: today.year)
    }

    /// A headline link for a summary, with its time in the edition's locale.
    func link(_ summary: ArticleSummary, _ snapshot: SiteSnapshot, _ context: EditionContext) -> ArticleLink {
        let path = snapshot.data.sections.section(id: summary.sectionID)?.path ?? "news"
        return ArticleLink(title: summary.title,
                           href: URLs.articleHref(summary.edition, sectionPath: path, id: summary.id, slug: summary.slug),
                           time: ShownTime(context.local(summary.publishedAt), context.strings),
                           isoTime: ISOInstant(unix: summary.publishedAt), lead: summary.lead, photo: summary.photo)
    }

    /// Breadcrumbs for a section: each ancestor, root first.
    func crumbs(_ sectionID: Int64, _ snapshot: SiteSnapshot, _ edition: String) -> [NamedLink] {
        snapshot.data.sections.lineage(of: sectionID).map {
            NamedLink(name: $0.name(in: edition), href: URLs.section(edition, $0.path))
        }
    }

    /// "+2…+4 °C", "−3 °C".
    static func temperatureRange(_ low: Int, _ high: Int) -> String {
        func signed(_ t: Int) -> String { t > 0 ? "+\(t)" : (t < 0 ? "−\(-t)" : "0") }
        return low == high ? "\(signed(low)) °C" : "\(signed(low))…\(signed(high)) °C"
    }

    /// UTC ISO 8601 for `datetime` attributes.
    static func isoTime(_ unix: Int64) -> String {
        LocalDateTime(unix: unix, offsetSeconds: 0).isoUTC
    }

    /// Only http(s) links from settings reach a page.
    static func safeURL(_ url: String) -> String {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : ""
    }
}
