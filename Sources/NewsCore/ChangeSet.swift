import HeraldSupport

/// The name of something reader pages are built from. A cached page records the keys of what it
/// shows; a write names the keys of what it changed; the page cache retires the pages holding one
/// of them, and the same keys are what a CDN purges by. The text forms are part of the contract.
public struct CacheKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The key as text: "article:123", "tag:en:elections", "header" …
    public let text: String

    private init(_ text: String) { self.text = text }

    /// An article: its page, and every list or box that shows its headline.
    public static func article(_ id: Int64) -> CacheKey { CacheKey("article:\(id)") }
    /// A story: the set of its translations (language switcher, hreflang links).
    public static func story(_ id: Int64) -> CacheKey { CacheKey("story:\(id)") }
    /// A tag's list in an edition (its pages, and related news drawn from it), and its name.
    public static func tag(_ edition: String, _ slug: String) -> CacheKey { CacheKey("tag:\(edition):\(slug)") }
    /// A section's list in an edition (its pages include its subsections' news).
    public static func section(_ edition: String, _ path: String) -> CacheKey { CacheKey("section:\(edition):\(path)") }
    /// An edition's home lineup.
    public static func home(_ edition: String) -> CacheKey { CacheKey("home:\(edition)") }
    /// An edition's sitemaps: which of its articles are live, their URLs and times, and their
    /// translations' URLs (every write to a live article of the edition, and URL moves of a
    /// translation, name it).
    public static func sitemap(_ edition: String) -> CacheKey { CacheKey("sitemap:\(edition)") }
    /// An edition's Popular list, shown on every page of the edition.
    public static func popular(_ edition: String) -> CacheKey { CacheKey("popular:\(edition)") }
    /// The site-wide chrome: editions, sections, settings, rates and weather — every page.
    public static let header = CacheKey("header")
    /// Everything: a write too large to list (a bulk import) retires every page.
    public static let everything = CacheKey("*")

    /// Reads a key from its text form; nil for anything that is not one.
    public init?(parsing text: Substring) {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        func isID(_ s: Substring) -> Bool { (1...18).contains(s.count) && s.utf8.allSatisfy { (0x30...0x39).contains($0) } }
        func isEdition(_ s: Substring) -> Bool { (2...8).contains(s.count) && s.utf8.allSatisfy { (0x61...0x7A).contains($0) } }
        switch (parts.first, parts.count) {
        case ("*", 1), ("header", 1): break
        case ("article", 2), ("story", 2): guard isID(parts[1]) else { return nil }
        case ("home", 2), ("popular", 2), ("sitemap", 2): guard isEdition(parts[1]) else { return nil }
        case ("tag", 3): guard isEdition(parts[1]), Slug.isValid(parts[2]) else { return nil }
        case ("section", 3): guard isEdition(parts[1]), Slug.isValidPath(parts[2]) else { return nil }
        default: return nil
        }
        self.init(String(text))
    }

    /// The article id of an `article:` key.
    public var articleID: Int64? {
        text.hasPrefix("article:") ? Int64(text.dropFirst(8)) : nil
    }

    /// The edition of a `popular:` key.
    public var popularEdition: String? {
        text.hasPrefix("popular:") ? String(text.dropFirst(8)) : nil
    }

    public var description: String { text }

    public static func < (a: CacheKey, b: CacheKey) -> Bool { a.text < b.text }
}

/// What one write changed, as the keys of the pages it affects. Every editorial write returns one
/// and records it with its transaction, so a server learns of writes by other processes too.
public struct ChangeSet: Sendable, Equatable {
    /// The keys changed.
    public private(set) var keys: Set<CacheKey>

    /// Past this many keys a change is recorded as `everything` (a bulk import).
    public static let largest = 1000

    /// A change of these keys.
    public init(_ keys: some Sequence<CacheKey> = [CacheKey]()) {
        self.keys = []
        for key in keys { insert(key) }
    }

    /// Adds a key; past `largest` keys the change becomes `everything` (and stays small).
    public mutating func insert(_ key: CacheKey) {
        guard !touchesEverything else { return }
        keys.insert(key)
        if key == .everything || keys.count > ChangeSet.largest { keys = [.everything] }
    }

    /// Adds every key of another change.
    public mutating func formUnion(_ other: ChangeSet) {
        for key in other.keys { insert(key) }
    }

    /// Nothing changed.
    public var isEmpty: Bool { keys.isEmpty }

    /// True when every page is affected.
    public var touchesEverything: Bool { keys.contains(.everything) }

    /// True when the site-wide chrome changed (or everything did).
    public var touchesHeader: Bool { keys.contains(.header) || touchesEverything }

    /// The articles named.
    public var articleIDs: [Int64] { keys.compactMap(\.articleID).sorted() }

    /// True when `key` is affected (named, or everything is).
    public func affects(_ key: CacheKey) -> Bool { touchesEverything || keys.contains(key) }

    /// The recorded text form: keys separated by spaces, sorted (`*` alone for everything).
    public var recorded: String {
        touchesEverything ? CacheKey.everything.text : keys.sorted().map(\.text).joined(separator: " ")
    }

    /// Reads the recorded form; unknown keys (from a newer version) make it `everything`.
    public init(recorded text: String) {
        self.keys = []
        for part in text.split(separator: " ") {
            guard let key = CacheKey(parsing: part) else { keys = [.everything]; break }
            insert(key)
        }
    }
}
