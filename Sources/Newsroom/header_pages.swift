import Foundation
import HTTPServer
import HeraldSupport
import NewsCore
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `GET /header`: today's currency rates (the currencies in the site settings) and a city's
    /// weather, for editors and admins.
    func headerShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        try requireEditor(request)
        return headerPage(request, rates: [:], weather: [:], errors: [:], notice: notice(request))
    }

    /// `POST /header/rates` (`day`, `rate.USD` …): the day's rates through `HeaderRepository.setRates`
    /// (the change retires every page showing the header). Empty fields keep their stored rate.
    func headerRatesUpdate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        try requireEditor(request)
        let form = request.form ?? FormData()
        let day = (form.value("day") ?? "").trimmingCharacters(in: .whitespaces)
        var typed: [String: String] = ["day": day]
        var errors: [String: String] = [:]
        if CivilCalendar.parseDay(day) == nil { errors["day"] = "must be a day, YYYY-MM-DD" }
        var rates: [RateInput] = []
        for currency in currencies {
            let text = (form.value("rate.\(currency)") ?? "").trimmingCharacters(in: .whitespaces)
            typed["rate.\(currency)"] = text
            guard !text.isEmpty else { continue }
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite, value > 0, value < 1e9 else {
                errors["rate.\(currency)"] = strings.header.notANumber
                continue
            }
            rates.append(RateInput(day: day, currency: currency, value: value))
        }
        if rates.isEmpty && errors.isEmpty { errors["rates"] = strings.header.noRates }
        guard errors.isEmpty else { return headerPage(request, rates: typed, weather: [:], errors: errors, status: 422) }
        try HeaderRepository(database, now: { [unixNow] in unixNow }).setRates(rates, by: actor(request))
        written()
        return redirect("/header", notice: "rates-saved")
    }

    /// `POST /header/weather` (`city`, `min`, `max`, `condition`, `at`): a weather report through
    /// `HeaderRepository.setWeather`.
    func headerWeatherUpdate(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        try requireEditor(request)
        let form = request.form ?? FormData()
        var typed: [String: String] = [:]
        for name in ["city", "min", "max", "condition", "at"] { typed[name] = (form.value(name) ?? "").trimmingCharacters(in: .whitespaces) }
        var errors: [String: String] = [:]
        let cities = try queries.cities()
        if !cities.contains(where: { $0.code == typed["city"] }) { errors["city"] = "is not a city of this site" }
        let low = Int(typed["min"]!), high = Int(typed["max"]!)
        if low == nil || !(-90...60).contains(low!) { errors["min"] = strings.header.temperatureRange }
        if high == nil || !(-90...60).contains(high!) || (low != nil && high! < low!) { errors["max"] = strings.header.temperatureRange }
        let condition = WeatherCondition(rawValue: typed["condition"]!)
        if condition == nil { errors["condition"] = "is not one of the conditions listed" }
        var observed = unixNow
        if let at = typed["at"], !at.isEmpty {
            if let context = reader.snapshotForNewsroom.editions.first, let time = ArticleForm.unix(fromLocal: at, context) { observed = time } else {
                errors["at"] = "must be a date and time"
            }
        }
        guard errors.isEmpty, let low, let high, let condition else { return headerPage(request, rates: [:], weather: typed, errors: errors, status: 422) }
        try HeaderRepository(database, now: { [unixNow] in unixNow })
            .setWeather([WeatherInput(city: typed["city"]!, observedAt: observed, minimum: low, maximum: high, condition: condition)], by: actor(request))
        written()
        return redirect("/header", notice: "weather-saved")
    }

    /// The currencies the header shows (site settings), else those stored.
    var currencies: [String] {
        let data = reader.snapshotForNewsroom.data
        return data.settings.currencies.isEmpty ? data.rates.map(\.currency) : data.settings.currencies
    }

    /// Editors and admins only: an author writes articles, not the header.
    func requireEditor(_ request: Request) throws {
        guard session(request).user.role != .author else { throw HTTPError.forbidden("not_allowed", strings.header.editorsOnly) }
    }

    /// The page with the forms as typed (stored values where nothing was typed).
    func headerPage(_ request: Request, rates typed: [String: String], weather: [String: String], errors: [String: String],
                    notice: String? = nil, status: Int = 200) -> Response {
        let snapshot = reader.snapshotForNewsroom
        let stored = Dictionary(snapshot.data.rates.map { ($0.currency, $0.value) }, uniquingKeysWith: { a, _ in a })
        let today = snapshot.editions.first.map { $0.local(unixNow).isoDay } ?? LocalDateTime(unix: unixNow, offsetSeconds: 0).isoDay
        let rates = currencies.map { currency in
            (currency, typed["rate.\(currency)"] ?? stored[currency].map { String(format: "%.2f", $0) } ?? "")
        }
        let capital = snapshot.data.settings.capitalCity
        let chosenCity = weather["city"] ?? capital
        let cities = ((try? queries.cities()) ?? []).map { Choice(value: $0.code, label: $0.name, selected: $0.code == chosenCity) }
        let conditions = WeatherCondition.allCases.map {
            Choice(value: $0.rawValue, label: strings.header.conditionName($0), selected: $0.rawValue == (weather["condition"] ?? "cloudy"))
        }
        let view = HeaderFormView(day: typed["day"] ?? today, rates: rates, cities: cities, conditions: conditions, weather: weather, errors: errors)
        return page(NewsroomPages.header(chrome(request, strings.header.title, notice: errors.isEmpty ? notice : strings.errorsBelow,
                                                error: !errors.isEmpty), view), status: status)
    }
}
