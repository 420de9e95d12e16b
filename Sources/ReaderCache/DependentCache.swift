import HeraldSupport
import Synchronization

/// Values kept with the keys of what they were built from, bounded by a cost budget, retired by
/// key: `retire` drops exactly the entries holding one of the keys a write changed.
///
/// A value read before a write and stored after the write's retirement would outlive it; so a
/// caller takes `epoch` before reading what it builds from, and `put` refuses the value when any
/// retirement happened since. Reads take a shared lock; when the budget is exceeded the least
/// recently used quarter goes at once (one sort per many insertions, not a scan per insertion).
final class DependentCache<Key: Hashable & Sendable, Dependency: Hashable & Sendable, Value: Sendable>: Sendable {
    final class Entry: Sendable {
        let value: Value
        let keys: [Dependency]
        let cost: Int
        let lastUsed: Atomic<UInt64>

        init(value: Value, keys: [Dependency], cost: Int, tick: UInt64) {
            self.value = value
            self.keys = keys
            self.cost = cost
            lastUsed = Atomic(tick)
        }
    }

    private struct Table {
        var entries: [Key: Entry] = [:]
        var holders: [Dependency: Set<Key>] = [:]
        var cost = 0
    }

    private let table = ReadMostly(Table())
    private let clock: Atomic<UInt64>
    private let retirements = Atomic<UInt64>(0)
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)
    private let evictionCount = Atomic<Int>(0)
    private let retiredCount = Atomic<Int>(0)
    /// The cost units the cache may hold.
    let budget: Int
    /// What each key an entry holds adds to its cost (its index entry, when costs are bytes).
    let costPerKey: Int

    /// A cache of at most `budget` cost units (0 keeps nothing).
    init(budget: Int, costPerKey: Int = 64) {
        self.budget = budget
        self.costPerKey = costPerKey
        clock = Atomic(0)
    }

    /// The retirement count now: take it before reading the data a value is built from.
    var epoch: UInt64 { retirements.load(ordering: .acquiring) }

    /// The value under `key`, marked as used, when `valid` accepts it (a hit; else a miss).
    func get(_ key: Key, where valid: (Value) -> Bool = { _ in true }) -> Value? {
        entry(key, where: valid)?.value
    }

    /// The entry under `key` (its keys and cost too), marked as used, when `valid` accepts its value.
    func entry(_ key: Key, where valid: (Value) -> Bool = { _ in true }) -> Entry? {
        guard budget > 0 else { return nil }
        guard let entry = table.read().entries[key], valid(entry.value) else {
            missCount.add(1, ordering: .relaxed)
            return nil
        }
        hitCount.add(1, ordering: .relaxed)
        entry.lastUsed.store(clock.add(1, ordering: .relaxed).newValue, ordering: .relaxed)
        return entry
    }

    /// What the cache did since it was made, and what it holds now.
    var statistics: CacheStatistics {
        let held = table.read()
        return CacheStatistics(hits: hitCount.load(ordering: .relaxed), misses: missCount.load(ordering: .relaxed),
                               evictions: evictionCount.load(ordering: .relaxed), retired: retiredCount.load(ordering: .relaxed),
                               entries: held.entries.count, bytes: held.cost)
    }

    /// Stores a value built from `keys` costing `cost` units, unless something was retired since
    /// `epoch` (the value may be stale) or it alone exceeds the budget; true when stored.
    @discardableResult
    func put(_ key: Key, _ value: Value, keys: [Dependency], cost: Int, epoch: UInt64) -> Bool {
        let total = cost + keys.count * costPerKey
        guard total <= budget else { return false }
        let entry = Entry(value: value, keys: keys, cost: total, tick: clock.add(1, ordering: .relaxed).newValue)
        var stored = false
        table.update { table in
            guard retirements.load(ordering: .acquiring) == epoch else { return }
            if let old = table.entries.removeValue(forKey: key) { Self.unlink(key, old, from: &table) }
            table.entries[key] = entry
            table.cost += entry.cost
            for dependency in keys { table.holders[dependency, default: []].insert(key) }
            if table.cost > budget { evictionCount.add(Self.evict(&table, budget: budget), ordering: .relaxed) }
            stored = true
        }
        return stored
    }

    /// Drops every entry holding one of `keys` (every entry when `everything`); returns how many.
    @discardableResult
    func retire(_ keys: some Sequence<Dependency>, everything: Bool = false) -> Int {
        retirements.add(1, ordering: .acquiringAndReleasing)
        var removed = 0
        table.update { table in
            if everything {
                removed = table.entries.count
                table = Table()
                return
            }
            for dependency in keys {
                guard let holders = table.holders.removeValue(forKey: dependency) else { continue }
                for key in holders {
                    guard let entry = table.entries.removeValue(forKey: key) else { continue }
                    Self.unlink(key, entry, from: &table)
                    removed += 1
                }
            }
        }
        retiredCount.add(removed, ordering: .relaxed)
        return removed
    }

    /// Entries held now.
    var count: Int { table.read().entries.count }

    /// Cost units held now.
    var cost: Int { table.read().cost }

    private static func unlink(_ key: Key, _ entry: Entry, from table: inout Table) {
        table.cost -= entry.cost
        for dependency in entry.keys {
            table.holders[dependency]?.remove(key)
            if table.holders[dependency]?.isEmpty == true { table.holders[dependency] = nil }
        }
    }

    /// Drops the least recently used entries until a quarter of the budget is free; returns how many.
    private static func evict(_ table: inout Table, budget: Int) -> Int {
        let byAge = table.entries.sorted { $0.value.lastUsed.load(ordering: .relaxed) < $1.value.lastUsed.load(ordering: .relaxed) }
        var evicted = 0
        for (key, entry) in byAge where table.cost > budget - budget / 4 {
            table.entries.removeValue(forKey: key)
            unlink(key, entry, from: &table)
            evicted += 1
        }
        return evicted
    }
}

/// A cache's counts since it was made (hits, misses, evictions for space, entries retired by a
/// write) and what it holds now, for the metrics.
public struct CacheStatistics: Sendable, Equatable {
    public var hits = 0
    public var misses = 0
    public var evictions = 0
    public var retired = 0
    public var entries = 0
    public var bytes = 0

    public init(hits: Int = 0, misses: Int = 0, evictions: Int = 0, retired: Int = 0, entries: Int = 0, bytes: Int = 0) {
        self.hits = hits
        self.misses = misses
        self.evictions = evictions
        self.retired = retired
        self.entries = entries
        self.bytes = bytes
    }

    /// Two caches' counts together.
    public static func + (a: CacheStatistics, b: CacheStatistics) -> CacheStatistics {
        CacheStatistics(hits: a.hits + b.hits, misses: a.misses + b.misses, evictions: a.evictions + b.evictions,
                        retired: a.retired + b.retired, entries: a.entries + b.entries, bytes: a.bytes + b.bytes)
    }
}
