import HeraldSupport
import NewsCore
import NewsStore
import Templates

/// Derived reader data held in memory for the current content version: the article bundles,
/// related news, tag and section pages' rows and each edition's home lineup, as read (or as
/// ready-made links).
///
/// These are the data a page is rendered from, not pages: with the page cache off every page is
/// still rendered per request from them. They matter when many pages must be rendered while the
/// content stands still — the page cache is off or too small, or every page was just invalidated
/// by a changed Popular list (which does not move the content version). Measured on the
/// 100k-article benchmark, the reads they save are about half of an uncached article page
/// (article row, tags, translations ≈ 40 µs of ~95 µs of CPU), related ranking ≈ 25–50 µs, a home
/// lineup ≈ 30 µs (nine statements, ~45 rows).
///
/// Entries belong to one content version; any editorial write moves the version and the next
/// request starts a fresh cache. Each cache has a budget in cost units (entries or bytes); a
/// full cache starts over. A budget of 0 keeps nothing (`--data-cache-mb 0`).
final class DerivedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entries {
        var version: Int64 = -1
        var values: [Key: Value] = [:]
        var cost = 0
    }

    private let entries = ReadMostly(Entries())
    private let budget: Int

    /// A cache holding at most `budget` cost units.
    init(budget: Int) { self.budget = budget }

    /// The cached value for a key at a content version.
    func get(_ key: Key, version: Int64) -> Value? {
        guard budget > 0 else { return nil }
        let current = entries.read()
        return current.version == version ? current.values[key] : nil
    }

    /// Stores a value costing `cost` units; a new version or a full cache starts over.
    func put(_ key: Key, version: Int64, _ value: Value, cost: Int = 1) {
        guard cost <= budget else { return }
        entries.update { e in
            if e.version != version || e.cost + cost > budget { e = Entries(version: version) }
            if e.values.updateValue(value, forKey: key) == nil { e.cost += cost }
        }
    }
}
