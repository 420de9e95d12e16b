import HeraldSupport
/// Whether an article is visible to readers.
public enum ArticleStatus: String, Sendable, Codable {
    case draft, published
}

/// A full article as its page shows it.
public struct Article: Sendable, Equatable {
    /// The row id, part of the article's URL.
    public var id: Int64
    /// The edition code.
    public var edition: String
    /// The story this article tells in its edition.
    public var storyID: Int64
    /// The section it is filed in.
    public var sectionID: Int64
    /// The URL slug.
    public var slug: String
    /// The headline.
    public var title: String
    /// The dateline place ("ASTANA"), may be empty.
    public var dateline: String
    /// The summary paragraph.
    public var lead: String
    /// The body as sanitised HTML in UTF-8, rendered from Markdown on the way in. Kept as bytes:
    /// the page copies them straight into the response (validating a multi-kilobyte String on
    /// every request cost ~7 % of an article page).
    public var bodyHTML: [UInt8]
    /// The photo path or URL.
    public var photo: String?
    /// The photo caption.
    public var caption: String?
    /// The photo credit.
    public var credit: String?
    /// The photo's alternative text (nil: none given; the caption describes it).
    public var alt: String? = nil
    /// Publication time, Unix seconds.
    public var publishedAt: Int64
    /// Last correction time, Unix seconds.
    public var updatedAt: Int64?
    /// The authors named on the article, in order.
    public var bylines: [String]

    /// Builds an article.
    public init(id: Int64, edition: String, storyID: Int64, sectionID: Int64, slug: String, title: String,
                dateline: String, lead: String, bodyHTML: [UInt8], photo: String?, caption: String?,
                credit: String?, publishedAt: Int64, updatedAt: Int64?, bylines: [String] = []) {
        self.id = id
        self.edition = edition
        self.storyID = storyID
        self.sectionID = sectionID
        self.slug = slug
        self.title = title
        self.dateline = dateline
        self.lead = lead
        self.bodyHTML = bodyHTML
        self.photo = photo
        self.caption = caption
        self.credit = credit
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.bylines = bylines
    }
}

/// A note published with a change to an article, shown with its date at the article's foot.
public struct Correction: Sendable, Equatable {
    /// When it was published, Unix seconds.
    public var at: Int64
    /// What readers are told was corrected.
    public var note: String

    /// Builds a correction.
    public init(at: Int64, note: String) {
        self.at = at
        self.note = note
    }
}

/// What a list shows of an article: enough for a headline link.
public struct ArticleSummary: Sendable, Equatable {
    /// The row id.
    public var id: Int64
    /// The edition code.
    public var edition: String
    /// The section it is filed in.
    public var sectionID: Int64
    /// The URL slug.
    public var slug: String
    /// The headline.
    public var title: String
    /// The summary paragraph.
    public var lead: String
    /// The photo path or URL.
    public var photo: String?
    /// Publication time, Unix seconds.
    public var publishedAt: Int64

    /// Builds a summary.
    public init(id: Int64, edition: String, sectionID: Int64, slug: String, title: String, lead: String,
                photo: String?, publishedAt: Int64) {
        self.id = id
        self.edition = edition
        self.sectionID = sectionID
        self.slug = slug
        self.title = title
        self.lead = lead
        self.photo = photo
        self.publishedAt = publishedAt
    }
}

/// Where an article lives: enough to link to it.
public struct ArticleRef: Sendable, Equatable {
    /// The row id.
    public var id: Int64
    /// The edition code.
    public var edition: String
    /// The section it is filed in.
    public var sectionID: Int64
    /// The URL slug.
    public var slug: String

    /// Builds a reference.
    public init(id: Int64, edition: String, sectionID: Int64, slug: String) {
        self.id = id
        self.edition = edition
        self.sectionID = sectionID
        self.slug = slug
    }
}

/// A per-edition tag.
public struct Tag: Sendable, Equatable {
    /// The row id.
    public var id: Int64
    /// The edition code.
    public var edition: String
    /// The URL slug.
    public var slug: String
    /// The display name.
    public var name: String

    /// Builds a tag.
    public init(id: Int64, edition: String, slug: String, name: String) {
        self.id = id
        self.edition = edition
        self.slug = slug
        self.name = name
    }
}

/// One page of a list, with the total it was cut from.
public struct ArticlePage: Sendable {
    /// The articles on this page, newest first.
    public var articles: [ArticleSummary]
    /// How many articles the whole list has.
    public var total: Int

    /// Builds a page.
    public init(articles: [ArticleSummary], total: Int) {
        self.articles = articles
        self.total = total
    }
}
