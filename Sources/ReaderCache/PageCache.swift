import HTTPServer
import NewsCore

/// Rendered pages held in memory, prepared (ETag, gzip form, 304s) and sent without a copy,
/// bounded in bytes, each retired by the keys of what it shows.
///
/// A page is stored with the keys its handler named (its article, the lists and boxes on it, the
/// edition's home and Popular, the header) and until a time (its edition's next midnight: pages
/// show today's date); a write retires only the pages holding one of its keys. Entries are spread
/// over stripes by URL, each with its share of the budget and its own lock.
public final class PageCache: Sendable {
    /// One cached page.
    struct Page: Sendable {
        let representation: Representation
        let expires: Int64
        let onHit: (@Sendable () -> Void)?
        /// The route that rendered it (hits are labelled with it in the metrics).
        var route: RouteName? = nil
    }

    /// The byte budget across all stripes.
    public let capacity: Int
    private let stripes: [DependentCache<String, String, Page>]

    /// A cache holding at most `capacity` bytes of pages over `stripes` locks (one page may take
    /// up to a stripe's share).
    public init(capacity: Int, stripes count: Int = 16) {
        self.capacity = capacity
        stripes = (0..<max(1, count)).map { _ in DependentCache(budget: capacity / max(1, count)) }
    }

    /// The cache key of a request, or nil when its page is not cached: only URLs in the form the
    /// site links to are (no query or just `page=N`, and no percent-escapes — every slug and path
    /// is plain ASCII), so made-up query strings or other spellings of a URL cannot crowd them out.
    static func key(_ request: Request) -> String? {
        guard request.query.isEmpty || (request.query.count == 1 && request.query[0].name == "page"),
              !request.target.utf8.contains(UInt8(ascii: "%")) else { return nil }
        // A cache node's fetch that takes ESI gets Popular as an include: another page.
        if request.header("surrogate-capability")?.contains("ESI/1.0") == true { return request.target + "\u{1}esi" }
        return request.target
    }

    /// The retirement count of `key`'s stripe: taken before a page is rendered (see `store`).
    func epoch(_ key: String) -> UInt64 { stripe(key).epoch }

    /// The page stored under `key`, if it is still valid at `now`.
    func page(_ key: String, now: Int64) -> Page? {
        stripe(key).get(key) { now < $0.expires }
    }

    /// Stores a page built from `keys`, unless one of its stripe's pages was retired since
    /// `epoch` (the page may show what was just changed).
    func store(_ key: String, _ page: Page, keys: [String], epoch: UInt64) {
        stripe(key).put(key, page, keys: keys, cost: page.representation.byteCount + key.utf8.count + 1024, epoch: epoch)
    }

    /// Drops every page holding one of the changed keys; returns how many.
    @discardableResult
    public func retire(_ changes: ChangeSet) -> Int {
        guard !changes.isEmpty else { return 0 }
        let keys = changes.keys.map(\.text)
        return stripes.reduce(0) { $0 + $1.retire(keys, everything: changes.touchesEverything) }
    }

    /// Hits, misses, evictions and retirements since start, pages and bytes held now.
    public var statistics: CacheStatistics { stripes.reduce(CacheStatistics()) { $0 + $1.statistics } }

    /// Bytes held now.
    public var bytes: Int { stripes.reduce(0) { $0 + $1.cost } }

    /// Pages held now.
    public var count: Int { stripes.reduce(0) { $0 + $1.count } }

    private func stripe(_ key: String) -> DependentCache<String, String, Page> {
        var hasher = Hasher()
        hasher.combine(key)
        return stripes[Int(UInt(bitPattern: hasher.finalize()) % UInt(stripes.count))]
    }
}
