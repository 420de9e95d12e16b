import Foundation
import HTTPServer
import Newsroom
import ReaderSite

/// Everything `herald serve` can be told, in one value: built from the command line and the
/// environment by `herald`, and directly by the tests.
public struct AppConfiguration: Sendable {
    /// The SQLite database file.
    public var databasePath: String
    /// The directory of NNNN_name.sql migrations.
    public var migrationsDirectory: String
    /// Static files served under /static/ (read once at start).
    public var publicDirectory: String
    /// The media directory (uploaded photos' renditions); nil: `media` beside the database.
    public var mediaDirectory: String?
    /// The cache nodes purged by surrogate key (`http://host:port`); none: no purger runs.
    public var purgeNodes: [String] = []
    /// The secret purge requests carry (the VCL checks it).
    public var purgeSecret = ""
    /// The National Bank's rates feed to fetch on a schedule (empty: not fetched).
    public var ratesURL = ""
    /// Open-Meteo's forecast endpoint to fetch each positioned city from (empty: not fetched).
    public var weatherURL = ""
    /// Seconds between fetches of the header's sources.
    public var fetchEvery: TimeInterval = 3600
    /// Demo content loaded into an empty database; nil loads nothing.
    public var demoDirectory: String?
    /// The reader site's settings.
    public var site: SiteConfiguration
    /// The reader server: address, threads, limits.
    public var reader: ServerConfiguration
    /// The newsroom's server (its own port and threads); nil runs no newsroom.
    public var newsroomServer: ServerConfiguration?
    /// The newsroom's settings (language, base URL, sessions, throttling).
    public var newsroom: NewsroomConfiguration
    /// Run the background jobs (view flushes, Popular, change polling, scheduled publishing).
    public var runsJobs: Bool

    /// The media directory in use: the one given, else `media` in the database's directory.
    public var resolvedMediaDirectory: String {
        mediaDirectory ?? ((databasePath as NSString).deletingLastPathComponent.isEmpty ? "media"
                           : (databasePath as NSString).deletingLastPathComponent + "/media")
    }

    /// A configuration with the defaults `herald serve` uses, over a database file.
    public init(databasePath: String, migrationsDirectory: String = "migrations", publicDirectory: String = "Public",
                demoDirectory: String? = "demo", site: SiteConfiguration = SiteConfiguration(),
                reader: ServerConfiguration = ServerConfiguration(), newsroomServer: ServerConfiguration? = nil,
                newsroom: NewsroomConfiguration = NewsroomConfiguration(), runsJobs: Bool = true) {
        self.databasePath = databasePath
        self.migrationsDirectory = migrationsDirectory
        self.publicDirectory = publicDirectory
        self.demoDirectory = demoDirectory
        self.site = site
        self.reader = reader
        self.newsroomServer = newsroomServer
        self.newsroom = newsroom
        self.runsJobs = runsJobs
    }
}
