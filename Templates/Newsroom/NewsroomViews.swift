import HeraldSupport
import NewsCore

/// The signed-in user as the newsroom's header shows them.
public struct NewsroomUserView: Sendable {
    public var name: String
    public var displayName: String
    public var isAdmin: Bool
    public init(name: String, displayName: String, isAdmin: Bool) {
        self.name = name
        self.displayName = displayName
        self.isAdmin = isAdmin
    }
}

/// What every newsroom page shares: its title, the user, the session's form token, a notice.
public struct NewsroomChrome: Sendable {
    public var strings: NewsroomStrings
    public var title: String
    public var user: NewsroomUserView?
    /// The per-session token each state-changing form carries.
    public var csrf: String
    public var stylesheet: String
    /// A message at the top of the page (saved, published …).
    public var notice: String?
    public var noticeIsError = false
    public init(strings: NewsroomStrings, title: String, user: NewsroomUserView?, csrf: String, stylesheet: String,
                notice: String? = nil, noticeIsError: Bool = false) {
        self.strings = strings
        self.title = title
        self.user = user
        self.csrf = csrf
        self.stylesheet = stylesheet
        self.notice = notice
        self.noticeIsError = noticeIsError
    }
}

/// A choice in a select or a set of checkboxes.
public struct Choice: Sendable {
    public var value: String
    public var label: String
    public var selected: Bool
    public init(value: String, label: String, selected: Bool) {
        self.value = value
        self.label = label
        self.selected = selected
    }
}

/// The article form: the values as typed (never lost), the errors beside their fields, and what
/// the user may do.
public struct ArticleFormView: Sendable {
    public var articleID: Int64?
    /// The revision the form was opened at (a save carries it back).
    public var revisionID: Int64?
    public var state: ArticleState?
    public var hasPendingChanges: Bool
    /// Those changes were sent for review.
    public var changesInReview: Bool = false
    /// The article's address on the site while it is live.
    public var liveURL: String?
    /// Field name → value, as typed.
    public var values: [String: String]
    /// Field name → what is wrong with it.
    public var errors: [String: String]
    /// The editions the user may write in (new articles), or the article's own.
    public var editions: [Choice]
    public var sections: [Choice]
    /// Tag slugs of the edition, offered as suggestions.
    public var knownTags: [String]
    /// The edition's time zone, for the publication time.
    public var zoneName: String
    public var canPublish: Bool
    /// The story's page (every edition), for a saved article.
    public var storyHref: String?
    /// Where a translation came from and what changed there since.
    public var translation: TranslationNoticeView?
    /// A saved article's reads on the last 7 days, oldest first.
    public var reads: [(day: String, views: Int)]?
    public init(articleID: Int64?, revisionID: Int64?, state: ArticleState?, hasPendingChanges: Bool, liveURL: String?,
                values: [String: String], errors: [String: String], editions: [Choice], sections: [Choice], knownTags: [String],
                zoneName: String, canPublish: Bool) {
        self.articleID = articleID
        self.revisionID = revisionID
        self.state = state
        self.hasPendingChanges = hasPendingChanges
        self.liveURL = liveURL
        self.values = values
        self.errors = errors
        self.editions = editions
        self.sections = sections
        self.knownTags = knownTags
        self.zoneName = zoneName
        self.canPublish = canPublish
    }

    /// The value of a field as typed (empty when absent).
    public func value(_ field: String) -> String { values[field] ?? "" }
}

/// One article in a newsroom list.
public struct ArticleRowView: Sendable {
    public var href: String
    public var title: String
    public var edition: String
    public var state: String
    public var pending: Bool
    /// The pending changes wait for review.
    public var inReview: Bool = false
    public var savedBy: String
    public var savedAt: String
    public init(href: String, title: String, edition: String, state: String, pending: Bool, savedBy: String, savedAt: String) {
        self.href = href
        self.title = title
        self.edition = edition
        self.state = state
        self.pending = pending
        self.savedBy = savedBy
        self.savedAt = savedAt
    }
}

/// The article list with its filters.
public struct ArticleListView: Sendable {
    public var editions: [Choice]
    public var sections: [Choice]
    public var states: [Choice]
    public var author: String
    public var words: String
    public var rows: [ArticleRowView]
    public var newerHref: String?
    public var olderHref: String?
    public init(editions: [Choice], sections: [Choice], states: [Choice], author: String, words: String, rows: [ArticleRowView],
                newerHref: String?, olderHref: String?) {
        self.editions = editions
        self.sections = sections
        self.states = states
        self.author = author
        self.words = words
        self.rows = rows
        self.newerHref = newerHref
        self.olderHref = olderHref
    }
}

/// The dashboard: titled lists.
public struct DashboardView: Sendable {
    public var lists: [(title: String, rows: [ArticleRowView])]
    /// Each of the user's editions' reads on the last 7 days, oldest first.
    public var traffic: [(edition: String, days: [(day: String, views: Int)])] = []
    public init(lists: [(title: String, rows: [ArticleRowView])]) { self.lists = lists }
}

/// One revision in an article's history.
public struct RevisionRowView: Sendable {
    public var id: Int64
    public var number: Int
    public var savedAt: String
    public var author: String
    public var source: String
    public var title: String
    public var isLive: Bool
    public init(id: Int64, number: Int, savedAt: String, author: String, source: String, title: String, isLive: Bool) {
        self.id = id
        self.number = number
        self.savedAt = savedAt
        self.author = author
        self.source = source
        self.title = title
        self.isLive = isLive
    }
}

/// An article's revisions, to pick two to compare.
public struct HistoryView: Sendable {
    public var articleID: Int64
    public var title: String
    public var rows: [RevisionRowView]
    public init(articleID: Int64, title: String, rows: [RevisionRowView]) {
        self.articleID = articleID
        self.title = title
        self.rows = rows
    }
}

/// One field of two versions side by side, with the word diff.
public struct FieldDiffView: Sendable {
    public var label: String
    public var pieces: [WordDiff.Piece]
    public var changed: Bool
    public init(label: String, pieces: [WordDiff.Piece], changed: Bool) {
        self.label = label
        self.pieces = pieces
        self.changed = changed
    }
}

/// Two revisions compared.
public struct CompareView: Sendable {
    public var articleID: Int64
    public var title: String
    public var fromLabel: String
    public var toLabel: String
    public var fields: [FieldDiffView]
    /// The older revision, offered for restoring; nil when it is the newest.
    public var restorable: Int64?
    /// The newest revision (a restore is based on it).
    public var current: Int64?
    public init(articleID: Int64, title: String, fromLabel: String, toLabel: String, fields: [FieldDiffView], restorable: Int64?,
                current: Int64?) {
        self.articleID = articleID
        self.title = title
        self.fromLabel = fromLabel
        self.toLabel = toLabel
        self.fields = fields
        self.restorable = restorable
        self.current = current
    }
}

/// The sign-in page.
public struct SignInView: Sendable {
    public var name: String
    public var error: String?
    public var notice: String?
    /// The form token paired with the sign-in cookie.
    public var token: String
    /// Where to go after signing in.
    public var next: String
    /// Fields typed before the session ended, carried through the sign-in and shown after it.
    public var resume: [(name: String, value: String)]
    public init(name: String, error: String?, notice: String?, token: String, next: String, resume: [(name: String, value: String)]) {
        self.name = name
        self.error = error
        self.notice = notice
        self.token = token
        self.next = next
        self.resume = resume
    }
}

/// One user in the admin list.
public struct UserRowView: Sendable {
    public var href: String
    public var name: String
    public var displayName: String
    public var role: String
    public var editions: String
    public var disabled: Bool
    public init(href: String, name: String, displayName: String, role: String, editions: String, disabled: Bool) {
        self.href = href
        self.name = name
        self.displayName = displayName
        self.role = role
        self.editions = editions
        self.disabled = disabled
    }
}

/// The user form (new or edit).
public struct UserFormView: Sendable {
    public var userID: Int64?
    public var name: String
    public var displayName: String
    public var roles: [Choice]
    public var editions: [Choice]
    public var disabled: Bool
    public var errors: [String: String]
    public init(userID: Int64?, name: String, displayName: String, roles: [Choice], editions: [Choice], disabled: Bool,
                errors: [String: String]) {
        self.userID = userID
        self.name = name
        self.displayName = displayName
        self.roles = roles
        self.editions = editions
        self.disabled = disabled
        self.errors = errors
    }
}

/// One audit entry as shown.
public struct AuditRowView: Sendable {
    public var when: String
    public var who: String
    public var what: String
    public var object: String
    public var address: String
    public var detail: String
    public init(when: String, who: String, what: String, object: String, address: String, detail: String) {
        self.when = when
        self.who = who
        self.what = what
        self.object = object
        self.address = address
        self.detail = detail
    }
}
