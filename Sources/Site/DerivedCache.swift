import NewsCore
import NewsStore
import Templates

/// Related news per article, as ready-made links, held in memory for the current content version.
///
/// The related list is derived data like Popular: ranking candidates across several large tags
/// is the most expensive query of an article page (measured ≈ 25–50 µs of ~230 µs per request on
/// the 100k-article benchmark). Entries belong to one content version; any editorial write moves
/// the version and the next request starts a fresh cache. Bounded by entry count.
final class RelatedCache: Sendable {
    private struct Entries {
        var version: Int64 = -1
        var lists: [Int64: [ArticleLink]] = [:]
    }

    private let entries = ReadMostly(Entries())
    private let capacity: Int

    init(capacity: Int = 50_000) { self.capacity = capacity }

    /// The cached list for an article at a content version.
    func get(_ articleID: Int64, version: Int64) -> [ArticleLink]? {
        let current = entries.read()
        return current.version == version ? current.lists[articleID] : nil
    }

    /// Stores a list; a new version or a full cache starts over.
    func put(_ articleID: Int64, version: Int64, _ list: [ArticleLink]) {
        entries.update { e in
            if e.version != version || e.lists.count >= capacity { e = Entries(version: version, lists: [:]) }
            e.lists[articleID] = list
        }
    }
}
