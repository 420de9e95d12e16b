import HeraldSupport
/// The writing direction of an edition's script.
public enum TextDirection: String, Sendable, Codable, CaseIterable {
    case ltr, rtl
}

/// A language edition of the site: data, not code.
public struct Edition: Sendable, Equatable, Codable {
    /// The code used in URLs ("en", "tote").
    public var code: String
    /// The BCP 47 language tag ("kk-Arab"). The forms derived from it (`language`, `publicTag`,
    /// `ogLocale`) are worked out once, here: pages ask for them for every edition, and splitting
    /// the tag on each call was a quarter of an uncached article page.
    public var tag: String { didSet { derive() } }
    /// The edition's name in its own language ("Қазақша").
    public var name: String
    /// The short label shown in the language switcher ("қз").
    public var label: String
    /// The script direction.
    public var direction: TextDirection
    /// The IANA time zone used for dates ("Asia/Almaty").
    public var timeZone: String
    /// The site's name in this edition.
    public var siteName: String
    /// The order in the language switcher.
    public var position: Int
    /// True for the edition `/` falls back to.
    public var isDefault: Bool

    /// Builds an edition.
    public init(code: String, tag: String, name: String, label: String, direction: TextDirection,
                timeZone: String, siteName: String, position: Int, isDefault: Bool) {
        self.code = code
        self.tag = tag
        self.name = name
        self.label = label
        self.direction = direction
        self.timeZone = timeZone
        self.siteName = siteName
        self.position = position
        self.isDefault = isDefault
        derive()
    }

    enum CodingKeys: String, CodingKey { case code, tag, name, label, direction, timeZone, siteName, position, isDefault }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try c.decode(String.self, forKey: .code), tag: try c.decode(String.self, forKey: .tag),
                  name: try c.decode(String.self, forKey: .name), label: try c.decode(String.self, forKey: .label),
                  direction: try c.decode(TextDirection.self, forKey: .direction), timeZone: try c.decode(String.self, forKey: .timeZone),
                  siteName: try c.decode(String.self, forKey: .siteName), position: try c.decode(Int.self, forKey: .position),
                  isDefault: try c.decode(Bool.self, forKey: .isDefault))
    }

    /// The primary language subtag, lower-cased ("kk" for "kk-Arab").
    public private(set) var language = ""
    /// The OpenGraph locale ("en_US", "kk_KZ", "zh_CN"): the language and a region, the tag's
    /// own when it names one, else the language's usual one. The three Kazakh editions share kk_KZ.
    public private(set) var ogLocale = ""
    /// The tag as validators and search engines want it: a script the language is written in by
    /// default is left out (BCP 47 Suppress-Script: "kk-Cyrl" is "kk", "ru-Cyrl" is "ru"), any
    /// other script kept ("kk-Arab", "kk-Latn", "uz-Cyrl", "zh-Hans").
    public private(set) var publicTag = ""

    private mutating func derive() {
        language = Self.language(of: tag)
        ogLocale = Self.ogLocale(of: tag, language: language)
        publicTag = Self.publicTag(of: tag, language: language)
    }

    static func language(of tag: String) -> String {
        String(tag.split(separator: "-").first ?? Substring(tag)).lowercased()
    }

    static func ogLocale(of tag: String, language: String) -> String {
        let parts = tag.split(separator: "-")
        if let region = parts.dropFirst().first(where: { $0.count == 2 && $0.allSatisfy(\.isLetter) }) {
            return "\(language)_\(region.uppercased())"
        }
        let regions = ["en": "US", "ru": "RU", "kk": "KZ", "uz": "UZ", "ky": "KG", "tg": "TJ", "tk": "TM", "ar": "AR", "fa": "IR",
                       "tr": "TR", "de": "DE", "fr": "FR", "uk": "UA", "be": "BY"]
        if language == "zh" { return tag.lowercased().contains("hant") ? "zh_TW" : "zh_CN" }
        return "\(language)_\(regions[language] ?? language.uppercased())"
    }

    static func publicTag(of tag: String, language: String) -> String {
        let parts = tag.split(separator: "-")
        guard parts.count >= 2, parts[1].count == 4 else { return tag }
        let suppressed: [String: String] = ["kk": "Cyrl", "ru": "Cyrl", "uk": "Cyrl", "be": "Cyrl", "ky": "Cyrl", "tg": "Cyrl",
                                            "en": "Latn", "de": "Latn", "fr": "Latn", "tr": "Latn", "ar": "Arab", "fa": "Arab"]
        guard suppressed[language]?.lowercased() == parts[1].lowercased() else { return tag }
        return ([parts[0]] + parts.dropFirst(2)).joined(separator: "-")
    }

    /// The language as Google News names it: the ISO 639 code, except Chinese, which is "zh-cn"
    /// in simplified and "zh-tw" in traditional characters.
    public var newsLanguage: String {
        guard language == "zh" else { return language }
        return tag.lowercased().contains("hant") || tag.lowercased().hasSuffix("-tw") || tag.lowercased().hasSuffix("-hk") ? "zh-tw" : "zh-cn"
    }
}
