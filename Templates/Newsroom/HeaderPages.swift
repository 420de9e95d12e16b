import HeraldSupport
import NewsCore

/// The phrases of the header data page (one instance per newsroom language).
public struct NewsroomHeaderStrings: Sendable {
    public let navHeader, title, ratesTitle, ratesHint, day, saveRates, weatherTitle, city, minimum, maximum, condition, observedAt: String
    public let observedHint, saveWeather, ratesSaved, weatherSaved, notANumber, noRates, temperatureRange, editorsOnly: String
    public let conditionName: @Sendable (WeatherCondition) -> String
}

extension NewsroomHeaderStrings {
    static let english = NewsroomHeaderStrings(
        navHeader: "Rates & weather", title: "Currency rates and weather", ratesTitle: "Currency rates",
        ratesHint: "Units of the base currency for one unit, e.g. 471.80. Leave a currency empty to keep its stored rate.",
        day: "Day", saveRates: "Save rates", weatherTitle: "Weather", city: "City", minimum: "Low, °C", maximum: "High, °C",
        condition: "Sky", observedAt: "Observed at", observedHint: "Empty: now.", saveWeather: "Save weather",
        ratesSaved: "The rates are saved: every page shows them now.", weatherSaved: "The weather is saved: every page shows it now.",
        notANumber: "must be a positive number, e.g. 471.80", noRates: "Give at least one rate.",
        temperatureRange: "must be whole degrees between -90 and 60, the low not above the high",
        editorsOnly: "Only editors and admins keep the header current.",
        conditionName: { $0.rawValue })

    static let russian = NewsroomHeaderStrings(
        navHeader: "Курсы и погода", title: "Курсы валют и погода", ratesTitle: "Курсы валют",
        ratesHint: "Единиц базовой валюты за единицу, например 471,80. Пустое поле оставляет сохранённый курс.",
        day: "День", saveRates: "Сохранить курсы", weatherTitle: "Погода", city: "Город", minimum: "Минимум, °C", maximum: "Максимум, °C",
        condition: "Небо", observedAt: "Время наблюдения", observedHint: "Пусто: сейчас.", saveWeather: "Сохранить погоду",
        ratesSaved: "Курсы сохранены: их показывает каждая страница.", weatherSaved: "Погода сохранена: её показывает каждая страница.",
        notANumber: "должно быть положительным числом, например 471,80", noRates: "Укажите хотя бы один курс.",
        temperatureRange: "целые градусы от -90 до 60, минимум не выше максимума",
        editorsOnly: "Данные шапки ведут редакторы и администраторы.",
        conditionName: { $0.rawValue })
}

/// The header data page: the rates form (one field per currency) and the weather form.
public struct HeaderFormView: Sendable {
    public var day: String
    /// Currency code and the value shown (the stored one, or as typed).
    public var rates: [(currency: String, value: String)]
    public var cities: [Choice]
    public var conditions: [Choice]
    public var weather: [String: String]
    public var errors: [String: String]
    public init(day: String, rates: [(currency: String, value: String)], cities: [Choice], conditions: [Choice],
                weather: [String: String], errors: [String: String]) {
        self.day = day
        self.rates = rates
        self.cities = cities
        self.conditions = conditions
        self.weather = weather
        self.errors = errors
    }
}

extension NewsroomPages {
    /// Rates and weather, each its own form.
    public static func header(_ c: NewsroomChrome, _ v: HeaderFormView) -> HTML {
        let s = c.strings, h = s.header
        let main: HTML = """
        <section class="list"><h2>\(h.ratesTitle)</h2>
        <form method="post" action="/header/rates" class="header-form">
        \(NewsroomLayout.csrf(c))
        \(NewsroomLayout.input("day", h.day, v.day, error: v.errors["day"], type: "date", required: true))\
        \(v.rates.html { rate in NewsroomLayout.input("rate.\(rate.currency)", rate.currency, rate.value, error: v.errors["rate.\(rate.currency)"],
                                                       extra: " inputmode=\"decimal\" autocomplete=\"off\"") })\
        \(v.errors["rates"].html { "<p class=\"error-text\" role=\"alert\">\($0)</p>" })\
        <p class="hint">\(h.ratesHint)</p>
        <p><button type="submit" class="primary">\(h.saveRates)</button></p>
        </form></section>
        <section class="list"><h2>\(h.weatherTitle)</h2>
        <form method="post" action="/header/weather" class="header-form">
        \(NewsroomLayout.csrf(c))
        \(NewsroomLayout.select("city", h.city, v.cities, error: v.errors["city"]))\
        \(NewsroomLayout.input("min", h.minimum, v.weather["min"] ?? "", error: v.errors["min"], required: true, extra: " inputmode=\"numeric\""))\
        \(NewsroomLayout.input("max", h.maximum, v.weather["max"] ?? "", error: v.errors["max"], required: true, extra: " inputmode=\"numeric\""))\
        \(NewsroomLayout.select("condition", h.condition, v.conditions, error: v.errors["condition"]))\
        \(NewsroomLayout.input("at", h.observedAt, v.weather["at"] ?? "", error: v.errors["at"], hint: h.observedHint, type: "datetime-local"))\
        <p><button type="submit" class="primary">\(h.saveWeather)</button></p>
        </form></section>
        """
        return NewsroomLayout.page(c, main: main)
    }
}
