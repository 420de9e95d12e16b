import Foundation
import HeraldSupport
import HTTPServer
import NewsCore
import NewsStore
import Synchronization

/// Something that keeps data derived from the database: told what changed, it drops or reloads
/// what depends on it, and may name more changes it found (a Popular list that moved).
public protocol ChangeSubscriber: Sendable {
    /// Applies a change; returns further keys that changed because of it (usually none).
    func apply(_ changes: ChangeSet) -> ChangeSet
}

/// Delivers the changes recorded in the database (`ChangeLog`) to the in-memory holders of reader
/// data, in order: the site snapshot first, then the data cache, then the page cache.
///
/// When the database's WAL index can be watched (`CommitWatch`), every request compares one stamp
/// and the first request after any commit — by this process or another, e.g. `herald import` —
/// reads the changes it has not seen, the others waiting for it, so no page is served from data
/// older than the last commit. Without a WAL index the changes are read once per interval.
public final class ChangeFeed: Sendable {
    private let database: HeraldDatabase
    private let commits: CommitWatch?
    private let checkedStamp = Atomic<UInt64>(0)
    private let lastSeen = Atomic<Int64>(0)
    /// Milliseconds since 1970 of the last poll (claimed with compare-and-swap) without a WAL index.
    private let lastPoll = Atomic<Int64>(0)
    private let pollInterval: Double
    private let applying = Mutex<[any ChangeSubscriber]>([])
    private let lastAppliedAt: Atomic<Int64>
    /// When each key last changed (Unix seconds): the recorded changes at start, then every change
    /// delivered (with the keys subscribers found, such as a Popular list that moved).
    private let changedAt: ReadMostly<[CacheKey: Int64]>
    private let now: @Sendable () -> Date

    /// Starts after the newest recorded change (everything before it is already in what the
    /// subscribers load at start); `pollInterval` applies only without a WAL index.
    public init(database: HeraldDatabase, pollInterval: Double = 1, now: @escaping @Sendable () -> Date = Date.init) throws {
        self.database = database
        self.pollInterval = pollInterval
        self.now = now
        commits = CommitWatch(databasePath: database.path)
        if let commits { checkedStamp.store(commits.stamp, ordering: .relaxed) }
        lastSeen.store(try ChangeLog.latestID(database), ordering: .relaxed)
        lastAppliedAt = Atomic(Int64(now().timeIntervalSince1970))
        changedAt = ReadMostly(try ChangeLog.changeTimes(database))
    }

    /// The newest change of any of `keys` (or of everything), 0 when none is known: a page built
    /// from those keys has not changed since (its Last-Modified, with its day's start as a
    /// floor — the change log keeps at least a day).
    public func lastChange(of keys: some Sequence<CacheKey>) -> Int64 {
        let times = changedAt.read()
        var newest = times[.everything] ?? 0
        for key in keys { if let time = times[key], time > newest { newest = time } }
        return newest
    }

    /// Adds a subscriber; subscribers are told in the order they were added.
    public func subscribe(_ subscriber: any ChangeSubscriber) {
        applying.withLock { $0.append(subscriber) }
    }

    /// True when commits are noticed on every request (else the changes are polled).
    public var watchesCommits: Bool { commits != nil }

    /// When the subscribers were last told of a change, or the start (Unix seconds): no page
    /// rendered now shows data older than that, so it is a safe Last-Modified floor.
    public var lastChangeAt: Int64 { lastAppliedAt.load(ordering: .acquiring) }

    /// Brings the subscribers up to date with every committed change, cheaply when nothing was
    /// committed since the last call (one load from shared memory).
    public func catchUp() {
        if let commits {
            let stamp = commits.stamp
            guard stamp != checkedStamp.load(ordering: .acquiring) else { return }
            read(thenMark: stamp)
        } else {
            let time = Int64(now().timeIntervalSince1970 * 1000)
            let last = lastPoll.load(ordering: .relaxed)
            guard time - last >= Int64(pollInterval * 1000),
                  lastPoll.compareExchange(expected: last, desired: time, ordering: .relaxed).exchanged else { return }
            read(thenMark: nil)
        }
    }

    /// Tells the subscribers of a change that is not in the table (e.g. a new day), in order.
    public func publish(_ changes: ChangeSet) {
        guard !changes.isEmpty else { return }
        applying.withLock { subscribers in deliver(changes, to: subscribers) }
    }

    /// One thread reads the new changes and applies them; the others wait, then go on.
    private func read(thenMark stamp: UInt64?) {
        applying.withLock { subscribers in
            if let stamp, checkedStamp.load(ordering: .acquiring) == stamp { return }
            do {
                if let found = try ChangeLog.changes(after: lastSeen.load(ordering: .relaxed), database) {
                    if !found.changes.isEmpty { deliver(found.changes, to: subscribers) }
                    lastSeen.store(found.lastID, ordering: .relaxed)
                }
                if let stamp { checkedStamp.store(stamp, ordering: .releasing) }
            } catch {
                // Left unmarked: the next request tries again.
            }
        }
    }

    private func deliver(_ changes: ChangeSet, to subscribers: [any ChangeSubscriber]) {
        var pending = changes
        for subscriber in subscribers { pending.formUnion(subscriber.apply(pending)) }
        let time = Int64(now().timeIntervalSince1970)
        changedAt.update { times in
            for key in pending.keys { times[key] = time }
            // Older than a day is older than any page's day: no longer needed.
            if times.count > 100_000 { times = times.filter { $0.value >= time - 86_400 } }
        }
        lastAppliedAt.store(time, ordering: .releasing)
    }
}

/// First in the reader router: the feed catches up before anything is served, so neither a cached
/// page nor a rendered one is older than the last commit.
public struct FreshnessMiddleware: Middleware {
    let feed: ChangeFeed

    /// Checks `feed` on every request.
    public init(feed: ChangeFeed) { self.feed = feed }

    public func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
        feed.catchUp()
        return try next(request)
    }
}

extension PageCache: ChangeSubscriber {
    public func apply(_ changes: ChangeSet) -> ChangeSet {
        retire(changes)
        return ChangeSet()
    }
}
