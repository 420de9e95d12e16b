import Logging

/// Values captured from a matched route pattern (":name" segments and a "*rest" run).
public struct RouteParameters: Sendable {
    /// A route captures one to three values: a list searched in order beats hashing into a dictionary.
    private var values: [(name: String, value: String)] = []

    /// The captured value for a pattern name.
    public subscript(_ name: String) -> String? { values.first { $0.name == name }?.value }

    mutating func set(_ name: String, _ value: String) { values.append((name, value)) }
}

/// Work done around a handler: it may answer itself, change the request, or look at the response
/// on its way out. Router-wide middleware runs for every request (a 404 included); a group's runs
/// for the routes of that group.
public protocol Middleware: Sendable {
    /// Answers `request`, calling `next` for the rest of the chain (or not).
    func respond(to request: Request, next: (Request) throws -> Response) throws -> Response
}

/// What request body a route takes. The server checks it before reading a byte of the body: a
/// route that takes none, a declared length over the limit or the wrong media type is answered at
/// once and the connection closed.
public enum BodyPolicy: Sendable, Equatable {
    /// No body (reader pages).
    case none
    /// `application/x-www-form-urlencoded`, decoded into `Request.form`.
    case form(maxBytes: Int)
    /// `multipart/form-data`: fields into `Request.form`, files streamed to temporary files.
    case multipart(maxBytes: Int)
    /// Either of the two (a form that may carry a file): a file past `fileBytes` is not kept but
    /// marked (`UploadedFile.exceededLimit`) while the rest of the form is read, so the page can
    /// say so beside its field and keep everything else typed.
    case formOrMultipart(maxBytes: Int, fileBytes: Int)
    /// Any bytes, in `Request.body` (JSON APIs).
    case raw(maxBytes: Int)

    /// The largest body accepted.
    public var maxBytes: Int {
        switch self {
        case .none: return 0
        case .form(let max), .multipart(let max), .raw(let max), .formOrMultipart(let max, _): return max
        }
    }

    /// The same policy with its limit lowered to `limit` when above it.
    public func capped(at limit: Int) -> BodyPolicy {
        switch self {
        case .none: return .none
        case .form(let max): return .form(maxBytes: min(max, limit))
        case .multipart(let max): return .multipart(maxBytes: min(max, limit))
        case .formOrMultipart(let max, let file): return .formOrMultipart(maxBytes: min(max, limit), fileBytes: min(file, limit))
        case .raw(let max): return .raw(maxBytes: min(max, limit))
        }
    }
}

/// A flat route table: method + path pattern → handler, first match wins.
///
/// Patterns are "/"-separated: literals, ":name" for one segment, and at most one "*name" for a
/// run of one or more segments (joined with "/"), which fixed segments may follow. A pattern
/// ending in "/" matches only paths ending in "/". `where:` constrains a captured value. A GET
/// route also answers HEAD; a path that matches only other methods' routes gets 405 with Allow.
/// Handlers throw `HTTPError` to answer with an error; the router renders it through `errors`,
/// and answers any other thrown error with a logged 500.
public struct Router: Sendable {
    /// A route handler.
    public typealias Handler = @Sendable (Request, RouteParameters) throws -> Response
    /// Renders an error answer (a localized page, a newsroom page, plain text).
    public typealias ErrorResponder = @Sendable (Request, HTTPError) -> Response
    /// A test on a captured value.
    public typealias Constraint = @Sendable (Substring) -> Bool

    private enum Segment: Sendable {
        case literal(String)
        case parameter(String)
    }

    private struct Route: Sendable {
        let method: String
        /// The pattern as written ("/:edition/tag/:slug"), group prefix included.
        let name: RouteName
        let body: BodyPolicy
        let prefix: [Segment]
        /// The name of the "*rest" run, if the pattern has one.
        let rest: String?
        let suffix: [Segment]
        let trailingSlash: Bool
        let constraints: [(name: String, test: Constraint)]
        let middleware: [any Middleware]
        let handler: Handler
    }

    private var routes: [Route] = []
    private var middleware: [any Middleware] = []
    private let errors: ErrorResponder
    private let logger: Logger?

    /// An empty table; `errors` renders error answers, `logger` records unexpected failures.
    public init(logger: Logger? = nil, errors: @escaping ErrorResponder = { _, error in error.plainResponse }) {
        self.logger = logger
        self.errors = errors
    }

    /// Adds middleware that runs for every request, in the order added.
    public mutating func use(_ middleware: any Middleware) {
        self.middleware.append(middleware)
    }

    /// Adds a GET (and HEAD) route; it accepts no request body.
    public mutating func get(_ pattern: String, where constraints: [String: Constraint] = [:], _ handler: @escaping Handler) {
        add("GET", pattern, where: constraints, handler)
    }

    /// Adds a POST route with the body it accepts.
    public mutating func post(_ pattern: String, body: BodyPolicy, where constraints: [String: Constraint] = [:],
                              _ handler: @escaping Handler) {
        add("POST", pattern, body: body, where: constraints, handler)
    }

    /// Adds a route for any method, with the request body it accepts (default none).
    public mutating func add(_ method: String, _ pattern: String, body: BodyPolicy = .none,
                             where constraints: [String: Constraint] = [:], _ handler: @escaping Handler) {
        add(method, pattern, body: body, constraints: constraints.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            middleware: [], handler)
    }

    private mutating func add(_ method: String, _ pattern: String, body: BodyPolicy, constraints: [(name: String, test: Constraint)],
                              middleware: [any Middleware], _ handler: @escaping Handler) {
        let (parts, trailing) = Router.split(pattern)
        var prefix: [Segment] = []
        var suffix: [Segment] = []
        var rest: String?
        for part in parts {
            if part.hasPrefix("*") {
                precondition(rest == nil, "router: a pattern has at most one *rest run: \(pattern)")
                rest = String(part.dropFirst())
                continue
            }
            let segment: Segment = part.hasPrefix(":") ? .parameter(String(part.dropFirst())) : .literal(String(part))
            if rest == nil { prefix.append(segment) } else { suffix.append(segment) }
        }
        routes.append(Route(method: method, name: RouteName(pattern), body: body, prefix: prefix, rest: rest, suffix: suffix, trailingSlash: trailing,
                            constraints: constraints, middleware: middleware, handler: handler))
    }

    /// Adds the routes `build` declares under a path prefix, each wrapped in `middleware` (outermost
    /// first) inside any the routes declare themselves.
    public mutating func group(_ prefix: String = "", middleware: [any Middleware] = [], _ build: (inout Router) -> Void) {
        var inner = Router(logger: logger, errors: errors)
        build(&inner)
        let (baseParts, _) = Router.split(prefix)
        let basePrefix: [Segment] = baseParts.map { $0.hasPrefix(":") ? .parameter(String($0.dropFirst())) : .literal(String($0)) }
        for route in inner.routes {
            routes.append(Route(method: route.method, name: RouteName(Router.joined(prefix, route.name.pattern)), body: route.body, prefix: basePrefix + route.prefix, rest: route.rest,
                                suffix: route.suffix,
                                // "/" inside a group is the group's own path with its slash.
                                trailingSlash: route.trailingSlash
                                    || (!basePrefix.isEmpty && route.prefix.isEmpty && route.rest == nil && route.suffix.isEmpty),
                                constraints: route.constraints,
                                middleware: middleware + inner.middleware + route.middleware, handler: route.handler))
        }
    }

    /// The body policy of the route that will answer `method path`, or nil when no route of that
    /// method matches (the answer will be 404 or 405 whatever the body holds).
    public func bodyPolicy(method: String, path: String) -> BodyPolicy? {
        let (segments, trailing) = Router.split(path)
        for route in routes where route.method == method || (route.method == "GET" && method == "HEAD") {
            if Router.match(route, segments, trailing) != nil { return route.body }
        }
        return nil
    }

    /// Answers a request: the router-wide middleware, then the first matching route's.
    public func respond(to request: Request) -> Response {
        do {
            return try Router.run(middleware[...], request) { request in try route(request) }
        } catch let error as HTTPError {
            return errorResponse(to: request, error)
        } catch {
            logger?.error("http: \(request.method) \(request.path) failed: \(error)")
            return errorResponse(to: request, .internalError)
        }
    }

    /// The answer this table gives for an error (the server's own refusals use it too), with the
    /// fields the error carries (Allow, Retry-After).
    public func errorResponse(to request: Request, _ error: HTTPError) -> Response {
        var response = errors(request, error)
        for header in error.headers { response.setHeader(header.name, header.value) }
        return response
    }

    private func route(_ request: Request) throws -> Response {
        let (segments, trailing) = Router.split(request.path)
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Router.match(route, segments, trailing) else { continue }
            if route.method == request.method || (route.method == "GET" && request.method == "HEAD") {
                // The answer, or the error it threw, says which route it came from (the metrics' label).
                do {
                    var response = try Router.run(route.middleware[...], request) { try route.handler($0, parameters) }
                    if response.route == nil { response.route = route.name }
                    return response
                } catch let error as HTTPError {
                    var response = errorResponse(to: request, error)
                    response.route = route.name
                    return response
                }
            }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if allowed.isEmpty { throw HTTPError.notFound() }
        if allowed.contains("GET") { allowed.append("HEAD") }
        throw HTTPError.methodNotAllowed(allowed)
    }

    private static func run(_ chain: ArraySlice<any Middleware>, _ request: Request,
                            _ final: (Request) throws -> Response) throws -> Response {
        guard let first = chain.first else { return try final(request) }
        return try first.respond(to: request) { try run(chain.dropFirst(), $0, final) }
    }

    /// Splits a path on "/" by bytes (a Character-wise split walks grapheme clusters).
    /// A group's prefix and a pattern inside it as one pattern.
    private static func joined(_ prefix: String, _ pattern: String) -> String {
        guard !prefix.isEmpty, prefix != "/" else { return pattern }
        let base = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        return pattern == "/" || pattern.isEmpty ? base + "/" : base + (pattern.hasPrefix("/") ? pattern : "/" + pattern)
    }

    private static func split(_ path: String) -> ([Substring], Bool) {
        let utf8 = path.utf8
        let trailing = utf8.count > 1 && utf8.last == UInt8(ascii: "/")
        var segments: [Substring] = []
        var start = utf8.startIndex
        if utf8.first == UInt8(ascii: "/") { start = utf8.index(after: start) }
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                segments.append(path[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { segments.append(path[start..<utf8.endIndex]) }
        return (segments, trailing)
    }

    private static func match(_ route: Route, _ segments: [Substring], _ trailing: Bool) -> RouteParameters? {
        // Reject on shape first, without allocating: most routes fail here for most requests.
        let fixed = route.prefix.count + route.suffix.count
        guard trailing == route.trailingSlash,
              route.rest != nil ? segments.count > fixed : segments.count == fixed else { return nil }
        let suffixStart = segments.count - route.suffix.count
        func fits(_ part: Segment, _ segment: Substring) -> Bool {
            guard !segment.isEmpty else { return false }
            if case .literal(let literal) = part { return segment.utf8.elementsEqual(literal.utf8) }
            return true
        }
        for (index, part) in route.prefix.enumerated() where !fits(part, segments[index]) { return nil }
        for (index, part) in route.suffix.enumerated() where !fits(part, segments[suffixStart + index]) { return nil }
        var parameters = RouteParameters()
        func capture(_ name: String, _ value: Substring) -> Bool {
            if let constraint = route.constraints.first(where: { $0.name == name }), !constraint.test(value) { return false }
            parameters.set(name, String(value))
            return true
        }
        for (index, part) in route.prefix.enumerated() {
            if case .parameter(let name) = part, !capture(name, segments[index]) { return nil }
        }
        if let rest = route.rest {
            let run = segments[route.prefix.count..<suffixStart]
            guard !run.contains(where: \.isEmpty) else { return nil }
            let joined = run.count == 1 ? run.first! : Substring(run.joined(separator: "/"))
            if !capture(rest, joined) { return nil }
        }
        for (index, part) in route.suffix.enumerated() {
            if case .parameter(let name) = part, !capture(name, segments[suffixStart + index]) { return nil }
        }
        return parameters
    }
}
