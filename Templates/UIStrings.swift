import HeraldSupport
import NewsCore

/// How dates are laid out in a language.
public enum DateStyle: Sendable {
    /// "22 November 2022, 07:44"; the header date is "Sunday, 29 November 2026".
    case dayMonthYear
    /// "2022年11月22日 07:44"; the header date is "2026年11月29日 星期日".
    case chinese
}

/// Every phrase of the interface in one language: one stored property per phrase, so a language
/// that misses one does not compile. A class, so pages pass one reference instead of copying ~40 fields. Phrases with numbers are functions of those numbers.
public final class UIStrings: Sendable {
    public let skipToContent: String
    public let mainPage: String
    public let latestNews: String
    public let popular: String
    public let relatedNews: String
    public let tags: String
    public let sections: String
    public let language: String
    public let exchangeRates: String
    public let weather: String
    public let contactPhone: String
    public let mainSite: String
    public let published: String
    public let updated: String
    public let photo: String
    public let tagLabel: String
    public let sectionLabel: String
    public let breadcrumbs: String
    public let previousPage: String
    public let nextPage: String
    public let pageOf: @Sendable (_ page: Int, _ pages: Int) -> String
    public let articleCount: @Sendable (_ count: Int) -> String
    public let noArticles: String
    public let notFoundHeading: String
    public let notFoundMessage: String
    public let badRequestHeading: String
    public let badRequestMessage: String
    public let backToHome: String
    public let footerRights: @Sendable (_ year: Int, _ site: String) -> String
    public let trendUp: String
    public let trendDown: String
    public let trendUnchanged: String
    public let condition: @Sendable (WeatherCondition) -> String
    /// The byline under a headline, from the authors' names ("By A and B").
    public let byline: @Sendable ([String]) -> String
    /// The heading of the corrections at an article's foot.
    public let corrections: String
    /// The search form and the search page.
    public let search: SearchStrings
    /// The descriptions of the home, section and tag pages (search engines and shared links).
    public let describe: DescriptionStrings
    /// Month names as used after a day number (genitive where the language needs it).
    public let months: [String]
    /// Weekday names, Monday first.
    public let weekdays: [String]
    public let decimalSeparator: String
    /// The comma with its space (", " or the Arabic "، ").
    public let comma: String
    public let dateStyle: DateStyle

    /// Builds a language's strings (one instance per shipped language, below).
    init(skipToContent: String,
                mainPage: String,
                latestNews: String,
                popular: String,
                relatedNews: String,
                tags: String,
                sections: String,
                language: String,
                exchangeRates: String,
                weather: String,
                contactPhone: String,
                mainSite: String,
                published: String,
                updated: String,
                photo: String,
                tagLabel: String,
                sectionLabel: String,
                breadcrumbs: String,
                previousPage: String,
                nextPage: String,
                pageOf: @escaping @Sendable (_ page: Int, _ pages: Int) -> String,
                articleCount: @escaping @Sendable (_ count: Int) -> String,
                noArticles: String,
                notFoundHeading: String,
                notFoundMessage: String,
                badRequestHeading: String,
                badRequestMessage: String,
                backToHome: String,
                footerRights: @escaping @Sendable (_ year: Int, _ site: String) -> String,
                trendUp: String,
                trendDown: String,
                trendUnchanged: String,
                condition: @escaping @Sendable (WeatherCondition) -> String,
                byline: @escaping @Sendable ([String]) -> String,
                corrections: String,
                search: SearchStrings,
                describe: DescriptionStrings,
                months: [String],
                weekdays: [String],
                decimalSeparator: String,
                comma: String,
                dateStyle: DateStyle) {
        self.skipToContent = skipToContent
        self.mainPage = mainPage
        self.latestNews = latestNews
        self.popular = popular
        self.relatedNews = relatedNews
        self.tags = tags
        self.sections = sections
        self.language = language
        self.exchangeRates = exchangeRates
        self.weather = weather
        self.contactPhone = contactPhone
        self.mainSite = mainSite
        self.published = published
        self.updated = updated
        self.photo = photo
        self.tagLabel = tagLabel
        self.sectionLabel = sectionLabel
        self.breadcrumbs = breadcrumbs
        self.previousPage = previousPage
        self.nextPage = nextPage
        self.pageOf = pageOf
        self.articleCount = articleCount
        self.noArticles = noArticles
        self.notFoundHeading = notFoundHeading
        self.notFoundMessage = notFoundMessage
        self.badRequestHeading = badRequestHeading
        self.badRequestMessage = badRequestMessage
        self.backToHome = backToHome
        self.footerRights = footerRights
        self.trendUp = trendUp
        self.trendDown = trendDown
        self.trendUnchanged = trendUnchanged
        self.condition = condition
        self.byline = byline
        self.corrections = corrections
        self.search = search
        self.describe = describe
        self.months = months
        self.weekdays = weekdays
        self.decimalSeparator = decimalSeparator
        self.comma = comma
        self.dateStyle = dateStyle
    }

    /// "22 November 2022, 07:44" in this language.
    public func dateTime(_ t: LocalDateTime) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(40)
        writeDateTime(t, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the `dateTime` text into a page, HTML-escaped, with no String in between (list pages
    /// show dozens of these).
    public func writeDateTime(_ t: LocalDateTime, to out: inout [UInt8]) {
        switch dateStyle {
        case .dayMonthYear:
            appendDecimal(t.day, to: &out); out.append(0x20)
            appendEscapedHTML(months[t.month - 1], to: &out); out.append(0x20)
            appendDecimal(t.year, to: &out); appendEscapedHTML(comma, to: &out)
        case .chinese:
            appendDecimal(t.year, to: &out); out.append(contentsOf: "年".utf8)
            appendDecimal(t.month, to: &out); out.append(contentsOf: "月".utf8)
            appendDecimal(t.day, to: &out); out.append(contentsOf: "日 ".utf8)
        }
        appendDecimal(t.hour, width: 2, to: &out); out.append(0x3A)
        appendDecimal(t.minute, width: 2, to: &out)
    }

    /// "Sunday, 29 November 2026" in this language (the header date).
    public func longDate(_ t: LocalDateTime) -> String {
        let days = CivilCalendar.days(year: t.year, month: t.month, day: t.day)
        let weekday = weekdays[((days % 7) + 10) % 7]
        switch dateStyle {
        case .dayMonthYear: return "\(weekday)\(comma)\(t.day) \(months[t.month - 1]) \(t.year)"
        case .chinese: return "\(t.year)年\(t.month)月\(t.day)日 \(weekday)"
        }
    }

    /// A number with two decimals and this language's decimal separator.
    public func decimal(_ value: Double) -> String {
        let cents = Int((value * 100).rounded())
        let text = "\(cents / 100)\(decimalSeparator)\(pad(abs(cents % 100)))"
        return value < 0 && cents / 100 == 0 ? "-" + text : text
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The strings for a BCP 47 tag: exact match, then the language alone, then English.
    public static func forTag(_ tag: String) -> UIStrings {
        let lower = tag.lowercased()
        if let exact = byTag[lower] { return exact }
        let language = String(lower.split(separator: "-").first ?? "")
        // A bare language means its default script ("kk" is Kazakh in Cyrillic), whatever the
        // order of the table.
        if let suppressed = byTag[language + "-" + (defaultScripts[language] ?? "")] { return suppressed }
        return byTag.first { $0.key.split(separator: "-").first.map(String.init) == language }?.value ?? english
    }

    /// The script a language is written in when its tag names none (BCP 47 Suppress-Script).
    static let defaultScripts = ["kk": "cyrl", "ru": "cyrl", "uz": "latn", "zh": "hans"]

    /// Every shipped language by lower-cased tag.
    public static let byTag: [String: UIStrings] = [
        "en": english, "ru": russian, "kk-cyrl": kazakhCyrillic, "kk-latn": kazakhLatin,
        "zh-hans": chinese, "kk-arab": kazakhArabic, "uz-cyrl": uzbekCyrillic,
    ]
}

/// Names in a sentence: "A", "A and B", "A, B and C" with the language's comma and "and".
func listed(_ names: [String], comma: String, and: String) -> String {
    guard names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: comma) + and + names.last!
}

/// Slavic-style plural choice: one (1, 21…), few (2–4, 22–24…), many.
func slavicPlural(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
    let mod10 = n % 10, mod100 = n % 100
    if mod10 == 1 && mod100 != 11 { return one }
    if (2...4).contains(mod10) && !(12...14).contains(mod100) { return few }
    return many
}

/// The search form's and the search page's phrases in one language.
public struct SearchStrings: Sendable {
    /// The form's label and button, and the page's heading.
    public let search: String
    /// "12 results for “astana”" (the count already formatted, "10 000+" past the counted limit).
    public let results: @Sendable (_ count: String, _ query: String) -> String
    public let noResults: @Sendable (_ query: String) -> String
    public let noResultsHint: String
    /// Shown when the form was sent empty.
    public let hint: String
    public let shortened: @Sendable (_ characters: Int) -> String
    /// Under the last page of a common word's results: only the newest matches are ranked.
    public let window: @Sendable (_ matches: Int) -> String
    public let previous: String
    public let next: String

    init(search: String, results: @escaping @Sendable (String, String) -> String, noResults: @escaping @Sendable (String) -> String,
         noResultsHint: String, hint: String, shortened: @escaping @Sendable (Int) -> String,
         window: @escaping @Sendable (Int) -> String, previous: String, next: String) {
        self.search = search
        self.results = results
        self.noResults = noResults
        self.noResultsHint = noResultsHint
        self.hint = hint
        self.shortened = shortened
        self.window = window
        self.previous = previous
        self.next = next
    }
}

/// How a home, section or tag page describes itself; the newest headline follows.
public struct DescriptionStrings: Sendable {
    public let home: @Sendable (_ site: String, _ sections: String) -> String
    public let section: @Sendable (_ name: String, _ site: String) -> String
    public let tag: @Sendable (_ name: String, _ site: String) -> String
    /// Between the description and the newest headline.
    public let latest: String

    init(home: @escaping @Sendable (String, String) -> String, section: @escaping @Sendable (String, String) -> String,
         tag: @escaping @Sendable (String, String) -> String, latest: String) {
        self.home = home
        self.section = section
        self.tag = tag
        self.latest = latest
    }
}
