import CMicroHTTPD
import Foundation
import Synchronization

/// One response — status, header fields, body — built once and sent for many requests without a
/// copy: the body lives in one allocation that a libmicrohttpd response object points into, and
/// every request queues that same object (the library counts references and frees the body, via
/// its free callback, once the last connection sending it is done).
///
/// The library object is made on the first send, with the server's default header fields (the
/// security headers) added then; from that moment it is never modified again, so worker threads
/// can queue it concurrently.
public final class PreparedResponse: @unchecked Sendable {
    /// The status code.
    public let status: Int
    /// The header fields (without the server's defaults).
    public let headers: [(name: String, value: String)]
    private let storage: UnsafeMutableRawBufferPointer
    /// The library's response object once made (its address; 0 before the first send).
    private let made = Atomic<Int>(0)
    private let making = Mutex<Void>(())
    /// The header list (own fields, then the server's defaults) as C strings, made on the first
    /// per-request response, so later ones pass them without converting a Swift string each time.
    private let fieldStrings = Mutex<FieldStrings?>(nil)

    final class FieldStrings: @unchecked Sendable {
        let pairs: [(UnsafeMutablePointer<CChar>, UnsafeMutablePointer<CChar>)]
        init(_ fields: [(name: String, value: String)]) { pairs = fields.map { (strdup($0.name)!, strdup($0.value)!) } }
        deinit { for (name, value) in pairs { free(name); free(value) } }
    }

    /// Copies `body` into the shared allocation.
    /// False for a one-off answer (prepared for its request only): it is then sent as a response
    /// of its own, with that request's id.
    public let shared: Bool

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8], shared: Bool = true) {
        self.shared = shared
        self.status = status
        self.headers = headers
        let memory = body.isEmpty ? nil : malloc(body.count)
        storage = UnsafeMutableRawBufferPointer(start: memory, count: memory == nil ? 0 : body.count)
        if let base = storage.baseAddress { body.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: body.count) } }
    }

    deinit {
        let handle = made.load(ordering: .acquiring)
        if handle != 0 {
            MHD_destroy_response(OpaquePointer(bitPattern: handle))   // the library frees the body when done
        } else {
            free(storage.baseAddress)
        }
    }

    /// The body bytes (valid while this object lives).
    public var body: UnsafeRawBufferPointer { UnsafeRawBufferPointer(storage) }

    /// The body's length.
    public var count: Int { storage.count }

    /// The library's response object, made on first use with `defaults` added (fields the
    /// response does not set itself); nil when the library cannot allocate one.
    func libraryResponse(defaults: [(name: String, value: String)]) -> OpaquePointer? {
        let handle = made.load(ordering: .acquiring)
        if handle != 0 { return OpaquePointer(bitPattern: handle) }
        return making.withLock { _ -> OpaquePointer? in
            let again = made.load(ordering: .acquiring)
            if again != 0 { return OpaquePointer(bitPattern: again) }
            let response: OpaquePointer? = storage.baseAddress == nil
                ? MHD_create_response_from_buffer(0, nil, .RESPMEM_PERSISTENT)
                : MHD_create_response_from_buffer_with_free_callback_cls(storage.count, storage.baseAddress,
                                                                         PreparedResponse.freeBody, storage.baseAddress)
            guard let response else { return nil }
            for (name, value) in headers { _ = MHD_add_response_header(response, name, value) }
            // Compared in place: a Set of lowercased names cost allocations on every one-off page.
            for (name, value) in defaults where !headers.contains(where: { $0.name.isASCIICaseInsensitiveEqual(fieldName: name) }) {
                _ = MHD_add_response_header(response, name, value)
            }
            made.store(Int(bitPattern: response), ordering: .releasing)
            return response
        }
    }

    /// libmicrohttpd's free callback for a body: `cls` is the allocation.
    /// A response of its own for one request, over the same body bytes (not copied; the caller
    /// keeps `self` alive until the request completes), with `extra` added to the headers: for
    /// the per-request X-Request-Id. Costs a response object and its header list per request.
    func libraryResponse(defaults: [(name: String, value: String)], extra: (name: String, value: String)) -> OpaquePointer? {
        guard let response = MHD_create_response_from_buffer(storage.count, storage.baseAddress, .RESPMEM_PERSISTENT) else { return nil }
        let fields = fieldStrings.withLock { made -> FieldStrings in
            if let made { return made }
            let list = FieldStrings(headers + defaults.filter { name, _ in
                !headers.contains(where: { $0.name.isASCIICaseInsensitiveEqual(fieldName: name) })
            })
            made = list
            return list
        }
        for (name, value) in fields.pairs { _ = MHD_add_response_header(response, name, value) }
        _ = MHD_add_response_header(response, extra.name, extra.value)
        return response
    }

    private static let freeBody: MHD_ContentReaderFreeCallback = { cls in free(cls) }
}
