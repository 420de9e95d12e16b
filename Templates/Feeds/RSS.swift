import HeraldSupport
import NewsCore

/// An RSS channel's head.
public struct FeedChannel: Sendable {
    public var title: String
    /// The page the feed follows (absolute).
    public var link: String
    /// The feed's own address (absolute), for `atom:link rel="self"`.
    public var selfLink: String
    public var description: String
    /// A BCP 47 language tag.
    public var language: String
    /// RFC 822 time of the newest item.
    public var lastBuildDate: String?
    public init(title: String, link: String, selfLink: String, description: String, language: String, lastBuildDate: String?) {
        self.title = title
        self.link = link
        self.selfLink = selfLink
        self.description = description
        self.language = language
        self.lastBuildDate = lastBuildDate
    }
}

/// One article in a feed.
public struct FeedItem: Sendable {
    public var title: String
    public var link: String
    /// Stable whatever the slug becomes: not a permalink.
    public var guid: String
    /// RFC 822.
    public var pubDate: String
    public var description: String
    public var category: String?
    /// An absolute image address, as a Media RSS element.
    public var image: String?
    public init(title: String, link: String, guid: String, pubDate: String, description: String, category: String?, image: String?) {
        self.title = title
        self.link = link
        self.guid = guid
        self.pubDate = pubDate
        self.description = description
        self.category = category
        self.image = image
    }
}

/// Feeds: RSS 2.0 with the Atom self link and Media RSS images.
public enum Feeds {
    /// The RSS 2.0 document.
    public static func rss(_ channel: FeedChannel, _ items: [FeedItem]) -> XML {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
        <channel>
        <title>\(channel.title)</title>
        <link>\(channel.link)</link>
        <atom:link href="\(channel.selfLink)" rel="self" type="application/rss+xml"/>
        <description>\(channel.description)</description>
        <language>\(channel.language)</language>
        \(channel.lastBuildDate.map { "<lastBuildDate>\($0)</lastBuildDate>\n" as XML } ?? .empty)\
        <generator>Herald</generator>
        \(items.xml { item in
            """
            <item>
            <title>\(item.title)</title>
            <link>\(item.link)</link>
            <guid isPermaLink="false">\(item.guid)</guid>
            <pubDate>\(item.pubDate)</pubDate>
            <description>\(item.description)</description>
            \(item.category.map { "<category>\($0)</category>\n" as XML } ?? .empty)\
            \(item.image.map { "<media:content url=\"\($0)\" medium=\"image\"/>\n" as XML } ?? .empty)\
            </item>

            """
        })\
        </channel>
        </rss>

        """
    }
}
