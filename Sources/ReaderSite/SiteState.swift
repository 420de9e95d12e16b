import Foundation
import HeraldSupport
import NewsCore
import NewsStore
import ReaderCache
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

/// An immutable picture of the site's small, slowly changing data, held in memory: editions,
/// sections, settings, the header's rates and weather, and Popular. Replaced, never changed, when
/// one of them changes.
public final class SiteSnapshot: Sendable {
    public let data: SiteData
    public let editions: [EditionContext]
    public let byCode: [String: EditionContext]
    public let defaultEdition: EditionContext?
    /// Most-read articles per edition code.
    public let popular: [String: [ArticleSummary]]
    /// Rendered edition-wide chrome by edition code, with the local day it was rendered for.
    let renderedParts = ReadMostly<[String: (day: String, parts: EditionParts)]>([:])

    init(data: SiteData, popular: [String: [ArticleSummary]]) {
        self.data = data
        editions = data.editions.map(EditionContext.init)
        byCode = Dictionary(editions.map { ($0.edition.code, $0) }, uniquingKeysWith: { first, _ in first })
        defaultEdition = editions.first { $0.edition.isDefault } ?? editions.first
        self.popular = popular
    }

    func with(popular: [String: [ArticleSummary]]) -> SiteSnapshot {
        SiteSnapshot(data: data, popular: popular)
    }
}

/// Holds the current snapshot and replaces it when the change feed says the site data changed
/// (the header key) or an article changed (Popular shows headlines), and when Popular is ranked
/// again. It names the editions whose Popular list moved, so the caches retire exactly the pages
/// showing it.
public final class SiteState: ChangeSubscriber {
    private let current: ReadMostly<SiteSnapshot>
    private let database: HeraldDatabase
    private let configuration: SiteConfiguration
    private let now: @Sendable () -> Date

    /// Loads the first snapshot: site data, and Popular as last ranked (ranked now if it never was).
    public init(database: HeraldDatabase, configuration: SiteConfiguration, now: @escaping @Sendable () -> Date) throws {
        self.database = database
        self.configuration = configuration
        self.now = now
        let data = try SiteRepository(database).load()
        let stored = try ViewRepository(database).storedPopular(limit: configuration.popularCount)
        popularWasStored = stored != nil
        current = ReadMostly(SiteSnapshot(data: data, popular: stored ?? [:]))
        if stored == nil { _ = try recomputePopular() }
    }

    /// True when the first snapshot's Popular is the ranking stored by an earlier run (a restart
    /// serves at once instead of summing a week of views first); the maintenance loop ranks again
    /// at its first tick, since the views may have moved on while the server was down.
    public let popularWasStored: Bool

    /// The snapshot to render with.
    public var snapshot: SiteSnapshot { current.read() }

    /// Reloads the site data on a header change, and Popular's stored candidates on any article
    /// change (their headlines, or whether they are still published); returns the editions whose
    /// Popular list moved as `popular:` keys. A failed reload keeps the old snapshot and says
    /// everything changed, so nothing stale outlives it in a cache.
    public func apply(_ changes: ChangeSet) -> ChangeSet {
        guard changes.touchesHeader || !changes.articleIDs.isEmpty else { return ChangeSet() }
        do {
            let old = current.read()
            let data = changes.touchesHeader ? try SiteRepository(database).load() : old.data
            let popular = try ViewRepository(database).storedPopular(limit: configuration.popularCount) ?? rankPopular()
            current.update { $0 = SiteSnapshot(data: data, popular: popular) }
            return Self.moved(from: old.popular, to: popular)
        } catch {
            return ChangeSet([.everything])
        }
    }

    /// Ranks Popular again from the stored views; a new snapshot only when a list changed, so
    /// cached pages outlive an unchanged ranking. Returns the editions whose list moved.
    public func recomputePopular() throws -> ChangeSet {
        let popular = try rankPopular()
        var moved = ChangeSet()
        current.update { snapshot in
            moved = Self.moved(from: snapshot.popular, to: popular)
            if !moved.isEmpty { snapshot = snapshot.with(popular: popular) }
        }
        return moved
    }

    /// The most-read articles per edition over the configured days (the ranking is stored).
    private func rankPopular() throws -> [String: [ArticleSummary]] {
        let since = LocalDay.utc(now(), minusDays: configuration.popularDays - 1)
        return try ViewRepository(database).rankPopular(sinceDay: since, limit: configuration.popularCount)
    }

    private static func moved(from old: [String: [ArticleSummary]], to new: [String: [ArticleSummary]]) -> ChangeSet {
        ChangeSet(Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.map { CacheKey.popular($0) })
    }
}
