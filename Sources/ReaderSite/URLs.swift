import HeraldSupport
import NewsCore
import Templates

/// The reader site's URL scheme, in one place.
public enum URLs {
    /// "/en/".
    public static func home(_ edition: String) -> String { "/\(edition)/" }

    /// "/en/news/elections/".
    public static func section(_ edition: String, _ path: String) -> String { "/\(edition)/\(path)/" }

    /// "/en/tag/elections".
    public static func tag(_ edition: String, _ slug: String) -> String { "/\(edition)/tag/\(slug)" }

    /// "/en/news/elections/123-early-voting-opens".
    public static func article(_ edition: String, sectionPath: String, id: Int64, slug: String) -> String {
        articleHref(edition, sectionPath: sectionPath, id: id, slug: slug).description
    }

    /// The same path in its parts, for links a template writes straight into a page.
    public static func articleHref(_ edition: String, sectionPath: String, id: Int64, slug: String) -> ArticleHref {
        ArticleHref(edition: edition, sectionPath: sectionPath, id: id, slug: slug)
    }

    /// "/en/rss.xml", "/en/news/elections/rss.xml", "/en/tag/elections/rss.xml".
    public static func feed(_ edition: String, section: String? = nil, tag: String? = nil) -> String {
        if let section { return "/\(edition)/\(section)/rss.xml" }
        if let tag { return "/\(edition)/tag/\(tag)/rss.xml" }
        return "/\(edition)/rss.xml"
    }

    /// A list page with its page number (page 1 has none).
    public static func paged(_ path: String, page: Int) -> String {
        page <= 1 ? path : "\(path)?page=\(page)"
    }
}
