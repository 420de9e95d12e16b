import CMicroHTTPD
import Foundation
import MHDResponseHook
import Logging
import Synchronization

/// Serves HTTP/1.1 through libmicrohttpd: an epoll thread pool that calls one handler per request.
///
/// The handler runs on a libmicrohttpd worker thread and must not block for long.
public final class HTTPServer: Sendable {
    /// What answers each request.
    public typealias Handler = @Sendable (Request) -> Response
    /// The largest body a request may carry, by method and decoded path (nil: the request will be
    /// refused whatever its body, which is then discarded unread).
    public typealias BodyLimit = @Sendable (_ method: String, _ path: String) -> Int?

    let configuration: ServerConfiguration
    let handler: Handler
    let bodyLimit: BodyLimit?
    let logger: Logger
    private let state = Mutex<State>(State())
    /// Requests between their first byte and the end of their response.
    let liveRequests = Atomic<Int>(0)
    /// Header and body deadlines per connection.
    let watch: ConnectionWatch
    /// Cooperative slices for the workers, applied after every response.
    let workerYield: WorkerYield
    /// Set when stopping: every response from then on closes its connection, so kept-alive
    /// clients leave after their current request and in-flight work drains.
    let stopping = Atomic<Bool>(false)

    private struct State: @unchecked Sendable {
        var daemon: OpaquePointer?
        var port = 0
    }

    /// Creates a server; nothing listens until `start()`.
    public init(configuration: ServerConfiguration, logger: Logger, bodyLimit: BodyLimit? = nil,
                handler: @escaping Handler) {
        self.configuration = configuration
        self.logger = logger
        self.handler = handler
        self.bodyLimit = bodyLimit
        workerYield = WorkerYield(intervalMicroseconds: configuration.workerYieldMicroseconds)
        watch = ConnectionWatch(headerSeconds: configuration.headerDeadlineSeconds,
                                bodySeconds: configuration.bodyDeadlineSeconds,
                                idleSeconds: configuration.idleTimeoutSeconds)
    }

    /// Connections shut down because they missed their header or body deadline.
    public var connectionsCutOff: Int { watch.connectionsCutOff }

    /// The port actually bound (useful when the configuration asked for 0).
    public var port: Int { state.withLock { $0.port } }

    /// Binds and starts the worker threads.
    public func start() throws {
        let address = try SocketAddress(host: configuration.host, port: configuration.port)
        var flags = MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_USE_ITC.rawValue | MHD_USE_ERROR_LOG.rawValue
        if address.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
        Self.giveLibraryErrorsTheHeaders(configuration.responseHeaders)
        let me = Unmanaged.passRetained(self).toOpaque()
        let daemon: OpaquePointer? = address.withSockaddr { sockaddr in
            var settings = herald_daemon_settings(
                flags: flags, address: sockaddr,
                thread_pool_size: UInt32(max(1, configuration.threads)),
                connection_timeout: UInt32(max(0, configuration.idleTimeoutSeconds)),
                connection_limit: UInt32(max(1, configuration.connectionLimit)),
                per_ip_connection_limit: UInt32(max(0, configuration.perClientConnectionLimit)),
                connection_memory_limit: configuration.connectionMemoryLimit,
                // Not libmicrohttpd's strict mode: its own answer to a missing Host is malformed in
                // 0.9.75 (the header block is sent twice); ProtocolChecks refuses it instead.
                listen_backlog: 511, strict_for_client: 0)
            return herald_start_daemon(&settings, MHDCallbacks.access, me, MHDCallbacks.uriLog, me,
                                       MHDCallbacks.completed, me, MHDCallbacks.unescape, nil,
                                       MHDCallbacks.notifyConnection, me)
        }
        guard let daemon else {
            Unmanaged<HTTPServer>.fromOpaque(me).release()
            throw HTTPServerError.cannotListen(host: configuration.host, port: configuration.port)
        }
        let port = Int(herald_daemon_port(daemon))
        state.withLock { $0.daemon = daemon; $0.port = port }
        let logger = self.logger
        watch.start { logger.warning("\($0)") }
    }

    /// libmicrohttpd's own error answers (414, 431, a bad request line) get the same headers as
    /// every other response, through the hook in MHDResponseHook.
    private static func giveLibraryErrorsTheHeaders(_ headers: [(name: String, value: String)]) {
        let names = headers.map { strdup($0.name) }
        let values = headers.map { strdup($0.value) }
        defer { (names + values).forEach { free($0) } }
        names.map { UnsafePointer($0) }.withUnsafeBufferPointer { n in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { v in
                herald_set_error_headers(n.baseAddress, v.baseAddress, Int32(headers.count))
            }
        }
    }

    /// Stops accepting, waits (up to `drainSeconds`) for in-flight requests, then stops the workers.
    public func stop() {
        guard let daemon = state.withLock({ s -> OpaquePointer? in defer { s.daemon = nil }; return s.daemon }) else { return }
        stopping.store(true, ordering: .releasing)
        let listener = MHD_quiesce_daemon(daemon)
        if listener >= 0 { close(listener) }
        let deadline = Date().addingTimeInterval(configuration.drainSeconds)
        while liveRequests.load(ordering: .acquiring) > 0 && Date() < deadline {
            usleep(5_000)
        }
        MHD_stop_daemon(daemon)
        watch.stop()
        Unmanaged.passUnretained(self).release()
    }

    /// Turns one finished read of a request into a response (runs on a worker thread).
    func respond(to context: RequestContext, method: String, headers: [(name: String, value: String)]) -> Response {
        context.method = method
        guard let target = context.target, let parsed = context.parsed else { return HTTPServer.badRequest("Bad request target") }
        switch parsed {
        case .failure:
            context.path = "-"
            return HTTPServer.badRequest("Bad request target")
        case .success(let parsed):
            context.path = parsed.path
            if context.bodyTooLarge { return HTTPServer.closing(Response.text("Request body too large\n", status: 413)) }
            let request = Request(method: method, target: target, path: parsed.path, query: parsed.query,
                                  lowercasedHeaders: headers, body: context.body)
            return handler(request)
        }
    }

    /// Writes the access-log line for a finished request.
    func logCompleted(_ context: RequestContext) {
        guard configuration.accessLog else { return }
        let micros = (DispatchTime.now().uptimeNanoseconds - context.started) / 1_000
        logger.info("\(context.method) \(context.path) \(context.status) \(context.bytes)B \(Double(micros) / 1000)ms")
    }

    /// The body limit for a request: the route's, capped by the configured maximum.
    func bodyLimit(method: String, _ target: Result<RequestTarget.Parsed, RequestTarget.Failure>?) -> Int? {
        guard let bodyLimit else { return configuration.maxBodyBytes }
        guard case .success(let parsed) = target else { return nil }
        return bodyLimit(method, parsed.path).map { min($0, configuration.maxBodyBytes) }
    }

    /// The answer to a request refused by `ProtocolChecks`: fixed text, never the request's own bytes.
    func refuse(_ refusal: ProtocolChecks.Refusal) -> Response {
        HTTPServer.closing(Response.text(refusal.message + "\n", status: refusal.status))
    }

    static func badRequest(_ message: String) -> Response {
        closing(Response.text(message + "\n", status: 400))
    }

    static func closing(_ response: Response) -> Response {
        var response = response
        response.setHeader("Connection", "close")
        return response
    }
}

/// Why the server could not start.
public enum HTTPServerError: Error, CustomStringConvertible {
    case cannotListen(host: String, port: Int)
    case badAddress(String)

    public var description: String {
        switch self {
        case .cannotListen(let host, let port):
            return "http: unable to listen on \(host):\(port) (address in use or not permitted)"
        case .badAddress(let host):
            return "http: \(host) is not an IPv4 or IPv6 address"
        }
    }
}
