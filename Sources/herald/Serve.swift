import ArgumentParser
import Edge
import Dispatch
import Foundation
import HTTPServer
import HeraldAPI
import HeraldApp
import Logging
import NewsStore
import Newsroom
import ReaderSite
import Templates

/// `herald serve`: migrate, load the demo into an empty database, serve until SIGTERM/SIGINT.
/// Every option can also be set in the environment (`--page-cache-mb` as `HERALD_PAGE_CACHE_MB`).
struct Serve: ParsableCommand, ReadsEnvironment {
    static let configuration = CommandConfiguration(abstract: "Serve the reader site.")
    static let environmentScope = EnvironmentScope.all

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "TCP port, 0 for any free port.")
    var port = 8080

    @Option(name: .customLong("public"), help: "The static files directory served under /static/.")
    var publicDirectory = "Public"

    @Option(help: "The demo content directory loaded into an empty database.")
    var demo = "demo"

    @Option(help: "The media directory: uploaded photos' renditions (default: 'media' beside the database).")
    var media: String?

    @Option(name: .customLong("purge-node"), help: "A cache node to purge by surrogate key, http://host:port (repeatable; env HERALD_PURGE_NODES, comma-separated).")
    var purgeNodes: [String] = []

    @Option(help: "The secret purge requests carry; the node's VCL checks it (see herald edge vcl).")
    var purgeSecret = ""

    @Option(help: "Seconds cache nodes keep a page (s-maxage, Surrogate-Control); default a day with purge nodes, else 0.")
    var edgeSeconds: Int?

    @Option(help: "Comma-separated response headers that carry a page's surrogate keys; empty sends none.")
    var surrogateKeyHeaders = "xkey,Surrogate-Key"

    @Option(help: "The National Bank of Kazakhstan's rates feed to fetch on a schedule, e.g. https://nationalbank.kz/rss/rates_all.xml (empty: not fetched).")
    var ratesUrl = ""

    @Option(help: "Open-Meteo's forecast endpoint for each city with a position, e.g. https://api.open-meteo.com/v1/forecast (empty: not fetched).")
    var weatherUrl = ""

    @Option(help: "Seconds between fetches of --rates-url and --weather-url (the first one a second after start).")
    var fetchEvery: Double = 3600

    @Flag(help: "Do not load the demo content into an empty database.")
    var noDemo = false

    @Option(help: "Absolute URL prefix for canonical and hreflang links, e.g. https://news.example.kz.")
    var baseURL = ""

    @Option(help: "Worker threads.")
    var threads = 2

    @Option(help: "Microseconds a worker thread runs before it lets other waiting threads have the CPU, at the next response it sends; 0 never.")
    var workerYieldUs = 2000

    @Option(help: "Connections open at once, in total.")
    var connectionLimit = 1024

    @Option(help: "Connections open at once from one client address.")
    var perClientLimit = 128

    @Option(help: "Seconds an idle keep-alive connection stays open.")
    var idleTimeout = 30

    @Option(help: "Seconds a client has to send a request's headers, however slowly it trickles them.")
    var headerDeadline: Double = 10

    @Option(help: "Seconds a client has to send a request body.")
    var bodyDeadline: Double = 30

    @Option(help: "Bytes of memory per connection for the request line and headers; longer targets get 414, larger headers 431.")
    var connectionMemory = 32 * 1024

    @Option(help: "Largest request body in bytes on any route; larger ones get 413 before they are read.")
    var maxBody = 1 << 20

    @Option(help: "Seconds between writes of the view counts; a kill -9 loses at most this much.")
    var flushInterval: Double = 5

    @Option(help: "Megabytes of rendered pages kept in memory.")
    var pageCacheMb = 64

    @Flag(inversion: .prefixedNo, help: "Keep rendered pages in memory (--no-page-cache renders every page on every request).")
    var pageCache = true

    @Option(help: "Megabytes of sitemaps kept in memory, gzipped, apart from the page cache; 0 builds them on every request.")
    var sitemapCacheMb = 64

    @Option(help: "Megabytes of article data kept to render pages from; 0 reads every page's data from the database.")
    var dataCacheMb = 16

    @Option(help: "Where the access log goes: a file (appended to, reopened on SIGHUP) or - for standard error (env HERALD_ACCESS_LOG; 0 turns it off).")
    var accessLog = "-"

    @Flag(help: "Write no access log.")
    var noAccessLog = false

    @Option(help: "Which responses carry the request's id in X-Request-Id: always, rendered (cached pages only when the request brought an id) or off (the access log has it either way).")
    var requestIdHeader = "rendered"

    @Option(help: "The access log's line format: herald, combined (Apache/nginx, read by GoAccess and AWStats) or json.")
    var accessLogFormat = "herald"

    @Flag(inversion: .prefixedNo, help: "Serve the newsroom on its own port (--no-newsroom: readers only).")
    var newsroom = true

    @Option(help: "Address the newsroom listens on (keep it private or behind a firewall).")
    var newsroomHost = "127.0.0.1"

    @Option(help: "The newsroom's TCP port, 0 for any free port.")
    var newsroomPort = 8081

    @Option(help: "The newsroom's worker threads (apart from the readers').")
    var newsroomThreads = 2

    @Option(help: "The newsroom's own address, e.g. https://newsroom.example.kz: forms must come from it; https makes its cookies Secure and __Host-.")
    var newsroomBaseURL = ""

    @Option(help: "The newsroom's interface language: en or ru.")
    var newsroomLanguage = "en"

    @Option(help: "Comma-separated addresses of proxies in front of the newsroom whose X-Forwarded-For names the browser.")
    var newsroomTrustedProxy = ""

    @Option(help: "What POST /api/v1/ingest does with an item's picture: fetch (into the media library) or link (the agency's URL).")
    var ingestPhotos = "fetch"

    @Flag(help: "Let ingested pictures be fetched from loopback and private addresses (an agency system on this network).")
    var ingestPhotosFromPrivateHosts = false

    func validate() throws {
        guard IngestPhotoPolicy(rawValue: ingestPhotos) != nil else { throw ValidationError("--ingest-photos must be fetch or link") }
        guard AccessLog.Format(rawValue: accessLogFormat) != nil else {
            throw ValidationError("--access-log-format must be one of \(AccessLog.Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for (option, url) in [("--rates-url", ratesUrl), ("--weather-url", weatherUrl)] where !url.isEmpty {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw ValidationError("\(option) must be an http:// or https:// URL")
            }
        }
        guard fetchEvery >= 10, fetchEvery <= 86_400 else { throw ValidationError("--fetch-every must be between 10 and 86400 seconds") }
        guard RequestIDHeader(rawValue: requestIdHeader) != nil else {
            throw ValidationError("--request-id-header must be one of \(RequestIDHeader.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !accessLog.isEmpty else { throw ValidationError("--access-log needs a file name, or - for standard error") }
        guard (4096...1 << 24).contains(connectionMemory) else {
            throw ValidationError("--connection-memory must be between 4096 and 16777216 bytes")
        }
        guard (1...65536).contains(pageCacheMb) else {
            throw ValidationError("--page-cache-mb must be between 1 and 65536 (use --no-page-cache to turn the cache off)")
        }
        guard (0...65536).contains(sitemapCacheMb) else {
            throw ValidationError("--sitemap-cache-mb must be between 0 and 65536")
        }
        guard (0...65536).contains(dataCacheMb) else {
            throw ValidationError("--data-cache-mb must be between 0 and 65536")
        }
        guard (0...1_000_000).contains(workerYieldUs) else {
            throw ValidationError("--worker-yield-us must be between 0 and 1000000 microseconds")
        }
        guard flushInterval >= 0.1, flushInterval <= 3600 else {
            throw ValidationError("--flush-interval must be between 0.1 and 3600 seconds")
        }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be between 1 and 256") }
        for node in purgeNodes where PurgeNode(url: node) == nil {
            throw ValidationError("--purge-node \(node): must be an http://host:port address of a cache node")
        }
        if !purgeNodes.isEmpty && purgeSecret.isEmpty {
            throw ValidationError("--purge-node needs --purge-secret (the node's VCL refuses purges without it; see herald edge vcl)")
        }
        if let edgeSeconds, !(0...31_536_000).contains(edgeSeconds) { throw ValidationError("--edge-seconds must be between 0 and 31536000") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (0...65535).contains(newsroomPort) else { throw ValidationError("--newsroom-port must be between 0 and 65535") }
        guard (1...64).contains(newsroomThreads) else { throw ValidationError("--newsroom-threads must be between 1 and 64") }
        guard NewsroomStrings.languages.contains(newsroomLanguage) else {
            throw ValidationError("--newsroom-language must be one of \(NewsroomStrings.languages.joined(separator: ", "))")
        }
        for proxy in newsroomTrustedProxy.split(separator: ",") where ClientAddress(proxy.trimmingCharacters(in: .whitespaces)) == nil {
            throw ValidationError("--newsroom-trusted-proxy: \"\(proxy)\" is not an IP address")
        }
        guard newsroomBaseURL.isEmpty || Self.isOrigin(newsroomBaseURL) else {
            throw ValidationError("--newsroom-base-url must be an origin such as https://newsroom.example.kz (no path)")
        }
        guard baseURL.isEmpty || Self.isOrigin(baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) else {
            throw ValidationError("--base-url must be an origin such as https://news.example.kz (no path): feeds and sitemaps start their links with it")
        }
    }

    /// `http://` or `https://`, then a host (and port) made of the characters a host name holds.
    static func isOrigin(_ text: String) -> Bool {
        let lower = text.lowercased()
        let scheme = lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : 0
        let host = lower.utf8.dropFirst(scheme)
        return scheme > 0 && !host.isEmpty && host.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || ".-:[]".utf8.contains(byte)
        }
    }

    /// The application's configuration from the options.
    var appConfiguration: AppConfiguration {
        var configuration = AppConfiguration(
            databasePath: database.db, migrationsDirectory: database.migrations, publicDirectory: publicDirectory,
            demoDirectory: noDemo ? nil : demo,
            site: SiteConfiguration(baseURL: baseURL, flushInterval: flushInterval, pageCacheBytes: pageCache ? pageCacheMb << 20 : 0,
                                    dataCacheBytes: dataCacheMb << 20, sitemapCacheBytes: pageCache ? sitemapCacheMb << 20 : 0),
            reader: ServerConfiguration(
                host: host, port: port, threads: threads, idleTimeoutSeconds: idleTimeout,
                connectionLimit: connectionLimit, perClientConnectionLimit: perClientLimit,
                connectionMemoryLimit: connectionMemory, maxBodyBytes: maxBody,
                headerDeadlineSeconds: headerDeadline, bodyDeadlineSeconds: bodyDeadline,
                requestIDHeader: RequestIDHeader(rawValue: requestIdHeader) ?? .rendered, responseHeaders: ReaderEnvironment.securityHeaders,
                workerYieldMicroseconds: workerYieldUs),
            newsroomServer: newsroom ? ServerConfiguration(
                host: newsroomHost, port: newsroomPort, threads: newsroomThreads, idleTimeoutSeconds: idleTimeout,
                connectionLimit: 256, perClientConnectionLimit: 64, connectionMemoryLimit: 64 * 1024,
                maxBodyBytes: NewsroomEnvironment.bodyLimit, headerDeadlineSeconds: headerDeadline, bodyDeadlineSeconds: 120,
                name: "newsroom", requestIDHeader: RequestIDHeader(rawValue: requestIdHeader) ?? .rendered, responseHeaders: NewsroomEnvironment.securityHeaders, workerYieldMicroseconds: 0) : nil,
            newsroom: NewsroomConfiguration(baseURL: newsroomBaseURL, language: newsroomLanguage,
                                            trustedProxies: Set(newsroomTrustedProxy.split(separator: ",").compactMap {
                                                ClientAddress($0.trimmingCharacters(in: .whitespaces))
                                            })))
        configuration.newsroom.ingestPhotos = IngestPhotoPolicy(rawValue: ingestPhotos) ?? .fetch
        configuration.newsroom.ingestPhotosFromPrivateHosts = ingestPhotosFromPrivateHosts
        configuration.mediaDirectory = media
        configuration.ratesURL = ratesUrl
        configuration.weatherURL = weatherUrl
        configuration.fetchEvery = fetchEvery
        let listed = ProcessInfo.processInfo.environment["HERALD_PURGE_NODES"].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        configuration.purgeNodes = purgeNodes.isEmpty ? listed.filter { !$0.isEmpty } : purgeNodes
        configuration.purgeSecret = purgeSecret
        if let edgeSeconds { configuration.site.edgeSeconds = edgeSeconds }
        configuration.site.surrogateKeyHeaders = surrogateKeyHeaders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return configuration
    }

    /// The access log the options ask for; nil when it is off.
    func openAccessLog() throws -> AccessLog? {
        guard !noAccessLog, accessLog != "0" else { return nil }
        let format = AccessLog.Format(rawValue: accessLogFormat) ?? .herald
        return try AccessLog(format: format, path: accessLog == "-" || accessLog == "1" ? nil : accessLog)
    }

    func run() throws {
        MemoryTuning.keepFreedMemoryInTheHeap()
        let logger = makeLogger()
        do {
            var configuration = appConfiguration
            let log = try openAccessLog()
            defer { log?.stop() }
            if let log {
                configuration.reader.observers.append(log)
                configuration.newsroomServer?.observers.append(log)
            }
            let application = try buildApplication(configuration, logger: logger)
            try application.start()
            logger.info("serve: listening on http://\(host):\(application.readerServer.port) (\(application.summary))")
            if let newsroom = application.newsroomServer {
                logger.info("serve: newsroom on http://\(newsroomHost):\(newsroom.port)")
            }
            // Under systemd (Type=notify): ready now that both ports listen; the watchdog is fed
            // while the site's own health check answers 200 (the database answers).
            let systemd = SystemdNotifier()
            systemd?.send("READY=1\nSTATUS=Serving readers on port \(application.readerServer.port)")
            let router = application.readerRouter
            systemd?.startWatchdog {
                guard let probe = Request(target: "/healthz") else { return false }
                return router.respond(to: probe).status == 200
            }
            var signal: Int32
            // SIGHUP: the access log is opened again by name (logrotate moved the file).
            repeat {
                signal = SignalWaiter.wait(for: [SIGTERM, SIGINT, SIGHUP])
                if signal == SIGHUP {
                    log?.reopen()
                    logger.info("serve: SIGHUP, access log reopened")
                }
            } while signal == SIGHUP
            logger.info("serve: received signal \(signal), shutting down")
            systemd?.send("STOPPING=1")
            application.stop()
            log?.stop()   // after the servers: the last requests' lines are written (again by the defer: a no-op)
            logger.info("serve: stopped cleanly")
        } catch {
            throw fail(error)
        }
    }
}

/// Blocks until one of the signals arrives (they are blocked for normal delivery first).
enum SignalWaiter {
    static func wait(for signals: [Int32]) -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        var received: Int32 = 0
        sigwait(&set, &received)
        return received
    }
}
