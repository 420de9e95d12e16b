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

    /// "/en/opensearch.xml": the edition's OpenSearch description.
    public static func openSearch(_ edition: String) -> String { "/\(edition)/opensearch.xml" }

    /// "/en/search" (the query goes in `q`).
    public static func search(_ edition: String) -> String { "/\(edition)/search" }

    /// Text for a URL query value: unreserved ASCII as it is, every other byte percent-encoded.
    public static func queryValue(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }

    /// "/sitemap.xml": the index of every edition's sitemaps.
    public static let sitemapIndex = "/sitemap.xml"

    /// "/en/sitemap-articles-1.xml", "/en/sitemap-tags-1.xml", "/en/sitemap-sections.xml",
    /// "/en/sitemap-news.xml".
    public static func sitemap(_ edition: String, _ file: SitemapName) -> String { "/\(edition)/\(file.fileName)" }

    /// A list page with its page number (page 1 has none).
    public static func paged(_ path: String, page: Int) -> String {
        page <= 1 ? path : "\(path)?page=\(page)"
    }
    /// An edition's Popular list as an ESI fragment.
    public static func popularFragment(_ edition: String) -> String { "/_fragments/popular/\(edition)" }
}

/// The files of an edition's sitemap.
public enum SitemapName: Equatable, Sendable {
    /// The n-th slice (from 1) of its live articles, oldest first.
    case articles(Int)
    /// The n-th slice (from 1) of its tags with articles.
    case tags(Int)
    /// Its home and sections.
    case sections
    /// Google News: its articles of the last 48 hours.
    case news

    var fileName: String {
        switch self {
        case .articles(let n): "sitemap-articles-\(n).xml"
        case .tags(let n): "sitemap-tags-\(n).xml"
        case .sections: "sitemap-sections.xml"
        case .news: "sitemap-news.xml"
        }
    }

    /// Reads a file name; nil for anything else (numbers from 1, without leading zeros).
    init?(fileName name: Substring) {
        guard name.hasPrefix("sitemap-"), name.hasSuffix(".xml") else { return nil }
        let stem = name.dropFirst(8).dropLast(4)
        func number(_ text: Substring) -> Int? {
            guard (1...6).contains(text.count), text.first != "0", text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return Int(text)
        }
        switch stem {
        case "sections": self = .sections
        case "news": self = .news
        default:
            if stem.hasPrefix("articles-"), let n = number(stem.dropFirst(9)) { self = .articles(n) }
            else if stem.hasPrefix("tags-"), let n = number(stem.dropFirst(5)) { self = .tags(n) }
            else { return nil }
        }
    }

}
