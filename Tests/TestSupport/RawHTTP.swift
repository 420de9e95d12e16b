import Foundation

/// A minimal HTTP/1.1 client over a POSIX socket, so end-to-end tests see exactly what goes over
/// the wire (keep-alive, status lines, headers) with no client library in between.
public final class RawHTTPConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []

    /// A parsed response.
    public struct Reply {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
        /// Every header line in order, names lower-cased (Set-Cookie may repeat).
        public var fields: [(name: String, value: String)] = []
        public var text: String { String(decoding: body, as: UTF8.self) }
        /// Every value of a header.
        public func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }
    }

    /// Connects to 127.0.0.1:port, from `source` (another loopback address, e.g. 127.0.0.2, acts
    /// as another client) when given.
    public init(port: Int, source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { close(fd); throw POSIXError(.EADDRNOTAVAIL) }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    /// Sends raw bytes.
    public func send(_ text: String) { send(bytes: Array(text.utf8)) }

    /// Sends raw bytes (a binary request body).
    public func send(bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            sent += n
        }
    }

    /// Sends bytes; false once the peer has closed the connection.
    public func trySend(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if n <= 0 { return false }
        // A shut-down socket may still accept one write; a read that returns 0 is definite.
        var pollfd = Foundation.pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        if poll(&pollfd, 1, 0) > 0 {
            var byte: UInt8 = 0
            if recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) == 0 { return false }
        }
        return true
    }

    /// Sends a GET (or HEAD) and reads the response.
    public func get(_ target: String, method: String = "GET", headers: [String] = []) throws -> Reply {
        send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n")
        return try read(head: method == "HEAD")
    }

    /// True when the server has closed the connection (read returns 0, or the connection was reset).
    public func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        let n = Foundation.read(fd, &byte, 1)
        return n == 0 || (n < 0 && errno == ECONNRESET)
    }

    /// True when nothing arrives from the server for `seconds` (the connection is neither
    /// answered nor closed).
    public func staysSilent(for seconds: Double) -> Bool {
        guard buffer.isEmpty else { return false }
        var pollfd = Foundation.pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&pollfd, 1, Int32(seconds * 1000)) == 0
    }

    /// Reads one response framed by Content-Length.
    public func read(head: Bool = false) throws -> Reply {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            if let range = buffer.firstRange(of: separator) { headerEnd = range.lowerBound; break }
            try fill()
        }
        let headText = String(decoding: buffer[..<headerEnd!], as: UTF8.self)
        buffer.removeFirst(headerEnd! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let status = Int(lines.removeFirst().split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        var fields: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased(), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = value
            fields.append((name, value))
        }
        if !head, headers["transfer-encoding"]?.lowercased() == "chunked" {
            return Reply(status: status, headers: headers, body: try chunkedBody(), fields: fields)
        }
        let length = head ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length { try fill() }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return Reply(status: status, headers: headers, body: body, fields: fields)
    }

    /// A chunked body (a cache node streaming what it fetches): size lines, data, a zero chunk.
    private func chunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            while buffer.firstRange(of: [13, 10]) == nil { try fill() }
            let line = buffer.firstRange(of: [13, 10])!
            let size = Int(String(decoding: buffer[..<line.lowerBound], as: UTF8.self).split(separator: ";")[0]
                .trimmingCharacters(in: .whitespaces), radix: 16) ?? 0
            buffer.removeFirst(line.upperBound)
            while buffer.count < size + 2 { try fill() }
            body += buffer[..<size]
            buffer.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { throw POSIXError(.ECONNRESET) }
        buffer.append(contentsOf: chunk[..<n])
    }
}
