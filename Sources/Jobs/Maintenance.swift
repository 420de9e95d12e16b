import Foundation
import HeraldSupport
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One piece of background work: run every `interval` seconds (first after `firstDelay`).
public struct PeriodicTask: Sendable {
    /// Named in log lines when it fails.
    public let name: String
    public let interval: TimeInterval
    public let firstDelay: TimeInterval
    public let run: @Sendable () throws -> Void

    /// A task; `firstDelay` defaults to one interval.
    public init(_ name: String, every interval: TimeInterval, firstAfter firstDelay: TimeInterval? = nil,
                _ run: @escaping @Sendable () throws -> Void) {
        self.name = name
        self.interval = interval
        self.firstDelay = firstDelay ?? interval
        self.run = run
    }
}

/// The server's background work on one thread at a lower priority: flushing view counts,
/// ranking Popular, noticing editorial changes, publishing what is scheduled, pruning old rows.
/// The tasks are given by the wiring; stopping runs each task's `finally` work (a last flush).
public final class Maintenance: Sendable {
    private let tasks: [PeriodicTask]
    private let finally: @Sendable () -> Void
    private let logger: Logger
    private let tick: TimeInterval
    private let stopping = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    private let finished = Mutex<Bool>(false)
    private let thread = Atomic<Int32>(0)

    /// Prepares the loop over `tasks`, checked every `tick` seconds; `finally` runs once at stop.
    public init(tasks: [PeriodicTask], tick: TimeInterval = 0.1, logger: Logger, finally: @escaping @Sendable () -> Void = {}) {
        self.tasks = tasks
        self.tick = tick
        self.logger = logger
        self.finally = finally
    }

    /// The nice value of the background thread: Popular's ranking (≈ 150 ms of CPU a minute at a
    /// million articles) and the flushes yield to the request threads instead of stretching their
    /// tail latency on a small machine; CFS still gives them a share, so they are never starved.
    public static let niceness: Int32 = 10

    /// Starts the background thread.
    public func start() {
        running.store(true, ordering: .releasing)
        let thread = Thread { [self] in run() }
        thread.name = "herald-maintenance"
        thread.start()
    }

    /// The loop's kernel thread id once it runs (nil before).
    public var threadID: Int32? {
        let id = thread.load(ordering: .acquiring)
        return id == 0 ? nil : id
    }

    private func run() {
        #if os(Linux)
        thread.store(currentThreadID(), ordering: .releasing)
        // Linux keeps the nice value per thread; PRIO_PROCESS with 0 means the calling thread.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Maintenance.niceness)
        #endif
        let start = Date()
        var due = tasks.map { start.addingTimeInterval($0.firstDelay) }
        while !stopping.load(ordering: .acquiring) {
            let now = Date()
            for (index, task) in tasks.enumerated() where now >= due[index] {
                do { try task.run() } catch { logger.error("jobs: \(task.name) failed, will retry: \(error)") }
                due[index] = now.addingTimeInterval(task.interval)
            }
            usleep(UInt32(tick * 1_000_000))
        }
        finished.withLock { $0 = true }
    }

    /// Stops the loop (waiting up to a second for a task in progress) and runs the final work,
    /// once, whether or not the loop was started.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        stopping.store(true, ordering: .releasing)
        if running.load(ordering: .acquiring) {
            for _ in 0..<50 where !finished.withLock({ $0 }) { usleep(20_000) }
        }
        finally()
    }
}
