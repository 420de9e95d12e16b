import HeraldSupport
import NewsCore

extension UIStrings {
    /// English.
    public static let english = UIStrings(
        skipToContent: "Skip to content", mainPage: "Main Page", latestNews: "Latest news", popular: "Popular",
        relatedNews: "Related news", tags: "Tags", sections: "Sections", language: "Language",
        exchangeRates: "Exchange rates", weather: "Weather", contactPhone: "Contact phone", mainSite: "Main site",
        published: "Published", updated: "Updated", photo: "Photo", tagLabel: "Tag", sectionLabel: "Section",
        breadcrumbs: "You are here", previousPage: "Newer articles", nextPage: "Older articles",
        pageOf: { "Page \($0) of \($1)" }, articleCount: { $0 == 1 ? "1 article" : "\($0) articles" },
        noArticles: "There are no articles here yet.", notFoundHeading: "Page not found",
        notFoundMessage: "The page you asked for does not exist or has moved.",
        badRequestHeading: "Bad request", badRequestMessage: "The address of this page is not valid.",
        backToHome: "Go to the main page", footerRights: { "© \($0) \($1). All rights reserved." },
        trendUp: "up", trendDown: "down", trendUnchanged: "unchanged",
        condition: { c in
            switch c {
            case .clear: return "clear"
            case .partlyCloudy: return "partly cloudy"
            case .cloudy: return "cloudy"
            case .rain: return "rain"
            case .snow: return "snow"
            case .sleet: return "sleet"
            case .fog: return "fog"
            case .storm: return "thunderstorm"
            case .wind: return "windy"
            }
        },
        byline: { "By " + listed($0, comma: ", ", and: " and ") },
        corrections: "Corrections",
        search: SearchStrings(
            search: "Search", results: { "\($0) results for “\($1)”" }, noResults: { "Nothing matches “\($0)”." },
            noResultsHint: "Check the spelling, or try other or fewer words.", hint: "Type a word, or a phrase in quotes.",
            shortened: { "Only the first \($0) characters of the query were used." },
            window: { "The best of the \($0) newest matches are shown; add a word to narrow the search." },
            previous: "Previous results", next: "More results"),
        describe: DescriptionStrings(
            home: { "\($0): the latest news — \($1)." }, section: { "\($0): the latest news from \($1)." },
            tag: { "Articles on \($0) from \($1)." }, latest: "Latest: "),
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"],
        weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        decimalSeparator: ".", comma: ", ", dateStyle: .dayMonthYear)

    /// Russian.
    public static let russian = UIStrings(
        skipToContent: "Перейти к содержанию", mainPage: "Главная", latestNews: "Последние новости", popular: "Популярное",
        relatedNews: "Похожие новости", tags: "Теги", sections: "Разделы", language: "Язык",
        exchangeRates: "Курсы валют", weather: "Погода", contactPhone: "Телефон редакции", mainSite: "Основной сайт",
        published: "Опубликовано", updated: "Обновлено", photo: "Фото", tagLabel: "Тег", sectionLabel: "Раздел",
        breadcrumbs: "Вы здесь", previousPage: "Более новые", nextPage: "Более ранние",
        pageOf: { "Страница \($0) из \($1)" },
        articleCount: { "\($0) " + slavicPlural($0, "статья", "статьи", "статей") },
        noArticles: "Здесь пока нет статей.", notFoundHeading: "Страница не найдена",
        notFoundMessage: "Запрошенной страницы не существует или она перемещена.",
        badRequestHeading: "Неверный запрос", badRequestMessage: "Адрес этой страницы указан неверно.",
        backToHome: "Перейти на главную", footerRights: { "© \($0) \($1). Все права защищены." },
        trendUp: "вырос", trendDown: "снизился", trendUnchanged: "без изменений",
        condition: { c in
            switch c {
            case .clear: return "ясно"
            case .partlyCloudy: return "переменная облачность"
            case .cloudy: return "облачно"
            case .rain: return "дождь"
            case .snow: return "снег"
            case .sleet: return "мокрый снег"
            case .fog: return "туман"
            case .storm: return "гроза"
            case .wind: return "ветрено"
            }
        },
        byline: { ($0.count > 1 ? "Авторы: " : "Автор: ") + listed($0, comma: ", ", and: " и ") },
        corrections: "Исправления",
        search: SearchStrings(
            search: "Поиск", results: { "Результаты по запросу «\($1)»: \($0)" }, noResults: { "По запросу «\($0)» ничего не найдено." },
            noResultsHint: "Проверьте написание или попробуйте другие или более общие слова.",
            hint: "Введите слово или фразу в кавычках.",
            shortened: { "Использованы только первые \($0) символов запроса." },
            window: { "Показаны лучшие из \($0) самых новых совпадений; добавьте слово, чтобы уточнить поиск." },
            previous: "Предыдущие результаты", next: "Следующие результаты"),
        describe: DescriptionStrings(
            home: { "\($0): последние новости — \($1)." }, section: { "\($0): последние новости на сайте \($1)." },
            tag: { "Материалы с тегом «\($0)» — \($1)." }, latest: "Последнее: "),
        months: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                 "ноября", "декабря"],
        weekdays: ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
        decimalSeparator: ",", comma: ", ", dateStyle: .dayMonthYear)

    /// Kazakh in Cyrillic script.
    public static let kazakhCyrillic = UIStrings(
        skipToContent: "Мазмұнға өту", mainPage: "Басты бет", latestNews: "Соңғы жаңалықтар", popular: "Көп оқылғандар",
        relatedNews: "Тақырыптас жаңалықтар", tags: "Тегтер", sections: "Айдарлар", language: "Тіл",
        exchangeRates: "Валюта бағамдары", weather: "Ауа райы", contactPhone: "Редакция телефоны", mainSite: "Негізгі сайт",
        published: "Жарияланды", updated: "Жаңартылды", photo: "Фото", tagLabel: "Тег", sectionLabel: "Айдар",
        breadcrumbs: "Сіз осындасыз", previousPage: "Жаңарақ мақалалар", nextPage: "Ертерек мақалалар",
        pageOf: { "\($1) беттің \($0)-беті" }, articleCount: { "\($0) мақала" },
        noArticles: "Мұнда әзірге мақала жоқ.", notFoundHeading: "Бет табылмады",
        notFoundMessage: "Сіз сұраған бет жоқ немесе басқа мекенжайға көшірілген.",
        badRequestHeading: "Қате сұрау", badRequestMessage: "Бұл беттің мекенжайы қате.",
        backToHome: "Басты бетке өту", footerRights: { "© \($0) \($1). Барлық құқықтар қорғалған." },
        trendUp: "өсті", trendDown: "төмендеді", trendUnchanged: "өзгеріссіз",
        condition: { c in
            switch c {
            case .clear: return "ашық"
            case .partlyCloudy: return "аздап бұлтты"
            case .cloudy: return "бұлтты"
            case .rain: return "жаңбыр"
            case .snow: return "қар"
            case .sleet: return "қар аралас жаңбыр"
            case .fog: return "тұман"
            case .storm: return "найзағай"
            case .wind: return "желді"
            }
        },
        byline: { ($0.count > 1 ? "Авторлары: " : "Авторы: ") + listed($0, comma: ", ", and: " және ") },
        corrections: "Түзетулер",
        search: SearchStrings(
            search: "Іздеу", results: { "«\($1)» бойынша табылғаны: \($0)" }, noResults: { "«\($0)» бойынша ештеңе табылмады." },
            noResultsHint: "Жазылуын тексеріңіз немесе басқа сөздермен іздеп көріңіз.",
            hint: "Сөзді немесе тырнақшадағы тіркесті жазыңыз.",
            shortened: { "Сұраудың алғашқы \($0) таңбасы ғана қолданылды." },
            window: { "Ең жаңа \($0) сәйкестіктің үздіктері көрсетілді; іздеуді нақтылау үшін сөз қосыңыз." },
            previous: "Алдыңғы нәтижелер", next: "Келесі нәтижелер"),
        describe: DescriptionStrings(
            home: { "\($0): соңғы жаңалықтар — \($1)." }, section: { "\($0): \($1) сайтындағы соңғы жаңалықтар." },
            tag: { "«\($0)» тегі бар материалдар — \($1)." }, latest: "Соңғысы: "),
        months: ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
                 "қараша", "желтоқсан"],
        weekdays: ["дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі"],
        decimalSeparator: ",", comma: ", ", dateStyle: .dayMonthYear)

    /// Kazakh in Latin script (2021 alphabet).
    public static let kazakhLatin = UIStrings(
        skipToContent: "Mazmūnğa ötu", mainPage: "Basty bet", latestNews: "Soñğy jañalyqtar", popular: "Köp oqylğandar",
        relatedNews: "Taqyryptas jañalyqtar", tags: "Tegter", sections: "Aidarlar", language: "Tıl",
        exchangeRates: "Valiuta bağamdary", weather: "Aua raiy", contactPhone: "Redaksia telefony", mainSite: "Negızgı sait",
        published: "Jariialandy", updated: "Jañartyldy", photo: "Foto", tagLabel: "Teg", sectionLabel: "Aidar",
        breadcrumbs: "Sız osyndasyz", previousPage: "Jañaraq maqalalar", nextPage: "Erterek maqalalar",
        pageOf: { "\($1) bettıñ \($0)-betı" }, articleCount: { "\($0) maqala" },
        noArticles: "Mūnda äzırge maqala joq.", notFoundHeading: "Bet tabylmady",
        notFoundMessage: "Sız sūrağan bet joq nemese basqa mekenjaiğa köşırılgen.",
        badRequestHeading: "Qate sūrau", badRequestMessage: "Būl bettıñ mekenjaiy qate.",
        backToHome: "Basty betke ötu", footerRights: { "© \($0) \($1). Barlyq qūqyqtar qorğalğan." },
        trendUp: "östı", trendDown: "tömendedı", trendUnchanged: "özgerıssız",
        condition: { c in
            switch c {
            case .clear: return "aşyq"
            case .partlyCloudy: return "azdap būltty"
            case .cloudy: return "būltty"
            case .rain: return "jañbyr"
            case .snow: return "qar"
            case .sleet: return "qar aralas jañbyr"
            case .fog: return "tūman"
            case .storm: return "naizağai"
            case .wind: return "jeldı"
            }
        },
        byline: { ($0.count > 1 ? "Avtorlary: " : "Avtory: ") + listed($0, comma: ", ", and: " jäne ") },
        corrections: "Tüzetuler",
        search: SearchStrings(
            search: "İzdeu", results: { "«\($1)» boiynşa tabylğany: \($0)" }, noResults: { "«\($0)» boiynşa eşteñe tabylmady." },
            noResultsHint: "Jazyluyn tekserıñız nemese basqa sözdermen ızdep körıñız.",
            hint: "Sözdı nemese tyrnaqşadağy tırkestı jazyñyz.",
            shortened: { "Sūraudyñ alğaşqy \($0) tañbasy ğana qoldanyldy." },
            window: { "Eñ jaña \($0) säikestıktıñ üzdıkterı körsetıldı; ızdeudı naqtylau üşın söz qosyñyz." },
            previous: "Aldyñğy nätijeler", next: "Kelesı nätijeler"),
        describe: DescriptionStrings(
            home: { "\($0): soñğy jañalyqtar — \($1)." }, section: { "\($0): \($1) saityndağy soñğy jañalyqtar." },
            tag: { "«\($0)» tegı bar materialdar — \($1)." }, latest: "Soñğysy: "),
        months: ["qañtar", "aqpan", "nauryz", "säuır", "mamyr", "mausym", "şılde", "tamyz", "qyrküiek", "qazan",
                 "qaraşa", "jeltoqsan"],
        weekdays: ["düisenbı", "seisenbı", "särsenbı", "beisenbı", "juma", "senbı", "jeksenbı"],
        decimalSeparator: ",", comma: ", ", dateStyle: .dayMonthYear)

    /// Chinese (Simplified).
    public static let chinese = UIStrings(
        skipToContent: "跳到正文", mainPage: "首页", latestNews: "最新消息", popular: "热门",
        relatedNews: "相关新闻", tags: "标签", sections: "栏目", language: "语言",
        exchangeRates: "汇率", weather: "天气", contactPhone: "联系电话", mainSite: "主站",
        published: "发布时间", updated: "更新时间", photo: "摄影", tagLabel: "标签", sectionLabel: "栏目",
        breadcrumbs: "当前位置", previousPage: "较新文章", nextPage: "较早文章",
        pageOf: { "第\($0)页，共\($1)页" }, articleCount: { "共\($0)篇文章" },
        noArticles: "这里还没有文章。", notFoundHeading: "页面未找到",
        notFoundMessage: "您请求的页面不存在或已被移动。",
        badRequestHeading: "请求无效", badRequestMessage: "此页面地址无效。",
        backToHome: "返回首页", footerRights: { "© \($0) \($1)。保留所有权利。" },
        trendUp: "上涨", trendDown: "下跌", trendUnchanged: "持平",
        condition: { c in
            switch c {
            case .clear: return "晴"
            case .partlyCloudy: return "多云间晴"
            case .cloudy: return "多云"
            case .rain: return "雨"
            case .snow: return "雪"
            case .sleet: return "雨夹雪"
            case .fog: return "雾"
            case .storm: return "雷雨"
            case .wind: return "大风"
            }
        },
        byline: { "作者：" + $0.joined(separator: "、") },
        corrections: "更正",
        search: SearchStrings(
            search: "搜索", results: { "“\($1)”的搜索结果：\($0) 条" }, noResults: { "没有找到与“\($0)”相关的文章。" },
            noResultsHint: "请检查拼写，或换用其他或更少的词语。", hint: "请输入词语，或用引号括起的短语。",
            shortened: { "只使用了查询的前 \($0) 个字符。" },
            window: { "显示最新 \($0) 条匹配结果中最相关的；添加词语可缩小范围。" },
            previous: "上一页结果", next: "更多结果"),
        describe: DescriptionStrings(
            home: { "\($0)：最新新闻——\($1)。" }, section: { "\($0)：\($1)最新新闻。" },
            tag: { "\($1)关于“\($0)”的文章。" }, latest: "最新："),
        months: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
        weekdays: ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
        decimalSeparator: ".", comma: "，", dateStyle: .chinese)

    /// Kazakh in Arabic script (töte jazu), right to left.
    public static let kazakhArabic = UIStrings(
        skipToContent: "مازمۇنعا ٴوتۋ", mainPage: "باستى بەت", latestNews: "سوڭعى جاڭالىقتار", popular: "كوپ وقىلعاندار",
        relatedNews: "تاقىرىپتاس جاڭالىقتار", tags: "تەگتەر", sections: "ايدارلار", language: "ٴتىل",
        exchangeRates: "ۆاليۋتا باعامدارى", weather: "اۋا رايى", contactPhone: "رەداكتسيا تەلەفونى", mainSite: "نەگىزگى سايت",
        published: "جاريالاندى", updated: "جاڭارتىلدى", photo: "فوتو", tagLabel: "تەگ", sectionLabel: "ايدار",
        breadcrumbs: "ٴسىز وسىنداسىز", previousPage: "جاڭاراق ماقالالار", nextPage: "ەرتەرەك ماقالالار",
        pageOf: { "\($1) بەتتىڭ \($0)-بەتى" }, articleCount: { "\($0) ماقالا" },
        noArticles: "مۇندا ازىرگە ماقالا جوق.", notFoundHeading: "بەت تابىلمادى",
        notFoundMessage: "ٴسىز سۇراعان بەت جوق نەمەسە باسقا مەكەنجايعا كوشىرىلگەن.",
        badRequestHeading: "قاتە سۇراۋ", badRequestMessage: "بۇل بەتتىڭ مەكەنجايى قاتە.",
        backToHome: "باستى بەتكە ٴوتۋ", footerRights: { "© \($0) \($1). بارلىق قۇقىقتار قورعالعان." },
        trendUp: "ٴوستى", trendDown: "تومەندەدى", trendUnchanged: "وزگەرىسسىز",
        condition: { c in
            switch c {
            case .clear: return "اشىق"
            case .partlyCloudy: return "ازداپ بۇلتتى"
            case .cloudy: return "بۇلتتى"
            case .rain: return "جاڭبىر"
            case .snow: return "قار"
            case .sleet: return "قار ارالاس جاڭبىر"
            case .fog: return "تۇمان"
            case .storm: return "نايزاعاي"
            case .wind: return "جەلدى"
            }
        },
        byline: { ($0.count > 1 ? "اۆتورلارى: " : "اۆتورى: ") + listed($0, comma: "، ", and: " جانە ") },
        corrections: "تٷزەتۋلەر",
        search: SearchStrings(
            search: "ىزدەۋ", results: { "«\($1)» بويىنشا تابىلعانى: \($0)" }, noResults: { "«\($0)» بويىنشا ەشتەڭە تابىلمادى." },
            noResultsHint: "جازىلۋىن تەكسەرىڭىز نەمەسە باسقا سوزدەرمەن ىزدەپ ٴكورىڭىز.",
            hint: "ٴسوزدى نەمەسە تىرناقشاداعى تىركەستى جازىڭىز.",
            shortened: { "سۇراۋدىڭ العاشقى \($0) تاڭباسى عانا قولدانىلدى." },
            window: { "ەڭ جاڭا \($0) سايكەستىكتىڭ ٷزدىكتەرى كورسەتىلدى؛ ىزدەۋدى ناقتىلاۋ ٷشىن ٴسوز قوسىڭىز." },
            previous: "الدىڭعى ناتيجەلەر", next: "كەلەسى ناتيجەلەر"),
        describe: DescriptionStrings(
            home: { "\($0): سوڭعى جاڭالىقتار — \($1)." }, section: { "\($0): \($1) سايتىنداعى سوڭعى جاڭالىقتار." },
            tag: { "«\($0)» تەگى بار ماتەريالدار — \($1)." }, latest: "سوڭعىسى: "),
        months: ["قاڭتار", "اقپان", "ناۋرىز", "ٴساۋىر", "مامىر", "ماۋسىم", "شىلدە", "تامىز", "قىركۇيەك", "قازان",
                 "قاراشا", "جەلتوقسان"],
        weekdays: ["دۇيسەنبى", "سەيسەنبى", "سارسەنبى", "بەيسەنبى", "جۇما", "سەنبى", "جەكسەنبى"],
        decimalSeparator: ",", comma: "، ", dateStyle: .dayMonthYear)

    /// Uzbek in Cyrillic script.
    public static let uzbekCyrillic = UIStrings(
        skipToContent: "Асосий матнга ўтиш", mainPage: "Бош саҳифа", latestNews: "Сўнгги янгиликлар", popular: "Оммабоп",
        relatedNews: "Мавзуга оид янгиликлар", tags: "Теглар", sections: "Рукнлар", language: "Тил",
        exchangeRates: "Валюта курслари", weather: "Об-ҳаво", contactPhone: "Таҳририят телефони", mainSite: "Асосий сайт",
        published: "Эълон қилинди", updated: "Янгиланди", photo: "Сурат", tagLabel: "Тег", sectionLabel: "Рукн",
        breadcrumbs: "Сиз шу ердасиз", previousPage: "Янгироқ мақолалар", nextPage: "Олдинги мақолалар",
        pageOf: { "\($1) саҳифадан \($0)-саҳифа" }, articleCount: { "\($0) та мақола" },
        noArticles: "Бу ерда ҳозирча мақола йўқ.", notFoundHeading: "Саҳифа топилмади",
        notFoundMessage: "Сиз сўраган саҳифа мавжуд эмас ёки кўчирилган.",
        badRequestHeading: "Нотўғри сўров", badRequestMessage: "Бу саҳифанинг манзили нотўғри.",
        backToHome: "Бош саҳифага ўтиш", footerRights: { "© \($0) \($1). Барча ҳуқуқлар ҳимояланган." },
        trendUp: "ошди", trendDown: "пасайди", trendUnchanged: "ўзгаришсиз",
        condition: { c in
            switch c {
            case .clear: return "очиқ ҳаво"
            case .partlyCloudy: return "қисман булутли"
            case .cloudy: return "булутли"
            case .rain: return "ёмғир"
            case .snow: return "қор"
            case .sleet: return "қор аралаш ёмғир"
            case .fog: return "туман"
            case .storm: return "момақалдироқ"
            case .wind: return "шамолли"
            }
        },
        byline: { ($0.count > 1 ? "Муаллифлар: " : "Муаллиф: ") + listed($0, comma: ", ", and: " ва ") },
        corrections: "Тузатишлар",
        search: SearchStrings(
            search: "Қидириш", results: { "«\($1)» бўйича топилди: \($0)" }, noResults: { "«\($0)» бўйича ҳеч нарса топилмади." },
            noResultsHint: "Имлосини текширинг ёки бошқа сўзлар билан қидириб кўринг.",
            hint: "Сўз ёки қўштирноқ ичидаги иборани киритинг.",
            shortened: { "Сўровнинг фақат дастлабки \($0) та белгиси ишлатилди." },
            window: { "Энг янги \($0) та мослик ичидан энг яхшилари кўрсатилди; қидирувни аниқлаштириш учун сўз қўшинг." },
            previous: "Олдинги натижалар", next: "Кейинги натижалар"),
        describe: DescriptionStrings(
            home: { "\($0): сўнгги янгиликлар — \($1)." }, section: { "\($0): \($1) сайтидаги сўнгги янгиликлар." },
            tag: { "«\($0)» тегли мақолалар — \($1)." }, latest: "Сўнггиси: "),
        months: ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
                 "ноябрь", "декабрь"],
        weekdays: ["душанба", "сешанба", "чоршанба", "пайшанба", "жума", "шанба", "якшанба"],
        decimalSeparator: ",", comma: ", ", dateStyle: .dayMonthYear)
}
