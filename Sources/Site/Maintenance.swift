import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The site's background work on one thread: flush view counts, recompute Popular, notice
/// editorial changes. Stopping runs a final flush.
public final class Maintenance: Sendable {
    private let site: Site
    private let stopping = Atomic<Bool>(false)
    private let finished = Mutex<Bool>(false)

    /// Prepares the loop; nothing runs until `start()`.
    public init(site: Site) { self.site = site }

    /// Starts the background thread.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "herald-maintenance"
        thread.start()
    }

    /// The nice value of the background thread: Popular's recompute (≈ 150 ms of CPU a minute at a
    /// million articles) and the flushes yield to the request threads instead of stretching their
    /// tail latency on a small machine; CFS still gives them a share, so they are never starved.
    public static let niceness: Int32 = 10

    private func run() {
        #if os(Linux)
        // Linux keeps the nice value per thread; PRIO_PROCESS with 0 means the calling thread.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Maintenance.niceness)
        #endif
        var lastFlush = Date()
        // A ranking stored by an earlier run may be old: ranked again at the first tick.
        var lastPopular = site.state.popularWasStored ? Date.distantPast : Date()
        while !stopping.load(ordering: .acquiring) {
            usleep(100_000)
            let now = Date()
            if now.timeIntervalSince(lastFlush) >= site.configuration.flushInterval {
                site.views.flush()
                lastFlush = now
            }
            if now.timeIntervalSince(lastPopular) >= site.configuration.popularInterval {
                do { try site.state.recomputePopular() } catch { site.logger.error("site: unable to recompute Popular: \(error)") }
                lastPopular = now
            }
            _ = site.state.snapshot
        }
        finished.withLock { $0 = true }
    }

    /// Stops the loop and writes any views still in memory.
    public func stop() {
        stopping.store(true, ordering: .releasing)
        for _ in 0..<50 where !finished.withLock({ $0 }) { usleep(20_000) }
        site.views.flush()
    }
}
