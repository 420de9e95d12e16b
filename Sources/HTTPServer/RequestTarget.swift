/// Strict parsing of a request target ("/path?query") into a decoded path and query items.
///
/// libmicrohttpd hands the handler an already-decoded URL in which "%00" truncates and "%2f" becomes
/// "/", so Herald parses the raw target itself and refuses what cannot be decoded cleanly.
public enum RequestTarget {
    /// Why a target was refused; every case is answered with 400.
    public enum Failure: Error, Equatable, Sendable {
        case notOriginForm
        case badPercentEncoding
        case nulOrControlCharacter
        case invalidUTF8
    }

    /// A decoded target.
    public struct Parsed: Sendable {
        /// The decoded path.
        public var path: String
        /// The decoded query items in order.
        public var query: [(name: String, value: String)]
    }

    /// Parses an origin-form target such as "/en/news/?page=2", or the absolute form a proxy is
    /// sent ("http://host/en/news/?page=2", RFC 9112 §3.2.2), served by its path.
    public static func parse(_ target: String) -> Result<Parsed, Failure> {
        var bytes = Array(target.utf8)
        if let path = originForm(ofAbsolute: bytes) { bytes = path }
        guard bytes.first == UInt8(ascii: "/") else { return .failure(.notOriginForm) }
        let queryStart = bytes.firstIndex(of: UInt8(ascii: "?"))
        var pathBytes = bytes[..<(queryStart ?? bytes.endIndex)]
        if let hash = pathBytes.firstIndex(of: UInt8(ascii: "#")) { pathBytes = pathBytes[..<hash] }
        let path: String
        switch decode(pathBytes, plusIsSpace: false) {
        case .success(let decoded): path = decoded
        case .failure(let failure): return .failure(failure)
        }
        var items: [(name: String, value: String)] = []
        if let queryStart {
            var query = bytes[(queryStart + 1)...]
            if let hash = query.firstIndex(of: UInt8(ascii: "#")) { query = query[..<hash] }
            for pair in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                let rawName = pair[..<(equals ?? pair.endIndex)]
                let rawValue = equals.map { pair[($0 + 1)...] } ?? []
                guard case .success(let name) = decode(rawName, plusIsSpace: true) else { return .failure(.badPercentEncoding) }
                switch decode(rawValue, plusIsSpace: true) {
                case .success(let value): items.append((name, value))
                case .failure(let failure): return .failure(failure)
                }
            }
        }
        return .success(Parsed(path: path, query: items))
    }

    /// The path and query of an absolute-form target ("http://host:port/path?q" → "/path?q"; no
    /// path is "/"); nil for anything else.
    static func originForm(ofAbsolute bytes: [UInt8]) -> [UInt8]? {
        let lower = bytes.prefix(8).map { $0 | 0x20 }
        let schemeLength: Int
        if lower.starts(with: Array("http://".utf8)) {
            schemeLength = 7
        } else if lower.starts(with: Array("https://".utf8)) {
            schemeLength = 8
        } else {
            return nil
        }
        let rest = bytes[schemeLength...]
        guard let end = rest.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) else {
            return rest.isEmpty ? nil : [UInt8(ascii: "/")]
        }
        guard end > schemeLength else { return nil }   // no authority
        return bytes[end] == UInt8(ascii: "/") ? Array(bytes[end...]) : [UInt8(ascii: "/")] + bytes[end...]
    }

    /// Percent-decodes bytes; refuses malformed escapes, NUL and control characters, and invalid UTF-8.
    public static func decode<C: Collection>(_ input: C, plusIsSpace: Bool) -> Result<String, Failure>
    where C.Element == UInt8, C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var index = input.startIndex
        while index < input.endIndex {
            var byte = input[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < input.endIndex,
                      let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2])
                else { return .failure(.badPercentEncoding) }
                byte = high << 4 | low
                index += 3
            } else {
                if plusIsSpace && byte == UInt8(ascii: "+") { byte = UInt8(ascii: " ") }
                index += 1
            }
            if byte < 0x20 || byte == 0x7F { return .failure(.nulOrControlCharacter) }
            out.append(byte)
        }
        guard let text = String(validating: out, as: UTF8.self) else { return .failure(.invalidUTF8) }
        return .success(text)
    }

    /// The value of one hex digit (either case).
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
