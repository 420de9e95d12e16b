import ArgumentParser
import Dispatch
import Foundation
import HTTPServer
import Logging
import NewsStore
import Site

/// `herald serve`: migrate, load the demo into an empty database, serve until SIGTERM/SIGINT.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the reader site.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on (env HERALD_HOST).")
    var host: String = ProcessInfo.processInfo.environment["HERALD_HOST"] ?? "127.0.0.1"

    @Option(help: "TCP port, 0 for any free port (env HERALD_PORT).")
    var port: Int = Int(ProcessInfo.processInfo.environment["HERALD_PORT"] ?? "") ?? 8080

    @Option(name: .customLong("public"), help: "The static files directory served under /static/ (env HERALD_PUBLIC).")
    var publicDirectory: String = ProcessInfo.processInfo.environment["HERALD_PUBLIC"] ?? "Public"

    @Option(help: "The demo content directory loaded into an empty database (env HERALD_DEMO).")
    var demo: String = ProcessInfo.processInfo.environment["HERALD_DEMO"] ?? "demo"

    @Flag(help: "Do not load the demo content into an empty database.")
    var noDemo = ProcessInfo.processInfo.environment["HERALD_NO_DEMO"] == "1"

    @Option(help: "Absolute URL prefix for canonical and hreflang links, e.g. https://news.example.kz (env HERALD_BASE_URL).")
    var baseURL: String = ProcessInfo.processInfo.environment["HERALD_BASE_URL"] ?? ""

    @Option(help: "Worker threads (env HERALD_THREADS).")
    var threads: Int = Int(ProcessInfo.processInfo.environment["HERALD_THREADS"] ?? "") ?? 2

    @Option(help: "Microseconds a worker thread runs before it lets other waiting threads have the CPU, at the next response it sends; 0 never (env HERALD_WORKER_YIELD_US).")
    var workerYieldUs: Int = Int(ProcessInfo.processInfo.environment["HERALD_WORKER_YIELD_US"] ?? "") ?? 2000

    @Option(help: "Connections open at once, in total (env HERALD_CONNECTION_LIMIT).")
    var connectionLimit: Int = Int(ProcessInfo.processInfo.environment["HERALD_CONNECTION_LIMIT"] ?? "") ?? 1024

    @Option(help: "Connections open at once from one client address (env HERALD_PER_CLIENT_LIMIT).")
    var perClientLimit: Int = Int(ProcessInfo.processInfo.environment["HERALD_PER_CLIENT_LIMIT"] ?? "") ?? 128

    @Option(help: "Seconds an idle keep-alive connection stays open (env HERALD_IDLE_TIMEOUT).")
    var idleTimeout: Int = Int(ProcessInfo.processInfo.environment["HERALD_IDLE_TIMEOUT"] ?? "") ?? 30

    @Option(help: "Seconds a client has to send a request's headers, however slowly it trickles them (env HERALD_HEADER_DEADLINE).")
    var headerDeadline: Double = Double(ProcessInfo.processInfo.environment["HERALD_HEADER_DEADLINE"] ?? "") ?? 10

    @Option(help: "Seconds a client has to send a request body (env HERALD_BODY_DEADLINE).")
    var bodyDeadline: Double = Double(ProcessInfo.processInfo.environment["HERALD_BODY_DEADLINE"] ?? "") ?? 30

    @Option(help: "Bytes of memory per connection for the request line and headers; longer targets get 414, larger headers 431 (env HERALD_CONNECTION_MEMORY).")
    var connectionMemory: Int = Int(ProcessInfo.processInfo.environment["HERALD_CONNECTION_MEMORY"] ?? "") ?? 32 * 1024

    @Option(help: "Largest request body in bytes; larger ones get 413 before they are read (env HERALD_MAX_BODY).")
    var maxBody: Int = Int(ProcessInfo.processInfo.environment["HERALD_MAX_BODY"] ?? "") ?? 1 << 20

    @Option(help: "Seconds between writes of the view counts; a kill -9 loses at most this much (env HERALD_FLUSH_INTERVAL).")
    var flushInterval: Double = Double(ProcessInfo.processInfo.environment["HERALD_FLUSH_INTERVAL"] ?? "") ?? 5

    @Option(help: "Megabytes of rendered pages kept in memory (env HERALD_PAGE_CACHE_MB).")
    var pageCacheMb: Int = Int(ProcessInfo.processInfo.environment["HERALD_PAGE_CACHE_MB"] ?? "") ?? 64

    @Flag(help: "Render every page on every request (env HERALD_PAGE_CACHE=0).")
    var noPageCache = ProcessInfo.processInfo.environment["HERALD_PAGE_CACHE"] == "0"

    @Option(help: "Megabytes of article data kept per content version to render pages from; 0 reads every page's data from the database (env HERALD_DATA_CACHE_MB).")
    var dataCacheMb: Int = Int(ProcessInfo.processInfo.environment["HERALD_DATA_CACHE_MB"] ?? "") ?? 16

    @Flag(help: "Turn off the per-request access log.")
    var noAccessLog = ProcessInfo.processInfo.environment["HERALD_ACCESS_LOG"] == "0"

    func validate() throws {
        guard (4096...1 << 24).contains(connectionMemory) else {
            throw ValidationError("--connection-memory must be between 4096 and 16777216 bytes")
        }
        guard (1...65536).contains(pageCacheMb) else {
            throw ValidationError("--page-cache-mb must be between 1 and 65536 (use --no-page-cache to turn the cache off)")
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
    }

    func run() throws {
        MemoryTuning.keepFreedMemoryInTheHeap()
        let logger = makeLogger()
        do {
            let db = try database.openMigrated(logger: logger)
            if !noDemo, try DemoContent.isEmpty(db) {
                let summary = try DemoContent.load(directory: demo, into: db)
                logger.info("demo: loaded \(summary.articles) articles from \(demo)")
            }
            let staticFiles = try StaticFiles(root: publicDirectory)
            let site = try Site(configuration: SiteConfiguration(baseURL: baseURL, flushInterval: flushInterval,
                                                                 pageCacheBytes: noPageCache ? 0 : pageCacheMb << 20,
                                                                 dataCacheBytes: dataCacheMb << 20), database: db,
                                staticFiles: staticFiles, logger: logger)
            let router = site.buildRouter()
            let handler = site.makeHandler(router)
            let server = HTTPServer(
                configuration: ServerConfiguration(
                    host: host, port: port, threads: threads, idleTimeoutSeconds: idleTimeout,
                    connectionLimit: connectionLimit, perClientConnectionLimit: perClientLimit,
                    connectionMemoryLimit: connectionMemory, maxBodyBytes: maxBody,
                    headerDeadlineSeconds: headerDeadline, bodyDeadlineSeconds: bodyDeadline,
                    accessLog: !noAccessLog, responseHeaders: Site.securityHeaders,
                    workerYieldMicroseconds: workerYieldUs),
                logger: logger, bodyPolicy: { router.bodyPolicy(method: $0, path: $1) },
                renderError: { router.errorResponse(to: $0, $1) }, handler: handler)
            let maintenance = Maintenance(site: site)
            try server.start()
            maintenance.start()
            logger.info("serve: listening on http://\(host):\(server.port) (database \(database.db), \(staticFiles.count) static files, page cache \(noPageCache ? "off" : "\(pageCacheMb) MB"), data cache \(dataCacheMb == 0 ? "off" : "\(dataCacheMb) MB"), \(site.state.watchesCommits ? "commits watched" : "content polled every second"), \(site.state.popularWasStored ? "Popular as last stored, ranked again in the background" : "Popular ranked"))")
            let signal = SignalWaiter.wait(for: [SIGTERM, SIGINT])
            logger.info("serve: received signal \(signal), shutting down")
            server.stop()
            maintenance.stop()
            let lost = site.views.unflushed
            if lost > 0 { logger.error("views: \(lost) views could not be stored before exit and are lost") }
            db.checkpoint()
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
