import Foundation
import HeraldSupport
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
        pageChrome.feeds = [(edition.siteName, URLs.feed(edition.code))] + (info.feed.map { [$0] } ?? [])
        pageChrome.searchAction = URLs.search(edition.code)
        pageChrome.robots = info.robots
        return pageChrome
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
