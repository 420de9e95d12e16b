import Foundation
import Synchronization

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

    private func run() {
        var lastFlush = Date()
        var lastPopular = Date()
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
