import CSodium
import Dispatch
import Foundation
import Synchronization

/// Passwords hashed with argon2id through libsodium. The encoded hash carries its parameters
/// ("$argon2id$v=19$m=65536,t=2,p=1$…"), so raising them later only needs `needsRehash` at the
/// next sign-in. At most `concurrency` hashes run at once: each takes ~64 MiB and tens of
/// milliseconds of a core, and a burst of sign-ins must not take the machine.
public final class PasswordHasher: Sendable {
    /// argon2id's cost: passes over memory and bytes of memory.
    public struct Parameters: Sendable, Equatable {
        public var opsLimit: UInt64
        public var memLimit: Int

        public init(opsLimit: UInt64, memLimit: Int) {
            self.opsLimit = opsLimit
            self.memLimit = memLimit
        }

        /// libsodium's interactive level: 2 passes, 64 MiB (≈ 60–100 ms here).
        public static var interactive: Parameters {
            Parameters(opsLimit: herald_pwhash_opslimit_interactive(), memLimit: herald_pwhash_memlimit_interactive())
        }
    }

    /// The shortest password accepted.
    public static let minimumLength = 12
    /// The longest (a bound on the work a sign-in can ask for).
    public static let maximumLength = 1024

    /// The parameters new hashes get.
    public let parameters: Parameters
    private let slots: DispatchSemaphore
    private let running = Atomic<Int>(0)
    private let peak = Atomic<Int>(0)
    /// A hash of a random password, verified against when a name is unknown so that a sign-in
    /// takes as long whether or not the account exists.
    private let decoy: String

    /// A hasher with `parameters`, running at most `concurrency` hashes at once.
    public init(parameters: Parameters = .interactive, concurrency: Int = 2) {
        _ = Sodium.ready
        self.parameters = parameters
        slots = DispatchSemaphore(value: max(1, concurrency))
        decoy = Self.encode(Tokens.random(), parameters) ?? ""
    }

    /// Why a password is refused before hashing; nil when it is acceptable.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "must be at least \(minimumLength) characters" }
        if password.utf8.count > maximumLength { return "must be at most \(maximumLength) bytes" }
        return nil
    }

    /// The most hashes that ran at once since start (never above the concurrency).
    public var peakConcurrency: Int { peak.load(ordering: .relaxed) }

    /// Runs `work` in one of the slots.
    private func inSlot<T>(_ work: () -> T) -> T {
        slots.wait()
        let now = running.add(1, ordering: .relaxed).newValue
        var seen = peak.load(ordering: .relaxed)
        while now > seen, !peak.compareExchange(expected: seen, desired: now, ordering: .relaxed).exchanged {
            seen = peak.load(ordering: .relaxed)
        }
        defer {
            running.subtract(1, ordering: .relaxed)
            slots.signal()
        }
        return work()
    }

    /// The encoded argon2id hash of a password.
    public func hash(_ password: String) throws -> String {
        guard let encoded = inSlot({ Self.encode(password, parameters) }) else { throw CryptoError.hashingFailed }
        return encoded
    }

    /// True when `password` matches `encoded`; an empty or foreign `encoded` never matches (and
    /// costs as much as a real check).
    public func verify(_ password: String, against encoded: String?) -> Bool {
        let target = (encoded?.hasPrefix("$argon2id$") == true) ? encoded! : decoy
        // The whole password, by its length: a NUL inside it must not cut it short (the extra 0
        // only gives an empty password an address).
        let bytes = Array(password.utf8).map { CChar(bitPattern: $0) } + [0]
        let matched = inSlot {
            target.withCString { hash in bytes.withUnsafeBufferPointer { crypto_pwhash_str_verify(hash, $0.baseAddress!, UInt64($0.count - 1)) == 0 } }
        }
        return matched && target != decoy
    }

    /// True when a stored hash was made with other parameters than the current ones.
    public func needsRehash(_ encoded: String) -> Bool {
        encoded.withCString { crypto_pwhash_str_needs_rehash($0, parameters.opsLimit, parameters.memLimit) != 0 }
    }

    private static func encode(_ password: String, _ parameters: Parameters) -> String? {
        var out = [CChar](repeating: 0, count: herald_pwhash_strbytes())
        let bytes = Array(password.utf8).map { CChar(bitPattern: $0) } + [0]
        let status = bytes.withUnsafeBufferPointer { text in
            crypto_pwhash_str_alg(&out, text.baseAddress!, UInt64(text.count - 1), parameters.opsLimit, parameters.memLimit,
                                  herald_pwhash_alg_argon2id13())
        }
        guard status == 0 else { return nil }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Random tokens and their digests (sessions, CSRF tokens, generated passwords).
public enum Tokens {
    /// `bytes` random bytes (256 bits by default) from the system's CSPRNG, base64url without padding.
    public static func random(bytes: Int = 32) -> String {
        _ = Sodium.ready
        var buffer = [UInt8](repeating: 0, count: bytes)
        randombytes_buf(&buffer, bytes)
        return base64url(buffer)
    }

    /// The SHA-256 of a token's text (what is stored instead of the token).
    public static func sha256(_ text: String) -> [UInt8] { sha256(bytes: Array(text.utf8)) }

    /// The SHA-256 of bytes (an upload's content address).
    public static func sha256(bytes: [UInt8]) -> [UInt8] {
        _ = Sodium.ready
        var digest = [UInt8](repeating: 0, count: 32)
        crypto_hash_sha256(&digest, bytes, UInt64(bytes.count))
        return digest
    }

    /// Compares two strings in time that does not depend on where they differ.
    /// An empty token never matches (a missing cookie and a missing field are not a pair).
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        return sodium_memcmp(x, y, x.count) == 0
    }

    /// A password for a new account, printed once: 18 random bytes as 24 base64url characters.
    public static func password() -> String { random(bytes: 18) }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Why a cryptographic operation failed.
public enum CryptoError: Error {
    case hashingFailed
}

/// libsodium's one-time initialisation (thread-safe, idempotent).
enum Sodium {
    static let ready: Bool = sodium_init() >= 0
}
