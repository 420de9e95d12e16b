import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import NewsCore
import NewsStore

/// GETs a source over HTTP(S) with Foundation's URLSession (libcurl underneath on Linux): a time
/// limit per attempt, and retries with doubling waits on network errors and 5xx answers; a 4xx
/// fails at once (retrying will not change it). Answers over `maxBytes` are refused.
public struct SourceClient: Sendable {
    public var timeout: TimeInterval
    public var attempts: Int
    public var backoff: TimeInterval
    public var maxBytes: Int
    /// What Herald calls itself to the source.
    public var userAgent: String

    public init(timeout: TimeInterval = 10, attempts: Int = 3, backoff: TimeInterval = 1, maxBytes: Int = 4 << 20,
                userAgent: String = "Herald news portal (header data)") {
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self.maxBytes = maxBytes
        self.userAgent = userAgent
    }

    /// The body of a 200 answer to GET `url`.
    public func get(_ url: URL) throws -> Data {
        var wait = backoff
        var lastError = SourceError("\(url.absoluteString): not fetched")
        for attempt in 1...max(1, attempts) {
            do {
                return try once(url)
            } catch let error as SourceError {
                lastError = error
                if error.isFinal { throw error }
            }
            if attempt < attempts {
                Thread.sleep(forTimeInterval: wait)
                wait *= 2
            }
        }
        throw SourceError(lastError.description + " (after \(max(1, attempts)) attempts)")
    }

    private func once(_ url: URL) throws -> Data {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpAdditionalHeaders = ["User-Agent": userAgent, "Accept": "*/*"]
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<(Data, Int), SourceError> = .failure(SourceError("\(url.absoluteString): no answer"))
        let task = session.dataTask(with: URLRequest(url: url, timeoutInterval: timeout)) { data, response, error in
            if let error = error as? URLError, error.code == .timedOut {
                result = .failure(SourceError("\(url.absoluteString): no answer within \(Int(timeout.rounded(.up))) s"))
            } else if let error {
                result = .failure(SourceError("\(url.absoluteString): \(error.localizedDescription)"))
            } else {
                result = .success((data ?? Data(), (response as? HTTPURLResponse)?.statusCode ?? 0))
            }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 1) == .timedOut {
            task.cancel()
            throw SourceError("\(url.absoluteString): no answer within \(Int(timeout)) s")
        }
        let (data, status) = try result.get()
        guard status == 200 else { throw SourceError("\(url.absoluteString): HTTP \(status)", isFinal: (400..<500).contains(status)) }
        guard data.count <= maxBytes else { throw SourceError("\(url.absoluteString): answer over \(maxBytes) bytes") }
        return data
    }
}

/// Fetches the header's data from its sources and stores what is sound through the header's
/// named writes (audit log, change log, purges). Anything wrong — a source down, slow, answering
/// 500 or garbage, an absurd value — is logged and stores nothing, so the last good data stays on
/// the pages; readers never see a blank header because a source failed.
public struct HeaderFetcher: Sendable {
    let repository: HeaderRepository
    let client: SourceClient
    let logger: Logger

    public init(repository: HeaderRepository, client: SourceClient = SourceClient(), logger: Logger) {
        self.repository = repository
        self.client = client
        self.logger = logger
    }

    /// What one fetch stored.
    public struct Outcome: Sendable, Equatable {
        public var stored: Int
        /// Currencies configured but not in the feed, or cities whose report failed.
        public var missing: [String]
        public var changes: ChangeSet
    }

    /// The National Bank's rates for the configured currencies; throws (storing nothing) when the
    /// feed cannot be used.
    @discardableResult
    public func fetchRates(url: String = NBKRates.defaultURL) throws -> Outcome {
        guard let address = URL(string: url) else { throw SourceError("rates: \(url) is not a URL") }
        let (rates, missing) = try NBKRates.parse(try client.get(address), currencies: try repository.configuredCurrencies())
        let changes = try repository.setRates(rates, by: .system("rates fetch"))
        if !missing.isEmpty { logger.warning("rates: the National Bank's feed has no rate for \(missing.joined(separator: ", "))") }
        return Outcome(stored: rates.count, missing: missing, changes: changes)
    }

    /// Each positioned city's forecast; a city whose answer cannot be used keeps its last report
    /// (named in `missing`); throws only when no city could be stored.
    @discardableResult
    public func fetchWeather(url: String = OpenMeteo.defaultURL) throws -> Outcome {
        let cities = try repository.cityPositions()
        guard !cities.isEmpty else { throw SourceError("weather: no city has a latitude and longitude (see the site setup)") }
        var reports: [WeatherInput] = []
        var missing: [String] = []
        for city in cities {
            do {
                guard let address = OpenMeteo.url(base: url, latitude: city.latitude, longitude: city.longitude) else {
                    throw SourceError("weather: \(url) is not a URL")
                }
                reports.append(try OpenMeteo.parse(try client.get(address), city: city.code))
            } catch {
                logger.warning("weather: \(city.code): \(error) — its last report stays")
                missing.append(city.code)
            }
        }
        guard !reports.isEmpty else { throw SourceError("weather: no city's forecast could be read (\(missing.joined(separator: ", ")))") }
        let changes = try repository.setWeather(reports, by: .system("weather fetch"))
        return Outcome(stored: reports.count, missing: missing, changes: changes)
    }
}
