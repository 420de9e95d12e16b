import Foundation
import NewsCore
import NewsStore
import Synchronization
import Templates

/// One edition with what rendering it needs: its interface strings and time zone.
public struct EditionContext: Sendable {
    public let edition: Edition
    public let strings: UIStrings
    public let timeZone: TimeZone

    init(_ edition: Edition) {
        self.edition = edition
        strings = UIStrings.forTag(edition.tag)
        timeZone = TimeZone(identifier: edition.timeZone) ?? TimeZone(identifier: "UTC")!
    }

    /// Wall-clock time of a Unix timestamp in this edition's zone.
    public func local(_ unix: Int64) -> LocalDateTime { LocalDateTime(unix: unix, timeZone: timeZone) }
}

/// An immutable picture of the site's small, slowly changing data, held in memory.
public final class SiteSnapshot: Sendable {
    public let data: SiteData
    public let editions: [EditionContext]
    public let byCode: [String: EditionContext]
    public let defaultEdition: EditionContext?
    /// Most-read articles per edition code.
    public let popular: [String: [ArticleSummary]]

    init(data: SiteData, popular: [String: [ArticleSummary]]) {
        self.data = data
        editions = data.editions.map(EditionContext.init)
        byCode = Dictionary(editions.map { ($0.edition.code, $0) }, uniquingKeysWith: { first, _ in first })
        defaultEdition = editions.first { $0.edition.isDefault } ?? editions.first
        self.popular = popular
    }

    func with(popular: [String: [ArticleSummary]]) -> SiteSnapshot { SiteSnapshot(data: data, popular: popular) }
    func with(data: SiteData) -> SiteSnapshot { SiteSnapshot(data: data, popular: popular) }
}

/// Holds the current snapshot and replaces it when the content version moves or Popular is recomputed.
public final class SiteState: Sendable {
    private let current: Mutex<SiteSnapshot>
    private let lastCheck = Mutex<Date>(.distantPast)
    private let database: HeraldDatabase
    private let configuration: SiteConfiguration
    private let now: @Sendable () -> Date

    /// Loads the first snapshot (site data and Popular).
    public init(database: HeraldDatabase, configuration: SiteConfiguration, now: @escaping @Sendable () -> Date) throws {
        self.database = database
        self.configuration = configuration
        self.now = now
        let data = try SiteRepository(database).load()
        current = Mutex(SiteSnapshot(data: data, popular: [:]))
        try recomputePopular()
    }

    /// The snapshot to render with; checks the content version at most once per refresh interval.
    public var snapshot: SiteSnapshot {
        let due = lastCheck.withLock { last -> Bool in
            let time = now()
            guard time.timeIntervalSince(last) >= configuration.refreshInterval else { return false }
            last = time
            return true
        }
        if due { try? refreshIfChanged() }
        return current.withLock { $0 }
    }

    /// Reloads site data when an editorial write bumped the content version.
    public func refreshIfChanged() throws {
        let version = try ReaderStore(database).contentVersion()
        guard version != current.withLock({ $0.data.version }) else { return }
        let data = try SiteRepository(database).load()
        current.withLock { $0 = $0.with(data: data) }
    }

    /// Recomputes Popular from stored views (most read per edition over the configured days).
    public func recomputePopular() throws {
        let since = LocalDay.utc(now(), minusDays: configuration.popularDays - 1)
        let popular = try ViewRepository(database).popular(sinceDay: since, limit: configuration.popularCount)
        current.withLock { $0 = $0.with(popular: popular) }
    }
}
