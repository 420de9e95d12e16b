import Edge
import Foundation
import HTTPServer
import NewsStore
import ReaderCache
import Telemetry

/// What a scrape of `/metrics` samples from the parts of a built application, besides the
/// requests the servers record as they finish (see `HeraldMetrics`).
enum MetricsWiring {
    struct Parts: Sendable {
        let database: HeraldDatabase
        let pageCache: PageCache?
        let sitemapCache: PageCache?
        let dataCache: CachingReaderStore
        let views: ViewCounter
        let sessions: SessionRepository
        let purger: Purger?
        let servers: [HTTPServer]
        let now: @Sendable () -> Date
    }

    static func collect(_ parts: Parts, into metrics: HeraldMetrics) {
        metrics.addCollector { sample in
            var caches: [(String, CacheStatistics)] = [("data", parts.dataCache.statistics)]
            if let pages = parts.pageCache { caches.append(("pages", pages.statistics)) }
            if let sitemaps = parts.sitemapCache { caches.append(("sitemaps", sitemaps.statistics)) }
            for (name, statistics) in caches {
                let label = [("cache", name)]
                sample.counter("herald_cache_hits_total", label, total: statistics.hits)
                sample.counter("herald_cache_misses_total", label, total: statistics.misses)
                sample.counter("herald_cache_evictions_total", label, total: statistics.evictions)
                sample.counter("herald_cache_retired_total", label, total: statistics.retired)
                sample.gauge("herald_cache_entries", label, Double(statistics.entries))
                sample.gauge("herald_cache_bytes", label, Double(statistics.bytes))
            }
            let views = parts.views.totals
            sample.counter("herald_views_counted_total", total: views.recorded)
            sample.counter("herald_views_flushed_total", total: views.flushed)
            sample.counter("herald_view_flush_failures_total", total: views.failedFlushes)
            sample.gauge("herald_views_pending", Double(parts.views.unflushed))
            if let purger = parts.purger {
                for (node, changes) in purger.backlogs() {
                    if let changes { sample.gauge("herald_purge_backlog_changes", [("node", node)], Double(changes)) }
                }
                for (node, batches) in zip(purger.nodes, purger.delivered) {
                    sample.counter("herald_purge_batches_delivered_total", [("node", node.description)], total: batches)
                }
            }
            if let sessions = try? parts.sessions.activeCount(at: Int64(parts.now().timeIntervalSince1970)) {
                sample.gauge("herald_newsroom_sessions", Double(sessions))
            }
            let sizes = parts.database.fileSizes()
            sample.gauge("herald_database_size_bytes", Double(sizes.database))
            sample.gauge("herald_database_wal_size_bytes", Double(sizes.wal))
            sample.counter("herald_database_checkpoints_total", total: parts.database.checkpointCount)
            let storage = parts.database.storage()
            sample.gauge("herald_database_disk_free_bytes", Double(storage.freeBytes))
            sample.gauge("herald_database_writable", storage.writable ? 1 : 0)
            for server in parts.servers {
                let label = [("server", server.name)]
                sample.gauge("herald_http_requests_in_flight", label, Double(server.requestsInFlight))
                sample.counter("herald_http_connections_cut_off_total", label, total: server.connectionsCutOff)
            }
        }
    }
}
