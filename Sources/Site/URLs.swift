import NewsCore

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
        "/\(edition)/\(sectionPath)/\(id)-\(slug)"
    }

    /// A list page with its page number (page 1 has none).
    public static func paged(_ path: String, page: Int) -> String {
        page <= 1 ? path : "\(path)?page=\(page)"
    }
}
