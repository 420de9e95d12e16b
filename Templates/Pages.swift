import HeraldSupport
import NewsCore

/// The reader pages: each a function from a view model to a complete document.
public enum Pages {
    /// The article page.
    public static func article(_ chrome: PageChrome, _ a: ArticleView) -> HTML {
        let s = chrome.strings
        let figure: HTML = a.photo.html { photo in
            """
            <figure class="photo">
            \(Layout.photo(photo, alt: a.alt ?? "", sizes: Layout.storyPhotoSizes))
            \(a.caption == nil && a.credit == nil ? .empty : """
            <figcaption>\(a.caption)\(a.credit.html { " <span class=\"credit\">\(s.photo): \($0)</span>" })</figcaption>
            """)
            </figure>
            """
        }
        let updated: HTML = a.updated.html { text in
            " · \(s.updated) <time datetime=\"\(a.updatedISO ?? "")\">\(text)</time>"
        }
        let tags: HTML = a.tags.isEmpty ? .empty : """
            <nav class="tags" aria-label="\(s.tags)"><h2 class="visually-hidden">\(s.tags)</h2><ul>\
            \(a.tags.html { "<li><a href=\"\($0.href)\" rel=\"tag\">\($0.name)</a></li>" })\
            </ul></nav>
            """
        let related: HTML = a.related.isEmpty ? .empty : """
            <section class="related" aria-labelledby="related-heading">
            <h2 id="related-heading">\(s.relatedNews)</h2>
            \(Layout.articleList(a.related, withLeads: false))
            </section>
            """
        let corrections: HTML = a.corrections.isEmpty ? .empty : """
            <section class="corrections" aria-labelledby="corrections-heading">
            <h2 id="corrections-heading">\(s.corrections)</h2>
            <ul>
            \(a.corrections.html { "<li><time datetime=\"\($0.isoTime)\">\($0.time)</time> — \($0.note)</li>\n" })\
            </ul>
            </section>
            """
        let main: HTML = """
        <article class="story">
        <header>
        <p class="kicker"><a href="\(a.section.href)">\(a.section.name)</a></p>
        <h1>\(a.title)</h1>
        \(a.byline.html { "<p class=\"byline\">\($0)</p>\n" })\
        <p class="meta">\(s.published) <time datetime="\(a.publishedISO)">\(a.published)</time>\(updated)</p>
        </header>
        \(figure)
        <p class="lead">\(a.dateline.isEmpty ? .empty : "<span class=\"dateline\">\(a.dateline) –</span> ")\(a.lead)</p>
        <div class="body">
        \(HTML(sanitizedBytes: a.bodyHTML))
        </div>
        \(tags)
        \(corrections)
        \(a.beacon.html { "<img class=\"beacon\" src=\"\($0)\" alt=\"\" width=\"1\" height=\"1\">" })
        </article>
        \(related)
        """
        return Layout.page(chrome, main: main)
    }

    /// The edition home page.
    public static func home(_ chrome: PageChrome, _ h: HomeView) -> HTML {
        let s = chrome.strings
        let lead: HTML = h.leadStory.html { story in
            """
            <article class="lead-story">
            \(story.photo.html { Layout.photo($0, alt: "", sizes: Layout.leadPhotoSizes) })
            <h2><a href="\(story.href)">\(story.title)</a></h2>
            <p class="meta"><time datetime="\(story.isoTime)">\(story.time)</time></p>
            <p class="lead">\(story.lead)</p>
            </article>
            """
        }
        let main: HTML = """
        <h1 class="visually-hidden">\(chrome.siteName)</h1>
        \(lead)
        <section class="latest" aria-labelledby="latest-heading">
        <h2 id="latest-heading">\(s.latestNews)</h2>
        \(h.latest.isEmpty ? "<p>\(s.noArticles)</p>" : Layout.articleList(h.latest))
        </section>
        <div class="blocks">
        \(h.blocks.html { block in
            """
            <section class="block">
            <h2><a href="\(block.section.href)">\(block.section.name)</a></h2>
            \(Layout.articleList(block.articles, withLeads: false))
            </section>

            """
        })\
        </div>
        """
        return Layout.page(chrome, main: main)
    }

    /// A section or tag page.
    public static func list(_ chrome: PageChrome, _ l: ListView) -> HTML {
        let s = chrome.strings
        let p = l.pagination
        let pager: HTML = p.pages <= 1 ? .empty : """
            <nav class="pager" aria-label="\(s.pageOf(p.page, p.pages))">
            \(p.previous.html { "<a rel=\"prev\" href=\"\($0)\">\(s.previousPage)</a>" })
            <span>\(s.pageOf(p.page, p.pages))</span>
            \(p.next.html { "<a rel=\"next\" href=\"\($0)\">\(s.nextPage)</a>" })
            </nav>
            """
        let main: HTML = """
        <header class="list-header">
        <p class="kicker">\(l.kind)</p>
        <h1>\(l.name)</h1>
        <p class="count">\(s.articleCount(l.total))</p>
        </header>
        \(l.articles.isEmpty ? "<p>\(s.noArticles)</p>" : Layout.articleList(l.articles, heading: 2))
        \(pager)
        """
        return Layout.page(chrome, main: main)
    }

    /// The search page: the form's results with their matches marked, or what to do next.
    public static func search(_ chrome: PageChrome, _ v: SearchView) -> HTML {
        let s = chrome.strings.search
        let p = v.pagination
        let pager: HTML = p.pages <= 1 ? .empty : """
            <nav class="pager" aria-label="\(chrome.strings.pageOf(p.page, p.pages))">
            \(p.previous.html { "<a rel=\"prev\" href=\"\($0)\">\(s.previous)</a>" })
            <span>\(chrome.strings.pageOf(p.page, p.pages))</span>
            \(p.next.html { "<a rel=\"next\" href=\"\($0)\">\(s.next)</a>" })
            </nav>
            """
        let body: HTML
        if v.query.isEmpty {
            body = "<p class=\"search-hint\">\(s.hint)</p>"
        } else if v.results.isEmpty {
            body = "<p class=\"search-empty\">\(s.noResults(v.query))</p>\n<p class=\"search-hint\">\(s.noResultsHint)</p>"
        } else {
            body = """
            <ol class="search-results">
            \(v.results.html { r in
                """
                <li><article>\
                <h2><a href="\(r.href)">\(marked(r.title))</a></h2>\
                <p class="meta"><time datetime="\(r.isoTime)">\(r.time)</time>\(r.section.html { " · <a href=\"\($0.href)\">\($0.name)</a>" })</p>\
                \(r.snippet.isEmpty ? HTML.empty : "<p class=\"snippet\">\(r.cutBefore ? "… " : "")\(marked(r.snippet))\(r.cutAfter ? " …" : "")</p>")\
                </article></li>

                """
            })\
            </ol>
            """
        }
        let main: HTML = """
        <header class="list-header">
        <h1>\(s.search)</h1>
        \(v.summary.html { "<p class=\"count\">\($0)</p>" })
        </header>
        \(v.notes.html { "<p class=\"search-note\">\($0)</p>\n" })\
        \(body)
        \(pager)
        """
        return Layout.page(chrome, main: main)
    }

    /// Text with its matched parts in `<mark>`.
    static func marked(_ parts: [SearchSnippetPart]) -> HTML {
        parts.html { $0.isMatch ? "<mark>\($0.text)</mark>" : "\($0.text)" }
    }

    /// An error page with the site chrome (404, 400).
    public static func error(_ chrome: PageChrome, _ e: ErrorView) -> HTML {
        let main: HTML = """
        <section class="error-page">
        <h1>\(e.heading)</h1>
        <p>\(e.message)</p>
        <p><a href="\(chrome.homeHref)">\(chrome.strings.backToHome)</a></p>
        </section>
        """
        return Layout.page(chrome, main: main)
    }
}
