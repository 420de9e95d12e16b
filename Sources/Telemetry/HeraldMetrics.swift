import CoreMetrics
import Foundation
import HTTPServer
import Prometheus
import Synchronization

/// Herald's metrics: recorded through swift-metrics' API into swift-prometheus' registry (one per
/// application, never the process-wide bootstrap, so tests may build several), exposed in the
/// Prometheus text format by `exposition()` — the newsroom port's `GET /metrics`.
///
/// Two kinds of recording. Requests are recorded as they finish (`RequestObserver`): a counter per
/// server, route pattern and status, a duration histogram and a bytes counter per server and route
/// — the handles are made once per label set and kept, so a request costs a dictionary look-up
/// under a lock, two atomic adds and a histogram bucket. Everything else (caches, views, purges,
/// sessions, database, process) is *sampled* when scraped: the parts keep plain atomic counts, and
/// the collectors set gauges and move counters by what changed since the last scrape, so the
/// request path pays nothing for them.
public final class HeraldMetrics: RequestObserver, Sendable {
    /// The registry the exposition is written from.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let handles = Mutex<Handles>(Handles())
    private let scrape: Mutex<Sampler>
    private let collectors = Mutex<[@Sendable (Sampler) -> Void]>([])

    /// Request durations from 0.1 ms (a cached page) to 10 s (an upload).
    public static let durationBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    private struct StatusKey: Hashable {
        var route: RouteName
        var status: Int
    }

    private struct RouteHandles {
        let duration: CoreMetrics.Timer
        let bytes: CoreMetrics.Counter
    }

    private struct Handles {
        var routes: [RouteName: RouteHandles] = [:]
        var statuses: [StatusKey: CoreMetrics.Counter] = [:]
        var incomplete: [String: CoreMetrics.Counter] = [:]
    }

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["herald_http_request_duration_seconds"] = Self.durationBuckets
        self.registry = registry
        self.factory = factory
        scrape = Mutex(Sampler(factory: factory))
        addCollector(ProcessMetrics.collect)
    }

    /// Adds what a scrape samples (gauges set, counters moved to their totals).
    public func addCollector(_ collect: @escaping @Sendable (Sampler) -> Void) {
        collectors.withLock { $0.append(collect) }
    }

    public func requestCompleted(_ request: CompletedRequest) {
        let key = StatusKey(route: request.route, status: request.status)
        let found = handles.withLock { handles -> (RouteHandles, CoreMetrics.Counter)? in
            guard let route = handles.routes[request.route], let counter = handles.statuses[key] else { return nil }
            return (route, counter)
        }
        let (route, counter) = found ?? make(key, server: request.server)
        counter.increment()
        route.bytes.increment(by: Int64(request.bytes))
        route.duration.recordNanoseconds(Int64(clamping: request.nanoseconds))
        if !request.delivered { incomplete(request.server).increment() }
    }

    /// The handles of a route and status seen for the first time (made once, then kept).
    private func make(_ key: StatusKey, server: String) -> (RouteHandles, CoreMetrics.Counter) {
        handles.withLock { handles in
            let labels = [("server", server), ("route", key.route.pattern)]
            let route = handles.routes[key.route] ?? RouteHandles(
                duration: CoreMetrics.Timer(label: "herald_http_request_duration_seconds", dimensions: labels, factory: factory),
                bytes: CoreMetrics.Counter(label: "herald_http_response_bytes_total", dimensions: labels, factory: factory))
            handles.routes[key.route] = route
            let counter = handles.statuses[key] ?? CoreMetrics.Counter(
                label: "herald_http_requests_total", dimensions: labels + [("status", String(key.status))], factory: factory)
            handles.statuses[key] = counter
            return (route, counter)
        }
    }

    private func incomplete(_ server: String) -> CoreMetrics.Counter {
        handles.withLock { handles in
            let counter = handles.incomplete[server] ?? CoreMetrics.Counter(label: "herald_http_responses_incomplete_total",
                                                                            dimensions: [("server", server)], factory: factory)
            handles.incomplete[server] = counter
            return counter
        }
    }

    /// The Prometheus text exposition (format 0.0.4) after running every collector.
    public func exposition() -> [UInt8] {
        let collect = collectors.withLock { $0 }
        return scrape.withLock { sampler in
            for collector in collect { collector(sampler) }
            return registry.emitToBuffer()
        }
    }

    /// The content type of `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}

/// What a scrape's collectors write through: gauges set to a value, counters moved up to a
/// total that the sampled part keeps itself (a total that went down — a part made anew — is
/// taken as the new start). Used only under the scrape lock.
public final class Sampler: @unchecked Sendable {
    private let factory: PrometheusMetricsFactory
    private var gauges: [String: CoreMetrics.Gauge] = [:]
    private var counters: [String: (counter: CoreMetrics.FloatingPointCounter, last: Double)] = [:]

    init(factory: PrometheusMetricsFactory) {
        self.factory = factory
    }

    private static func key(_ name: String, _ labels: [(String, String)]) -> String {
        labels.reduce(name) { $0 + "\u{1}" + $1.0 + "\u{2}" + $1.1 }
    }

    /// Sets the gauge `name`.
    public func gauge(_ name: String, _ value: Double) { gauge(name, [], value) }

    /// Sets the gauge `name{labels}`.
    public func gauge(_ name: String, _ labels: [(String, String)], _ value: Double) {
        let key = Self.key(name, labels)
        let gauge = gauges[key] ?? CoreMetrics.Gauge(label: name, dimensions: labels, factory: factory)
        gauges[key] = gauge
        gauge.record(value)
    }

    /// Moves the counter `name{labels}` up to `total`.
    public func counter(_ name: String, _ labels: [(String, String)] = [], total: Double) {
        let key = Self.key(name, labels)
        var entry = counters[key] ?? (CoreMetrics.FloatingPointCounter(label: name, dimensions: labels, factory: factory), 0)
        let step = total >= entry.last ? total - entry.last : total
        if step > 0 { entry.counter.increment(by: step) }
        entry.last = total
        counters[key] = entry
    }

    /// Moves the counter `name{labels}` up to `total`.
    public func counter(_ name: String, _ labels: [(String, String)] = [], total: Int) {
        counter(name, labels, total: Double(total))
    }
}

/// The process collector's metrics under their standard names (as the Go and Python clients
/// write them): resident and virtual memory, descriptors open and allowed, CPU seconds, start time.
enum ProcessMetrics {
    static let startTime = Date().timeIntervalSince1970 - ProcessInfo.processInfo.systemUptime + bootOffset()

    /// Seconds since boot at which this process started, from /proc/self/stat (field 22, in clock ticks).
    private static func bootOffset() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return ProcessInfo.processInfo.systemUptime }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return ProcessInfo.processInfo.systemUptime }
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    @Sendable static func collect(_ sample: Sampler) {
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ").compactMap { Double($0) }
            let page = Double(sysconf(Int32(_SC_PAGESIZE)))
            if fields.count > 1 {
                sample.gauge("process_virtual_memory_bytes", fields[0] * page)
                sample.gauge("process_resident_memory_bytes", fields[1] * page)
            }
        }
        if let open = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            sample.gauge("process_open_fds", Double(open.count))
        }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 { sample.gauge("process_max_fds", Double(limit.rlim_cur)) }
        var usage = rusage()
        if getrusage(Int32(RUSAGE_SELF.rawValue), &usage) == 0 {
            let seconds = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
                + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
            sample.counter("process_cpu_seconds_total", total: seconds)
        }
        sample.gauge("process_start_time_seconds", startTime)
    }
}
