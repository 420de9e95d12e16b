import CMicroHTTPD
import Dispatch

/// Per-request state, created when libmicrohttpd first sees the request line and released when the
/// request completes. Only the one worker thread that owns the connection touches it.
final class RequestContext: @unchecked Sendable {
    /// The raw request target; nil when it was not valid UTF-8.
    let target: String?
    /// The target parsed once, on the first call (nil until then or when `target` is nil).
    var parsed: Result<RequestTarget.Parsed, RequestTarget.Failure>?
    let started: UInt64
    var sawFirstCall = false
    var refused = false
    var headers: [(name: String, value: String)] = []
    /// What body the route takes; set only when the request declares one.
    var policy: BodyPolicy?
    /// The body as received (form and raw bodies).
    var body: [UInt8] = []
    /// Body bytes received so far.
    var received = 0
    var bodyTooLarge = false
    /// The streaming reader of a multipart body.
    var multipart: MultipartReader?
    var formError: FormError?
    var method = "-"
    var path = "-"
    /// The queued response's delivery action (`Response.onDelivered`).
    var onDelivered: (@Sendable () -> Void)?
    var status = 0
    var bytes = 0
    var version = "HTTP/1.1"
    /// The answering route (`Response.route`); nil: none matched.
    var route: RouteName?
    var requestID = ""
    /// True when the id came with the request (a front end's X-Request-Id).
    var requestIDReceived = false
    /// The prepared response whose body bytes are being sent without a copy (kept until completion).
    var sending: PreparedResponse?

    init(target: String?) {
        self.target = target
        started = DispatchTime.now().uptimeNanoseconds
    }

    deinit { multipart?.removeFiles() }

    /// The decoded form of a form or multipart body; nil for other requests.
    func readForm() -> Result<FormData?, FormError> {
        if let formError { return .failure(formError) }
        switch policy {
        case .form?:
            return URLEncodedForm.decode(body).map { FormData(fields: $0) }
        case .formOrMultipart?:
            if let multipart { do { return .success(try multipart.finish()) } catch { return .failure(error) } }
            return bodyTooLarge ? .success(nil) : URLEncodedForm.decode(body).map { FormData(fields: $0) }
        case .multipart?:
            guard let multipart else { return .success(nil) }
            do { return .success(try multipart.finish()) } catch { return .failure(error) }
        default:
            return .success(nil)
        }
    }

    /// Bytes past the limit (or after a malformed part) still read and dropped before the
    /// connection is cut: a client that sends its whole body before reading the answer (a browser
    /// does) would otherwise be reset and never see it.
    static let drainAllowance = 1 << 20

    /// Takes a chunk of the body under the route's limit; false when the request must be answered
    /// now, unread (too far past the limit).
    func take(_ data: UnsafePointer<CChar>, count: Int) -> Bool {
        guard let policy else { return true }
        received += count
        if received > policy.maxBytes && !bodyTooLarge {
            bodyTooLarge = true
            multipart?.removeFiles()
            multipart = nil
            body = []
        }
        if bodyTooLarge || formError != nil { return received <= policy.maxBytes + Self.drainAllowance }
        let chunk = UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: count)
        if let multipart {
            do { try multipart.feed(chunk) } catch {
                formError = error
                multipart.removeFiles()
            }
        } else {
            body.append(contentsOf: chunk)
        }
        return true
    }
}

/// The C callbacks handed to libmicrohttpd. They live outside main.swift on purpose: a callback
/// defined there is main-actor isolated and crashes on the first worker call (PLATFORM.md).
/// State travels through the `void *cls` pointers, never through captures.
enum MHDCallbacks {
    /// Called once per request with the raw URI: creates the request context (becomes `*con_cls`).
    static let uriLog: herald_uri_log_callback = { cls, uri, _ in
        guard let cls else { return nil }
        let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()
        server.liveRequests.add(1, ordering: .relaxed)
        let target = uri.flatMap { String(validatingCString: $0) }
        return Unmanaged.passRetained(RequestContext(target: target)).toOpaque()
    }

    /// The access handler. The first call only returns YES (queueing a response on the first call
    /// makes libmicrohttpd 0.9.75 close keep-alive connections) unless the request is refused; body
    /// chunks go to the route's reader under its limit; the final call dispatches and queues the
    /// response.
    static let access: MHD_AccessHandlerCallback = { cls, connection, _, method, version, uploadData, uploadSize, conCls in
        guard let cls, let connection, let conCls, let raw = conCls.pointee, let uploadSize else { return .NO }
        let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()
        let context = Unmanaged<RequestContext>.fromOpaque(raw).takeUnretainedValue()
        if context.refused {                     // answered already; libmicrohttpd is closing
            uploadSize.pointee = 0
            return .YES
        }
        let key = UInt(bitPattern: Int(bitPattern: connection))
        if !context.sawFirstCall {
            context.sawFirstCall = true
            let methodName = method.map { String(cString: $0) } ?? ""
            context.method = methodName
            let received = headers(of: connection)
            context.headers = received.fields
            if let version { context.version = String(cString: version) }
            if let given = RequestID.accepted(received.fields.first(where: { $0.name == "x-request-id" })?.value) {
                context.requestID = given
                context.requestIDReceived = true
            } else {
                context.requestID = RequestID.next()
            }
            // Framing, Host and method are checked before any body is read or any handler runs;
            // a refusal is queued at once (libmicrohttpd then closes the connection).
            if let refusal = ProtocolChecks.check(method: methodName, version: version.map { String(cString: $0) } ?? "",
                                                  headers: context.headers, folded: received.folded) {
                return refuse(server.refuse(refusal), connection, context, server)
            }
            let declaredLength = context.headers.first { $0.name == "content-length" }.flatMap { Int($0.value.trimmingSpaces()) }
            let chunked = context.headers.contains { $0.name == "transfer-encoding" }
            context.parsed = context.target.map(RequestTarget.parse)
            let expectsBody = (declaredLength ?? 0) > 0 || chunked
            // Without a declared body none follows, so the route's policy need not be looked up.
            if expectsBody {
                guard let policy = server.bodyPolicy(method: methodName, context.parsed) else {
                    // No route of this method (404/405) or a malformed target (400): answered now,
                    // with no 100 Continue and no byte of the body read.
                    let response = server.respond(to: context, method: methodName, headers: context.headers,
                                                  client: client(of: connection))
                    return refuse(response, connection, context, server)
                }
                if let error = server.check(policy, declaredLength: declaredLength, headers: context.headers) {
                    return refuse(server.errorResponse(error, context), connection, context, server)
                }
                context.policy = policy
                let type = context.headers.first { $0.name == "content-type" }?.value ?? ""
                var limits = MultipartReader.Limits()
                let streamsParts: Bool
                switch policy {
                case .multipart: streamsParts = true
                case .formOrMultipart(_, let fileBytes):
                    limits.fileBytes = fileBytes
                    streamsParts = mediaType(type) == "multipart/form-data"
                default: streamsParts = false
                }
                if streamsParts {
                    guard let reader = MultipartReader(contentType: type, directory: server.configuration.uploadDirectory, limits: limits) else {
                        return refuse(server.errorResponse(FormError.malformedMultipart("no boundary").httpError, context),
                                      connection, context, server)
                    }
                    context.multipart = reader
                }
            }
            server.watch.headersReceived(key, expectsBody: expectsBody)
            return .YES
        }
        if uploadSize.pointee > 0 {
            let size = uploadSize.pointee
            uploadSize.pointee = 0
            if let uploadData, !context.take(uploadData, count: size) {
                // Far past the limit: answered now; the rest of the body is never read.
                let error = context.bodyTooLarge ? HTTPError.payloadTooLarge : (context.formError?.httpError ?? .payloadTooLarge)
                return refuse(server.errorResponse(error, context), connection, context, server)
            }
            return .YES
        }
        server.watch.answering(key)
        let response = server.respond(to: context, method: context.method, headers: context.headers, client: client(of: connection))
        return queue(response, on: connection, context: context, server: server)
    }

    /// Queues a refusal (Connection: close) and marks the request answered.
    private static func refuse(_ response: Response, _ connection: OpaquePointer, _ context: RequestContext,
                               _ server: HTTPServer) -> MHD_Result {
        context.refused = true
        server.watch.answering(UInt(bitPattern: Int(bitPattern: connection)))
        return queue(HTTPServer.closing(response), on: connection, context: context, server: server)
    }

    static func client(of connection: OpaquePointer) -> ClientAddress {
        herald_connection_client_address(connection).flatMap(ClientAddress.init) ?? .unspecified
    }

    /// The header fields of a request as libmicrohttpd parsed them.
    struct ReceivedHeaders {
        /// Every field (names lower-cased, duplicates kept).
        var fields: [(name: String, value: String)] = []
        /// True when a field was continued on a following line (obs-fold).
        var folded = false
    }

    /// Every header field as received, and whether any of them was folded.
    private static func headers(of connection: OpaquePointer) -> ReceivedHeaders {
        var received = ReceivedHeaders()
        withUnsafeMutablePointer(to: &received) { pointer in
            _ = MHD_get_connection_values_n(connection, .HEADER_KIND, collectHeader, pointer)
        }
        return received
    }

    /// libmicrohttpd 0.9.75 parses header lines in place: a field's value follows its name in the
    /// read buffer, after the colon (overwritten with NUL) and optional spaces or tabs. A folded
    /// field (a following line starting with a space or tab) is moved to a new block of the
    /// connection's pool with the continuation appended to its name, so its name and value are no
    /// longer adjacent: the only trace of obs-fold the application can see (measured; see
    /// ProtocolTests). Both pointers lie in the one pool, so reading between them is safe.
    static func isInPlace(name: UnsafePointer<CChar>, nameSize: Int, value: UnsafePointer<CChar>) -> Bool {
        let colon = name + nameSize
        let gap = value - colon
        guard gap >= 1, gap <= 8192, colon.pointee == 0 else { return false }
        for offset in 1..<gap where colon[offset] != 0x20 && colon[offset] != 0x09 { return false }
        return true
    }

    /// Called when a request is finished (sent, failed or timed out): logs it and frees the context.
    static let completed: MHD_RequestCompletedCallback = { cls, connection, conCls, code in
        guard let cls, let conCls, let raw = conCls.pointee else { return }
        conCls.pointee = nil
        let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()
        if let connection { server.watch.requestFinished(UInt(bitPattern: Int(bitPattern: connection))) }
        let context = Unmanaged<RequestContext>.fromOpaque(raw).takeRetainedValue()
        // Sent whole: only then does a read count (a page cut off by a shutdown was not read).
        if code.rawValue == 0 { context.onDelivered?() }
        if !server.configuration.observers.isEmpty {
            server.completed(context, delivered: code.rawValue == 0, client: connection.map { client(of: $0) } ?? .unspecified)
        }
        server.liveRequests.subtract(1, ordering: .releasing)
        server.workerYield.responseSent()
    }

    /// Connection opened or about to be closed: tracked for the header and body deadlines.
    static let notifyConnection: MHD_NotifyConnectionCallback = { cls, connection, socketContext, code in
        guard let cls, let connection else { return }
        let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()
        let key = UInt(bitPattern: Int(bitPattern: connection))
        if code == .CONNECTION_NOTIFY_STARTED {
            // The server's table for libmicrohttpd's own error answers (see MHDResponseHook).
            socketContext?.pointee = UnsafeMutableRawPointer(bitPattern: server.errorHeaders)
            server.watch.opened(key, fd: herald_connection_fd(connection))
        } else {
            server.watch.closed(key)
        }
    }

    /// Decodes %HH in place for libmicrohttpd's own use, leaving "%00" encoded so that a NUL can
    /// never truncate a path. Herald's handlers read the raw target through `RequestTarget` instead.
    static let unescape: herald_unescape_callback = { _, _, string in
        guard let string else { return 0 }
        var read = 0
        var write = 0
        func hex(_ c: CChar) -> Int? {
            switch UInt8(bitPattern: c) {
            case 0x30...0x39: return Int(c) - 0x30
            case 0x41...0x46: return Int(c) - 0x41 + 10
            case 0x61...0x66: return Int(c) - 0x61 + 10
            default: return nil
            }
        }
        while string[read] != 0 {
            if string[read] == 0x25, string[read + 1] != 0, string[read + 2] != 0,
               let high = hex(string[read + 1]), let low = hex(string[read + 2]), high << 4 | low != 0 {
                string[write] = CChar(bitPattern: UInt8(high << 4 | low))
                read += 3
            } else {
                string[write] = string[read]
                read += 1
            }
            write += 1
        }
        string[write] = 0
        return write
    }

    private static let collectHeader: MHD_KeyValueIteratorN = { cls, _, key, keySize, value, _ in
        guard let cls, let key else { return .YES }
        let received = cls.assumingMemoryBound(to: ReceivedHeaders.self)
        received.pointee.fields.append((lowercasedName(key, keySize), value.map { String(cString: $0) } ?? ""))
        if let value, !isInPlace(name: key, nameSize: keySize, value: value) { received.pointee.folded = true }
        return .YES
    }

    /// A header name with ASCII letters lower-cased, in one pass (names are case-insensitive and
    /// everything after compares them lower-cased).
    private static func lowercasedName(_ key: UnsafePointer<CChar>, _ size: Int) -> String {
        String(unsafeUninitializedCapacity: size) { buffer in
            key.withMemoryRebound(to: UInt8.self, capacity: size) { bytes in
                for index in 0..<size {
                    let byte = bytes[index]
                    buffer[index] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                }
            }
            return size
        }
    }

    private static func queue(_ response: Response, on connection: OpaquePointer, context: RequestContext,
                              server: HTTPServer) -> MHD_Result {
        context.status = response.status
        context.bytes = response.bodyCount
        context.onDelivered = response.onDelivered
        if let route = response.route { context.route = route }
        let stopping = server.stopping.load(ordering: .acquiring)
        // A prepared response (a cached page) is queued as it is — no copy, no header work — so
        // it carries no X-Request-Id of its own: a header per request would mean a response object
        // and its whole header list per request (measured: a tenth of the cached rate). When the
        // request brought an id (a cache node or proxy in front), it is echoed, on a response of
        // its own over the same bytes, as a one-off prepared answer always is. While stopping, every answer must say Connection: close,
        // so a prepared one is sent as an ordinary copy.
        if let prepared = response.prepared, !stopping {
            let mode = server.configuration.requestIDHeader
            let echoes = mode == .always || (mode == .rendered && (context.requestIDReceived || !prepared.shared))
            if !echoes, let shared = prepared.libraryResponse(defaults: server.configuration.responseHeaders) {
                return MHD_queue_response(connection, UInt32(response.status), shared)
            }
            if echoes,
               let own = prepared.libraryResponse(defaults: server.configuration.responseHeaders, extra: ("X-Request-Id", context.requestID)) {
                context.sending = prepared
                defer { MHD_destroy_response(own) }
                return MHD_queue_response(connection, UInt32(response.status), own)
            }
        }
        let mhdResponse: OpaquePointer? = response.body.withUnsafeBytes { buffer in
            MHD_create_response_from_buffer(buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress),
                                            .RESPMEM_MUST_COPY)
        }
        guard let mhdResponse else { return .NO }
        defer { MHD_destroy_response(mhdResponse) }
        for (name, value) in response.headers {
            _ = MHD_add_response_header(mhdResponse, name, value)
        }
        for (name, value) in server.configuration.responseHeaders where response.header(name) == nil {
            _ = MHD_add_response_header(mhdResponse, name, value)
        }
        if server.configuration.requestIDHeader != .off && !context.requestID.isEmpty {
            _ = MHD_add_response_header(mhdResponse, "X-Request-Id", context.requestID)
        }
        if stopping && response.header("Connection") == nil {
            _ = MHD_add_response_header(mhdResponse, "Connection", "close")
        }
        return MHD_queue_response(connection, UInt32(response.status), mhdResponse)
    }
}
