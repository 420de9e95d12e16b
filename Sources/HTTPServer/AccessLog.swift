import Foundation
import Synchronization

/// The access log: one line per finished request, in Herald's own format, Apache's `combined`
/// (what GoAccess, AWStats and log shippers read) or JSON lines, to standard error or a file.
///
/// Off the request path: a worker only appends the finished request to a queue under a lock; a
/// writer thread formats what has queued and writes it with one `write` every 50 ms (or sooner when
/// 64 KB are waiting), so a slow disk never holds a response. The queue is bounded
/// (`maxPending` requests): past it, requests are counted as dropped, and the next write says how
/// many, rather than memory growing without end. Each line goes out whole in one write, so lines
/// never interleave; `stop()` writes everything still queued (SIGTERM loses none), `reopen()`
/// (on SIGHUP) makes the writer open the file again by name, after logrotate moved it.
public final class AccessLog: RequestObserver, @unchecked Sendable {
    public enum Format: String, Sendable, CaseIterable {
        /// `2026-12-02T03:11:54.123Z reader GET /en/ 200 17342B 0.412ms id=5f3a9c1e0000002a`
        case herald
        /// Apache/nginx `combined`, with the request id in quotes at the end.
        case combined
        /// One JSON object per line.
        case json
    }

    public let format: Format
    /// The file written to; nil: standard error.
    public let path: String?
    let maxPending: Int
    private let queue = Mutex<Pending>(Pending())
    private let wake = NSCondition()
    private let reopenRequested = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    private var descriptor: Int32 = 2
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)
    private let writtenLines = Atomic<Int>(0)

    private struct Pending {
        var requests: [CompletedRequest] = []
        var dropped = 0
    }

    /// Opens the log (`path` nil: standard error). Throws when the file cannot be opened for appending.
    public init(format: Format, path: String?, maxPending: Int = 65_536) throws {
        self.format = format
        self.path = path
        self.maxPending = maxPending
        if let path {
            descriptor = try Self.open(path)
        }
        // The writer holds the log until `stop()` ends it.
        let thread = Thread { [self] in run() }
        thread.name = "access log"
        self.thread = thread
        thread.start()
    }

    deinit {
        if path != nil && descriptor > 2 { close(descriptor) }
    }

    /// Lines written so far (tests).
    public var linesWritten: Int { writtenLines.load(ordering: .relaxed) }

    public func requestCompleted(_ request: CompletedRequest) {
        let waiting = queue.withLock { pending -> Int in
            guard pending.requests.count < maxPending else {
                pending.dropped += 1
                return 0
            }
            pending.requests.append(request)
            return pending.requests.count
        }
        // About 64 KB of lines: the writer need not wait for its next tick.
        if waiting == 512 { wake.signal() }
    }

    /// Opens the file again by its name before the next write (after logrotate moved it).
    public func reopen() {
        reopenRequested.store(true, ordering: .releasing)
        wake.signal()
    }

    /// Writes everything queued and stops the writer; later requests are not logged.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
        done.wait()
    }

    private func run() {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        while true {
            let finishing = stopped.load(ordering: .acquiring)
            if !finishing {
                wake.lock()
                _ = wake.wait(until: Date().addingTimeInterval(0.05))
                wake.unlock()
            }
            if reopenRequested.exchange(false, ordering: .acquiringAndReleasing), let path {
                if let reopened = try? Self.open(path) {
                    let old = descriptor
                    descriptor = reopened
                    if old > 2 { close(old) }
                }
            }
            let (requests, dropped) = queue.withLock { pending -> ([CompletedRequest], Int) in
                defer { pending.requests.removeAll(keepingCapacity: true); pending.dropped = 0 }
                return (pending.requests, pending.dropped)
            }
            buffer.removeAll(keepingCapacity: true)
            if dropped > 0 {
                buffer.append(contentsOf: "access log: \(dropped) requests not logged (the writer fell behind)\n".utf8)
            }
            for request in requests { AccessLogLine.append(request, format: format, to: &buffer) }
            if !buffer.isEmpty { writeAll(buffer) }
            writtenLines.add(requests.count, ordering: .relaxed)
            if finishing {
                // Anything queued between the swap and the flag is written on the next pass.
                if queue.withLock({ $0.requests.isEmpty }) { break }
            }
        }
        done.signal()
    }

    private func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return   // a full disk or a closed stream: the lines are lost, the server goes on
                }
                offset += written
            }
        }
    }

    private static func open(_ path: String) throws -> Int32 {
        let fd = Foundation.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw AccessLogError("access log: cannot open \(path) for appending: \(String(cString: strerror(errno)))")
        }
        return fd
    }
}

/// Why the access log could not be opened.
public struct AccessLogError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The three line formats, written into a byte buffer without intermediate strings.
public enum AccessLogLine {
    /// The line for one request in `format`, newline included.
    public static func text(_ request: CompletedRequest, format: AccessLog.Format) -> String {
        var buffer: [UInt8] = []
        append(request, format: format, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    static func append(_ r: CompletedRequest, format: AccessLog.Format, to out: inout [UInt8]) {
        switch format {
        case .herald:
            appendISOTime(r.startedAt, to: &out)
            out.append(0x20)
            out.append(contentsOf: r.server.utf8)
            out.append(0x20)
            out.append(contentsOf: r.method.utf8)
            out.append(0x20)
            appendEscaped(r.target, to: &out)
            out.append(contentsOf: " \(r.status) \(r.bytes)B \(milliseconds(r.nanoseconds))ms id=".utf8)
            out.append(contentsOf: r.requestID.utf8)
            if !r.delivered { out.append(contentsOf: " incomplete".utf8) }
        case .combined:
            // %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i", then the request id.
            out.append(contentsOf: r.client.description.utf8)
            out.append(contentsOf: " - - [".utf8)
            appendCommonLogTime(r.startedAt, to: &out)
            out.append(contentsOf: "] \"".utf8)
            out.append(contentsOf: r.method.utf8)
            out.append(0x20)
            appendEscaped(r.target, to: &out)
            out.append(0x20)
            out.append(contentsOf: r.version.utf8)
            out.append(contentsOf: "\" \(r.status) \(r.bytes) \"".utf8)
            appendEscaped(r.referer ?? "-", to: &out)
            out.append(contentsOf: "\" \"".utf8)
            appendEscaped(r.userAgent ?? "-", to: &out)
            out.append(contentsOf: "\" \"".utf8)
            out.append(contentsOf: r.requestID.utf8)
            out.append(0x22)
        case .json:
            out.append(contentsOf: "{\"time\":\"".utf8)
            appendISOTime(r.startedAt, to: &out)
            out.append(0x22)
            for (name, value) in [("server", r.server), ("request_id", r.requestID), ("client", r.client.description),
                                  ("method", r.method), ("target", r.target), ("protocol", r.version), ("route", r.route.pattern)] {
                appendJSONField(name, value, to: &out)
            }
            out.append(contentsOf: ",\"status\":\(r.status),\"bytes\":\(r.bytes),\"duration_ms\":\(milliseconds(r.nanoseconds))".utf8)
            appendJSONField("referer", r.referer, to: &out)
            appendJSONField("user_agent", r.userAgent, to: &out)
            out.append(contentsOf: ",\"complete\":\(r.delivered)}".utf8)
        }
        out.append(0x0A)
    }

    /// Milliseconds with three decimals ("0.412").
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let micros = nanoseconds / 1_000
        let fraction = micros % 1_000
        return "\(micros / 1_000)." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + "\(fraction)"
    }

    /// Bytes a log reader takes literally: `"` and `\` escaped, control bytes and DEL as \xHH
    /// (as nginx writes them), so a request cannot forge a line or a field.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 0x22, 0x5C:
                out.append(0x5C)
                out.append(byte)
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: "\\x".utf8)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            default:
                out.append(byte)
            }
        }
    }

    /// `,"name":"value"` (or `null`).
    static func appendJSONField(_ name: String, _ value: String?, to out: inout [UInt8]) {
        out.append(contentsOf: ",\"\(name)\":".utf8)
        if let value { appendJSON(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    /// A JSON string literal (RFC 8259 escapes).
    static func appendJSON(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: "\\\"".utf8)
            case 0x5C: out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Whole milliseconds, so that .123 stays .123 in binary floating point.
    private static func milliseconds(since1970 time: Double) -> Int64 { Int64((time * 1000).rounded()) }

    private static func parts(_ time: Double) -> tm {
        var seconds = time_t(milliseconds(since1970: time) / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }

    private static func two(_ value: Int32, to out: inout [UInt8]) {
        out.append(0x30 + UInt8(value / 10 % 10))
        out.append(0x30 + UInt8(value % 10))
    }

    /// `2026-12-02T03:11:54.123Z`
    static func appendISOTime(_ time: Double, to out: inout [UInt8]) {
        let t = parts(time)
        out.append(contentsOf: "\(t.tm_year + 1900)-".utf8)
        two(t.tm_mon + 1, to: &out); out.append(0x2D)
        two(t.tm_mday, to: &out); out.append(0x54)
        two(t.tm_hour, to: &out); out.append(0x3A)
        two(t.tm_min, to: &out); out.append(0x3A)
        two(t.tm_sec, to: &out); out.append(0x2E)
        let millis = Int32(milliseconds(since1970: time) % 1000)
        out.append(0x30 + UInt8(millis / 100)); two(millis % 100, to: &out)
        out.append(0x5A)
    }

    /// `02/Dec/2026:03:11:54 +0000`
    static func appendCommonLogTime(_ time: Double, to out: inout [UInt8]) {
        let t = parts(time)
        two(t.tm_mday, to: &out); out.append(0x2F)
        out.append(contentsOf: months[Int(t.tm_mon)].utf8); out.append(0x2F)
        out.append(contentsOf: "\(t.tm_year + 1900):".utf8)
        two(t.tm_hour, to: &out); out.append(0x3A)
        two(t.tm_min, to: &out); out.append(0x3A)
        two(t.tm_sec, to: &out)
        out.append(contentsOf: " +0000".utf8)
    }
}
