import HeraldSupport
import NewsCore
import Testing
@testable import Templates

@Suite struct HTMLTests {
    @Test func interpolatedStringsAreEscapedAndHTMLIsNot() {
        let hostile = "<script>alert('x')</script>"
        let inner: HTML = "<b>\(hostile)</b>"
        let outer: HTML = "<p title=\"\(hostile)\">\(inner)\(raw: "<i>ok</i>")</p>"
        #expect(outer.text == "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\"><b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</b><i>ok</i></p>")
    }
}

@Suite struct UIStringsTests {
    static let all: [(String, UIStrings)] = UIStrings.byTag.map { ($0.key, $0.value) }

    @Test func everyLanguageHasTwelveMonthsAndSevenWeekdays() {
        #expect(UIStrings.byTag.count == 7)
        for (tag, strings) in Self.all {
            #expect(strings.months.count == 12, "\(tag)")
            #expect(strings.weekdays.count == 7, "\(tag)")
            #expect(Set(strings.months).count == 12, "\(tag)")
        }
    }

    @Test func interfaceTextIsTranslated() {
        let english = UIStrings.english
        for (tag, strings) in Self.all where tag != "en" {
            #expect(strings.popular != english.popular, "\(tag)")
            #expect(strings.relatedNews != english.relatedNews, "\(tag)")
            #expect(strings.notFoundHeading != english.notFoundHeading, "\(tag)")
            #expect(strings.mainPage != english.mainPage, "\(tag)")
        }
    }

    @Test func datesFollowTheLocale() {
        let t = LocalDateTime(unix: 1_669_081_440, offsetSeconds: 6 * 3600)   // 2022-11-22 07:44 in Almaty (then UTC+6)
        #expect(UIStrings.english.dateTime(t) == "22 November 2022, 07:44")
        #expect(UIStrings.russian.dateTime(t) == "22 ноября 2022, 07:44")
        #expect(UIStrings.chinese.dateTime(t) == "2022年11月22日 07:44")
        #expect(UIStrings.kazakhCyrillic.dateTime(t) == "22 қараша 2022, 07:44")
        #expect(UIStrings.english.longDate(t) == "Tuesday, 22 November 2022")
        #expect(UIStrings.chinese.longDate(t) == "2022年11月22日 星期二")
    }

    @Test func pluralsAndDecimals() {
        #expect(UIStrings.russian.articleCount(1) == "1 статья")
        #expect(UIStrings.russian.articleCount(3) == "3 статьи")
        #expect(UIStrings.russian.articleCount(11) == "11 статей")
        #expect(UIStrings.russian.articleCount(22) == "22 статьи")
        #expect(UIStrings.english.articleCount(1) == "1 article")
        #expect(UIStrings.russian.decimal(471.8) == "471,80")
        #expect(UIStrings.english.decimal(5.98) == "5.98")
    }

    @Test func lookupFallsBackByLanguageThenEnglish() {
        #expect(UIStrings.forTag("kk-Arab").popular == UIStrings.kazakhArabic.popular)
        #expect(UIStrings.forTag("zh").popular == UIStrings.chinese.popular)
        #expect(UIStrings.forTag("kk").popular == UIStrings.kazakhCyrillic.popular, "a bare language is its default script")
        #expect(UIStrings.forTag("kk-KZ").months == UIStrings.kazakhCyrillic.months)
        #expect(UIStrings.forTag("fr").popular == UIStrings.english.popular)
    }
}
