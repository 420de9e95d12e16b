import Foundation
import Logging
import HeraldSupport
import NewsCore
import Synchronization

/// Counts article views in memory and writes them to SQLite in one transaction per flush —
/// never a write per request.
///
/// Counts go into one of several lock stripes chosen by thread, so server threads recording views
/// at the same moment do not wait on one another.
public final class ViewCounter: Sendable {
    private final class Stripe: Sendable {
        let counts = Mutex<[Int64: Int]>([:])
    }
    private let stripes = (0..<8).map { _ in Stripe() }
    private let repository: ViewRepository
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let recordedTotal = Atomic<Int>(0)
    private let flushedTotal = Atomic<Int>(0)
    private let failedFlushes = Atomic<Int>(0)

    /// Views recorded, views written, and flushes that failed (and will be retried), since start.
    public var totals: (recorded: Int, flushed: Int, failedFlushes: Int) {
        (recordedTotal.load(ordering: .relaxed), flushedTotal.load(ordering: .relaxed), failedFlushes.load(ordering: .relaxed))
    }

    /// Creates a counter that flushes into `database`; `now` is injectable for tests.
    public init(database: HeraldDatabase, logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        repository = ViewRepository(database)
        self.logger = logger
        self.now = now
    }

    /// Records one view (the request path: a dictionary increment under a lock).
    public func record(_ articleID: Int64) {
        let stripe = Int((UInt64(UInt(bitPattern: Int(bitPattern: pthread_self()))) &* 0x9E37_79B9_7F4A_7C15) >> 61)
        stripes[stripe].counts.withLock { $0[articleID, default: 0] += 1 }
        recordedTotal.add(1, ordering: .relaxed)
    }

    /// Views recorded but not yet written.
    public var unflushed: Int { stripes.reduce(0) { sum, stripe in sum + stripe.counts.withLock { $0.values.reduce(0, +) } } }

    /// Writes pending counts in one transaction under today's UTC day. On failure the counts are
    /// put back so the next flush retries them.
    @discardableResult
    public func flush() -> Int {
        var batch: [Int64: Int] = [:]
        for stripe in stripes {
            let counts = stripe.counts.withLock { counts -> [Int64: Int] in
                defer { counts.removeAll(keepingCapacity: true) }
                return counts
            }
            batch.merge(counts, uniquingKeysWith: +)
        }
        guard !batch.isEmpty else { return 0 }
        let day = LocalDay.utc(now())
        do {
            try repository.add(batch, day: day)
            let written = batch.values.reduce(0, +)
            flushedTotal.add(written, ordering: .relaxed)
            return written
        } catch {
            failedFlushes.add(1, ordering: .relaxed)
            logger.error("views: unable to store view counts, will retry: \(error)")
            stripes[0].counts.withLock { counts in
                for (id, count) in batch { counts[id, default: 0] += count }
            }
            return 0
        }
    }
}

/// Day strings for the view table.
public enum LocalDay {
    /// "YYYY-MM-DD" of a date in UTC.
    public static func utc(_ date: Date) -> String {
        UTCDay.isoDay(unix: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// "YYYY-MM-DD" of `days` days before `date`, UTC.
    public static func utc(_ date: Date, minusDays days: Int) -> String {
        utc(date.addingTimeInterval(-Double(days) * 86_400))
    }

    /// The `days` day strings ending with `lastDay` ("YYYY-MM-DD"), oldest first; just `lastDay`
    /// when it is not a date.
    public static func range(days: Int, endingOn lastDay: String) -> [String] {
        guard let (year, month, day) = CivilCalendar.parseDay(lastDay) else { return [lastDay] }
        let last = Int64(CivilCalendar.days(year: year, month: month, day: day)) * 86_400
        return (0..<max(1, days)).reversed().map { UTCDay.isoDay(unix: last - Int64($0) * 86_400) }
    }
}
