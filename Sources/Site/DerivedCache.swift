import NewsCore
import NewsStore
import Templates

/// Derived reader data held in memory for the current content version: related news per article
/// and each edition's home lineup, as ready-made links.
///
/// Both are derived data like Popular. Ranking related candidates across several large tags is the
/// most expensive query of an article page (measured ≈ 25–50 µs of ~230 µs per request on the
/// 100k-article benchmark); a home lineup is nine statements and ~45 rows (≈ 30 µs of ~160 µs).
/// Entries belong to one content version; any editorial write moves the version and the next
/// request starts a fresh cache. Bounded by entry count. Pages are still rendered per request
/// from these when the page cache is off.
final class DerivedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entries {
        var version: Int64 = -1
        var values: [Key: Value] = [:]
    }

    private let entries = ReadMostly(Entries())
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The cached value for a key at a content version.
    func get(_ key: Key, version: Int64) -> Value? {
        let current = entries.read()
        return current.version == version ? current.values[key] : nil
    }

    /// Stores a value; a new version or a full cache starts over.
    func put(_ key: Key, version: Int64, _ value: Value) {
        entries.update { e in
            if e.version != version || e.values.count >= capacity { e = Entries(version: version, values: [:]) }
            e.values[key] = value
        }
    }
}
