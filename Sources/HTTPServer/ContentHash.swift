import Foundation

/// A fast 64-bit fingerprint of bytes for validators (ETags, hashed asset names); not a security
/// hash. Four independent lanes of eight bytes a step (so the multiplications overlap), folded
/// together and finished with MurmurHash3's fmix64: a 15 KB page takes well under a microsecond.
public enum ContentHash {
    /// The fingerprint of `bytes`.
    public static func of(_ bytes: some ContiguousBytes) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            let k1: UInt64 = 0x87C3_7B91_1142_53D5
            let k2: UInt64 = 0x4CF5_AD43_2745_937F
            @inline(__always) func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
                (h ^ (word &* k1)).rotateLeft(31) &* k2
            }
            var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count), 0xC2B2_AE3D_27D4_EB4F,
                                                           0x1656_67B1_9E37_79F9, 0x27D4_EB2F_1656_67C5)
            var offset = 0
            while offset + 32 <= raw.count {
                lanes.0 = mix(lanes.0, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                lanes.1 = mix(lanes.1, raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                lanes.2 = mix(lanes.2, raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                lanes.3 = mix(lanes.3, raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
                offset += 32
            }
            var h = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
            while offset + 8 <= raw.count {
                h = mix(h, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < raw.count {
                tail |= UInt64(raw[offset]) << shift
                shift += 8
                offset += 1
            }
            h ^= tail &* k1
            h ^= h >> 33
            h = h &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            h = h &* 0xC4CE_B9FE_1A85_EC53
            return h ^ (h >> 33)
        }
    }

    /// The fingerprint as 16 lower-case hex digits.
    public static func hex(_ bytes: some ContiguousBytes) -> String {
        let digits = String(of(bytes), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

private extension UInt64 {
    func rotateLeft(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
