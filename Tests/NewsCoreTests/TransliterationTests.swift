import NewsCore
import Testing

/// Word pairs written from the 2021 Latin alphabet and the Arabic-script orthography of the
/// Kazakhs of China: back- and front-vowel words, the Russian letters of loanwords, capitals,
/// numbers, Latin inside Cyrillic, punctuation and «» quotes.
@Suite struct TransliterationTests {
    static let latin: [(String, String)] = [
        // Back vowels.
        ("Қазақстан", "Qazaqstan"), ("ағаш", "ağaş"), ("Ұлттық", "Ūlttyq"), ("ауыл", "auyl"), ("тау", "tau"), ("сый", "syi"),
        ("хабар", "habar"), ("шаһар", "şahar"), ("жылы", "jyly"), ("Шымкент", "Şymkent"), ("тұз", "tūz"),
        // Front vowels: і is dotless ı, и and й are dotted i.
        ("бір", "bır"), ("үйіне", "üiıne"), ("Мәжіліс", "Mäjılıs"), ("көлігі", "kölıgı"), ("бюджетті", "biudjettı"),
        ("таңертең", "tañerteñ"), ("өмір", "ömır"), ("киім", "kiım"), ("Іле", "Ile"), ("Ильин", "İlin"), ("түс", "tüs"),
        // The letters of loanwords and their rules.
        ("Республикасы", "Respublikasy"), ("ащы", "aşşy"), ("цирк", "tsirk"), ("чемпионат", "chempionat"), ("Россия", "Rossia"),
        ("революция", "revoliutsia"), ("ёлка", "iolka"), ("юрист", "iurist"), ("Ясауи", "İasaui"), ("объект", "obekt"),
        ("пальто", "palto"), ("экономика", "ekonomika"), ("щётка", "şşiotka"), ("Чехия", "Chehia"), ("июль", "iul"),
        // Capitals: a word in capitals stays in capitals, digraphs too; й's capital is the dotted İ.
        ("ҚР", "QR"), ("ЦСКА", "TSSKA"), ("ЧЕХИЯ", "CHEHİA"), ("ИИ", "İİ"), ("ЮНЕСКО", "İUNESKO"), ("Юнеско", "İunesko"),
        // Latin, numbers, punctuation and quotes pass through.
        ("iPhone 17 сатылымға шықты", "iPhone 17 satylymğa şyqty"), ("2026 жылы 1,5 млн теңге", "2026 jyly 1,5 mln teñge"),
        ("«Ақорда» хабарлады.", "«Aqorda» habarlady."), ("Не дейсің? — деді.", "Ne deisıñ? — dedı."),
        ("сүт-өнім", "süt-önım"), ("COVID-19 вакцинасы", "COVID-19 vaktsinasy"),
        // A Latin i or ə typed inside a Cyrillic word is read as і or ә.
        ("бiр", "bır"), ("əлем", "älem"),
    ]

    static let arabic: [(String, String)] = [
        // Back vowels: no hamza.
        ("Қазақстан", "قازاقستان"), ("тұз", "تۇز"), ("ауыл", "اۋىل"), ("шаһар", "شاھار"), ("ағаш", "اعاش"), ("Ұлттық", "ۇلتتىق"),
        ("хабар", "حابار"), ("жылы", "جىلى"),
        // Front vowels: the hamza, unless е, к or г mark the word already.
        ("Мәжіліс", "\u{0674}ماجىلىس"), ("бір", "\u{0674}بىر"), ("өмір", "\u{0674}ومىر"), ("түс", "\u{0674}تۇس"),
        ("сүт-өнім", "\u{0674}سۇت-\u{0674}ونىم"), ("бюджетті", "بيۋدجەتتى"), ("көлігі", "كولىگى"), ("үйіне", "ۇيىنە"),
        ("таңертең", "تاڭەرتەڭ"),
        // Loanwords.
        ("Россия", "روسسيا"), ("чемпионат", "چەمپيونات"), ("цирк", "تسيرك"), ("ащы", "اششى"), ("пальто", "پالتو"),
        ("вагон", "ۆاگون"), ("фильм", "فيلم"), ("юрист", "يۋريست"),
        // Punctuation, numbers, quotes and Latin text.
        ("Алматы, Астана?", "الماتى، استانا؟"), ("1,5 млн", "1,5 ملن"), ("«Ақорда»", "«اقوردا»"), ("бір; екі", "\u{0674}بىر؛ ەكى"),
        ("iPhone 17", "iPhone 17"), ("2026 жыл", "2026 جىل"),
    ]

    @Test(arguments: latin) func latinWords(_ pair: (String, String)) {
        #expect(KazakhTransliteration.transliterate(pair.0, to: .latin) == pair.1)
    }

    @Test(arguments: arabic) func arabicWords(_ pair: (String, String)) {
        #expect(KazakhTransliteration.transliterate(pair.0, to: .arabic) == pair.1)
    }

    @Test func aSentence() {
        let text = "Бұрыңғы өткен заманда, бір данышпан кісі үйіне келіпті."
        #expect(KazakhTransliteration.transliterate(text, to: .latin) == "Būryñğy ötken zamanda, bır danyşpan kısı üiıne kelıptı.")
        #expect(KazakhTransliteration.transliterate(text, to: .arabic)
                == "بۇرىڭعى وتكەن زاماندا، \u{0674}بىر دانىشپان كىسى ۇيىنە كەلىپتى.")
    }

    @Test func markdownKeepsItsMarkup() {
        let body = "## Тақырып\n\n- [Сілтеме](https://example.kz/a,b?x=1) және `код, ?`.\n1. **Бір**, *екі*?"
        #expect(KazakhTransliteration.transliterateMarkdown(body, to: .latin)
                == "## Taqyryp\n\n- [Sılteme](https://example.kz/a,b?x=1) jäne `код, ?`.\n1. **Bır**, *ekı*?")
        #expect(KazakhTransliteration.transliterateMarkdown(body, to: .arabic)
                == "## تاقىرىپ\n\n- [سىلتەمە](https://example.kz/a,b?x=1) جانە `код, ?`.\n1. **\u{0674}بىر**، *ەكى*؟")
        #expect(KazakhTransliteration.transliterateMarkdown("Қараңыз: https://gov.kz/a?b, бүгін", to: .arabic)
                == "قاراڭىز: https://gov.kz/a?b، بۇگىن")
    }

    @Test func decomposedLettersAndOtherScripts() {
        // й typed as и + combining breve is the same letter.
        #expect(KazakhTransliteration.transliterate("сы\u{0438}\u{0306}", to: .latin) == "syi")
        for text in ["", "Hello, world?", "新闻 2026", "مرحبا"] {
            #expect(KazakhTransliteration.transliterate(text, to: .latin) == text)
        }
        #expect(KazakhScript(languageTag: "kk-Latn") == .latin)
        #expect(KazakhScript(languageTag: "kk-arab-CN") == .arabic)
        #expect(KazakhScript(languageTag: "kk") == nil)
        #expect(KazakhScript.isCyrillicKazakh("kk") && KazakhScript.isCyrillicKazakh("kk-Cyrl") && !KazakhScript.isCyrillicKazakh("kk-Latn"))
        #expect(!KazakhScript.isCyrillicKazakh("ru"))
    }
}
