import Foundation
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
}

/// An immutable picture of the site's small, slowly changing data, held in memory.
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

    func with(popular: [String: [ArticleSummary]]) -> SiteSnapshot { SiteSnapshot(data: data, popular: popular) }
    func with(data: SiteData) -> SiteSnapshot { SiteSnapshot(data: data, popular: popular) }
}

/// Holds the current snapshot and replaces it when the content version moves or Popular is recomputed.
public final class SiteState: Sendable {
    private let current: ReadMostly<SiteSnapshot>
    /// Milliseconds since 1970 of the last content-version check (claimed with compare-and-swap).
    private let lastCheck = Atomic<Int64>(0)
    private let database: HeraldDatabase
    private let configuration: SiteConfiguration
    private let now: @Sendable () -> Date

    /// Loads the first snapshot (site data and Popular).
    public init(database: HeraldDatabase, configuration: SiteConfiguration, now: @escaping @Sendable () -> Date) throws {
        self.database = database
        self.configuration = configuration
        self.now = now
        let data = try SiteRepository(database).load()
        current = ReadMostly(SiteSnapshot(data: data, popular: [:]))
        try recomputePopular()
    }

    /// The snapshot to render with; checks the content version at most once per refresh interval.
    public var snapshot: SiteSnapshot {
        let time = Int64(now().timeIntervalSince1970 * 1000)
        let last = lastCheck.load(ordering: .relaxed)
        if time - last >= Int64(configuration.refreshInterval * 1000),
           lastCheck.compareExchange(expected: last, desired: time, ordering: .relaxed).exchanged {
            try? refreshIfChanged()
        }
        return current.read()
    }

    /// Reloads site data when an editorial write bumped the content version.
    public func refreshIfChanged() throws {
        let version = try ReaderStore(database).contentVersion()
        guard version != current.read().data.version else { return }
        let data = try SiteRepository(database).load()
        current.update { $0 = $0.with(data: data) }
    }

    /// Recomputes Popular from stored views (most read per edition over the configured days).
    public func recomputePopular() throws {
        let since = LocalDay.utc(now(), minusDays: configuration.popularDays - 1)
        let popular = try ViewRepository(database).popular(sinceDay: since, limit: configuration.popularCount)
        current.update { $0 = $0.with(popular: popular) }
    }
}
