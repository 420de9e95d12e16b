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
    /// The body policy of the route that will answer a method and decoded path (nil: no route of
    /// that method matches, so the answer is 404/405 whatever the body holds).
    public typealias BodyPolicyLookup = @Sendable (_ method: String, _ path: String) -> BodyPolicy?

    let configuration: ServerConfiguration
    let handler: Handler
    let bodyPolicyLookup: BodyPolicyLookup?
    /// Renders the server's own refusals (413, 415, a malformed form) like the handler's errors.
    let renderError: (@Sendable (Request, HTTPError) -> Response)?
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
    /// This server's fields for libmicrohttpd's own error answers (see MHDResponseHook); hung on
    /// every connection it accepts, freed once the daemon has stopped.
    let errorHeaders: Int

    private struct State: @unchecked Sendable {
        var daemon: OpaquePointer?
        var port = 0
    }

    /// Creates a server answering through `handler`; `bodyPolicy` says what body each request may
    /// carry (nil: any, up to the configured maximum). Nothing listens until `start()`.
    public init(configuration: ServerConfiguration, logger: Logger, bodyPolicy: BodyPolicyLookup? = nil,
                renderError: (@Sendable (Request, HTTPError) -> Response)? = nil, handler: @escaping Handler) {
        self.configuration = configuration
        self.renderError = renderError
        self.logger = logger
        self.handler = handler
        self.bodyPolicyLookup = bodyPolicy
        workerYield = WorkerYield(intervalMicroseconds: configuration.workerYieldMicroseconds)
        watch = ConnectionWatch(headerSeconds: configuration.headerDeadlineSeconds,
                                bodySeconds: configuration.bodyDeadlineSeconds,
                                idleSeconds: configuration.idleTimeoutSeconds)
        errorHeaders = Int(bitPattern: HTTPServer.headerTable(configuration.responseHeaders))
    }

    /// Creates a server answering through a route table (bodies checked against its routes).
    public convenience init(configuration: ServerConfiguration, logger: Logger, router: Router) {
        self.init(configuration: configuration, logger: logger,
                  bodyPolicy: { router.bodyPolicy(method: $0, path: $1) },
                  renderError: { router.errorResponse(to: $0, $1) }, handler: { router.respond(to: $0) })
    }

    deinit { herald_header_table_free(OpaquePointer(bitPattern: errorHeaders)) }

    /// What requests no route answered are counted under.
    let unmatched = RouteName("unmatched")

    /// The configuration's name ("reader", "newsroom").
    public var name: String { configuration.name }

    /// Requests between their first byte and the end of their response, now.
    public var requestsInFlight: Int { liveRequests.load(ordering: .relaxed) }

    /// Connections shut down because they missed their header or body deadline.
    public var connectionsCutOff: Int { watch.connectionsCutOff }

    /// The port actually bound (useful when the configuration asked for 0).
    public var port: Int { state.withLock { $0.port } }

    /// Binds and starts the worker threads.
    public func start() throws {
        let address = try SocketAddress(host: configuration.host, port: configuration.port)
        var flags = MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_USE_ITC.rawValue | MHD_USE_ERROR_LOG.rawValue
        if address.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
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
    /// every other response of this server, through the hook in MHDResponseHook.
    private static func headerTable(_ headers: [(name: String, value: String)]) -> OpaquePointer? {
        let names = headers.map { strdup($0.name) }
        let values = headers.map { strdup($0.value) }
        defer { (names + values).forEach { free($0) } }
        return names.map { UnsafePointer($0) }.withUnsafeBufferPointer { n in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { v in
                herald_header_table_create(n.baseAddress, v.baseAddress, Int32(headers.count))
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
    func respond(to context: RequestContext, method: String, headers: [(name: String, value: String)],
                 client: ClientAddress) -> Response {
        context.method = method
        guard let target = context.target, let parsed = context.parsed else { return HTTPServer.badRequest("Bad request target") }
        switch parsed {
        case .failure:
            context.path = "-"
            // A target whose path is plain but whose query is not (bad escapes, invalid UTF-8): the
            // route table renders the 400 (an API answers problem details, a page an error page).
            if let renderError, let path = HTTPServer.plainPath(of: target) {
                let request = Request(method: method, target: path, path: path, query: [], lowercasedHeaders: headers, body: [],
                                      form: nil, client: client)
                return HTTPServer.closing(renderError(request, .badRequest()))
            }
            return HTTPServer.badRequest("Bad request target")
        case .success(let parsed):
            context.path = parsed.path
            if context.bodyTooLarge { return HTTPServer.closing(errorResponse(.payloadTooLarge, context)) }
            let form: FormData?
            switch context.readForm() {
            case .success(let read): form = read
            case .failure(let error): return HTTPServer.closing(errorResponse(error.httpError, context))
            }
            let request = Request(method: method, target: target, path: parsed.path, query: parsed.query,
                                  lowercasedHeaders: headers, body: form == nil ? context.body : [], form: form, client: client)
            return handler(request)
        }
    }

    /// Tells the observers (access log, metrics) of a finished request.
    func completed(_ context: RequestContext, delivered: Bool, client: ClientAddress) {
        let nanoseconds = DispatchTime.now().uptimeNanoseconds &- context.started
        var referer: String?
        var userAgent: String?
        for (name, value) in context.headers {
            if name == "referer" { referer = value } else if name == "user-agent" { userAgent = value }
        }
        let record = CompletedRequest(
            server: configuration.name, method: context.method, target: context.target ?? "-", version: context.version,
            status: context.status, bytes: context.bytes, nanoseconds: nanoseconds, route: context.route ?? unmatched,
            requestID: context.requestID, client: client, referer: referer, userAgent: userAgent,
            startedAt: Date().timeIntervalSince1970 - Double(nanoseconds) / 1e9, delivered: delivered)
        for observer in configuration.observers { observer.requestCompleted(record) }
    }

    /// What body a request may carry: its route's policy, capped by the configured maximum; nil
    /// when no route of its method matches or its target is malformed (the answer needs no body).
    func bodyPolicy(method: String, _ target: Result<RequestTarget.Parsed, RequestTarget.Failure>?) -> BodyPolicy? {
        guard case .success(let parsed) = target else { return nil }
        guard let bodyPolicyLookup else { return .raw(maxBytes: configuration.maxBodyBytes) }
        return bodyPolicyLookup(method, parsed.path)?.capped(at: configuration.maxBodyBytes)
    }

    /// Why a declared body cannot be taken by its route, before a byte of it is read: the route
    /// takes none or less, or not in this media type.
    func check(_ policy: BodyPolicy, declaredLength: Int?, headers: [(name: String, value: String)]) -> HTTPError? {
        if policy == .none || (declaredLength ?? 0) > policy.maxBytes { return .payloadTooLarge }
        let type = mediaType(headers.first { $0.name == "content-type" }?.value)
        switch policy {
        case .form: return type == "application/x-www-form-urlencoded" ? nil : .unsupportedMediaType
        case .multipart: return type == "multipart/form-data" ? nil : .unsupportedMediaType
        case .formOrMultipart:
            return type == "multipart/form-data" || type == "application/x-www-form-urlencoded" ? nil : .unsupportedMediaType
        case .none, .raw: return nil
        }
    }

    /// An error answer for a request still being read, rendered by the route table when it can.
    func errorResponse(_ error: HTTPError, _ context: RequestContext) -> Response {
        guard let renderError, let target = context.target, case .success(let parsed)? = context.parsed else {
            return error.plainResponse
        }
        context.path = parsed.path
        let request = Request(method: context.method, target: target, path: parsed.path, query: parsed.query,
                              lowercasedHeaders: context.headers, body: [], form: nil, client: .unspecified)
        return renderError(request, error)
    }

    /// The answer to a request refused by `ProtocolChecks`: fixed text, never the request's own bytes.
    func refuse(_ refusal: ProtocolChecks.Refusal) -> Response {
        HTTPServer.closing(Response.text(refusal.message + "\n", status: refusal.status))
    }

    /// The plain beginning of a raw target's path — printable ASCII up to the first escape,
    /// query or other byte — enough for the route table to tell which part of the site the
    /// request was for ("/api/…" or an edition); nil when the target does not start with "/".
    static func plainPath(of target: String) -> String? {
        let plain = target.utf8.prefix { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "%") && $0 != UInt8(ascii: "?") }
        guard plain.first == UInt8(ascii: "/"), plain.count <= 2048 else { return nil }
        return String(decoding: plain, as: UTF8.self)
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
