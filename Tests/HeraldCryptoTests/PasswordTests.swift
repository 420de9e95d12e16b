import Foundation
import HeraldCrypto
import Testing

@Suite struct PasswordTests {
    @Test func hashesAreArgon2idWithTheirParametersAndVerify() throws {
        let hasher = PasswordHasher(parameters: .init(opsLimit: 1, memLimit: 8 << 20))
        let hash = try hasher.hash("correct horse battery staple")
        #expect(hash.hasPrefix("$argon2id$v=19$m=8192,t=1,p=1$"))
        #expect(hasher.verify("correct horse battery staple", against: hash))
        #expect(!hasher.verify("correct horse battery stapler", against: hash))
        #expect(!hasher.verify("anything", against: nil), "an unknown account never matches")
        #expect(!hasher.verify("", against: "$2b$12$notargon"), "a foreign hash never matches")
        #expect(try hasher.hash("correct horse battery staple") != hash, "salted")
        #expect(!hasher.needsRehash(hash))
        #expect(PasswordHasher().needsRehash(hash), "weaker than the current parameters: upgraded at the next sign-in")
        #expect(PasswordHasher.problem(with: "short") != nil)
        #expect(PasswordHasher.problem(with: "twelve chars") == nil)
    }

    /// Each hash takes ~64 MiB: a burst of sign-ins runs two at a time.
    @Test func atMostTwoHashesRunAtOnce() throws {
        let hasher = PasswordHasher(parameters: .init(opsLimit: 2, memLimit: 32 << 20), concurrency: 2)
        let done = DispatchGroup()
        for index in 0..<8 {
            done.enter()
            Thread {
                _ = try? hasher.hash("password number \(index)")
                done.leave()
            }.start()
        }
        done.wait()
        #expect(hasher.peakConcurrency == 2, "eight threads asked at once; two ran")
    }

    @Test func tokensAreRandomAndHashed() {
        let a = Tokens.random(), b = Tokens.random()
        #expect(a != b && a.count == 43 && !a.contains("=") && !a.contains("+") && !a.contains("/"))
        #expect(Tokens.sha256("abc").count == 32)
        #expect(Tokens.sha256("abc").map { String(format: "%02x", $0) }.joined() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Tokens.constantTimeEqual(a, a) && !Tokens.constantTimeEqual(a, b) && !Tokens.constantTimeEqual(a, String(a.dropLast())))
    }
}
