import Foundation
import Synchronization
import Testing
import TestSupport
@testable import HTTPServer

@Suite struct WorkerYieldTests {
    /// A clock the test moves by hand, and a count of yields.
    final class Fake: Sendable {
        let time = Atomic<UInt64>(10_000_000)
        let yields = Atomic<Int>(0)
        func advance(microseconds: UInt64) { time.add(microseconds * 1000, ordering: .relaxed) }
        func yielder(intervalMicroseconds: Int) -> WorkerYield {
            WorkerYield(intervalMicroseconds: intervalMicroseconds, clock: { self.time.load(ordering: .relaxed) },
                        yieldCPU: { self.yields.add(1, ordering: .relaxed) })
        }
    }

    @Test func yieldsAtMostOncePerInterval() {
        let fake = Fake()
        let yielder = fake.yielder(intervalMicroseconds: 1000)
        yielder.responseSent()                        // first response on this thread: yields
        #expect(fake.yields.load(ordering: .relaxed) == 1)
        for _ in 0..<9 {                              // 9 responses 100 µs apart: within the interval
            fake.advance(microseconds: 100)
            yielder.responseSent()
        }
        #expect(fake.yields.load(ordering: .relaxed) == 1)
        fake.advance(microseconds: 100)               // 1000 µs since the last yield
        yielder.responseSent()
        #expect(fake.yields.load(ordering: .relaxed) == 2)
        fake.advance(microseconds: 999)
        yielder.responseSent()
        #expect(fake.yields.load(ordering: .relaxed) == 2)
        #expect(yielder.count == 2)
    }

    @Test func zeroNeverYields() {
        let fake = Fake()
        let yielder = fake.yielder(intervalMicroseconds: 0)
        for _ in 0..<5 {
            fake.advance(microseconds: 5000)
            yielder.responseSent()
        }
        #expect(fake.yields.load(ordering: .relaxed) == 0)
    }

    @Test func eachThreadKeepsItsOwnTime() throws {
        let fake = Fake()
        let yielder = fake.yielder(intervalMicroseconds: 1000)
        yielder.responseSent()                        // this thread has just yielded
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {                         // another worker has not: it yields too
            yielder.responseSent()
            done.signal()
        }
        thread.start()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(fake.yields.load(ordering: .relaxed) == 2)
        yielder.responseSent()                        // back on this thread: still within its interval
        #expect(fake.yields.load(ordering: .relaxed) == 2)
    }

    /// The server calls it after every response: with a 1 µs interval, sequential requests each
    /// yield; with 0, none do.
    @Test(arguments: [(1, true), (0, false)])
    func theServerYieldsAfterResponses(_ interval: Int, _ yields: Bool) throws {
        let server = HTTPServer(configuration: ServerConfiguration(port: 0, threads: 1,
                                                                   workerYieldMicroseconds: interval),
                                logger: Fixtures.logger, handler: { _ in .text("ok") })
        try server.start()
        defer { server.stop() }
        let connection = try RawHTTPConnection(port: server.port)
        for _ in 0..<5 {
            #expect(try connection.get("/").status == 200)
            usleep(1000)
        }
        if yields { #expect(server.workerYield.count >= 4) } else { #expect(server.workerYield.count == 0) }
    }
}
