import Foundation
import Synchronization

/// One finished request as the access log and the metrics see it, built once per request in
/// libmicrohttpd's completion notice, after the response was sent (or given up).
public struct CompletedRequest: Sendable {
    /// The server's name (`ServerConfiguration.name`: "reader", "newsroom").
    public var server: String
    public var method: String
    /// The raw request target ("-" when it was not valid UTF-8).
    public var target: String
    public var version: String
    public var status: Int
    /// Body bytes of the response.
    public var bytes: Int
    /// From the first byte of the request to the completion notice.
    public var nanoseconds: UInt64
    /// The route that answered (its pattern, "/:edition/tag/:slug"), or the server's "unmatched".
    public var route: RouteName
    /// The request's id: the one a trusted front end sent in X-Request-Id, or Herald's own.
    public var requestID: String
    public var client: ClientAddress
    public var referer: String?
    public var userAgent: String?
    /// Unix time the request began, in seconds.
    public var startedAt: Double
    /// True when the response went out whole (false: the client left or the server stopped).
    public var delivered: Bool
}

/// A route's name, made once per route: its pattern. Observers key their tables by its identity
/// (a pointer compare), not by hashing the pattern on every request.
public final class RouteName: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String

    public init(_ pattern: String) { self.pattern = pattern }

    public var description: String { pattern }

    public static func == (a: RouteName, b: RouteName) -> Bool { a === b }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// Told of every finished request, on the worker thread that served it: keep it short and never
/// block (the access log hands the line to its writer thread; the metrics add to counters).
public protocol RequestObserver: Sendable {
    func requestCompleted(_ request: CompletedRequest)
}

/// Request ids: a random prefix per process and a counter, 16 hex digits ("5f3a9c1e0000002a"),
/// unique across restarts in practice and cheap to make. An id received in X-Request-Id (from a
/// cache node or proxy in front) is kept when it is short and plain (letters, digits, `-`, `_`,
/// `.`, `:`), so the front end's id follows the request through Herald's log; anything else is
/// replaced, so a client cannot put arbitrary bytes into the log through it.
public enum RequestID {
    private static let prefix = UInt64(UInt32.random(in: .min ... .max)) << 32
    private static let counter = Atomic<UInt64>(0)
    private static let digits = Array("0123456789abcdef".utf8)

    /// A new id.
    public static func next() -> String {
        let value = prefix | (counter.add(1, ordering: .relaxed).newValue & 0xFFFF_FFFF)
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 { buffer[index] = digits[Int((value >> UInt64((15 - index) * 4)) & 0xF)] }
            return 16
        }
    }

    /// The received id when it may be logged and echoed as it is.
    public static func accepted(_ received: String?) -> String? {
        guard let received, !received.isEmpty, received.utf8.count <= 64 else { return nil }
        for byte in received.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
                continue
            default:
                return nil
            }
        }
        return received
    }
}
