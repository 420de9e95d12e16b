import HeraldSupport
import NewsCore

/// The newsroom's page skeleton and the pieces its forms are built from. Every page works
/// without JavaScript: plain links and forms, one submit button per action.
public enum NewsroomLayout {
    /// Wraps a page's main content in the newsroom's header and navigation.
    public static func page(_ c: NewsroomChrome, main: HTML) -> HTML {
        let s = c.strings
        let nav: HTML = c.user.html { user in
            """
            <nav class="nav" aria-label="\(s.appName)"><ul>
            <li><a href="/">\(s.navDashboard)</a></li>
            <li><a href="/articles">\(s.navArticles)</a></li>
            <li><a href="/articles/new">\(s.navNewArticle)</a></li>
            <li><a href="/stories">\(s.stories.navStories)</a></li>
            <li><a href="/media">\(s.media.navMedia)</a></li>
            <li><a href="/header">\(s.header.navHeader)</a></li>
            \(user.isAdmin ? "<li><a href=\"/site\">\(s.site.navSite)</a></li>\n<li><a href=\"/site/tags\">\(s.site.navTags)</a></li>\n" : HTML.empty)\
            \(user.isAdmin ? "<li><a href=\"/users\">\(s.navUsers)</a></li>\n<li><a href=\"/audit\">\(s.navAudit)</a></li>\n" : HTML.empty)\
            </ul>
            <div class="account">
            <span>\(s.signedInAs(user.displayName))</span>
            <form method="post" action="/logout">\(csrf(c))<button type="submit">\(s.signOut)</button></form>
            <form method="post" action="/logout/everywhere">\(csrf(c))<button type="submit" class="quiet">\(s.signOutEverywhere)</button></form>
            </div>
            </nav>
            """
        }
        let notice: HTML = c.notice.html { text in
            c.noticeIsError ? "<p class=\"notice error\" role=\"alert\">\(text)</p>" : "<p class=\"notice\" role=\"status\">\(text)</p>"
        }
        return """
        <!DOCTYPE html>
        <html lang="\(s.code)" dir="ltr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <title>\(c.title) — \(s.appName)</title>
        <link rel="stylesheet" href="\(c.stylesheet)">
        </head>
        <body>
        <a class="skip" href="#main">\(s.skipToContent)</a>
        <header class="bar">
        <a class="app" href="/">\(s.appName)</a>
        \(nav)
        </header>
        <main id="main">
        <h1>\(c.title)</h1>
        \(notice)
        \(main)
        </main>
        </body>
        </html>

        """
    }

    /// The session's form token as a hidden field.
    public static func csrf(_ c: NewsroomChrome) -> HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(c.csrf)\">"
    }

    /// A labelled text input with its hint and, when there is one, its error beside it.
    /// `id` names the field in the page when several forms share field names (defaults to `name`).
    static func input(_ name: String, _ label: String, _ value: String, error: String?, hint: String? = nil,
                      type: String = "text", required: Bool = false, extra: HTML = .empty, id: String? = nil) -> HTML {
        let key = id ?? name
        let described = describedBy(key, error: error, hint: hint)
        return """
        <div class="field\(error == nil ? "" : " invalid")">
        <label for="f-\(key)">\(label)</label>
        <input id="f-\(key)" name="\(name)" type="\(type)" value="\(value)" dir="auto"\(required ? " required" : "")\(error == nil ? HTML.empty : " aria-invalid=\"true\"")\(described)\(extra)>
        \(messages(key, error: error, hint: hint))
        </div>

        """
    }

    /// A labelled text area.
    static func textarea(_ name: String, _ label: String, _ value: String, error: String?, hint: String? = nil, rows: Int) -> HTML {
        """
        <div class="field\(error == nil ? "" : " invalid")">
        <label for="f-\(name)">\(label)</label>
        <textarea id="f-\(name)" name="\(name)" rows="\(rows)" dir="auto"\(error == nil ? HTML.empty : " aria-invalid=\"true\"")\(describedBy(name, error: error, hint: hint))>\(value)</textarea>
        \(messages(name, error: error, hint: hint))
        </div>

        """
    }

    /// A labelled select.
    static func select(_ name: String, _ label: String, _ choices: [Choice], error: String?, hint: String? = nil, id: String? = nil) -> HTML {
        let key = id ?? name
        return """
        <div class="field\(error == nil ? "" : " invalid")">
        <label for="f-\(key)">\(label)</label>
        <select id="f-\(key)" name="\(name)"\(error == nil ? HTML.empty : " aria-invalid=\"true\"")\(describedBy(key, error: error, hint: hint))>
        \(choices.html { "<option value=\"\($0.value)\"\($0.selected ? " selected" : "")>\($0.label)</option>\n" })\
        </select>
        \(messages(key, error: error, hint: hint))
        </div>

        """
    }

    private static func describedBy(_ name: String, error: String?, hint: String?) -> HTML {
        let ids = [error.map { _ in "e-\(name)" }, hint.map { _ in "h-\(name)" }].compactMap { $0 }
        return ids.isEmpty ? .empty : " aria-describedby=\"\(ids.joined(separator: " "))\""
    }

    private static func messages(_ name: String, error: String?, hint: String?) -> HTML {
        """
        \(error.html { "<p class=\"error-text\" id=\"e-\(name)\">\($0)</p>" })\
        \(hint.html { "<p class=\"hint\" id=\"h-\(name)\">\($0)</p>" })
        """
    }

    /// A table of articles (dashboard, list).
    static func articleTable(_ rows: [ArticleRowView], _ s: NewsroomStrings) -> HTML {
        guard !rows.isEmpty else { return "<p class=\"empty\">\(s.nothingHere)</p>" }
        return """
        <table class="articles">
        <thead><tr><th scope="col">\(s.headline)</th><th scope="col">\(s.edition)</th><th scope="col">\(s.status)</th><th scope="col">\(s.savedBy)</th><th scope="col">\(s.savedAt)</th></tr></thead>
        <tbody>
        \(rows.html { row in
            """
            <tr><td><a href="\(row.href)" dir="auto">\(row.title)</a></td><td>\(row.edition)</td><td>\(row.state)\(row.pending ? " <span class=\"pending\">(\(row.inReview ? s.changesInReview : s.pendingChanges))</span>" : HTML.empty)</td><td>\(row.savedBy)</td><td>\(row.savedAt)</td></tr>

            """
        })\
        </tbody>
        </table>
        """
    }
}
