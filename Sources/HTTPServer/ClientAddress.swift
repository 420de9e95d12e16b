import Foundation

/// The IP address a connection comes from, kept as raw bytes and formatted only when asked for
/// (most requests never need it).
public struct ClientAddress: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// IPv4 addresses as their IPv4-mapped IPv6 form, so one key type covers both.
    private let high: UInt64
    private let low: UInt64

    /// 127.0.0.1.
    public static let loopback = ClientAddress(ipv4: (127, 0, 0, 1))
    /// "::", when the library could not say.
    public static let unspecified = ClientAddress(high: 0, low: 0)

    private init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// An IPv4 address.
    public init(ipv4 a: (UInt8, UInt8, UInt8, UInt8)) {
        high = 0
        low = 0x0000_FFFF_0000_0000 | UInt64(a.0) << 24 | UInt64(a.1) << 16 | UInt64(a.2) << 8 | UInt64(a.3)
    }

    /// The address of a socket address (IPv4 or IPv6); nil for other families.
    init?(_ address: UnsafePointer<sockaddr>) {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            let v4 = UnsafeRawPointer(address).loadUnaligned(as: sockaddr_in.self)
            let value = UInt32(bigEndian: v4.sin_addr.s_addr)
            high = 0
            low = 0x0000_FFFF_0000_0000 | UInt64(value)
        case AF_INET6:
            let v6 = UnsafeRawPointer(address).loadUnaligned(as: sockaddr_in6.self)
            var bytes = v6.sin6_addr
            let words = withUnsafeBytes(of: &bytes) { raw in
                (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                 UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
            }
            high = words.0
            low = words.1
        default:
            return nil
        }
    }

    /// An address written as text ("203.0.113.5", "2001:db8::1"); nil for anything else.
    public init?(_ text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self.init(high: 0, low: 0x0000_FFFF_0000_0000 | UInt64(UInt32(bigEndian: v4.s_addr)))
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let words = withUnsafeBytes(of: &v6) { raw in
            (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
        self.init(high: words.0, low: words.1)
    }

    /// The network one client usually holds: the address itself for IPv4, its /64 for IPv6 (a
    /// host picks any address in its /64, so per-address limits count the /64).
    public var network: ClientAddress { isIPv4 ? self : ClientAddress(high: high, low: 0) }

    /// True for an IPv4 address (or its mapped form).
    public var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }

    /// "203.0.113.5" or "2001:db8::1".
    public var description: String {
        if isIPv4 {
            return "\(low >> 24 & 0xFF).\(low >> 16 & 0xFF).\(low >> 8 & 0xFF).\(low & 0xFF)"
        }
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &address, &text, socklen_t(text.count)) != nil else { return "?" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
