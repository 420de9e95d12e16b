/// Request checks libmicrohttpd 0.9.75 leaves to the application (PLATFORM.md: it accepts
/// ambiguous framing, duplicate Host and lower-case methods). Run on the first access-handler
/// call, before any body is read or any handler runs; a refusal is answered with
/// `Connection: close`, so nothing smuggled after it on the connection is ever executed.
public enum ProtocolChecks {
    /// Methods Herald recognises; others get 501. Routes decide which of these they allow (405).
    /// QUERY is the safe method with a body the IETF HTTP working group is standardising.
    public static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "QUERY"]

    /// Why a request was refused, with its status.
    public enum Refusal: Equatable, Sendable {
        case malformedHeaderName
        case foldedHeader
        case conflictingLength
        case badContentLength
        case unsupportedTransferCoding
        case missingHost
        case duplicateHost
        case malformedHost
        case unknownMethod

        /// The status answered.
        public var status: Int {
            switch self {
            case .unsupportedTransferCoding, .unknownMethod: return 501
            default: return 400
            }
        }

        /// A short, fixed message (never echoes the request).
        public var message: String {
            switch self {
            case .malformedHeaderName: return "Malformed header field"
            case .foldedHeader: return "Folded header field"
            case .conflictingLength: return "Conflicting message length"
            case .badContentLength: return "Invalid Content-Length"
            case .unsupportedTransferCoding: return "Transfer coding not implemented"
            case .missingHost: return "Missing Host header"
            case .duplicateHost: return "Duplicate Host header"
            case .malformedHost: return "Malformed Host header"
            case .unknownMethod: return "Method not implemented"
            }
        }
    }

    /// Checks the request line and header fields as received (`folded`: a field was continued on
    /// another line, obs-fold); nil when the request may proceed.
    public static func check(method: String, version: String, headers: [(name: String, value: String)],
                             folded: Bool = false) -> Refusal? {
        guard knownMethods.contains(method) else { return .unknownMethod }
        if folded { return .foldedHeader }
        var lengths: [String] = []
        var codings: [String] = []
        var hosts: [String] = []
        for (name, value) in headers {
            guard isToken(name) else { return .malformedHeaderName }
            // A line break or NUL inside a value is never valid (defence in depth: libmicrohttpd
            // splits lines itself; obs-fold is detected from the field layout, see MHDCallbacks).
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else { return .malformedHeaderName }
            switch name.utf8.contains(where: { (0x41...0x5A).contains($0) }) ? name.lowercased() : name {
            case "content-length": lengths.append(value)
            case "transfer-encoding": codings.append(value)
            case "host": hosts.append(value)
            default: break
            }
        }
        if !codings.isEmpty {
            if !lengths.isEmpty { return .conflictingLength }
            let all = codings.flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces().lowercased() } }
            guard all == ["chunked"] else { return .unsupportedTransferCoding }
        }
        if let first = lengths.first {
            guard lengths.allSatisfy({ isDigits($0.trimmingSpaces()) }) else { return .badContentLength }
            guard lengths.allSatisfy({ $0.trimmingSpaces() == first.trimmingSpaces() }) else { return .conflictingLength }
        }
        if hosts.count > 1 { return .duplicateHost }
        if let host = hosts.first {
            guard isValidHost(host) else { return .malformedHost }
        } else if version == "HTTP/1.1" {
            return .missingHost
        }
        return nil
    }

    /// RFC 9110 token characters only (so "Content-Length " with a space before the colon fails).
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 18 && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// host[:port] where host is a DNS name, an IPv4 address or a bracketed IPv6 address.
    static func isValidHost(_ text: String) -> Bool {
        var host = Substring(text)
        guard !host.isEmpty, host.utf8.count <= 255 else { return false }
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let inside = host[host.index(after: host.startIndex)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
            host = host[host.index(after: close)...]
            if host.isEmpty { return true }
            guard host.hasPrefix(":") else { return false }
            return isPort(host.dropFirst())
        }
        // Scanned in place (no array of parts: this runs on every request).
        let colon = host.utf8.firstIndex(of: UInt8(ascii: ":"))
        let name = host.utf8[..<(colon ?? host.utf8.endIndex)]
        guard !name.isEmpty, name.allSatisfy({ byte in
                  (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
              }) else { return false }
        guard let colon else { return true }
        return isPort(host[host.utf8.index(after: colon)...])
    }

    static func isPort(_ text: Substring) -> Bool {
        (1...5).contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) } && Int(text)! <= 65535
    }
}

extension String {
    func trimmingSpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        return String(self[first...last])
    }
}

extension String {
    /// Equal to a lower-case ASCII name whatever the case of this string's letters, without building
    /// a lower-cased copy.
    func isASCIICaseInsensitiveEqual(_ name: StaticString) -> Bool {
        let other = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        return utf8.count == other.count
            && zip(utf8, other).allSatisfy { a, b in a == b || ((0x41...0x5A).contains(a) && a | 0x20 == b) }
    }

    /// Equal to another field name, ignoring ASCII case on both sides.
    func isASCIICaseInsensitiveEqual(fieldName other: String) -> Bool {
        utf8.count == other.utf8.count && zip(utf8, other.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (0x61...0x7A).contains(a | 0x20))
        }
    }
}
