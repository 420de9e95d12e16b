import Dispatch
import Foundation
import Synchronization

/// Deadlines libmicrohttpd does not enforce: its connection timeout is idle-only, so a client
/// trickling one header (or body) byte every few seconds would stay connected forever
/// (slowloris). Every connection has a deadline for the phase it is in — receiving request
/// headers, receiving a body — and a sweeper thread shuts down sockets that miss it.
///
/// libmicrohttpd reports a connection closed before it closes the socket, and the table is
/// updated under the same lock the sweeper holds while calling `shutdown`, so the sweeper never
/// touches a descriptor that was closed and reused.
final class ConnectionWatch: Sendable {
    private struct Entry {
        var fd: Int32
        /// Monotonic nanoseconds; 0 while a handler runs or a response is being sent.
        var deadline: UInt64
        var phase: StaticString
    }

    /// The table, striped by connection so the two worker threads rarely wait on one lock.
    private final class Stripe: Sendable {
        let entries = Mutex<[UInt: Entry]>([:])
    }
    private let stripes = (0..<16).map { _ in Stripe() }

    private func stripe(_ connection: UInt) -> Stripe {
        stripes[Int((UInt64(connection) &* 0x9E37_79B9_7F4A_7C15) >> 60)]
    }
    private let headerDeadline: UInt64
    private let bodyDeadline: UInt64
    private let idleTimeout: UInt64
    private let stopping = Atomic<Bool>(false)
    private let cutOff = Atomic<Int>(0)

    init(headerSeconds: Double, bodySeconds: Double, idleSeconds: Int) {
        headerDeadline = UInt64(headerSeconds * 1e9)
        bodyDeadline = UInt64(bodySeconds * 1e9)
        idleTimeout = UInt64(max(0, idleSeconds)) * 1_000_000_000
    }

    /// Connections shut down for missing a deadline since start.
    var connectionsCutOff: Int { cutOff.load(ordering: .relaxed) }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// A new connection: its first request's headers are due within the header deadline.
    func opened(_ connection: UInt, fd: Int32) {
        let deadline = Self.now() + headerDeadline
        stripe(connection).entries.withLock { $0[connection] = Entry(fd: fd, deadline: deadline, phase: "request headers") }
    }

    /// The headers arrived; a body (if any) is due within the body deadline.
    func headersReceived(_ connection: UInt, expectsBody: Bool) {
        let deadline = expectsBody ? Self.now() + bodyDeadline : 0
        stripe(connection).entries.withLock { $0[connection]?.deadline = deadline; $0[connection]?.phase = "request body" }
    }

    /// The request is complete and being answered: no deadline while the handler runs.
    func answering(_ connection: UInt) {
        stripe(connection).entries.withLock { $0[connection]?.deadline = 0 }
    }

    /// A response was sent; a kept-alive connection may idle, then must deliver the next headers.
    func requestFinished(_ connection: UInt) {
        let deadline = Self.now() + idleTimeout + headerDeadline
        stripe(connection).entries.withLock { $0[connection]?.deadline = deadline; $0[connection]?.phase = "request headers" }
    }

    /// libmicrohttpd is about to close the socket.
    func closed(_ connection: UInt) {
        _ = stripe(connection).entries.withLock { $0.removeValue(forKey: connection) }
    }

    /// Runs the sweeper on its own thread until `stop()`.
    func start(logger: @escaping @Sendable (String) -> Void) {
        let thread = Thread { [self] in
            while !stopping.load(ordering: .relaxed) {
                usleep(200_000)
                let now = Self.now()
                let late = stripes.flatMap { stripe in
                    stripe.entries.withLock { table -> [StaticString] in
                        var phases: [StaticString] = []
                        for (key, entry) in table where entry.deadline != 0 && now > entry.deadline {
                            // Counted before the client can see the hang-up.
                            cutOff.add(1, ordering: .relaxed)
                            shutdown(entry.fd, Int32(SHUT_RDWR))
                            table[key]?.deadline = 0
                            phases.append(entry.phase)
                        }
                        return phases
                    }
                }
                if !late.isEmpty {
                    for phase in late { logger("http: closed a connection that did not deliver its \(phase) in time") }
                }
            }
        }
        thread.name = "http-deadlines"
        thread.start()
    }

    func stop() { stopping.store(true, ordering: .relaxed) }
}
