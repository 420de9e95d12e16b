import HeraldSupport
import NewsCore

/// One file of a sitemap index.
public struct SitemapFile: Sendable {
    public var loc: String
    /// W3C datetime of its newest change, when known cheaply.
    public var lastmod: String?
    public init(loc: String, lastmod: String?) {
        self.loc = loc
        self.lastmod = lastmod
    }
}

/// One page of a sitemap, with every language version of it (itself included) and x-default.
public struct SitemapURL: Sendable {
    public var loc: String
    public var lastmod: String?
    public var alternates: [(hreflang: String, href: String)]
    public init(loc: String, lastmod: String?, alternates: [(hreflang: String, href: String)]) {
        self.loc = loc
        self.lastmod = lastmod
        self.alternates = alternates
    }
}

/// One article of a Google News sitemap.
public struct NewsSitemapURL: Sendable {
    public var loc: String
    public var publicationName: String
    /// Google News' code: ISO 639 ("kk", "uz"), "zh-cn"/"zh-tw" for Chinese.
    public var language: String
    /// W3C datetime.
    public var publicationDate: String
    public var title: String
    public init(loc: String, publicationName: String, language: String, publicationDate: String, title: String) {
        self.loc = loc
        self.publicationName = publicationName
        self.language = language
        self.publicationDate = publicationDate
        self.title = title
    }
}

/// Sitemaps (sitemaps.org 0.9) with hreflang alternates (xhtml:link), and Google News sitemaps.
public enum Sitemaps {
    /// The protocol's limits for one file: URLs, and bytes before compression.
    public static let maxURLs = 50_000
    public static let maxBytes = 50 * 1024 * 1024

    /// The bytes one URL entry can take at most: its own address and each alternate's are at
    /// most `longestURL` bytes, hreflang values at most 16.
    public static func entryBound(longestURL: Int, alternates: Int) -> Int {
        let url = "<url>\n<loc></loc>\n<lastmod>0000-00-00T00:00:00Z</lastmod>\n</url>\n".utf8.count + longestURL
        let link = "<xhtml:link rel=\"alternate\" hreflang=\"\" href=\"\"/>\n".utf8.count + 16 + longestURL
        return url + alternates * link
    }

    public static func index(_ files: [SitemapFile]) -> XML {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        \(files.xml { file in
            """
            <sitemap>
            <loc>\(file.loc)</loc>
            \(file.lastmod.map { "<lastmod>\($0)</lastmod>\n" as XML } ?? .empty)\
            </sitemap>

            """
        })\
        </sitemapindex>

        """
    }

    public static func urlset(_ urls: [SitemapURL]) -> XML {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
        \(urls.xml { url in
            """
            <url>
            <loc>\(url.loc)</loc>
            \(url.lastmod.map { "<lastmod>\($0)</lastmod>\n" as XML } ?? .empty)\
            \(url.alternates.xml { "<xhtml:link rel=\"alternate\" hreflang=\"\($0.hreflang)\" href=\"\($0.href)\"/>\n" })\
            </url>

            """
        })\
        </urlset>

        """
    }

    public static func news(_ urls: [NewsSitemapURL]) -> XML {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        \(urls.xml { url in
            """
            <url>
            <loc>\(url.loc)</loc>
            <news:news>
            <news:publication><news:name>\(url.publicationName)</news:name><news:language>\(url.language)</news:language></news:publication>
            <news:publication_date>\(url.publicationDate)</news:publication_date>
            <news:title>\(url.title)</news:title>
            </news:news>
            </url>

            """
        })\
        </urlset>

        """
    }
}
