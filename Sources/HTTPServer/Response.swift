/// An HTTP response: status, header fields and the body bytes.
public struct Response: Sendable {
    /// The status code.
    public var status: Int { didSet { unprepare() } }
    /// Header fields in order; the server adds Content-Length itself.
    public var headers: [(name: String, value: String)] { didSet { unprepare() } }
    /// The body; for HEAD the server sends only its length.
    public var body: [UInt8] {
        get { prepared.map { Array($0.body) } ?? ownBody }
        set { ownBody = newValue; prepared = nil }
    }
    /// The body's length.
    public var bodyCount: Int { prepared?.count ?? ownBody.count }
    private var ownBody: [UInt8]
    /// Set when the response is a prepared one, sent as it is without a copy (see `PreparedResponse`).
    public private(set) var prepared: PreparedResponse?
    /// Set by handlers whose page a shared cache may keep: what it was built from and for how long.
    public var cacheability: Cacheability?
    /// Run once the whole response has been sent (libmicrohttpd's completion notice says so), never
    /// for one cut off by a closed connection or a shutdown: what counts a read counts it here.
    public var onDelivered: (@Sendable () -> Void)?
    /// The pattern of the route that answered (set by the router; the metrics' `route` label).
    public var route: RouteName?

    /// Builds a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        ownBody = body
    }

    /// A prepared response (its fields are the prepared ones; changing them makes a copy).
    public init(prepared: PreparedResponse) {
        status = prepared.status
        headers = prepared.headers
        ownBody = []
        self.prepared = prepared
    }

    /// An HTML page in UTF-8.
    public static func html(_ text: String, status: Int = 200) -> Response {
        Response(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(text.utf8))
    }

    /// A short plain-text answer in UTF-8.
    public static func text(_ text: String, status: Int = 200) -> Response {
        Response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// A redirect to a local path; 301 for canonical moves, 302 for negotiated choices.
    public static func redirect(to location: String, status: Int = 302) -> Response {
        var response = Response.text("Redirecting to \(location)\n", status: status)
        response.headers.append(("Location", location))
        return response
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// A changed prepared response is no longer the prepared one: it becomes an ordinary copy.
    private mutating func unprepare() {
        guard let prepared else { return }
        ownBody = Array(prepared.body)
        self.prepared = nil
    }

    /// Adds a Set-Cookie field.
    public mutating func setCookie(_ cookie: SetCookie) {
        headers.append(("Set-Cookie", cookie.headerValue))
    }

    /// Sets a header, replacing any earlier value.
    public mutating func setHeader(_ name: String, _ value: String) {
        let lower = name.lowercased()
        headers.removeAll { $0.name.lowercased() == lower }
        headers.append((name, value))
    }
}

/// What a page cache needs to keep a response and to retire it: the keys naming what it was built
/// from (an article, a list, the header …; the same keys a CDN purges by), when it stops being
/// valid, when its content last changed, and what to do each time it is served again.
public struct Cacheability: Sendable {
    /// The keys of the data the page shows.
    public var keys: [String]
    /// Unix time after which it must not be served (e.g. the edition's next midnight).
    public var expires: Int64
    /// Unix time its content last changed, for Last-Modified.
    public var lastModified: Int64
    /// Run for every GET answered from a cache (e.g. counting an article view).
    public var onHit: (@Sendable () -> Void)?

    /// Builds the description.
    public init(keys: [String], expires: Int64, lastModified: Int64, onHit: (@Sendable () -> Void)? = nil) {
        self.keys = keys
        self.expires = expires
        self.lastModified = lastModified
        self.onHit = onHit
    }
}
