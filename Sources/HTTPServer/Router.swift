/// Values captured from a matched route pattern (":name" segments and a trailing "*rest").
public struct RouteParameters: Sendable {
    /// A route captures one to three values: a list searched in order beats hashing into a dictionary.
    private var values: [(name: String, value: String)] = []

    /// The captured value for a pattern name.
    public subscript(_ name: String) -> String? { values.first { $0.name == name }?.value }

    mutating func set(_ name: String, _ value: String) { values.append((name, value)) }
}

/// A flat route table: method + path pattern → handler, first match wins.
///
/// Patterns are "/"-separated: literals, ":name" for one segment, "*name" for the rest of the path
/// (one or more segments, joined with "/"). A pattern ending in "/" matches only paths ending in "/".
/// A GET route also answers HEAD; a path that matches only other methods' routes gets 405 with Allow.
public struct Router: Sendable {
    /// A route handler.
    public typealias Handler = @Sendable (Request, RouteParameters) -> Response

    /// A pattern segment, classified once when the route is added.
    private enum Segment: Sendable {
        case literal(String)
        case parameter(String)
        case rest(String)
    }

    private struct Route: Sendable {
        let method: String
        let maxBody: Int
        /// The segments before a trailing "*rest", if any.
        let fixed: [Segment]
        /// The name of the trailing "*rest" segment.
        let rest: String?
        let trailingSlash: Bool
        let handler: Handler
    }

    private var routes: [Route] = []
    private let notFound: @Sendable (Request) -> Response

    /// Creates an empty table; `notFound` answers paths no route matches.
    public init(notFound: @escaping @Sendable (Request) -> Response) {
        self.notFound = notFound
    }

    /// Adds a GET (and HEAD) route; it accepts no request body.
    public mutating func get(_ pattern: String, _ handler: @escaping Handler) {
        add("GET", pattern, handler)
    }

    /// Adds a route for any method, with the largest request body it accepts (default none).
    public mutating func add(_ method: String, _ pattern: String, maxBody: Int = 0, _ handler: @escaping Handler) {
        let (parts, trailing) = Router.split(pattern)
        let segments: [Segment] = parts.map { part in
            if part.hasPrefix(":") { return .parameter(String(part.dropFirst())) }
            if part.hasPrefix("*") { return .rest(String(part.dropFirst())) }
            return .literal(String(part))
        }
        var rest: String?
        if case .rest(let name) = segments.last { rest = name }
        routes.append(Route(method: method, maxBody: maxBody, fixed: rest == nil ? segments : Array(segments.dropLast()),
                            rest: rest, trailingSlash: trailing, handler: handler))
    }

    /// The body limit of the route that will answer `method path`, or nil when no route of that
    /// method matches (the answer will be 404 or 405 whatever the body holds).
    public func bodyLimit(method: String, path: String) -> Int? {
        let (segments, trailing) = Router.split(path)
        for route in routes where route.method == method || (route.method == "GET" && method == "HEAD") {
            if Router.match(route, segments, trailing) != nil { return route.maxBody }
        }
        return nil
    }

    /// Answers a request through the first matching route.
    public func respond(to request: Request) -> Response {
        let (segments, trailing) = Router.split(request.path)
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Router.match(route, segments, trailing) else { continue }
            if route.method == request.method || (route.method == "GET" && request.method == "HEAD") {
                return route.handler(request, parameters)
            }
            allowed.append(route.method)
        }
        if allowed.isEmpty { return notFound(request) }
        if allowed.contains("GET") { allowed.append("HEAD") }
        var response = Response.text("Method not allowed\n", status: 405)
        response.headers.append(("Allow", allowed.joined(separator: ", ")))
        return response
    }

    /// Splits a path on "/" by bytes (a Character-wise split walks grapheme clusters).
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
        let fixed = route.fixed.count
        guard route.rest != nil ? segments.count > fixed : (segments.count == fixed && trailing == route.trailingSlash) else { return nil }
        for (index, part) in route.fixed.enumerated() {
            guard !segments[index].isEmpty else { return nil }
            if case .literal(let literal) = part, !segments[index].utf8.elementsEqual(literal.utf8) { return nil }
        }
        var parameters = RouteParameters()
        for (index, part) in route.fixed.enumerated() {
            if case .parameter(let name) = part { parameters.set(name, String(segments[index])) }
        }
        if let rest = route.rest {
            let tail = segments[fixed...]
            guard !tail.contains(where: \.isEmpty) else { return nil }
            parameters.set(rest, tail.count == 1 ? String(tail.first!) : tail.joined(separator: "/"))
        }
        return parameters
    }
}
