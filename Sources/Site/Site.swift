import Foundation
import HTTPServer
import Logging
import NewsCore
import NewsStore
import Templates

/// The reader site's dependencies, built once and shared by every handler.
public final class Site: Sendable {
    public let configuration: SiteConfiguration
    public let database: HeraldDatabase
    public let store: ReaderStore
    public let state: SiteState
    public let views: ViewCounter
    public let staticFiles: StaticFiles
    public let logger: Logger
    let now: @Sendable () -> Date
    let related = RelatedCache()

    /// Wires the site over an open, migrated database and a loaded static directory.
    public init(configuration: SiteConfiguration, database: HeraldDatabase, staticFiles: StaticFiles,
                logger: Logger, now: @escaping @Sendable () -> Date = Date.init) throws {
        self.configuration = configuration
        self.database = database
        self.staticFiles = staticFiles
        self.logger = logger
        self.now = now
        store = ReaderStore(database)
        state = try SiteState(database: database, configuration: configuration, now: now)
        views = ViewCounter(database: database, logger: logger, now: now)
    }

    /// Absolute form of a site path for canonical and hreflang links.
    func absolute(_ path: String) -> String { configuration.baseURL + path }
}
