import Testing
@testable import NewsCore

@Suite struct SearchTextTests {
    func folded(_ text: String) -> [String] { SearchText.tokens(text).map(\.folded) }

    @Test func caseFoldsInEveryScript() {
        #expect(folded("АСТАНА Астана астана") == ["астана", "астана", "астана"])
        #expect(folded("ASTANA Astana") == ["astana", "astana"])
        #expect(folded("ҚАЗАҚСТАН") == ["қазақстан"], "Kazakh capitals fold to their own small letters")
        #expect(folded("QAZAQSTAN ÄLEMI") == ["qazaqstan", "älemi"])
    }

    @Test func kazakhLettersStayDistinct() {
        // Folding these would merge different words: қал (stay) / кал, ғасыр / гасыр, өз / оз, ұл / ул.
        for (kazakh, russian) in [("қал", "кал"), ("ғасыр", "гасыр"), ("өз", "оз"), ("ұл", "ул"), ("үй", "уй"), ("әл", "ал"), ("ің", "ин")] {
            #expect(folded(kazakh) != folded(russian), "\(kazakh)")
        }
        for (kazakh, plain) in [("şaruaşylyğy", "saruasylygy"), ("älem", "alem"), ("ürei", "urei"), ("köñıl", "konil")] {
            #expect(folded(kazakh) != folded(plain), "\(kazakh): Kazakh Latin letters are letters")
        }
        #expect(folded("ٴوتۋ") != folded("وتۋ"), "the Arabic-script front-vowel hamza is kept")
        #expect(folded("й") != folded("и"))
    }

    @Test func spellingVariantsReadersDoNotTellApartMeet() {
        #expect(folded("ЁЛКА ёлка") == ["елка", "елка"])
        #expect(folded("Café Zürich Ñandú") == ["cafe", "zürich", "ñandu"], "ü and ñ are Kazakh Latin letters; é is an accent")
        #expect(folded("ＡＳＴＡＮＡ ﬁnance") == ["astana", "finance"], "NFKC: full-width forms and ligatures")
        #expect(folded("قازاقـــستان") == folded("قازاقستان"), "tatweel")
        #expect(folded("أستانا إستانا آستانا") == folded("استانا استانا استانا"), "alef forms")
        #expect(folded("کىتاپ") == folded("كىتاپ"), "keheh and kaf")
        #expect(folded("пре\u{00AD}зидент") == ["президент"], "a soft hyphen is not a break")
        #expect(folded("İstanbul") == ["istanbul"])
    }

    @Test func theQuickFoldingIsFoundationsFolding() {
        let words = ["Astana", "ASTANA", "Қазақстан", "ҚАЗАҚСТАН", "Ёлка", "Mäjılıs", "ÄLEM", "Şaruaşylyğy", "Café", "ÉCOLE",
                     "Ñandú", "Zürich", "İstanbul", "ΣΟΦΟΣ", "Οδυσσεύς", "ﬁnance", "ＡＳＴＡＮＡ", "е\u{0308}лка", "и\u{0306}ог",
                     "قازاقـستان", "أستانا", "ٴوتۋ", "کىتاپ", "Ўзбекистон", "ҒАСЫР", "Ǆemal", "ǅemal", "ﷺ", "㍿", "Straße",
                     "ÅNGSTRÖM", "Ω", "K", "ⅻ", "①", "١٢٣", "x\u{200D}y", "пре\u{00AD}зидент", "ʻOʻzbek", "Ӏ"]
        for word in words {
            #expect(SearchText.fold(word) == SearchText.slowFold(word), "\(word)")
        }
        // The index's text, written in one pass, is the tokens joined: for every word alone, in
        // every pair with any separator, and for random runs of these characters.
        let separators = [" ", "", "-", "。", "\u{00AD}", "\u{0301}", "总", "豈", "  ", "\u{200D}", "ـ"]
        for word in words + ["ـ", "ـــ", "\u{00AD}x", "总统", "ｶﾞ"] {
            #expect(SearchText.indexed(word) == SearchText.slowIndexed(word), "\(word)")
            for other in words.prefix(12) {
                for separator in separators {
                    let text = word + separator + other
                    #expect(SearchText.indexed(text) == SearchText.slowIndexed(text), "\(text)")
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        let pieces = words + separators + ["A", "é", "\u{064E}", "1", ".", "\u{FDFA}"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(SearchText.indexed(text) == SearchText.slowIndexed(text), "\(text)")
        }
    }

    @Test func hanCharactersAreTokensOfTheirOwn() {
        let tokens = SearchText.tokens("总统选举2026年")
        #expect(tokens.map(\.folded) == ["总", "统", "选", "举", "2026", "年"])
        #expect(tokens.filter(\.isIdeograph).count == 5)
        #expect(SearchText.indexed("选举结果。") == "选 举 结 果")
    }

    @Test func storedHTMLBecomesItsWords() {
        #expect(SearchText.plainText(html: "<p>Tom &amp; Jerry&#39;s <em>show</em></p>\n<p>A&lt;b &#x41; &bogus; &</p>")
                == "Tom & Jerry's show A<b A &bogus; &")
    }

    @Test func queriesTakeAnyInputAsWords() throws {
        let hostile = ["\"", "*", "-", "NEAR(", "a AND b OR c NOT d", "((((", ")", "title:x", "{title}:x", "^x", "x*", "\"\"\"",
                       String(repeating: "астана ", count: 2000), String(repeating: "x", count: 10_000), "\u{0}\u{1}", "'; DROP TABLE articles; --"]
        for text in hostile {
            guard let query = SearchQuery(text, prefixMatching: true) else { continue }
            let match = query.match(edition: "en")
            let inner = match.dropFirst("edition : \"en\" AND {title lead body tags} : (".count).dropLast()
            // Every term is one quoted run of tokens, optionally starred; nothing else.
            for part in inner.components(separatedBy: " AND ") {
                #expect(part.hasPrefix("\"") && (part.hasSuffix("\"") || part.hasSuffix("\"*")), "\(text.prefix(30)): \(part)")
                #expect(part.dropFirst().dropLast(part.hasSuffix("*") ? 2 : 1).allSatisfy { $0 != "\"" })
            }
            #expect(query.terms.count <= SearchQuery.maxTerms)
        }
        #expect(SearchQuery("*** --- ((", prefixMatching: false) == nil, "nothing to search for")
        #expect(SearchQuery("   ", prefixMatching: false) == nil)
        let long = try #require(SearchQuery(String(repeating: "a", count: 10_000), prefixMatching: false))
        #expect(long.wasShortened && long.text.count == SearchQuery.maxLength)
    }

    @Test func phrasesPrefixesAndTerms() throws {
        let query = try #require(SearchQuery("Астана \"жаңа бюджет\" covid-19 选举", prefixMatching: true))
        #expect(query.terms == [
            .init(tokens: ["астан"], prefix: true), .init(tokens: ["жаңа", "бюджет"], prefix: false),
            .init(tokens: ["covid", "19"], prefix: false), .init(tokens: ["选", "举"], prefix: false),
        ])
        #expect(query.match(edition: "kz") == "edition : \"kz\" AND {title lead body tags} : (\"астан\"* AND \"жаңа бюджет\" AND \"covid 19\" AND \"选 举\")")
        let english = try #require(SearchQuery("Astana art", prefixMatching: false))
        #expect(english.terms.allSatisfy { !$0.prefix }, "no prefixes in English")
        #expect(try #require(SearchQuery("ұл қала", prefixMatching: true)).terms == [.init(tokens: ["ұл"], prefix: false), .init(tokens: ["қала"], prefix: false)],
                "words under five letters are exact")
        #expect(try #require(SearchQuery("Бюджетный", prefixMatching: true)).terms == [.init(tokens: ["бюдже"], prefix: true)],
                "longer words by their first five letters")
        #expect(try #require(SearchQuery("Бюджетный", prefixMatching: true)).match(edition: "ru").hasSuffix("(\"бюдже\"*)"))
        #expect(try #require(SearchQuery("a \"b c", prefixMatching: false)).terms.count == 3, "an unbalanced quote is a word break")
    }

    @Test func snippetsMarkWhatMatchedInTheOriginalText() throws {
        let query = try #require(SearchQuery("астана", prefixMatching: true))
        let text = "Вчера в АСТАНЕ и в Астанада прошёл форум. Жители Астаны довольны."
        let marked = query.highlighted(text).filter(\.isMatch).map(\.text)
        #expect(marked == ["АСТАНЕ", "Астанада", "Астаны"], "the word's other forms: cases, the Kazakh locative")
        let chinese = try #require(SearchQuery("选举", prefixMatching: false))
        #expect(chinese.highlighted("总统选举结果，选举顺利。").filter(\.isMatch).map(\.text) == ["选举", "选举"])
        #expect(chinese.highlighted("选民举手").filter(\.isMatch).isEmpty, "the characters must be adjacent")
        let long = String(repeating: "word ", count: 200) + "target " + String(repeating: "tail ", count: 200)
        let cut = try #require(SearchQuery("target", prefixMatching: false)).snippet(long)
        #expect(cut.before && cut.after)
        #expect(cut.parts.contains { $0.isMatch && $0.text == "target" })
        #expect(cut.parts.map(\.text).joined().count <= 240)
        let none = try #require(SearchQuery("absent", prefixMatching: false)).snippet("A short lead.")
        #expect(none.parts.map(\.text).joined() == "A short lead." && !none.before && !none.after)
    }
}
