/// An HTTP request as a handler sees it: method, decoded path, query items, headers, the client's
/// address and, on routes that take one, the decoded form.
public struct Request: Sendable {
    /// The request method exactly as sent ("GET", "HEAD", …).
    public let method: String
    /// The request target as sent on the request line, before any decoding.
    public let target: String
    /// The percent-decoded path, always starting with "/".
    public let path: String
    /// Query items in order, decoded ("+" is a space).
    public let query: [(name: String, value: String)]
    /// Header fields in order; names are lower-cased.
    public let headers: [(name: String, value: String)]
    /// The request body as received, on routes that take a raw body (else empty).
    public let body: [UInt8]
    /// The submitted form, on routes that take a form or multipart body.
    public let form: FormData?
    /// The address the connection comes from.
    public let client: ClientAddress
    /// What middleware attached for the handlers (empty from the server).
    public var locals = Locals()

    /// Builds a request; the server and tests call this.
    public init(method: String, target: String, path: String,
                query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)] = [], body: [UInt8] = [], form: FormData? = nil,
                client: ClientAddress = .loopback) {
        self.init(method: method, target: target, path: path, query: query,
                  lowercasedHeaders: headers.map { (name: $0.name.lowercased(), value: $0.value) }, body: body, form: form,
                  client: client)
    }

    /// Builds a request whose header names are lower-cased already (the server's own path).
    init(method: String, target: String, path: String, query: [(name: String, value: String)],
         lowercasedHeaders: [(name: String, value: String)], body: [UInt8], form: FormData?, client: ClientAddress) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        headers = lowercasedHeaders
        self.body = body
        self.form = form
        self.client = client
    }

    /// Builds a GET (or other) request from a raw target such as "/en/?page=2"; nil when it is malformed.
    public init?(method: String = "GET", target: String, headers: [(name: String, value: String)] = [],
                 form: FormData? = nil, client: ClientAddress = .loopback) {
        guard case .success(let parsed) = RequestTarget.parse(target) else { return nil }
        self.init(method: method, target: target, path: parsed.path, query: parsed.query, headers: headers, form: form,
                  client: client)
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// The first value of a query parameter.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The value of a cookie the client sent.
    public func cookie(_ name: String) -> String? {
        Cookies.value(name, in: header("cookie"))
    }

    /// True for HEAD: the response carries headers only.
    public var isHead: Bool { method == "HEAD" }
}
