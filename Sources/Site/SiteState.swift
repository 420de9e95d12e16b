import Foundation
import HeraldSupport
import NewsCore
import NewsStore
import Synchronization
import Templates

/// One edition with what rendering it needs: its interface strings and time zone (a class: handlers
/// pass it around on every request).
public final class EditionContext: Sendable {
    public let edition: Edition
    public let strings: UIStrings
    public let timeZone: TimeZone
    private let offsets: ZoneOffsets

    init(_ edition: Edition) {
        self.edition = edition
        strings = UIStrings.forTag(edition.tag)
        timeZone = TimeZone(identifier: edition.timeZone) ?? TimeZone(identifier: "UTC")!
        offsets = ZoneOffsets(timeZone)
    }

    /// Wall-clock time of a Unix timestamp in this edition's zone.
    public func local(_ unix: Int64) -> LocalDateTime { LocalDateTime(unix: unix, offsetSeconds: offsets.offset(at: unix)) }

    /// The local day around a Unix time in this edition's zone: when it began and when the next
    /// one begins (Unix seconds; a change of offset during the day is taken into account).
    public func day(around unix: Int64) -> (start: Int64, end: Int64) {
        let offset = Int64(offsets.offset(at: unix))
        let local = unix + offset
        let midnight = local - ((local % 86_400) + 86_400) % 86_400
        let end = midnight + 86_400 - Int64(offsets.offset(at: midnight + 86_400 - offset))
        return (midnight - offset, end)
    }
}

/// An immutable picture of the site's small, slowly changing data, held in memory.
///
/// Every page is a function of one snapshot (and of the articles at its content version), so a
/// snapshot's generation is what rendered pages are cached under: any editorial write, a changed
/// Popular list or a new day means a new snapshot and a new generation.
public final class SiteSnapshot: Sendable {
    public let data: SiteData
    public let editions: [EditionContext]
    public let byCode: [String: EditionContext]
    public let defaultEdition: EditionContext?
    /// Most-read articles per edition code.
    public let popular: [String: [ArticleSummary]]
    /// Unique per snapshot in this process, increasing.
    public let generation: UInt64
    /// When this snapshot replaced the previous one (Unix seconds): the pages' Last-Modified.
    public let createdAt: Int64
    /// Rendered edition-wide chrome by edition code, with the local day it was rendered for.
    let renderedParts = ReadMostly<[String: (day: String, parts: EditionParts)]>([:])

    private static let generations = Atomic<UInt64>(0)

    init(data: SiteData, popular: [String: [ArticleSummary]], createdAt: Int64) {
        self.data = data
        editions = data.editions.map(EditionContext.init)
        byCode = Dictionary(editions.map { ($0.edition.code, $0) }, uniquingKeysWith: { first, _ in first })
        defaultEdition = editions.first { $0.edition.isDefault } ?? editions.first
        self.popular = popular
        generation = SiteSnapshot.generations.add(1, ordering: .relaxed).newValue
        self.createdAt = createdAt
    }

    func with(popular: [String: [ArticleSummary]], at time: Int64) -> SiteSnapshot {
        SiteSnapshot(data: data, popular: popular, createdAt: time)
    }
}

/// Holds the current snapshot and replaces it when the content version moves or Popular changes.
///
/// Editorial writes come from other processes (`herald import`, `rates`, `weather`). When the
/// database's WAL index can be watched (`CommitWatch`), every request compares one stamp and the
/// first request after any commit reads the content version, waiting for the reload if it moved,
/// so no page is rendered from data older than the last commit. Otherwise the version is polled
/// once per refresh interval.
public final class SiteState: Sendable {
    private let current: ReadMostly<SiteSnapshot>
    /// Milliseconds since 1970 of the last content-version check (claimed with compare-and-swap).
    private let lastCheck = Atomic<Int64>(0)
    private let commits: CommitWatch?
    /// The commit stamp the current snapshot was checked against.
    private let checkedStamp = Atomic<UInt64>(0)
    private let refreshing = Mutex<Void>(())
    private let database: HeraldDatabase
    private let configuration: SiteConfiguration
    private let now: @Sendable () -> Date

    /// Loads the first snapshot: site data, and Popular as last ranked (ranked now if it never was).
    public init(database: HeraldDatabase, configuration: SiteConfiguration, now: @escaping @Sendable () -> Date) throws {
        self.database = database
        self.configuration = configuration
        self.now = now
        commits = CommitWatch(databasePath: database.path)
        if let commits { checkedStamp.store(commits.stamp, ordering: .relaxed) }
        let data = try SiteRepository(database).load()
        let stored = try ViewRepository(database).storedPopular(limit: configuration.popularCount)
        popularWasStored = stored != nil
        current = ReadMostly(SiteSnapshot(data: data, popular: stored ?? [:], createdAt: Int64(now().timeIntervalSince1970)))
        if stored == nil { try recomputePopular() }
    }

    /// True when the first snapshot's Popular is the ranking stored by an earlier run (a restart
    /// serves at once instead of summing a week of views first); `Maintenance` ranks again at its
    /// first tick, since the views may have moved on while the server was down.
    public let popularWasStored: Bool

    /// True when commits are noticed on every request (else the version is polled).
    public var watchesCommits: Bool { commits != nil }

    /// The snapshot to render with, never older than the last committed editorial write.
    public var snapshot: SiteSnapshot {
        if let commits {
            let stamp = commits.stamp
            if stamp != checkedStamp.load(ordering: .acquiring) { refresh(seenStamp: stamp) }
        } else {
            let time = Int64(now().timeIntervalSince1970 * 1000)
            let last = lastCheck.load(ordering: .relaxed)
            if time - last >= Int64(configuration.refreshInterval * 1000),
               lastCheck.compareExchange(expected: last, desired: time, ordering: .relaxed).exchanged {
                try? refreshIfChanged()
            }
        }
        return current.read()
    }

    /// One thread reads the version (and reloads); the others wait for it, then go on.
    private func refresh(seenStamp stamp: UInt64) {
        refreshing.withLock { _ in
            guard checkedStamp.load(ordering: .acquiring) != stamp else { return }
            do {
                try refreshIfChanged()
                checkedStamp.store(stamp, ordering: .releasing)
            } catch {
                // Left unchecked: the next request tries again.
            }
        }
    }

    /// Reloads site data, and Popular with it (its headlines may have changed), when an
    /// editorial write bumped the content version.
    public func refreshIfChanged() throws {
        let version = try ReaderStore(database).contentVersion()
        guard version != current.read().data.version else { return }
        let data = try SiteRepository(database).load()
        // The ranking is unchanged by an editorial write; its articles are read again.
        let popular = try ViewRepository(database).storedPopular(limit: configuration.popularCount) ?? rankPopular()
        let time = Int64(now().timeIntervalSince1970)
        current.update { $0 = SiteSnapshot(data: data, popular: popular, createdAt: time) }
    }

    /// Ranks Popular again from the stored views; a new snapshot only when a list changed, so
    /// cached pages outlive an unchanged ranking.
    public func recomputePopular() throws {
        let popular = try rankPopular()
        let time = Int64(now().timeIntervalSince1970)
        current.update { snapshot in
            if snapshot.popular != popular { snapshot = snapshot.with(popular: popular, at: time) }
        }
    }

    /// The most-read articles per edition over the configured days (the ranking is stored).
    private func rankPopular() throws -> [String: [ArticleSummary]] {
        let since = LocalDay.utc(now(), minusDays: configuration.popularDays - 1)
        return try ViewRepository(database).rankPopular(sinceDay: since, limit: configuration.popularCount)
    }
}
