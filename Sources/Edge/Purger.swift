import Foundation
import Logging
import NewsStore
import Synchronization

/// Delivers the change log to the cache nodes: one thread per node, off the request threads,
/// sending each batch of keys after the node's cursor as `PURGE` (xkey, soft) and moving the
/// cursor only when the node answered 200 — in order, retried with backoff (0.1 s doubling to
/// 10 s) while the node is unreachable, so a node that answers again gets everything it missed.
/// Keys go in requests of at most `headerBytes`; a batch past the bounds, or a node that fell
/// behind the pruned log, gets one purge of everything (`*`, which every page carries).
public final class Purger: Sendable {
    public let nodes: [PurgeNode]
    let secret: String
    let cursors: PurgeCursors
    let logger: Logger
    let headerBytes: Int
    private let stopping = Atomic<Bool>(false)
    /// Batches each node accepted (for the tests and the operator's view).
    private let accepted: Mutex<[Int]>
    public var delivered: [Int] { accepted.withLock { $0 } }

    public init(nodes: [PurgeNode], secret: String, database: HeraldDatabase, logger: Logger, headerBytes: Int = 6000) {
        self.nodes = nodes
        self.secret = secret
        cursors = PurgeCursors(database)
        self.logger = logger
        self.headerBytes = headerBytes
        accepted = Mutex(nodes.map { _ in 0 })
    }

    /// Each node's changes not yet delivered (its URL and count), for the metrics; nil for a
    /// node whose count could not be read.
    public func backlogs() -> [(node: String, changes: Int?)] {
        nodes.map { node in (node.description, try? cursors.backlog(node: node.description)) }
    }

    /// Starts a thread per node.
    public func start() {
        for index in nodes.indices {
            let thread = Thread { [self] in run(index) }
            thread.name = "herald-purge-\(index)"
            thread.start()
        }
    }

    /// Stops the threads after their current request (what they did not send stays in the log).
    public func stop() {
        stopping.store(true, ordering: .relaxed)
    }

    private func run(_ index: Int) {
        let node = nodes[index], name = node.description
        var backoff = 0.1
        var warned = false
        while !stopping.load(ordering: .relaxed) {
            do {
                guard let batch = try cursors.pending(node: name) else {
                    Thread.sleep(forTimeInterval: 0.05)
                    continue
                }
                if send(batch, to: node) {
                    try cursors.delivered(node: name, through: batch.lastID)
                    accepted.withLock { $0[index] += 1 }
                    if warned { logger.info("edge: \(name) answers again; its purges are delivered") }
                    backoff = 0.1
                    warned = false
                } else {
                    if !warned { logger.warning("edge: \(name) did not take a purge; retrying with backoff, nothing is lost") }
                    warned = true
                    Thread.sleep(forTimeInterval: backoff)
                    backoff = min(backoff * 2, 10)
                }
            } catch {
                logger.error("edge: reading the change log for \(name) failed: \(error)")
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// Sends a batch in requests that fit a header; true when the node took every one.
    func send(_ batch: PurgeBatch, to node: PurgeNode) -> Bool {
        for keys in Self.requests(batch, headerBytes: headerBytes) {
            guard PurgeClient.purge(node, keys: keys, secret: secret) == 200 else { return false }
        }
        return true
    }

    /// A batch's keys as header values of at most `headerBytes` each (`*` for everything).
    public static func requests(_ batch: PurgeBatch, headerBytes: Int) -> [String] {
        if batch.everything { return ["*"] }
        var values: [String] = []
        var current = ""
        for key in batch.keys {
            if !current.isEmpty && current.utf8.count + 1 + key.utf8.count > headerBytes {
                values.append(current)
                current = ""
            }
            current += current.isEmpty ? key : " " + key
        }
        if !current.isEmpty { values.append(current) }
        return values
    }
}
