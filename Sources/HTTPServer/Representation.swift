/// A resource's current representation, prepared once: its bytes and, for compressible types, their
/// gzip form, each with a strong ETag, plus the matching 304 answers. `response(to:)` picks what a
/// request gets: 304 when its `If-None-Match` (or, without one, `If-Modified-Since`) says the
/// client has it, the gzip bytes when `Accept-Encoding` allows them, else the plain bytes.
public final class Representation: Sendable {
    /// The strong validator of the plain bytes.
    public let etag: String
    /// The gzip form's validator: the plain one with "-gz".
    let gzipETag: String
    /// When the content last changed (Unix seconds), for `Last-Modified`.
    public let lastModified: Int64?
    let plain: PreparedResponse
    let gzip: PreparedResponse?
    /// The 304 answers, prepared ahead when the representation is kept (else made when asked for).
    let plainNotModified: PreparedResponse?
    let gzipNotModified: PreparedResponse?
    /// The header fields a 304 repeats (Cache-Control, Expires, Last-Modified, Vary).
    let validators: [(name: String, value: String)]
    /// False when only the gzip form is held (a large document): a client that takes no gzip gets
    /// the bytes inflated from it.
    let keepsPlain: Bool

    /// Prepares `body` with `headers` (Content-Type and Cache-Control among them); compressible
    /// 200 bodies of 256 bytes or more get a gzip form at `gzipLevel` (nil: none). `kept`: the
    /// representation answers many requests (cached pages, static files), so its 304s are
    /// prepared too; a one-off answer makes a 304 only if its request asks for one.
    /// `compressedOnly`: hold just the gzip form (sitemaps of tens of megabytes, which nearly every
    /// client takes gzipped); the plain bytes are inflated for the rare client that does not.
    public init(status: Int = 200, headers: [(name: String, value: String)], body: [UInt8], lastModified: Int64?,
                gzipLevel: Int32? = 6, kept: Bool = true, compressedOnly: Bool = false) {
        let contentType = headers.first { $0.name.isASCIICaseInsensitiveEqual("content-type") }?.value ?? ""
        let compressible = status == 200 && Gzip.isCompressible(contentType)
        let hash = ContentHash.hex(body)
        etag = "\"\(hash)\""
        gzipETag = "\"\(hash)-gz\""
        self.lastModified = lastModified
        var common = headers
        var validators = headers.filter { $0.name.isASCIICaseInsensitiveEqual("cache-control") || $0.name.isASCIICaseInsensitiveEqual("expires") }
        if let lastModified {
            common.append(("Last-Modified", HTTPDate.format(lastModified)))
            validators.append(common[common.count - 1])
        }
        if compressible {
            common.append(("Vary", "Accept-Encoding"))
            validators.append(common[common.count - 1])
        }
        self.validators = validators
        plainNotModified = kept ? Representation.notModified(validators, etag) : nil
        if compressible, let gzipLevel, body.count >= 256, let packed = Gzip.compress(body, level: gzipLevel), packed.count < body.count {
            gzip = PreparedResponse(status: status, headers: common + [("Content-Encoding", "gzip"), ("ETag", gzipETag)], body: packed,
                                     shared: kept)
            gzipNotModified = kept ? Representation.notModified(validators, gzipETag) : nil
        } else {
            gzip = nil
            gzipNotModified = nil
        }
        keepsPlain = !(compressedOnly && gzip != nil)
        plain = PreparedResponse(status: status, headers: common + [("ETag", etag)], body: keepsPlain ? body : [], shared: kept)
    }

    /// A 304 for a validator. libmicrohttpd 0.9.75 adds "Content-Length: 0" to a 304 whatever the
    /// response says (it sends both when the application states the 200's length); caches ignore
    /// a 304's length (RFC 9111 §3.2), so the library's is left alone.
    private static func notModified(_ validators: [(name: String, value: String)], _ tag: String) -> PreparedResponse {
        PreparedResponse(status: 304, headers: validators + [("ETag", tag)], body: [])
    }

    /// Bytes held (both forms), for cache accounting.
    public var byteCount: Int { plain.count + (gzip?.count ?? 0) }

    /// The answer to a GET or HEAD for this representation.
    public func response(to request: Request) -> Response {
        let useGzip = gzip != nil && Gzip.isAccepted(by: request.header("accept-encoding"))
        let chosen = useGzip ? gzip! : plain
        guard chosen.status == 200 else { return Response(prepared: chosen) }

        let tag = useGzip ? gzipETag : etag
        let notModified: Bool
        if let condition = request.header("if-none-match") {
            notModified = Representation.matches(condition, tag)
        } else if let since = request.header("if-modified-since"), let lastModified, let date = HTTPDate.parse(since) {
            notModified = lastModified <= date
        } else {
            notModified = false
        }
        guard notModified else {
            guard useGzip || keepsPlain else {
                // Inflating what this process compressed fails only when memory runs out.
                guard let bytes = Gzip.decompress(gzip!.body) else { return Response(status: 503) }
                return Response(status: 200, headers: plain.headers, body: bytes)
            }
            return Response(prepared: chosen)
        }
        return Response(prepared: (useGzip ? gzipNotModified : plainNotModified)
                        ?? PreparedResponse(status: 304, headers: validators + [("ETag", tag)], body: [], shared: false))
    }

    /// If-None-Match uses the weak comparison (RFC 9110 §13.1.2): "*" or any listed tag, with or
    /// without "W/", equal to ours.
    static func matches(_ condition: String, _ tag: String) -> Bool {
        for item in condition.split(separator: ",") {
            var candidate = String(item).trimmingSpaces()
            if candidate == "*" { return true }
            if candidate.hasPrefix("W/") { candidate.removeFirst(2) }
            if candidate == tag { return true }
        }
        return false
    }
}
