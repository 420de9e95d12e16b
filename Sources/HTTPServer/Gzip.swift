import Foundation
import CZlib

/// gzip (RFC 1952) through zlib, and the Accept-Encoding test for it.
public enum Gzip {
    /// The gzip form of `bytes` at a zlib level (1 fastest … 9 smallest); nil when zlib fails.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8]? {
        var stream = z_stream()
        guard herald_deflate_init_gzip(&stream, level) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// The bytes a gzip stream holds; nil when it is not one, or when they would pass `limit`.
    public static func decompress(_ packed: UnsafeRawBufferPointer, limit: Int = 256 << 20) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, packed.count * 8))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        stream.next_in = UnsafeMutablePointer(mutating: packed.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = uInt(packed.count)
        while true {
            let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
            if output.count > limit { return nil }
            if status == Z_STREAM_END { return output }
            if status != Z_OK { return nil }
        }
    }

    /// True when an Accept-Encoding value accepts gzip: "gzip", "x-gzip" or "*" with q > 0
    /// (RFC 9110 §12.5.3), unless gzip itself is listed with q=0.
    public static func isAccepted(by acceptEncoding: String?) -> Bool {
        guard let acceptEncoding, acceptEncoding.utf8.count <= 1024 else { return false }
        var wildcard = false
        for item in acceptEncoding.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let coding = parts.first?.trimmingCharacters(in: .whitespaces).lowercased() else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let p = parameter.trimmingCharacters(in: .whitespaces).lowercased()
                if p.hasPrefix("q="), let q = Double(p.dropFirst(2)) { quality = q }
            }
            if coding == "gzip" || coding == "x-gzip" { return quality > 0 }
            if coding == "*" { wildcard = quality > 0 }
        }
        return wildcard
    }

    /// Content types worth compressing (text, JSON, XML, SVG, JavaScript). Byte-wise: it runs
    /// for every prepared response.
    public static func isCompressible(_ contentType: String) -> Bool {
        var media = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        while media.last == 0x20 || media.last == 0x09 { media.removeLast() }
        while media.first == 0x20 || media.first == 0x09 { media.removeFirst() }
        func starts(_ prefix: StaticString) -> Bool {
            media.starts(with: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        }
        func ends(_ suffix: StaticString) -> Bool {
            media.reversed().starts(with: UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount).reversed())
        }
        func equals(_ other: StaticString) -> Bool { media.count == other.utf8CodeUnitCount && starts(other) }
        return starts("text/") || equals("application/json") || equals("application/xml") || equals("image/svg+xml")
            || equals("application/javascript") || ends("+xml") || ends("+json")
    }
}
