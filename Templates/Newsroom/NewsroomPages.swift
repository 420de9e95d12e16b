import HeraldSupport
import NewsCore

/// The newsroom's pages: each a function from a view model to a complete document.
public enum NewsroomPages {
    /// The sign-in page (also shown when a session ends in the middle of an edit, carrying what was typed).
    public static func signIn(_ c: NewsroomChrome, _ v: SignInView) -> HTML {
        let s = c.strings
        let main: HTML = """
        \(v.notice.html { "<p class=\"notice\" role=\"status\">\($0)</p>" })\
        \(v.error.html { "<p class=\"notice error\" role=\"alert\" id=\"sign-in-error\">\($0)</p>" })\
        <form method="post" action="/login" class="sign-in">
        <input type="hidden" name="csrf" value="\(v.token)">
        <input type="hidden" name="next" value="\(v.next)">
        \(v.resume.html { "<input type=\"hidden\" name=\"resume.\($0.name)\" value=\"\($0.value)\">\n" })\
        \(NewsroomLayout.input("name", s.nameLabel, v.name, error: nil, required: true,
                               extra: " autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\""))\
        \(NewsroomLayout.input("password", s.passwordLabel, "", error: nil, type: "password", required: true,
                               extra: " autocomplete=\"current-password\""))\
        <p><button type="submit">\(s.signInButton)</button></p>
        </form>
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// The dashboard: my drafts, waiting for review, scheduled, recently published.
    public static func dashboard(_ c: NewsroomChrome, _ v: DashboardView) -> HTML {
        let lists: HTML = v.lists.html { list in
            """
            <section class="list">
            <h2>\(list.title)</h2>
            \(NewsroomLayout.articleTable(list.rows, c.strings))
            </section>

            """
        }
        let charts = c.strings.charts
        let traffic: HTML = v.traffic.isEmpty ? .empty : """
            <section class="traffic" aria-labelledby="traffic-title">
            <h2 id="traffic-title">\(charts.trafficTitle)</h2>
            <div class="charts">\(v.traffic.html { NewsroomCharts.week($0.days, title: $0.edition, strings: charts) })</div>
            </section>

            """
        return NewsroomLayout.page(c, main: "\(traffic)\(lists)")
    }

    /// The article list with its filters (a GET form).
    public static func articleList(_ c: NewsroomChrome, _ v: ArticleListView) -> HTML {
        let s = c.strings
        let main: HTML = """
        <form method="get" action="/articles" class="filters">
        \(NewsroomLayout.select("edition", s.edition, v.editions, error: nil))\
        \(NewsroomLayout.select("section", s.section, v.sections, error: nil))\
        \(NewsroomLayout.select("status", s.status, v.states, error: nil))\
        \(NewsroomLayout.input("author", s.author, v.author, error: nil))\
        \(NewsroomLayout.input("q", s.titleWords, v.words, error: nil, type: "search"))\
        <p><button type="submit">\(s.filterButton)</button></p>
        </form>
        \(NewsroomLayout.articleTable(v.rows, s))
        <nav class="pager" aria-label="\(s.articlesTitle)">
        \(v.newerHref.html { "<a href=\"\($0)\" rel=\"prev\">\(s.newer)</a>" })
        \(v.olderHref.html { "<a href=\"\($0)\" rel=\"next\">\(s.older)</a>" })
        </nav>
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// The article form, new or existing, with the actions the user may take.
    public static func articleForm(_ c: NewsroomChrome, _ v: ArticleFormView) -> HTML {
        NewsroomLayout.page(c, main: articleFormBody(c, v))
    }

    /// The form itself, with the article's state above it.
    static func articleFormBody(_ c: NewsroomChrome, _ v: ArticleFormView) -> HTML {
        let s = c.strings
        let action = v.articleID.map { "/articles/\($0)" } ?? "/articles"
        let isLive = v.state == .published
        let edition: HTML = v.articleID == nil
            ? NewsroomLayout.select("edition", s.edition, v.editions, error: v.errors["edition"])
            : "<input type=\"hidden\" name=\"edition\" value=\"\(v.value("edition"))\"><p class=\"fixed\"><span>\(s.edition)</span> \(v.editions.first { $0.selected }?.label ?? v.value("edition"))</p>\n"
        let status: HTML = v.state.html { state in
            """
            <p class="state">\(s.status): <strong>\(s.stateName(state))</strong>\(v.hasPendingChanges ? " — \(v.changesInReview ? s.changesInReviewNotice : s.pendingNotice)" : "")\
            \(v.liveURL.html { " <a href=\"\($0)\">\(s.viewLive)</a>" })\
            \(v.articleID.html { " <a href=\"/articles/\($0)/history\">\(s.history)</a>" })\
            \(v.storyHref.html { " <a href=\"\($0)\">\(s.stories.storyLink)</a>" })</p>
            \(v.reads.html { NewsroomCharts.week($0, title: s.charts.readsTitle, strings: s.charts) })
            """
        }
        var buttons: [HTML] = [
            "<button type=\"submit\" name=\"action\" value=\"save\">\(isLive ? s.saveChanges : s.save)</button>",
            "<button type=\"submit\" name=\"action\" value=\"preview\" formtarget=\"_blank\" class=\"quiet\">\(s.preview)</button>",
        ]
        if v.canPublish {
            buttons.append("<button type=\"submit\" name=\"action\" value=\"publish\" class=\"primary\">\(isLive ? s.publishChanges : s.publish)</button>")
            if !isLive { buttons.append("<button type=\"submit\" name=\"action\" value=\"schedule\">\(s.schedule)</button>") }
            if isLive { buttons.append("<button type=\"submit\" name=\"action\" value=\"unpublish\" class=\"danger\">\(s.unpublish)</button>") }
        } else if isLive {
            // The changes an author saves to a live article reach readers through an editor.
            if !v.changesInReview {
                buttons.append("<button type=\"submit\" name=\"action\" value=\"submit\" class=\"primary\">\(s.submitChanges)</button>")
            }
        } else if v.state != .review {
            buttons.append("<button type=\"submit\" name=\"action\" value=\"submit\" class=\"primary\">\(s.submit)</button>")
        }
        let main: HTML = """
        \(status)\
        \(v.translation.html { translationNotice(c, $0) })\
        <form method="post" action="\(action)" class="article-form" enctype="multipart/form-data">
        \(NewsroomLayout.csrf(c))
        <input type="hidden" name="revision" value="\(v.revisionID.map(String.init) ?? "")">
        \(v.translation.html { "<input type=\"hidden\" name=\"source_revision\" value=\"\($0.sourceRevision)\">\n" })\
        \(edition)\
        \(NewsroomLayout.input("title", s.headline, v.value("title"), error: v.errors["title"], required: true))\
        \(NewsroomLayout.select("section", s.section, v.sections, error: v.errors["section"]))\
        \(NewsroomLayout.input("slug", s.slug, v.value("slug"), error: v.errors["slug"], hint: s.slugHint,
                               extra: " pattern=\"[a-z0-9]+(-[a-z0-9]+)*\" autocapitalize=\"none\" spellcheck=\"false\""))\
        \(NewsroomLayout.input("story", s.story, v.value("story"), error: v.errors["story"], hint: s.storyHint,
                               extra: " autocapitalize=\"none\" spellcheck=\"false\""))\
        \(NewsroomLayout.input("dateline", s.dateline, v.value("dateline"), error: v.errors["dateline"]))\
        \(NewsroomLayout.textarea("lead", s.lead, v.value("lead"), error: v.errors["lead"], rows: 3))\
        \(NewsroomLayout.textarea("body", s.body, v.value("body"), error: v.errors["body"], hint: s.bodyHint, rows: 18))\
        \(NewsroomLayout.input("tags", s.tags, v.value("tags"), error: v.errors["tags"], hint: s.tagsHint,
                               extra: " list=\"known-tags\" autocapitalize=\"none\""))\
        <datalist id="known-tags">\(v.knownTags.html { "<option value=\"\($0)\">" })</datalist>
        \(NewsroomLayout.textarea("bylines", s.bylines, v.value("bylines"), error: v.errors["bylines"], hint: s.bylinesHint, rows: 2))\
        \(NewsroomLayout.input("photo", s.photo, v.value("photo"), error: v.errors["photo"], hint: s.photoHint))\
        \(MediaReference(v.value("photo")).html { "<p class=\"current-photo\"><img src=\"\($0.url(width: $0.renditionWidths[0], format: .jpg))\" alt=\"\" width=\"\($0.renditionWidths[0])\" height=\"\($0.height(atWidth: $0.renditionWidths[0]))\"></p>\n" })\
        \(NewsroomLayout.input("upload", s.media.upload, "", error: v.errors["upload"], hint: s.media.uploadHint, type: "file",
                               extra: " accept=\"image/jpeg,image/png,image/webp\""))\
        \(NewsroomLayout.input("alt", s.alt, v.value("alt"), error: v.errors["alt"], hint: s.altHint))\
        \(NewsroomLayout.input("caption", s.caption, v.value("caption"), error: v.errors["caption"]))\
        \(NewsroomLayout.input("credit", s.credit, v.value("credit"), error: v.errors["credit"]))\
        \(NewsroomLayout.input("published", s.publicationTime, v.value("published"), error: v.errors["published"],
                               hint: s.publicationHint(v.zoneName), type: "datetime-local"))\
        \(isLive ? NewsroomLayout.textarea("note", s.note, v.value("note"), error: v.errors["note"], hint: s.noteHint, rows: 2) : HTML.empty)\
        <p class="actions">\(buttons)</p>
        </form>
        """
        return main
    }

    /// A refused stale save: their saved version beside the user's, then the form with the
    /// user's version (nothing typed is lost), based on their revision.
    public static func stale(_ c: NewsroomChrome, message: String, fields: [FieldDiffView], form: ArticleFormView) -> HTML {
        let s = c.strings
        let main: HTML = """
        <p class="notice error" role="alert">\(message)</p>
        \(diffTable(fields, s, from: s.theirVersion, to: s.yourVersion))
        <h2>\(s.yourVersion)</h2>
        \(articleFormBody(c, form))
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// An article's revisions with two columns of radio buttons to pick a pair (a GET form).
    public static func history(_ c: NewsroomChrome, _ v: HistoryView) -> HTML {
        let s = c.strings
        let main: HTML = """
        <p><a href="/articles/\(v.articleID)">\(s.editArticleTitle)</a></p>
        <form method="get" action="/articles/\(v.articleID)/compare">
        <table class="revisions">
        <thead><tr><th scope="col">\(s.from)</th><th scope="col">\(s.to)</th><th scope="col">\(s.revision)</th><th scope="col">\(s.savedAt)</th><th scope="col">\(s.author)</th><th scope="col">\(s.source)</th><th scope="col">\(s.headline)</th></tr></thead>
        <tbody>
        \(v.rows.enumerated().map { index, row -> HTML in
            """
            <tr><td><input type="radio" name="from" value="\(row.id)" aria-label="\(s.from) \(row.number)"\(index == 1 ? " checked" : "")></td>\
            <td><input type="radio" name="to" value="\(row.id)" aria-label="\(s.to) \(row.number)"\(index == 0 ? " checked" : "")></td>\
            <td>\(row.number)\(row.isLive ? " ●" : "")</td><td>\(row.savedAt)</td><td>\(row.author)</td><td>\(row.source)</td><td>\(row.title)</td></tr>

            """
        })\
        </tbody>
        </table>
        <p><button type="submit">\(s.compare)</button></p>
        </form>
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// Two revisions side by side with their word differences marked.
    public static func compare(_ c: NewsroomChrome, _ v: CompareView) -> HTML {
        let s = c.strings
        let restore: HTML = v.restorable.html { id in
            """
            <form method="post" action="/articles/\(v.articleID)/restore">\(NewsroomLayout.csrf(c))\
            <input type="hidden" name="revision" value="\(id)"><input type="hidden" name="current" value="\(v.current.map(String.init) ?? "")">\
            <button type="submit">\(s.restore): \(v.fromLabel)</button></form>
            """
        }
        let main: HTML = """
        <p><a href="/articles/\(v.articleID)/history">\(s.history)</a></p>
        \(diffTable(v.fields, s, from: v.fromLabel, to: v.toLabel))
        \(restore)
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// Field-by-field comparison: the old text with removals marked, the new with additions.
    static func diffTable(_ fields: [FieldDiffView], _ s: NewsroomStrings, from: String, to: String) -> HTML {
        """
        <table class="diff">
        <thead><tr><th scope="col"></th><th scope="col">\(from)</th><th scope="col">\(to)</th></tr></thead>
        <tbody>
        \(fields.html { field in
            let old: HTML = field.pieces.html { piece in
                switch piece {
                case .same(let text): return "\(text)"
                case .removed(let text): return "<del>\(text)</del>"
                case .added: return .empty
                }
            }
            let new: HTML = field.pieces.html { piece in
                switch piece {
                case .same(let text): return "\(text)"
                case .added(let text): return "<ins>\(text)</ins>"
                case .removed: return .empty
                }
            }
            return """
            <tr class="\(field.changed ? "changed" : "same")"><th scope="row">\(field.label)</th><td>\(old)</td><td>\(field.changed ? new : "<span class=\"unchanged\">\(s.unchanged)</span>")</td></tr>

            """
        })\
        </tbody>
        </table>
        """
    }

    /// The users, for admins.
    public static func users(_ c: NewsroomChrome, _ rows: [UserRowView]) -> HTML {
        let s = c.strings
        let main: HTML = """
        <p><a href="/users/new">\(s.newUser)</a></p>
        <table class="users">
        <thead><tr><th scope="col">\(s.nameLabel)</th><th scope="col">\(s.displayName)</th><th scope="col">\(s.role)</th><th scope="col">\(s.editions)</th><th scope="col">\(s.status)</th></tr></thead>
        <tbody>
        \(rows.html { row in
            "<tr><td><a href=\"\(row.href)\">\(row.name)</a></td><td>\(row.displayName)</td><td>\(row.role)</td><td>\(row.editions)</td><td>\(row.disabled ? s.disabled : "")</td></tr>\n"
        })\
        </tbody>
        </table>
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// A user's form: new (with a name) or existing.
    public static func userForm(_ c: NewsroomChrome, _ v: UserFormView) -> HTML {
        let s = c.strings
        let editions: HTML = """
            <fieldset class="field\(v.errors["editions"] == nil ? "" : " invalid")"><legend>\(s.editions)</legend>
            \(v.editions.html { "<label class=\"check\"><input type=\"checkbox\" name=\"editions\" value=\"\($0.value)\"\($0.selected ? " checked" : "")> \($0.label)</label>\n" })\
            \(v.errors["editions"].html { "<p class=\"error-text\">\($0)</p>" })
            </fieldset>

            """
        let main: HTML = """
        <form method="post" action="\(v.userID.map { "/users/\($0)" } ?? "/users")" class="user-form">
        \(NewsroomLayout.csrf(c))
        \(v.userID == nil ? NewsroomLayout.input("name", s.nameLabel, v.name, error: v.errors["name"], required: true,
                                                 extra: " autocapitalize=\"none\" spellcheck=\"false\"")
                          : "<p class=\"fixed\"><span>\(s.nameLabel)</span> \(v.name)</p>\n")\
        \(NewsroomLayout.input("display_name", s.displayName, v.displayName, error: v.errors["display_name"]))\
        \(NewsroomLayout.select("role", s.role, v.roles, error: v.errors["role"]))\
        \(editions)\
        \(v.userID == nil ? HTML.empty : "<label class=\"check\"><input type=\"checkbox\" name=\"disabled\" value=\"1\"\(v.disabled ? " checked" : "")> \(s.disabled)</label>\n")\
        \(NewsroomLayout.input("password", s.newPassword, "", error: v.errors["password"], hint: s.passwordHint, type: "password",
                               extra: " autocomplete=\"new-password\""))\
        <p><button type="submit">\(v.userID == nil ? s.addUser : s.saveUser)</button></p>
        </form>
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// The audit log, newest first.
    public static func audit(_ c: NewsroomChrome, _ rows: [AuditRowView], olderHref: String?) -> HTML {
        let s = c.strings
        let main: HTML = """
        <table class="audit">
        <thead><tr><th scope="col">\(s.when)</th><th scope="col">\(s.who)</th><th scope="col">\(s.what)</th><th scope="col">\(s.object)</th><th scope="col">\(s.address)</th><th scope="col">\(s.detail)</th></tr></thead>
        <tbody>
        \(rows.html { "<tr><td>\($0.when)</td><td>\($0.who)</td><td>\($0.what)</td><td>\($0.object)</td><td>\($0.address)</td><td>\($0.detail)</td></tr>\n" })\
        </tbody>
        </table>
        \(olderHref.html { "<nav class=\"pager\" aria-label=\"\(s.auditTitle)\"><a href=\"\($0)\" rel=\"next\">\(s.older)</a></nav>" })
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// An error page (403, 404, 400, 500).
    public static func error(_ c: NewsroomChrome, message: String) -> HTML {
        NewsroomLayout.page(c, main: "<p>\(message)</p>\n<p><a href=\"/\">\(c.strings.backToDashboard)</a></p>")
    }
}
