import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cooperative time slices for the worker threads: after a response is sent, a worker that last
/// gave way `interval` or more ago calls `sched_yield`, so any thread waiting for this CPU runs
/// before the worker picks up its next batch of ready connections.
///
/// Why: a busy worker that always finds another ready connection never blocks, and the kernel
/// lets it run to the end of its slice (1.4 ms on these machines) while a thread waiting for the
/// same CPU — the other worker, a client on the same box, the cache in front — waits. Measured
/// with the load generator on the same two cores (bench/RESULTS.md, runs G and H): yielding
/// every 1–2 ms kept a cached page's p99 at ≈ 2–3 ms where it otherwise drifted to 5–8 ms in some
/// runs; 2 ms (the default) kept the requests per second of no yielding, 1 ms cost ≈ 5–10 %.
/// Shorter kernel slices (`sched_setattr`) did not do this: they shorten the worker's own turn,
/// not the waiting thread's. With nothing else runnable `sched_yield` returns at once (≈ 0.3 µs),
/// and it runs at most once per interval per worker.
///
/// The time of the last yield is kept per thread in a pthread key's value (the value itself, no
/// allocation), so workers never share state.
final class WorkerYield: @unchecked Sendable {
    /// Nanoseconds between yields; 0 turns yielding off.
    let interval: UInt64
    private let clock: @Sendable () -> UInt64
    private let yieldCPU: @Sendable () -> Void
    private let key: pthread_key_t
    private let yielded = Atomic<Int>(0)

    /// Yields since start (all workers).
    var count: Int { yielded.load(ordering: .relaxed) }

    /// `clock` (monotonic nanoseconds) and `yieldCPU` are injectable for tests.
    init(intervalMicroseconds: Int,
         clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds },
         yieldCPU: @escaping @Sendable () -> Void = { _ = sched_yield() }) {
        interval = UInt64(max(0, intervalMicroseconds)) * 1000
        self.clock = clock
        self.yieldCPU = yieldCPU
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        self.key = key
    }

    deinit { pthread_key_delete(key) }

    /// Called on a worker thread after each response; yields when the interval has passed.
    func responseSent() {
        guard interval > 0 else { return }
        let now = clock()
        let last = UInt64(UInt(bitPattern: pthread_getspecific(key)))
        guard now &- last >= interval else { return }
        yieldCPU()
        yielded.add(1, ordering: .relaxed)
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: UInt(now)))
    }
}
