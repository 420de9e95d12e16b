import NewsCore

/// Values a handler builds from reader data (e.g. an edition's home lineup as ready-made links),
/// kept until a change names one of the keys they were built from. A change feed subscriber.
public final class ViewCache<Key: Hashable & Sendable, Value: Sendable>: ChangeSubscriber {
    private let cache: DependentCache<Key, CacheKey, Value>

    /// A cache of at most `entries` values (0 keeps nothing).
    public init(entries: Int) { cache = DependentCache(budget: entries, costPerKey: 0) }

    /// The retirement count: take it before reading what a value is built from.
    public var epoch: UInt64 { cache.epoch }

    /// The value under `key`.
    public func get(_ key: Key) -> Value? { cache.get(key) }

    /// Keeps a value built from `keys` unless something was retired since `epoch`.
    public func put(_ key: Key, _ value: Value, keys: [CacheKey], epoch: UInt64) {
        cache.put(key, value, keys: keys, cost: 1, epoch: epoch)
    }

    public func apply(_ changes: ChangeSet) -> ChangeSet {
        if !changes.isEmpty { cache.retire(changes.keys, everything: changes.touchesEverything) }
        return ChangeSet()
    }
}
