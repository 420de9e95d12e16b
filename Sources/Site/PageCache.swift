import Foundation
import HTTPServer
import HeraldSupport
import NewsCore
import Synchronization

/// Rendered pages held in memory, prepared (ETag, gzip form) and sent without a copy, bounded in
/// bytes.
///
/// An entry belongs to the snapshot generation it was rendered from and to one local day of its
/// edition (pages show today's date): a lookup under another generation, or after the day ended,
/// misses. Entries are spread over stripes by key, each with its share of the budget; a full stripe
/// drops entries of older generations first, then the least recently used.
public final class PageCache: Sendable {
    /// One cached page.
    final class Entry: Sendable {
        let representation: Representation
        let generation: UInt64
        /// Unix time the entry stops being valid (its edition's next midnight).
        let expires: Int64
        /// The article whose view a GET of this page counts.
        let articleID: Int64?
        let cost: Int
        let lastUsed: Atomic<UInt64>

        init(_ representation: Representation, generation: UInt64, expires: Int64, articleID: Int64?, key: String, tick: UInt64) {
            self.representation = representation
            self.generation = generation
            self.expires = expires
            self.articleID = articleID
            cost = representation.byteCount + key.utf8.count + 1024   // allocation and table overhead
            lastUsed = Atomic(tick)
        }
    }

    private struct Table {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private final class Stripe: Sendable {
        let table = ReadMostly(Table())
    }

    /// The byte budget across all stripes.
    public let capacity: Int
    private let stripes = (0..<16).map { _ in Stripe() }
    private let clock = Atomic<UInt64>(0)

    /// A cache holding at most `capacity` bytes of pages.
    public init(capacity: Int) { self.capacity = capacity }

    /// The cache key of a request, or nil when its page is not cached: only URLs in the form the
    /// site links to are (no query or just `page=N`, and no percent-escapes — every slug and path
    /// is plain ASCII), so made-up query strings or other spellings of a URL cannot crowd them out.
    static func key(_ request: Request) -> String? {
        guard request.query.isEmpty || (request.query.count == 1 && request.query[0].name == "page"),
              !request.target.utf8.contains(UInt8(ascii: "%")) else { return nil }
        return request.target
    }

    /// The page stored under `key` for `generation`, if it is still valid at `now`.
    func page(_ key: String, generation: UInt64, now: Int64) -> Entry? {
        guard let entry = stripe(key).table.read().entries[key], entry.generation == generation, now < entry.expires else {
            return nil
        }
        entry.lastUsed.store(clock.add(1, ordering: .relaxed).newValue, ordering: .relaxed)
        return entry
    }

    /// Stores a page, making room in its stripe.
    func store(_ key: String, _ representation: Representation, generation: UInt64, expires: Int64, articleID: Int64?) {
        let entry = Entry(representation, generation: generation, expires: expires, articleID: articleID, key: key,
                          tick: clock.add(1, ordering: .relaxed).newValue)
        let budget = capacity / stripes.count
        guard entry.cost <= budget else { return }
        stripe(key).table.update { table in
            if let old = table.entries.updateValue(entry, forKey: key) { table.bytes -= old.cost }
            table.bytes += entry.cost
            while table.bytes > budget, let victim = table.entries.min(by: { a, b in
                let older = (a.value.generation < generation, b.value.generation < generation)
                if older.0 != older.1 { return older.0 }
                return a.value.lastUsed.load(ordering: .relaxed) < b.value.lastUsed.load(ordering: .relaxed)
            }) {
                table.bytes -= victim.value.cost
                table.entries.removeValue(forKey: victim.key)
            }
        }
    }

    /// Bytes held now.
    public var bytes: Int { stripes.reduce(0) { $0 + $1.table.read().bytes } }

    /// Pages held now.
    public var count: Int { stripes.reduce(0) { $0 + $1.table.read().entries.count } }

    private func stripe(_ key: String) -> Stripe {
        var hasher = Hasher()
        hasher.combine(key)
        return stripes[Int(UInt(bitPattern: hasher.finalize()) % UInt(stripes.count))]
    }
}
