import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HeraldSupport
import NewsCore
import NewsStore

/// Why a source's answer was not used (the last good data stays).
public struct SourceError: Error, CustomStringConvertible, Equatable {
    public let description: String
    /// Trying again will not help (the source answered 4xx).
    public let isFinal: Bool
    public init(_ description: String, isFinal: Bool = false) {
        self.description = description
        self.isFinal = isFinal
    }
}

/// The National Bank of Kazakhstan's official daily rates (https://nationalbank.kz/rss/rates_all.xml):
/// RSS 2.0, one `<item>` a currency —
///
///     <item>
///       <title>USD</title>              the ISO 4217 code
///       <pubDate>02.12.2026</pubDate>   the day the rate is for, DD.MM.YYYY
///       <description>522.38</description> tenge for `quant` units (a comma as decimal mark is read too)
///       <quant>1</quant>                units the rate is for (e.g. 100 for AMD, 10 for some)
///       <index>UP</index>               UP / DOWN / blank against the previous day
///       <change>+1.23</change>          the change in tenge
///     </item>
///
/// Herald stores tenge per one unit (`description / quant`) under the item's day. Items that are
/// malformed — no code, no number, a day that is not a date, a rate that is not positive or is
/// absurd (more than 1,000,000 tenge a unit) — are refused with the item named.
public enum NBKRates {
    public static let defaultURL = "https://nationalbank.kz/rss/rates_all.xml"

    /// The rates in `data` for `currencies` (all when empty); the configured currencies the feed
    /// lacks are in `missing`.
    public static func parse(_ data: Data, currencies: [String] = []) throws -> (rates: [RateInput], missing: [String]) {
        let reader = ItemReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false
        // A document cut short must not pass for an empty one: the channel has to be closed.
        guard parser.parse(), reader.closedChannel else {
            let why = parser.parserError.map { "\($0.localizedDescription)" } ?? "no complete RSS channel"
            throw SourceError("rates: the answer is not the National Bank's RSS (\(why))")
        }
        var rates: [RateInput] = []
        for (index, item) in reader.items.enumerated() {
            let name = "item \(index + 1)"
            let code = (item["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw SourceError("rates: \(name): title \"\(item["title"] ?? "")\" is not a currency code")
            }
            guard currencies.isEmpty || currencies.contains(code) else { continue }
            let number = (item["description"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: ",", with: ".")
            guard let value = Double(number), value.isFinite else {
                throw SourceError("rates: \(code): description \"\(item["description"] ?? "")\" is not a number")
            }
            let quantText = (item["quant"] ?? "1").trimmingCharacters(in: .whitespacesAndNewlines)
            guard let quant = Double(quantText.isEmpty ? "1" : quantText), quant >= 1 else {
                throw SourceError("rates: \(code): quant \"\(quantText)\" is not a positive count")
            }
            let perUnit = value / quant
            guard perUnit > 0, perUnit <= 1_000_000 else {
                throw SourceError("rates: \(code): \(value) tenge for \(quantText) is not a plausible rate")
            }
            let dayText = (item["pubDate"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard let day = isoDay(dayText) else {
                throw SourceError("rates: \(code): pubDate \"\(dayText)\" is not DD.MM.YYYY")
            }
            rates.append(RateInput(day: day, currency: code, value: (perUnit * 10_000).rounded() / 10_000))
        }
        guard !rates.isEmpty else { throw SourceError("rates: the feed holds none of \(currencies.joined(separator: ", "))") }
        let found = Set(rates.map(\.currency))
        return (rates, currencies.filter { !found.contains($0) })
    }

    /// "02.12.2026" → "2026-12-02", when it is a real day.
    static func isoDay(_ text: String) -> String? {
        let parts = text.split(separator: ".")
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4 else { return nil }
        let iso = "\(parts[2])-\(parts[1])-\(parts[0])"
        return CivilCalendar.parseDay(iso) == nil ? nil : iso
    }

    /// Collects each `<item>`'s child elements' text.
    final class ItemReader: NSObject, XMLParserDelegate {
        var items: [[String: String]] = []
        var closedChannel = false
        private var current: [String: String]?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "item" { current = [:] }
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "channel" { closedChannel = true }
            if name == "item", let item = current {
                items.append(item)
                current = nil
            } else if current != nil {
                current?[name] = text
            }
            text = ""
        }
    }
}

/// Open-Meteo's forecast API (https://open-meteo.com/en/docs): for each city with a position,
/// `GET {base}?latitude=…&longitude=…&daily=weather_code,temperature_2m_max,temperature_2m_min&timezone=auto&forecast_days=1`
/// answers
///
///     {"latitude": 51.17, "longitude": 71.45, "timezone": "Asia/Almaty", "utc_offset_seconds": 18000,
///      "daily_units": {"temperature_2m_max": "°C", …},
///      "daily": {"time": ["2026-12-02"], "weather_code": [71], "temperature_2m_max": [-5.2], "temperature_2m_min": [-12.8]}}
///
/// Herald stores the day's low and high (rounded) and the condition from the WMO weather code,
/// observed at the local midnight starting that day. Temperatures outside -90…60 °C, a low above
/// the high, units other than °C, or a code WMO does not define are refused.
public enum OpenMeteo {
    public static let defaultURL = "https://api.open-meteo.com/v1/forecast"

    /// The request URL for a city.
    public static func url(base: String, latitude: Double, longitude: Double) -> URL? {
        guard var parts = URLComponents(string: base) else { return nil }
        parts.queryItems = (parts.queryItems ?? []) + [
            URLQueryItem(name: "latitude", value: String(format: "%.4f", latitude)),
            URLQueryItem(name: "longitude", value: String(format: "%.4f", longitude)),
            URLQueryItem(name: "daily", value: "weather_code,temperature_2m_max,temperature_2m_min"),
            URLQueryItem(name: "timezone", value: "auto"),
            URLQueryItem(name: "forecast_days", value: "1"),
        ]
        return parts.url
    }

    /// The report in `data` for `city`.
    public static func parse(_ data: Data, city: String) throws -> WeatherInput {
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw SourceError("weather: \(city): the answer is not JSON")
        }
        if let reason = root["reason"] as? String, root["error"] as? Bool == true {
            throw SourceError("weather: \(city): Open-Meteo refused: \(reason)")
        }
        guard let daily = root["daily"] as? [String: Any] else { throw SourceError("weather: \(city): no \"daily\" object") }
        if let units = root["daily_units"] as? [String: Any] {
            for key in ["temperature_2m_max", "temperature_2m_min"] where (units[key] as? String).map({ $0 != "°C" }) ?? false {
                throw SourceError("weather: \(city): \(key) is in \(units[key]!), not °C")
            }
        }
        func first(_ key: String) throws -> Any {
            guard let values = daily[key] as? [Any], let value = values.first, !(value is NSNull) else {
                throw SourceError("weather: \(city): daily.\(key) is missing")
            }
            return value
        }
        guard let day = try first("time") as? String, let (year, month, date) = CivilCalendar.parseDay(day) else {
            throw SourceError("weather: \(city): daily.time is not a day")
        }
        guard let high = (try first("temperature_2m_max") as? NSNumber)?.doubleValue, high.isFinite,
              let low = (try first("temperature_2m_min") as? NSNumber)?.doubleValue, low.isFinite else {
            throw SourceError("weather: \(city): the day's temperatures are not numbers")
        }
        guard (-90...60).contains(low), (-90...60).contains(high), low <= high else {
            throw SourceError("weather: \(city): \(low)…\(high) °C is not a plausible day")
        }
        guard let code = (try first("weather_code") as? NSNumber)?.intValue, let condition = condition(wmo: code) else {
            throw SourceError("weather: \(city): daily.weather_code is not a WMO weather code")
        }
        let offset = (root["utc_offset_seconds"] as? NSNumber)?.int64Value ?? 0
        let midnight = Int64(CivilCalendar.days(year: year, month: month, day: date)) * 86_400 - offset
        return WeatherInput(city: city, observedAt: midnight, minimum: Int(low.rounded()), maximum: Int(high.rounded()),
                            condition: condition)
    }

    /// The WMO 4677 code's condition (the codes Open-Meteo uses); nil for a code it does not define.
    public static func condition(wmo code: Int) -> WeatherCondition? {
        switch code {
        case 0: return .clear
        case 1, 2: return .partlyCloudy
        case 3: return .cloudy
        case 45, 48: return .fog
        case 51, 53, 55, 61, 63, 65, 80, 81, 82: return .rain
        case 56, 57, 66, 67: return .sleet
        case 71, 73, 75, 77, 85, 86: return .snow
        case 95, 96, 99: return .storm
        default: return nil
        }
    }
}
