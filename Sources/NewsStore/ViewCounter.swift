import Foundation
import Logging
import NewsCore
import Synchronization

/// Counts article views in memory and writes them to SQLite in one transaction per flush —
/// never a write per request.
public final class ViewCounter: Sendable {
    private let pending = Mutex<[Int64: Int]>([:])
    private let repository: ViewRepository
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// Creates a counter that flushes into `database`; `now` is injectable for tests.
    public init(database: HeraldDatabase, logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        repository = ViewRepository(database)
        self.logger = logger
        self.now = now
    }

    /// Records one view (the request path: a dictionary increment under a lock).
    public func record(_ articleID: Int64) {
        pending.withLock { $0[articleID, default: 0] += 1 }
    }

    /// Views recorded but not yet written.
    public var unflushed: Int { pending.withLock { $0.values.reduce(0, +) } }

    /// Writes pending counts in one transaction under today's UTC day. On failure the counts are
    /// put back so the next flush retries them.
    @discardableResult
    public func flush() -> Int {
        let batch = pending.withLock { counts -> [Int64: Int] in
            defer { counts.removeAll(keepingCapacity: true) }
            return counts
        }
        guard !batch.isEmpty else { return 0 }
        let day = LocalDay.utc(now())
        do {
            try repository.add(batch, day: day)
            return batch.values.reduce(0, +)
        } catch {
            logger.error("views: unable to store view counts, will retry: \(error)")
            pending.withLock { counts in
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
        NewsCoreDay.isoDay(unix: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// "YYYY-MM-DD" of `days` days before `date`, UTC.
    public static func utc(_ date: Date, minusDays days: Int) -> String {
        utc(date.addingTimeInterval(-Double(days) * 86_400))
    }
}
