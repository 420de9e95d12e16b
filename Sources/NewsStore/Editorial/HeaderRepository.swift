import Foundation
import GRDB
import HeraldSupport
import NewsCore

/// One currency rate to store.
public struct RateInput: Sendable, Equatable {
    public var day: String
    public var currency: String
    public var value: Double
    public init(day: String, currency: String, value: Double) {
        self.day = day
        self.currency = currency
        self.value = value
    }
}

/// One weather report to store.
public struct WeatherInput: Sendable, Equatable {
    public var city: String
    public var observedAt: Int64
    public var minimum: Int
    public var maximum: Int
    public var condition: WeatherCondition
    public init(city: String, observedAt: Int64, minimum: Int, maximum: Int, condition: WeatherCondition) {
        self.city = city
        self.observedAt = observedAt
        self.minimum = minimum
        self.maximum = maximum
        self.condition = condition
    }
}

/// Currency rates and weather: the header's changing data.
public struct HeaderRepository: Sendable {
    let database: HeraldDatabase

    let now: @Sendable () -> Int64

    /// Creates a repository over a database; `now` is the clock the audit and change logs use.
    public init(_ database: HeraldDatabase, now: @escaping @Sendable () -> Int64 = UnixClock.system) {
        self.database = database
        self.now = now
    }

    /// Stores rates (replacing the same currency and day) in one transaction; every page shows them.
    @discardableResult
    public func setRates(_ rates: [RateInput], by actor: Actor = .system("cli")) throws -> ChangeSet {
        try database.write { db in
            for (index, rate) in rates.enumerated() {
                guard CivilCalendar.parseDay(rate.day) != nil else {
                    throw StoreError(.invalidHeaderData, "rates: entry \(index + 1): day \"\(rate.day)\" is not YYYY-MM-DD")
                }
                guard rate.currency.count == 3, rate.currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                    throw StoreError(.invalidHeaderData, "rates: entry \(index + 1): currency \"\(rate.currency)\" is not a three-letter code")
                }
                guard rate.value.isFinite, rate.value > 0 else {
                    throw StoreError(.invalidHeaderData, "rates: entry \(index + 1): value must be a positive number")
                }
                try db.execute(sql: "INSERT OR REPLACE INTO currency_rates (day, currency, value) VALUES (?, ?, ?)",
                               arguments: [rate.day, rate.currency, rate.value])
            }
            let changes = ChangeSet([.header])
            try AuditLog.record(actor, "header.rates", "rates", rates.map(\.day).max() ?? "", detail: "\(rates.count) rates",
                                at: now(), db)
            try ChangeLog.record(changes, at: now(), db)
            return changes
        }
    }

    /// Stores weather reports in one transaction (the city must exist); every page shows them.
    @discardableResult
    public func setWeather(_ reports: [WeatherInput], by actor: Actor = .system("cli")) throws -> ChangeSet {
        try database.write { db in
            for (index, report) in reports.enumerated() {
                guard let cityID = try Int64.fetchOne(db, sql: "SELECT id FROM cities WHERE code = ?", arguments: [report.city]) else {
                    throw StoreError(.invalidHeaderData, "weather: entry \(index + 1): unknown city \"\(report.city)\" (add it to the site setup)")
                }
                guard report.minimum <= report.maximum, (-90...60).contains(report.minimum), (-90...60).contains(report.maximum) else {
                    throw StoreError(.invalidHeaderData, "weather: entry \(index + 1): min and max must be between -90 and 60 °C with min ≤ max")
                }
                try db.execute(sql: """
                    INSERT OR REPLACE INTO weather_reports (city_id, observed_at, temp_min, temp_max, condition)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [cityID, report.observedAt, report.minimum, report.maximum, report.condition.rawValue])
            }
            let changes = ChangeSet([.header])
            try AuditLog.record(actor, "header.weather", "weather", Set(reports.map(\.city)).sorted().joined(separator: ","),
                                detail: "\(reports.count) reports", at: now(), db)
            try ChangeLog.record(changes, at: now(), db)
            return changes
        }
    }

    /// A city the weather fetcher reads: its code and position.
    public struct CityPosition: Sendable, Equatable {
        public var code: String
        public var latitude: Double
        public var longitude: Double
    }

    /// The cities with a position (the others are not fetched).
    public func cityPositions() throws -> [CityPosition] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT code, latitude, longitude FROM cities WHERE latitude IS NOT NULL AND longitude IS NOT NULL ORDER BY code")
                .map { CityPosition(code: $0[0], latitude: $0[1], longitude: $0[2]) }
        }
    }

    /// The currencies the header shows (the `currencies` setting), in its order.
    public func configuredCurrencies() throws -> [String] {
        try database.pool.read { db in
            (try String.fetchOne(db, sql: "SELECT value FROM site_settings WHERE key = 'currencies'") ?? "")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        }
    }

    /// The latest day's rates, each with its trend against that currency's previous day.
    static func latestRates(_ db: Database, order: [String]?) throws -> [CurrencyRate] {
        guard let latestDay = try String.fetchOne(db, sql: "SELECT MAX(day) FROM currency_rates") else { return [] }
        var rates: [CurrencyRate] = []
        for row in try Row.fetchAll(db, sql: "SELECT currency, value FROM currency_rates WHERE day = ?", arguments: [latestDay]) {
            let currency: String = row[0]
            let value: Double = row[1]
            let previous = try Double.fetchOne(db, sql: """
                SELECT value FROM currency_rates WHERE currency = ? AND day < ? ORDER BY day DESC LIMIT 1
                """, arguments: [currency, latestDay])
            let trend = previous.map { prev -> RateTrend in
                abs(value - prev) < 0.0001 ? .unchanged : (value > prev ? .up : .down)
            }
            rates.append(CurrencyRate(currency: currency, value: value, day: latestDay, trend: trend))
        }
        if let order {
            rates = rates.filter { order.contains($0.currency) }
                .sorted { order.firstIndex(of: $0.currency)! < order.firstIndex(of: $1.currency)! }
        } else {
            rates.sort { $0.currency < $1.currency }
        }
        return rates
    }

    /// The newest report for each city.
    static func latestWeather(_ db: Database) throws -> [String: WeatherReport] {
        var names: [Int64: [String: String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT city_id, edition_code, name FROM city_names") {
            names[row[0], default: [:]][row[1]] = row[2]
        }
        var reports: [String: WeatherReport] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.id, c.code, w.observed_at, w.temp_min, w.temp_max, w.condition FROM cities c
            JOIN weather_reports w ON w.city_id = c.id
            WHERE w.observed_at = (SELECT MAX(observed_at) FROM weather_reports WHERE city_id = c.id)
            """) {
            let code: String = row[1]
            reports[code] = WeatherReport(city: code, cityNames: names[row[0]] ?? [:], observedAt: row[2], minimum: row[3],
                                          maximum: row[4], condition: WeatherCondition(rawValue: row[5]) ?? .cloudy)
        }
        return reports
    }
}

/// Parsing of the small JSON files `herald rates import` and `herald weather import` read.
public enum HeaderFiles {
    /// Reads {"rates": [{"day", "currency", "value"}]} (or a bare array).
    public static func rates(from data: Data) throws -> [RateInput] {
        try entries(data, key: "rates").enumerated().map { index, entry in
            guard let day = entry["day"] as? String else { throw missing("rates", index, "day") }
            guard let currency = entry["currency"] as? String else { throw missing("rates", index, "currency") }
            guard let value = (entry["value"] as? NSNumber)?.doubleValue else { throw missing("rates", index, "value") }
            return RateInput(day: day, currency: currency.uppercased(), value: value)
        }
    }

    /// Reads {"weather": [{"city", "at", "min", "max", "condition"}]} (or a bare array).
    public static func weather(from data: Data) throws -> [WeatherInput] {
        try entries(data, key: "weather").enumerated().map { index, entry in
            guard let city = entry["city"] as? String else { throw missing("weather", index, "city") }
            guard let at = (entry["at"] as? String).flatMap(CivilCalendar.parseTimestamp) else {
                throw StoreError(.invalidHeaderData, "weather: entry \(index + 1): field \"at\" must be an ISO 8601 time with an offset")
            }
            guard let minimum = entry["min"] as? Int, let maximum = entry["max"] as? Int else {
                throw StoreError(.invalidHeaderData, "weather: entry \(index + 1): fields \"min\" and \"max\" must be whole degrees")
            }
            guard let condition = (entry["condition"] as? String).flatMap(WeatherCondition.init(rawValue:)) else {
                throw StoreError(.invalidHeaderData, "weather: entry \(index + 1): field \"condition\" must be one of \(WeatherCondition.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return WeatherInput(city: city, observedAt: at, minimum: minimum, maximum: maximum, condition: condition)
        }
    }

    private static func entries(_ data: Data, key: String) throws -> [[String: Any]] {
        let object = try? JSONSerialization.jsonObject(with: data)
        if let list = (object as? [String: Any])?[key] as? [[String: Any]] { return list }
        if let list = object as? [[String: Any]] { return list }
        throw StoreError(.invalidHeaderData, "\(key): the file must be a JSON object with a \"\(key)\" array")
    }

    private static func missing(_ kind: String, _ index: Int, _ field: String) -> StoreError {
        StoreError(.invalidHeaderData, "\(kind): entry \(index + 1): field \"\(field)\" is missing or has the wrong type")
    }
}
