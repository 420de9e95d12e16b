import Foundation

/// How the HTTP server listens and what it allows; every limit has a working default.
public struct ServerConfiguration: Sendable {
    /// The address to bind ("127.0.0.1", "0.0.0.0", "::1").
    public var host: String
    /// The TCP port; 0 lets the OS choose (tests).
    public var port: Int
    /// Worker threads, each with its own epoll loop.
    public var threads: Int
    /// Seconds an idle connection is kept open.
    public var idleTimeoutSeconds: Int
    /// Connections open at once, in total.
    public var connectionLimit: Int
    /// Connections open at once from one client address.
    public var perClientConnectionLimit: Int
    /// Bytes of request-header memory per connection (larger headers get 431, longer targets 414).
    public var connectionMemoryLimit: Int
    /// The largest request body accepted; larger ones get 413.
    public var maxBodyBytes: Int
    /// Seconds a client has to deliver a request's headers (from connecting, or from the end of
    /// the idle time after a previous request), however it trickles them.
    public var headerDeadlineSeconds: Double
    /// Seconds a client has to deliver a request body once its headers are in.
    public var bodyDeadlineSeconds: Double
    /// Seconds to wait for in-flight requests when stopping.
    public var drainSeconds: Double
    /// The server's name in the access log and the metrics ("reader", "newsroom").
    public var name: String
    /// Told of every finished request: the access log, the metrics.
    public var observers: [any RequestObserver]
    /// Which responses carry their request id in X-Request-Id (see `RequestIDHeader`).
    public var requestIDHeader: RequestIDHeader
    /// Header fields added to every response that does not set them itself (security headers).
    public var responseHeaders: [(name: String, value: String)]
    /// Microseconds between a worker's yields of the CPU to waiting threads, taken at a response
    /// boundary (`WorkerYield`); 0 never yields.
    public var workerYieldMicroseconds: Int
    /// Where multipart uploads are streamed while a request is read (deleted after its response).
    public var uploadDirectory: String

    /// The defaults: loopback port 8080, two workers, 30 s idle timeout.
    public init(host: String = "127.0.0.1", port: Int = 8080, threads: Int = 2, idleTimeoutSeconds: Int = 30,
                connectionLimit: Int = 1024, perClientConnectionLimit: Int = 128,
                connectionMemoryLimit: Int = 32 * 1024, maxBodyBytes: Int = 1 << 20,
                headerDeadlineSeconds: Double = 10, bodyDeadlineSeconds: Double = 30,
                drainSeconds: Double = 10, name: String = "reader", observers: [any RequestObserver] = [],
                requestIDHeader: RequestIDHeader = .rendered,
                responseHeaders: [(name: String, value: String)] = [], workerYieldMicroseconds: Int = 2000,
                uploadDirectory: String = NSTemporaryDirectory()) {
        self.host = host
        self.port = port
        self.threads = threads
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.connectionLimit = connectionLimit
        self.perClientConnectionLimit = perClientConnectionLimit
        self.connectionMemoryLimit = connectionMemoryLimit
        self.maxBodyBytes = maxBodyBytes
        self.headerDeadlineSeconds = headerDeadlineSeconds
        self.bodyDeadlineSeconds = bodyDeadlineSeconds
        self.drainSeconds = drainSeconds
        self.name = name
        self.observers = observers
        self.requestIDHeader = requestIDHeader
        self.responseHeaders = responseHeaders
        self.workerYieldMicroseconds = workerYieldMicroseconds
        self.uploadDirectory = uploadDirectory
    }
}

/// Which responses carry X-Request-Id.
public enum RequestIDHeader: String, Sendable, CaseIterable {
    /// Every response. A cached page is then sent as a response object of its own over the shared
    /// bytes (its header list copied), instead of the one shared prepared response.
    case always
    /// Every response built for its request; a cached page only when the request brought an id
    /// (what a cache node or proxy in front sends): cached pages keep the shared response.
    case rendered
    /// None (the access log still has the id).
    case off
}
