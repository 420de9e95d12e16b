import HeraldSupport
import NewsCore

/// The page skeleton every reader page shares: head, header, breadcrumbs, Popular, footer.
public enum Layout {
    /// Wraps a page's main content in the site chrome.
    public static func page(_ c: PageChrome, main: HTML) -> HTML {
        let s = c.strings
        let title = c.title == c.siteName ? c.siteName : "\(c.title) — \(c.siteName)"
        return """
        <!DOCTYPE html>
        <html lang="\(c.lang)" dir="\(c.direction.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <meta name="description" content="\(c.description)">
        \(c.robots.html { "<meta name=\"robots\" content=\"\($0)\">\n" })\
        <meta name="color-scheme" content="light dark">
        <link rel="stylesheet" href="\(c.stylesheet)">
        <link rel="icon" href="/favicon.ico" sizes="32x32">
        \(c.icon.isEmpty ? .empty : "<link rel=\"icon\" href=\"\(c.icon)\" type=\"image/svg+xml\">\n")\
        \(c.canonical.html { "<link rel=\"canonical\" href=\"\($0)\">\n" })\
        \(c.alternates.html { "<link rel=\"alternate\" hreflang=\"\($0.hreflang)\" href=\"\($0.href)\">\n" })\
        \(c.feeds.html { "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"\($0.title)\" href=\"\($0.href)\">\n" })\
        \(c.openSearch.html { "<link rel=\"search\" type=\"application/opensearchdescription+xml\" title=\"\($0.title)\" href=\"\($0.href)\">\n" })\
        \(c.cardMeta.html { $0.key.hasPrefix("twitter:") ? "<meta name=\"\($0.key)\" content=\"\($0.content)\">\n" : "<meta property=\"\($0.key)\" content=\"\($0.content)\">\n" })\
        \(c.structuredData)\
        </head>
        <body>
        \(c.banner.html { "<p class=\"preview-banner\" role=\"note\">\($0)</p>\n" })\
        <a class="skip" href="#main">\(s.skipToContent)</a>
        <header class="site-header">
        \(c.parts.topBar)
        <div class="masthead wrap">
        <a class="logo" href="\(c.homeHref)">\(c.siteName)</a>
        \(switcher(c))
        \(searchForm(c))
        </div>
        \(c.parts.sectionsNav)
        </header>
        \(breadcrumbs(c))
        <div class="layout wrap">
        <main id="main">
        \(main)
        </main>
        \(c.parts.popular)
        </div>
        \(c.parts.footer)
        </body>
        </html>

        """
    }

    /// Renders the edition-wide chrome once; pages reuse it.
    public static func parts(_ d: EditionChromeData) -> EditionParts {
        let phone: HTML = d.phone.isEmpty ? .empty : """
            <p>\(d.strings.contactPhone): <a href="tel:\(d.phone.filter { $0 == "+" || $0.isNumber })" dir="ltr">\(d.phone)</a></p>
            """
        return EditionParts(
            topBar: topBar(d),
            sectionsNav: """
                <nav class="sections" aria-label="\(d.strings.sections)"><ul class="wrap">
                \(d.sections.html { "<li><a href=\"\($0.href)\">\($0.name)</a></li>\n" })\
                </ul></nav>
                """,
            popular: popular(d.popular, d.strings),
            footer: """
                <footer class="site-footer"><div class="wrap">
                <p>\(d.strings.footerRights(d.year, d.siteName))</p>
                \(phone)
                </div></footer>
                """)
    }

    static func topBar(_ c: EditionChromeData) -> HTML {
        let s = c.strings
        let rates: HTML = c.rates.isEmpty ? .empty : """
            <ul class="rates" aria-label="\(s.exchangeRates), \(c.baseCurrency)">\(c.rates.html { rate($0, s) })</ul>
            """
        let weather: HTML = c.weather.html { w in
            "<p class=\"weather\"><span class=\"visually-hidden\">\(s.weather): </span>\(w.city) <bdi dir=\"ltr\">\(w.range)</bdi>\(c.strings.comma)\(w.condition)</p>"
        }
        return """
        <div class="topbar"><div class="wrap">
        <p class="today"><time datetime="\(c.todayISO)">\(c.today)</time></p>
        \(rates)
        \(weather)
        \(c.phone.isEmpty ? .empty : "<p class=\"phone\"><a href=\"tel:\(c.phone.filter { $0 == "+" || $0.isNumber })\" dir=\"ltr\">\(c.phone)</a></p>")
        \(c.mainSiteURL.isEmpty ? .empty : "<p class=\"main-site\"><a href=\"\(c.mainSiteURL)\">\(s.mainSite)</a></p>")
        </div></div>
        """
    }

    static func rate(_ r: RateView, _ s: UIStrings) -> HTML {
        let trend: HTML
        switch r.trend {
        case .up: trend = "<span class=\"trend up\" title=\"\(s.trendUp)\"><span aria-hidden=\"true\">▲</span><span class=\"visually-hidden\">\(s.trendUp)</span></span>"
        case .down: trend = "<span class=\"trend down\" title=\"\(s.trendDown)\"><span aria-hidden=\"true\">▼</span><span class=\"visually-hidden\">\(s.trendDown)</span></span>"
        case .unchanged: trend = "<span class=\"trend same\" title=\"\(s.trendUnchanged)\"><span aria-hidden=\"true\">•</span><span class=\"visually-hidden\">\(s.trendUnchanged)</span></span>"
        case nil: trend = .empty
        }
        return "<li><abbr>\(r.currency)</abbr> <bdi dir=\"ltr\">\(r.value)</bdi>\(trend)</li>"
    }

    /// A GET form: search works without JavaScript.
    static func searchForm(_ c: PageChrome) -> HTML {
        guard !c.searchAction.isEmpty else { return .empty }
        let s = c.strings.search
        return """
        <form class="search" role="search" action="\(c.searchAction)" method="get">\
        <label for="search-q" class="visually-hidden">\(s.search)</label>\
        <input type="search" id="search-q" name="q" value="\(c.searchQuery)" maxlength="\(SearchQuery.maxLength)" dir="auto" \
        autocomplete="off">\
        <button type="submit">\(s.search)</button></form>
        """
    }

    static func switcher(_ c: PageChrome) -> HTML {
        """
        <nav class="switcher" aria-label="\(c.strings.language)"><ul>
        \(c.switcher.html { link in
            link.isCurrent
                ? "<li><span aria-current=\"true\" lang=\"\(link.lang)\" dir=\"\(link.direction.rawValue)\">\(link.name)</span></li>\n"
                : "<li><a href=\"\(link.href)\" hreflang=\"\(link.lang)\" lang=\"\(link.lang)\" dir=\"\(link.direction.rawValue)\">\(link.name)</a></li>\n"
        })\
        </ul></nav>
        """
    }

    static func breadcrumbs(_ c: PageChrome) -> HTML {
        guard !c.breadcrumbs.isEmpty else { return .empty }
        let last = c.breadcrumbs.count - 1
        return """
        <nav class="breadcrumbs wrap" aria-label="\(c.strings.breadcrumbs)"><ol>\
        \(c.breadcrumbs.enumerated().map { index, crumb -> HTML in
            index == last && c.lastCrumbIsPage ? "<li><a href=\"\(crumb.href)\" aria-current=\"page\">\(crumb.name)</a></li>"
                          : "<li><a href=\"\(crumb.href)\">\(crumb.name)</a></li>"
        })\
        </ol></nav>
        """
    }

    public static func popular(_ links: [ArticleLink], _ strings: UIStrings) -> HTML {
        guard !links.isEmpty else { return .empty }
        return """
        <aside class="popular" aria-labelledby="popular-heading">
        <h2 id="popular-heading">\(strings.popular)</h2>
        <ol>
        \(links.html { "<li><a href=\"\($0.href)\">\($0.title)</a></li>\n" })\
        </ol>
        </aside>
        """
    }

    /// A list of headlines with their times (latest news, section and tag pages, related news).
    /// `heading`: the headlines' level (2 under a page's h1, 3 inside a section block).
    public static func articleList(_ items: [ArticleLink], withLeads: Bool = true, heading: Int = 3) -> HTML {
        let open: HTML = heading == 2 ? "<h2>" : "<h3>", close: HTML = heading == 2 ? "</h2>" : "</h3>"
        return """
        <ul class="article-list">
        \(items.html { item in
            """
            <li><article>\
            \(open)<a href="\(item.href)">\(item.title)</a>\(close)\
            <p class="meta"><time datetime="\(item.isoTime)">\(item.time)</time></p>\
            \(withLeads && !item.lead.isEmpty ? "<p class=\"lead\">\(item.lead)</p>" : HTML.empty)\
            </article></li>

            """
        })\
        </ul>
        """
    }
}
