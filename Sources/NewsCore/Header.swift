import HeraldSupport
/// How a rate moved against the previous published day.
public enum RateTrend: String, Sendable {
    case up, down, unchanged
}

/// A currency's latest published rate against the base currency.
public struct CurrencyRate: Sendable, Equatable {
    /// ISO 4217 code ("USD").
    public var currency: String
    /// Units of the base currency for one unit of this currency.
    public var value: Double
    /// The day the rate applies to ("2026-11-29").
    public var day: String
    /// The movement from the previous day, nil when there is no earlier rate.
    public var trend: RateTrend?

    /// Builds a rate.
    public init(currency: String, value: Double, day: String, trend: RateTrend?) {
        self.currency = currency
        self.value = value
        self.day = day
        self.trend = trend
    }
}

/// Weather conditions the header can name in every edition's language.
public enum WeatherCondition: String, Sendable, CaseIterable, Codable {
    case clear, partlyCloudy = "partly-cloudy", cloudy, rain, snow, sleet, fog, storm, wind
}

/// The latest weather report for a city.
public struct WeatherReport: Sendable, Equatable {
    /// The city code ("astana").
    public var city: String
    /// City names by edition code.
    public var cityNames: [String: String]
    /// Observation or forecast time, Unix seconds.
    public var observedAt: Int64
    /// The day's low, °C.
    public var minimum: Int
    /// The day's high, °C.
    public var maximum: Int
    /// The condition.
    public var condition: WeatherCondition

    /// Builds a report.
    public init(city: String, cityNames: [String: String], observedAt: Int64, minimum: Int, maximum: Int,
                condition: WeatherCondition) {
        self.city = city
        self.cityNames = cityNames
        self.observedAt = observedAt
        self.minimum = minimum
        self.maximum = maximum
        self.condition = condition
    }
}

/// Site-wide settings shown in the header.
public struct SiteSettings: Sendable, Equatable {
    /// The contact phone.
    public var phone: String
    /// The URL of the agency's main site.
    public var mainSiteURL: String
    /// The city whose weather the header shows.
    public var capitalCity: String
    /// The currency rates are quoted in ("KZT").
    public var baseCurrency: String
    /// The currencies the header shows, in order ("USD", "EUR" …).
    public var currencies: [String] = []

    /// Builds settings; the defaults are empty so a new site still renders.
    public init(phone: String = "", mainSiteURL: String = "", capitalCity: String = "", baseCurrency: String = "KZT") {
        self.phone = phone
        self.mainSiteURL = mainSiteURL
        self.capitalCity = capitalCity
        self.baseCurrency = baseCurrency
    }

    /// Builds settings from stored key/value pairs.
    public init(values: [String: String]) {
        self.init(phone: values["phone"] ?? "", mainSiteURL: values["mainSiteURL"] ?? "",
                  capitalCity: values["capitalCity"] ?? "", baseCurrency: values["baseCurrency"] ?? "KZT")
        currencies = (values["currencies"] ?? "").split(separator: ",").map { String($0).trimmedWhitespace().uppercased() }
            .filter { !$0.isEmpty }
    }
}
