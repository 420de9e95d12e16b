import Foundation
import NewsCore
import NewsStore
import Synchronization
import Testing
import TestSupport
@testable import ReaderCache

@Suite struct DependentCacheTests {
    @Test func retiringAKeyDropsExactlyTheEntriesHoldingIt() {
        let cache = DependentCache<String, CacheKey, Int>(budget: 1 << 20)
        cache.put("/en/", 1, keys: [.home("en"), .article(1), .article(2)], cost: 100, epoch: cache.epoch)
        cache.put("/en/a1", 2, keys: [.article(1), .story(9)], cost: 100, epoch: cache.epoch)
        cache.put("/ru/", 3, keys: [.home("ru"), .article(3)], cost: 100, epoch: cache.epoch)
        #expect(cache.retire([CacheKey.article(1)]) == 2)
        #expect(cache.get("/en/") == nil && cache.get("/en/a1") == nil)
        #expect(cache.get("/ru/") == 3)
        #expect(cache.retire([CacheKey.article(1)]) == 0, "its index entries went with it")
        #expect(cache.retire([CacheKey.article(7)], everything: true) == 1)
        #expect(cache.count == 0 && cache.cost == 0)
    }

    /// A value read before a write but stored after the write's retirement would be stale.
    @Test func aValueBuiltBeforeARetirementIsRefused() {
        let cache = DependentCache<String, CacheKey, Int>(budget: 1 << 20)
        let epoch = cache.epoch
        cache.retire([CacheKey.article(5)])
        #expect(!cache.put("/x", 1, keys: [.article(6)], cost: 10, epoch: epoch))
        #expect(cache.put("/x", 1, keys: [.article(6)], cost: 10, epoch: cache.epoch))
    }

    @Test func aFullCacheDropsTheLeastRecentlyUsedQuarter() {
        let cache = DependentCache<Int, CacheKey, Int>(budget: 10_000)
        for index in 0..<9 { cache.put(index, index, keys: [.article(Int64(index))], cost: 1000, epoch: cache.epoch) }
        _ = cache.get(0)
        _ = cache.get(1)
        cache.put(9, 9, keys: [.article(9)], cost: 1000, epoch: cache.epoch)
        cache.put(10, 10, keys: [.article(10)], cost: 1000, epoch: cache.epoch)
        #expect(cache.cost <= 10_000)
        #expect(cache.get(0) == 0 && cache.get(1) == 1 && cache.get(10) == 10, "recently used and new entries stay")
        #expect(cache.get(2) == nil, "the oldest unused went")
        #expect(!cache.put(99, 99, keys: [], cost: 20_000, epoch: cache.epoch), "larger than the budget")
    }
}

@Suite struct ChangeFeedTests {
    final class Recorder: ChangeSubscriber {
        let seen = Mutex<[ChangeSet]>([])
        func apply(_ changes: ChangeSet) -> ChangeSet {
            seen.withLock { $0.append(changes) }
            return changes.affects(.header) ? ChangeSet([.home("extra")]) : ChangeSet()
        }
    }

    /// Another process's commit reaches the subscribers on the next catch-up, with its keys, in
    /// order, each seeing what the earlier ones added; a commit that records no change (a view
    /// flush) delivers nothing.
    @Test func anotherProcesssWriteReachesTheSubscribers() throws {
        let database = try Fixtures.demoDatabase()
        let feed = try ChangeFeed(database: database, pollInterval: 0)
        let first = Recorder(), second = Recorder()
        feed.subscribe(first)
        feed.subscribe(second)
        feed.catchUp()
        #expect(first.seen.withLock { $0 }.isEmpty, "nothing before the feed started")
        let other = try HeraldDatabase(path: database.path)
        try ViewRepository(other).add([1: 3], day: "2026-11-29")
        feed.catchUp()
        #expect(first.seen.withLock { $0 }.isEmpty)
        try HeaderRepository(other).setRates([RateInput(day: "2026-11-29", currency: "USD", value: 480)])
        feed.catchUp()
        #expect(first.seen.withLock { $0 } == [ChangeSet([.header])])
        #expect(second.seen.withLock { $0 } == [ChangeSet([.header, .home("extra")])])
        feed.catchUp()
        #expect(first.seen.withLock { $0 }.count == 1, "each change once")
    }
}
