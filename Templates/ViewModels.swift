import HeraldSupport
import NewsCore

/// A link in a list: a headline with its time.
public struct ArticleLink: Sendable {
    public var title: String
    public var href: ArticleHref
    /// Formatted in the edition's locale and time zone.
    public var time: ShownTime
    /// ISO 8601 for the `datetime` attribute.
    public var isoTime: ISOInstant
    public var lead: String
    public var photo: String?
    public init(title: String, href: ArticleHref, time: ShownTime, isoTime: ISOInstant, lead: String, photo: String?) {
        self.title = title
        self.href = href
        self.time = time
        self.isoTime = isoTime
        self.lead = lead
        self.photo = photo
    }
}

/// A root-relative article URL, "/en/news/elections/123-early-voting-opens", kept in its parts
/// and written straight into the page.
public struct ArticleHref: Sendable, HTMLWritable, CustomStringConvertible {
    public var edition: String
    public var sectionPath: String
    public var id: Int64
    public var slug: String
    public init(edition: String, sectionPath: String, id: Int64, slug: String) {
        self.edition = edition
        self.sectionPath = sectionPath
        self.id = id
        self.slug = slug
    }

    public func write(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "/"))
        appendEscapedHTML(edition, to: &out)
        out.append(UInt8(ascii: "/"))
        appendEscapedHTML(sectionPath, to: &out)
        out.append(UInt8(ascii: "/"))
        appendDecimal(id, to: &out)
        out.append(UInt8(ascii: "-"))
        appendEscapedHTML(slug, to: &out)
    }

    /// The path as text.
    public var description: String { "/\(edition)/\(sectionPath)/\(id)-\(slug)" }
}

/// A time shown in an edition's language ("22 November 2022, 07:44"), written straight into the page.
public struct ShownTime: Sendable, HTMLWritable, CustomStringConvertible {
    public var local: LocalDateTime
    public var strings: UIStrings
    public init(_ local: LocalDateTime, _ strings: UIStrings) {
        self.local = local
        self.strings = strings
    }

    public func write(to out: inout [UInt8]) { strings.writeDateTime(local, to: &out) }

    /// The text as shown.
    public var description: String { strings.dateTime(local) }
}

/// A UTC instant as ISO 8601 ("2026-11-29T10:00:00Z") for `datetime` attributes.
public struct ISOInstant: Sendable, HTMLWritable, CustomStringConvertible {
    public var unix: Int64
    public init(unix: Int64) { self.unix = unix }

    public func write(to out: inout [UInt8]) { LocalDateTime(unix: unix, offsetSeconds: 0).writeISOUTC(to: &out) }

    /// The text as written.
    public var description: String { LocalDateTime(unix: unix, offsetSeconds: 0).isoUTC }
}

/// A named link (breadcrumbs, sections, tags).
public struct NamedLink: Sendable {
    public var name: String
    public var href: String
    public init(name: String, href: String) {
        self.name = name
        self.href = href
    }
}

/// One entry of the language switcher.
public struct SwitcherLink: Sendable {
    /// The short label ("ру").
    public var label: String
    /// The edition's own name ("Русский").
    public var name: String
    /// BCP 47 tag of the target.
    public var lang: String
    public var direction: TextDirection
    public var href: String
    public var isCurrent: Bool
    public init(label: String, name: String, lang: String, direction: TextDirection, href: String, isCurrent: Bool) {
        self.label = label
        self.name = name
        self.lang = lang
        self.direction = direction
        self.href = href
        self.isCurrent = isCurrent
    }
}

/// A currency rate ready to show.
public struct RateView: Sendable {
    public var currency: String
    public var value: String
    public var trend: RateTrend?
    public init(currency: String, value: String, trend: RateTrend?) {
        self.currency = currency
        self.value = value
        self.trend = trend
    }
}

/// The weather line ready to show.
public struct WeatherView: Sendable {
    public var city: String
    /// "+2…+4 °C".
    public var range: String
    public var condition: String
    public init(city: String, range: String, condition: String) {
        self.city = city
        self.range = range
        self.condition = condition
    }
}

/// The data behind the chrome that is the same on every page of an edition on one day: the top
/// bar (date, rates, weather, phone), the section navigation, Popular and the footer.
public struct EditionChromeData: Sendable {
    public var strings: UIStrings
    public var siteName: String
    public var today: String
    public var todayISO: String
    public var rates: [RateView]
    public var baseCurrency: String
    public var weather: WeatherView?
    public var phone: String
    public var mainSiteURL: String
    public var sections: [NamedLink]
    public var popular: [ArticleLink]
    public var year: Int

    public init(strings: UIStrings, siteName: String, today: String, todayISO: String, rates: [RateView],
                baseCurrency: String, weather: WeatherView?, phone: String, mainSiteURL: String,
                sections: [NamedLink], popular: [ArticleLink], year: Int) {
        self.strings = strings
        self.siteName = siteName
        self.today = today
        self.todayISO = todayISO
        self.rates = rates
        self.baseCurrency = baseCurrency
        self.weather = weather
        self.phone = phone
        self.mainSiteURL = mainSiteURL
        self.sections = sections
        self.popular = popular
        self.year = year
    }
}

/// The edition-wide chrome, rendered once and reused by every page until the data change.
public struct EditionParts: Sendable {
    public let topBar: HTML
    public let sectionsNav: HTML
    /// Popular; an article's page has its own, without the article (`Layout.popular`).
    public var popular: HTML
    public let footer: HTML

    public init(topBar: HTML, sectionsNav: HTML, popular: HTML, footer: HTML) {
        self.topBar = topBar
        self.sectionsNav = sectionsNav
        self.popular = popular
        self.footer = footer
    }
}

/// What a page adds to the shared chrome: document head, switcher targets and breadcrumbs.
public struct PageChrome: Sendable {
    public var lang: String
    public var direction: TextDirection
    public var siteName: String
    public var homeHref: String
    public var strings: UIStrings
    /// The page's <title> (without the site name).
    public var title: String
    public var description: String
    public var canonical: String?
    /// hreflang → absolute or root-relative URL, including "x-default".
    public var alternates: [(hreflang: String, href: String)]
    public var switcher: [SwitcherLink]
    public var breadcrumbs: [NamedLink]
    public var parts: EditionParts
    public var stylesheet: String
    /// The site's icon as SVG (content-hashed); `/favicon.ico` is named beside it.
    public var icon: String = ""
    /// Structured data for the head (JSON-LD); empty on most pages.
    public var structuredData: HTML = .empty
    /// A banner above the page (the newsroom's preview says it is not published).
    public var banner: String?
    /// Feeds offered in the head: title and path.
    public var feeds: [(title: String, href: String)] = []
    /// Where the header's search form goes, and the query it shows (the search page's own).
    public var searchAction: String = ""
    public var searchQuery: String = ""
    /// `<meta name="robots">`, when the page must not be indexed (search results).
    public var robots: String?
    /// OpenGraph (`og:`, `article:`) and Twitter (`twitter:`) properties, in order.
    public var cardMeta: [(key: String, content: String)] = []
    /// The last breadcrumb is this page (a section's or tag's first page), not its parent.
    public var lastCrumbIsPage = false
    /// The edition's OpenSearch description: title and path.
    public var openSearch: (title: String, href: String)?

    public init(lang: String, direction: TextDirection, siteName: String, homeHref: String, strings: UIStrings,
                title: String, description: String, canonical: String?, alternates: [(hreflang: String, href: String)],
                switcher: [SwitcherLink], breadcrumbs: [NamedLink], parts: EditionParts, stylesheet: String) {
        self.lang = lang
        self.direction = direction
        self.siteName = siteName
        self.homeHref = homeHref
        self.strings = strings
        self.title = title
        self.description = description
        self.canonical = canonical
        self.alternates = alternates
        self.switcher = switcher
        self.breadcrumbs = breadcrumbs
        self.parts = parts
        self.stylesheet = stylesheet
    }
}

/// The article page.
public struct ArticleView: Sendable {
    public var title: String
    public var dateline: String
    public var lead: String
    /// Sanitised HTML from the store.
    public var bodyHTML: [UInt8]
    public var published: String
    public var publishedISO: String
    public var updated: String?
    public var updatedISO: String?
    public var photo: String?
    public var caption: String?
    public var credit: String?
    /// The photo's alternative text; without one the caption under it describes it (alt="").
    public var alt: String? = nil
    /// The view beacon's address (nil in previews: they count nothing).
    public var beacon: String? = nil
    public var section: NamedLink
    public var tags: [NamedLink]
    public var related: [ArticleLink]
    /// "By A and B" in the edition's language; nil without bylines.
    public var byline: String?
    public var corrections: [CorrectionView]
    public init(title: String, dateline: String, lead: String, bodyHTML: [UInt8], published: String, publishedISO: String,
                updated: String?, updatedISO: String?, photo: String?, caption: String?, credit: String?,
                section: NamedLink, tags: [NamedLink], related: [ArticleLink], byline: String? = nil,
                corrections: [CorrectionView] = []) {
        self.title = title
        self.dateline = dateline
        self.lead = lead
        self.bodyHTML = bodyHTML
        self.published = published
        self.publishedISO = publishedISO
        self.updated = updated
        self.updatedISO = updatedISO
        self.photo = photo
        self.caption = caption
        self.credit = credit
        self.section = section
        self.tags = tags
        self.related = related
        self.byline = byline
        self.corrections = corrections
    }
}

/// A correction note with its date, as the article's foot shows it.
public struct CorrectionView: Sendable {
    /// The date and time in the edition's language.
    public var time: String
    public var isoTime: String
    public var note: String
    public init(time: String, isoTime: String, note: String) {
        self.time = time
        self.isoTime = isoTime
        self.note = note
    }
}

/// A block of the home page for one top-level section.
public struct SectionBlock: Sendable {
    public var section: NamedLink
    public var articles: [ArticleLink]
    public init(section: NamedLink, articles: [ArticleLink]) {
        self.section = section
        self.articles = articles
    }
}

/// The edition home page.
public struct HomeView: Sendable {
    public var leadStory: ArticleLink?
    public var latest: [ArticleLink]
    public var blocks: [SectionBlock]
    public init(leadStory: ArticleLink?, latest: [ArticleLink], blocks: [SectionBlock]) {
        self.leadStory = leadStory
        self.latest = latest
        self.blocks = blocks
    }
}

/// Previous/next links of a paged list.
public struct Pagination: Sendable {
    public var page: Int
    public var pages: Int
    public var previous: String?
    public var next: String?
    public init(page: Int, pages: Int, previous: String?, next: String?) {
        self.page = page
        self.pages = pages
        self.previous = previous
        self.next = next
    }
}

/// A section or tag page.
public struct ListView: Sendable {
    /// "Tag" or "Section" label shown above the name.
    public var kind: String
    public var name: String
    public var total: Int
    public var articles: [ArticleLink]
    public var pagination: Pagination
    public init(kind: String, name: String, total: Int, articles: [ArticleLink], pagination: Pagination) {
        self.kind = kind
        self.name = name
        self.total = total
        self.articles = articles
        self.pagination = pagination
    }
}

/// An error page (404, 400).
public struct ErrorView: Sendable {
    public var status: Int
    public var heading: String
    public var message: String
    public init(status: Int, heading: String, message: String) {
        self.status = status
        self.heading = heading
        self.message = message
    }
}

/// One search result: headline and snippet with their matches marked.
public struct SearchResultView: Sendable {
    public var title: [SearchSnippetPart]
    public var href: ArticleHref
    public var time: ShownTime
    public var isoTime: ISOInstant
    public var section: NamedLink?
    public var snippet: [SearchSnippetPart]
    /// Text was left out before or after the snippet.
    public var cutBefore: Bool
    public var cutAfter: Bool
    public init(title: [SearchSnippetPart], href: ArticleHref, time: ShownTime, isoTime: ISOInstant, section: NamedLink?,
                snippet: [SearchSnippetPart], cutBefore: Bool, cutAfter: Bool) {
        self.title = title
        self.href = href
        self.time = time
        self.isoTime = isoTime
        self.section = section
        self.snippet = snippet
        self.cutBefore = cutBefore
        self.cutAfter = cutAfter
    }
}

/// The search page: the query as taken, what was found, and notes about the query.
public struct SearchView: Sendable {
    /// The query as taken (empty: the form was sent without one).
    public var query: String
    /// "12 results for …"; nil when there is no query or no result.
    public var summary: String?
    public var results: [SearchResultView]
    /// Notes (a shortened query, the ranked window).
    public var notes: [String]
    public var pagination: Pagination
    public init(query: String, summary: String?, results: [SearchResultView], notes: [String], pagination: Pagination) {
        self.query = query
        self.summary = summary
        self.results = results
        self.notes = notes
        self.pagination = pagination
    }
}
