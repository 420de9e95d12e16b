import Testing
@testable import NewsCore

@Suite struct EditionTests {
    func edition(_ tag: String) -> Edition {
        Edition(code: "x", tag: tag, name: "X", label: "x", direction: .ltr, timeZone: "UTC", siteName: "Herald", position: 0, isDefault: false)
    }

    @Test(arguments: [("kk-Cyrl", "kk", "kk", "kk_KZ"), ("kk-Arab", "kk", "kk-Arab", "kk_KZ"), ("kk-Latn", "kk", "kk-Latn", "kk_KZ"),
                      ("zh-Hans", "zh", "zh-Hans", "zh_CN"), ("zh-Hant-TW", "zh", "zh-Hant-TW", "zh_TW"), ("uz-Cyrl", "uz", "uz-Cyrl", "uz_UZ"),
                      ("en-GB", "en", "en-GB", "en_GB"), ("ru", "ru", "ru", "ru_RU"), ("ru-Cyrl-RU", "ru", "ru-RU", "ru_RU")])
    func tagsAsLanguagesValidatorsAndSharingSitesWantThem(_ c: (tag: String, language: String, publicTag: String, ogLocale: String)) {
        let e = edition(c.tag)
        #expect(e.language == c.language && e.publicTag == c.publicTag && e.ogLocale == c.ogLocale, "\(c.tag)")
    }

    @Test func theDerivedFormsFollowAChangedTag() {
        var e = edition("kk-Cyrl")
        e.tag = "zh-Hans"
        #expect(e.language == "zh" && e.publicTag == "zh-Hans" && e.ogLocale == "zh_CN")
    }
}
