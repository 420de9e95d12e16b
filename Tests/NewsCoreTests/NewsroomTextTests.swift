import Testing
@testable import NewsCore

@Suite struct SlugSuggestionTests {
    @Test(arguments: [
        ("Mazhilis approves 2027 budget", "mazhilis-approves-2027-budget"),
        ("Мажилис одобрил бюджет на 2027 год", "mazhilis-odobril-byudzhet-na-2027-god"),
        ("Щёлково: съезд «Ъ»", "shchyolkovo-sezd"),
        ("Қазақстан Ұлттық банкі мөлшерлемені өзгертпеді", "qazaqstan-ulttyq-banki-molsherlemeni-ozgertpedi"),
        ("Qazaqstan Ūlttyq banki mölşerlemeni özgertpedi", "qazaqstan-ulttyq-banki-molsherlemeni-ozgertpedi"),
        ("قازاقستان ۇلتتىق بانكى", "qazaqstan-ulttyq-banky"),
        ("Ўзбекистон ҳукумати", "ozbekiston-hukumati"),
        ("  --Hello,   World!--  ", "hello-world"),
        ("国会通过预算", ""),
    ])
    func titlesBecomeSlugs(_ title: String, _ slug: String) {
        let suggested = Slug.suggest(from: title)
        #expect(suggested == slug, "\(title)")
        if !suggested.isEmpty { #expect(Slug.isValid(suggested)) }
    }

    @Test func longTitlesAreCutAtAWord() {
        let slug = Slug.suggest(from: String(repeating: "parliament ", count: 20))
        #expect(slug.count <= 80 && Slug.isValid(slug) && !slug.hasSuffix("-"))
    }
}

@Suite struct WordDiffTests {
    func render(_ pieces: [WordDiff.Piece]) -> String {
        pieces.map { piece -> String in
            switch piece {
            case .same(let text): return text
            case .removed(let text): return "[-\(text)-]"
            case .added(let text): return "{+\(text)+}"
            }
        }.joined()
    }

    @Test func wordsAreComparedAsWords() {
        #expect(render(WordDiff.diff("The senate voted on Monday.", "The senate narrowly voted on Tuesday.")) ==
                "The senate {+narrowly +}voted on [-Monday-]{+Tuesday+}.")
        #expect(render(WordDiff.diff("Бюджет принят", "Бюджет не принят")) == "Бюджет {+не +}принят")
        #expect(render(WordDiff.diff("same", "same")) == "same")
        #expect(render(WordDiff.diff("", "new text")) == "{+new text+}")
        #expect(render(WordDiff.diff("old text", "")) == "[-old text-]")
    }

    /// Applying the diff's pieces gives back both texts, for random edits.
    @Test func theDiffRebuildsBothTexts() {
        var generator = SystemRandomNumberGenerator()
        let words = ["a", "bb", "ccc", "Астана", "budget", "—", ",", "\n\n"]
        for _ in 0..<200 {
            let old = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            var newWords = old.split(separator: " ").map(String.init)
            for _ in 0..<Int.random(in: 0..<6, using: &generator) {
                if Bool.random(using: &generator), !newWords.isEmpty { newWords.remove(at: Int.random(in: 0..<newWords.count, using: &generator)) }
                else { newWords.insert(words.randomElement(using: &generator)!, at: Int.random(in: 0...newWords.count, using: &generator)) }
            }
            let new = newWords.joined(separator: " ")
            let pieces = WordDiff.diff(old, new)
            let rebuiltOld = pieces.map { if case .added = $0 { return "" }; if case .same(let t) = $0 { return t }; if case .removed(let t) = $0 { return t }; return "" }.joined()
            let rebuiltNew = pieces.map { if case .removed = $0 { return "" }; if case .same(let t) = $0 { return t }; if case .added(let t) = $0 { return t }; return "" }.joined()
            #expect(rebuiltOld == old)
            #expect(rebuiltNew == new)
        }
    }
}
