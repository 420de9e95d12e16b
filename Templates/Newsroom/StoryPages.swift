import HeraldSupport
import NewsCore

/// A story's article in one edition, as its page and the board show it.
public struct StoryCellView: Sendable {
    public var href: String
    public var title: String
    /// The state's name ("Draft", "Published").
    public var state: String
    public var outdated: Bool
    public var machineDraft: Bool
    /// "Made from the kz article, revision 3", for translations.
    public var madeFrom: String?
    public init(href: String, title: String, state: String, outdated: Bool, machineDraft: Bool, madeFrom: String?) {
        self.href = href
        self.title = title
        self.state = state
        self.outdated = outdated
        self.machineDraft = machineDraft
        self.madeFrom = madeFrom
    }
}

/// The "Translate into …" form of an edition that lacks the story.
public struct TranslateActionView: Sendable {
    public var label: String
    /// The story's articles to start from (the best one selected).
    public var sources: [Choice]
    public init(label: String, sources: [Choice]) {
        self.label = label
        self.sources = sources
    }
}

/// One edition's row on a story page.
public struct StoryEditionView: Sendable {
    public var code: String
    public var name: String
    /// Nil: the edition does not have the story.
    public var article: StoryCellView?
    /// Offered when it does not and the user works in the edition.
    public var translate: TranslateActionView?
    public init(code: String, name: String, article: StoryCellView?, translate: TranslateActionView?) {
        self.code = code
        self.name = name
        self.article = article
        self.translate = translate
    }
}

/// A story page: every edition, with its article's state or the way to make it.
public struct StoryView: Sendable {
    public var id: Int64
    public var editions: [StoryEditionView]
    public init(id: Int64, editions: [StoryEditionView]) {
        self.id = id
        self.editions = editions
    }
}

/// One story on the board: its headline and one cell per edition (nil: missing).
public struct BoardRowView: Sendable {
    public var href: String
    public var title: String
    public var cells: [StoryCellView?]
    public init(href: String, title: String, cells: [StoryCellView?]) {
        self.href = href
        self.title = title
        self.cells = cells
    }
}

/// The board: recent stories by edition, with its filters.
public struct BoardView: Sendable {
    public var days: [Choice]
    public var editions: [Choice]
    public var missingOnly: Bool
    /// The editions' codes, in column order.
    public var columns: [String]
    public var rows: [BoardRowView]
    public init(days: [Choice], editions: [Choice], missingOnly: Bool, columns: [String], rows: [BoardRowView]) {
        self.days = days
        self.editions = editions
        self.missingOnly = missingOnly
        self.columns = columns
        self.rows = rows
    }
}

/// What the article form says about a translation: where it came from, whether a machine wrote
/// it, and what changed in the source since.
public struct TranslationNoticeView: Sendable {
    public var madeFrom: String
    public var sourceHref: String
    public var machineDraft: Bool
    public var copied: Bool
    /// The source's changes since the revision recorded (empty: up to date).
    public var sourceChanges: [FieldDiffView]
    public var sourceEdition: String
    /// The source revision the form shows; saving records it.
    public var sourceRevision: Int64
    public init(madeFrom: String, sourceHref: String, machineDraft: Bool, copied: Bool, sourceChanges: [FieldDiffView],
                sourceEdition: String, sourceRevision: Int64) {
        self.madeFrom = madeFrom
        self.sourceHref = sourceHref
        self.machineDraft = machineDraft
        self.copied = copied
        self.sourceChanges = sourceChanges
        self.sourceEdition = sourceEdition
        self.sourceRevision = sourceRevision
    }
}

extension NewsroomPages {
    /// A story's editions: each one's article and state, or a "Translate into …" form.
    public static func story(_ c: NewsroomChrome, _ v: StoryView) -> HTML {
        let s = c.strings, t = s.stories
        let main: HTML = """
        <table class="story">
        <thead><tr><th scope="col">\(s.edition)</th><th scope="col">\(s.headline)</th><th scope="col">\(s.status)</th></tr></thead>
        <tbody>
        \(v.editions.html { edition in
            let article: HTML = edition.article.html { cell in
                "<td><a href=\"\(cell.href)\" dir=\"auto\">\(cell.title)</a>\(cell.madeFrom.html { "<br><small>\($0)</small>" })</td><td>\(stateLabel(cell, t))</td>"
            }
            let missing: HTML = edition.article == nil ? "<td>\(edition.translate.html { translateForm(c, v.id, edition.code, $0) })</td><td class=\"missing\">\(t.missing)</td>" : .empty
            return "<tr id=\"edition-\(edition.code)\"><th scope=\"row\">\(edition.name) (\(edition.code))</th>\(article)\(missing)</tr>\n"
        })\
        </tbody>
        </table>
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// A state with its marks: outdated, machine transliteration.
    static func stateLabel(_ cell: StoryCellView, _ t: NewsroomStoryStrings) -> HTML {
        "\(cell.state)\(cell.outdated ? " <strong class=\"outdated\">\(t.outdated)</strong>" : HTML.empty)\(cell.machineDraft ? " <em class=\"machine\">\(t.machineDraft)</em>" : HTML.empty)"
    }

    static func translateForm(_ c: NewsroomChrome, _ storyID: Int64, _ edition: String, _ action: TranslateActionView) -> HTML {
        """
        <form method="post" action="/stories/\(storyID)/translations" class="translate">\(NewsroomLayout.csrf(c))\
        <input type="hidden" name="edition" value="\(edition)">\
        <label for="from-\(edition)">\(c.strings.stories.fromArticle)</label> <select id="from-\(edition)" name="from">\
        \(action.sources.html { "<option value=\"\($0.value)\"\($0.selected ? " selected" : "")>\($0.label)</option>" })</select> \
        <button type="submit">\(action.label)</button></form>
        """
    }

    /// The board: recent stories, one column per edition, filterable (a GET form).
    public static func board(_ c: NewsroomChrome, _ v: BoardView) -> HTML {
        let s = c.strings, t = s.stories
        let table: HTML = v.rows.isEmpty ? "<p class=\"empty\">\(t.noStories)</p>" : """
            <table class="board">
            <thead><tr><th scope="col">\(s.headline)</th>\(v.columns.html { "<th scope=\"col\">\($0)</th>" })</tr></thead>
            <tbody>
            \(v.rows.html { row in
                let cells: HTML = row.cells.html { cell -> HTML in
                    guard let cell else { return "<td class=\"missing\">\(t.missing)</td>" }
                    return "<td><a href=\"\(cell.href)\">\(stateLabel(cell, t))</a></td>"
                }
                return "<tr><th scope=\"row\"><a href=\"\(row.href)\" dir=\"auto\">\(row.title)</a></th>\(cells)</tr>\n"
            })\
            </tbody>
            </table>
            """
        let main: HTML = """
        <form method="get" action="/stories" class="filters">
        \(NewsroomLayout.select("days", t.days, v.days, error: nil))\
        \(NewsroomLayout.select("edition", s.edition, v.editions, error: nil))\
        <p><label class="check"><input type="checkbox" name="missing" value="1"\(v.missingOnly ? " checked" : "")> \(t.missingInMine)</label></p>
        <p><button type="submit">\(s.filterButton)</button></p>
        </form>
        \(table)
        """
        return NewsroomLayout.page(c, main: main)
    }

    /// The translation's notice above the article form.
    static func translationNotice(_ c: NewsroomChrome, _ n: TranslationNoticeView) -> HTML {
        let s = c.strings, t = s.stories
        return """
        <div class="translation">
        <p><a href="\(n.sourceHref)">\(n.madeFrom)</a></p>
        \(n.machineDraft ? "<p class=\"notice machine\" role=\"note\">\(n.copied ? t.copyNotice : t.machineNotice)</p>" : HTML.empty)\
        \(n.sourceChanges.isEmpty ? HTML.empty : """
            <p class="notice error outdated">\(t.outdatedNotice(n.sourceEdition))</p>
            \(diffTable(n.sourceChanges, s, from: t.sourceSeen, to: t.sourceNow))
            """)
        </div>

        """
    }
}
